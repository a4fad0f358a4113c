"""Channel management system: the hall master list (渠道网点基础信息).

An .xlsx as the provincial channel department sends it: a 填写说明 instruction sheet
first (text only), then the list under a merged title row and an export-info row, star
levels written as 五星 / 5星 / ★★★★ / NA / 待定, opening dates as Excel dates and as
2012/1/18, 2019年5月1日, 2018.03.15, '-'; one counter count in full-width digits; notes
rows (注：…, 制表人：…) below the data. Hall codes are text with leading zeros.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from ._common import Check, FileExpect, Sheet, columns, header_words, put

FILE = "渠道网点基础信息_20261130.xlsx"

HEADERS = [
    ("序号", None), ("网点编码", "hall_code"), ("网点名称", "hall_name"), ("所属区域", "region"),
    ("地市", "city"), ("区县", "district"), ("网点类型", "hall_type"), ("星级", "star_level"),
    ("开业时间", "opened_on"), ("受理台席数", "counters"), ("自助终端数", "self_service_terminals"),
    ("备注", None),
]

ROWS = [
    [1, "020001", "广州天河城营业厅", "珠三角", "广州市", "天河区", "旗舰店", "五星", date(2015, 9, 28), 16, 8, ""],
    [2, "020002", "广州北京路营业厅", "珠三角", "广州市", "越秀区", "旗舰店", "5星", "2012/1/18", 14, 6,
     "2026年7月升级改造"],
    [3, "020003", "广州番禺市桥营业厅", "珠三角", "广州市", "番禺区", "标准店", "★★★★", "2019年5月1日", "１２", 4, ""],
    [4, "020004", "广州白云新市营业厅", "珠三角", "广州市", "白云区", "标准店", "三星", "2018.03.15", 10, 4, ""],
    [5, "020005", "广州黄埔大沙地营业厅", "珠三角", "广州市", "黄埔区", "社区店", "NA", "2016-11-11", 6, 2, "星级复评中"],
    [6, "020006", "广州大学城营业厅", "珠三角", "广州市", "番禺区", "校园店", "四星", "-", 5, 3, "开业日期待核实"],
    [7, "075501", "深圳华强北营业厅", "珠三角", "深圳市", "福田区", "旗舰店", "五星", date(2010, 6, 1), 20, 10, ""],
    [8, "075502", "深圳南山科技园营业厅", "珠三角", "深圳市", "南山区", "标准店", "待定", "2023-12-08", 8, "-", "新开厅"],
    [9, "075401", "汕头金平营业厅", "粤东", "汕头市", "金平区", "标准店", "三星", "2017/8/8", 9, 3, ""],
]

# The halls every other file of the corpus refers to (code -> name).
HALLS = {row[1]: row[2] for row in ROWS}


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    info = wb.active
    info.title = "填写说明"
    put(info, 1, "A", [["填写说明"],
                       ["1. 网点编码为6位，不足6位的前补0，请勿改为数值格式；"],
                       ["2. 星级按省公司年度评定结果填写（五星、四星、三星），未评定填“待定”；"],
                       ["3. 开业时间请按“年-月-日”填写；"],
                       ["4. 本表每月30日前报送渠道管理部。"]])
    ws = wb.create_sheet("网点清单")
    last = "L"
    put(ws, 1, "A", [["广东公司渠道网点基础信息表（2026年11月）"]])
    ws.merge_cells(f"A1:{last}1")
    put(ws, 2, "A", [["数据截止：2026-11-30　导出部门：渠道管理部"]])
    ws.merge_cells(f"A2:{last}2")
    put(ws, 3, "A", [header_words(HEADERS)])
    put(ws, 4, "A", ROWS)
    put(ws, 4 + len(ROWS) + 1, "A", [["注：星级为2026年度评定结果，“待定”表示尚未评定。"],
                                      ["制表人：王芳　审核人：陈刚"]])
    path = directory / FILE
    wb.save(path)
    return [path]


EXPECTED = [
    FileExpect(
        system="hall_master", name=FILE, run="main",
        exercises="halls list with an instruction sheet, title rows, 五星/5星/★★★★ stars, NA/待定/'-' kept as NULL, "
                  "mixed date forms, full-width digits; given LAST on the command line",
        sheets=[Sheet("网点清单", "halls", columns(HEADERS), accepted=9, rejected=0, header_row=3)],
        ignored_sheets={"填写说明": "instruction sheet, text only"},
        checks=[
            Check("halls", "020001", {"hall_name": "广州天河城营业厅", "region": "珠三角", "city": "广州市",
                                      "district": "天河区", "hall_type": "旗舰店", "star_level": 5,
                                      "opened_on": date(2015, 9, 28), "counters": 16, "self_service_terminals": 8}),
            Check("halls", "020002", {"star_level": 5, "opened_on": date(2012, 1, 18)}, note="'5星', '2012/1/18'"),
            Check("halls", "020003", {"star_level": 4, "opened_on": date(2019, 5, 1), "counters": 12},
                  note="'★★★★', '2019年5月1日', full-width '１２'"),
            Check("halls", "020004", {"star_level": 3, "opened_on": date(2018, 3, 15)}, note="'2018.03.15'"),
            Check("halls", "020005", {"star_level": None, "opened_on": date(2016, 11, 11), "hall_type": "社区店"},
                  note="star 'NA' -> NULL, row kept"),
            Check("halls", "020006", {"star_level": 4, "opened_on": None, "counters": 5},
                  note="opened '-' -> NULL, row kept"),
            Check("halls", "075501", {"star_level": 5, "opened_on": date(2010, 6, 1), "counters": 20}),
            Check("halls", "075502", {"star_level": None, "self_service_terminals": None,
                                      "opened_on": date(2023, 12, 8)}, note="'待定' and '-' -> NULL"),
            Check("halls", "075401", {"region": "粤东", "city": "汕头市", "star_level": 3,
                                      "opened_on": date(2017, 8, 8)}),
        ],
    )
]

