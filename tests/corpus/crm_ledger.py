"""CRM / sales ledger: each hall's marketing acceptance ledger (营销受理台账), one row per
customer contact, as exported by the CRM to .xlsx.

Offset: the title rows and the table start at column C, the header is on row 4 and data
from row 5; a 合计 totals row and a 注：notes row close it. Hall codes were typed as
numbers by someone (20001 for 020001, 75501 for 075501; one still text): restored from
the halls list. 业务类型 here is the product category; outcomes 办理成功 / 成功 / 有意向 /
意向 / 失败 / 拒绝; revenue '¥1,280.00', '1.2万', full-width '３０', '１２８０', empty (0).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ._common import Check, FileExpect, Sheet, columns, header_words, put

FILE = "营销受理台账_2026年11月.xlsx"

HEADERS = [
    ("受理流水号", "record_id"), ("受理时间", "sold_at"), ("厅店编码", "hall_code"), ("厅店名称", "hall_name"),
    ("受理工号", "staff_id"), ("营销活动", "activity_type"), ("业务类型", "product_category"),
    ("产品名称", "product_name"), ("办理结果", "outcome"), ("营业收入(元)", "revenue"), ("备注", None),
]
ROWS = [
    ["YX2026110001", datetime(2026, 11, 2, 10, 5), 20001, "广州天河城营业厅", "GZ1002", "存费送机", "终端",
     "华为Mate 70", "办理成功", "¥1,280.00", ""],
    ["YX2026110002", datetime(2026, 11, 2, 11, 30), "020001", "广州天河城营业厅", "GZ1003", "5G升级季", "套餐",
     "5G畅享128元套餐", "有意向", "", "客户回去考虑"],
    ["YX2026110003", "2026-11-03 02:05 PM", 20002, "广州北京路营业厅", "GZ1004", "宽带提速季", "宽带", "千兆宽带升级",
     "成功", 360, ""],
    ["YX2026110004", datetime(2026, 11, 3, 15, 0), 20002, "广州北京路营业厅", "GZ1004", "宽带提速季", "宽带",
     "千兆宽带升级", "拒绝", "", "嫌贵"],
    ["YX2026110005", datetime(2026, 11, 4, 9, 40), 20003, "广州番禺市桥营业厅", "GZ1006", "政企专线推广", "政企",
     "企业专线100M", "办理成功", "1.2万", "年付"],
    ["YX2026110006", datetime(2026, 11, 4, 10, 15), 20003, "广州番禺市桥营业厅", "GZ1007", "存费送机", "终端",
     "iPhone 17", "意向", 0, ""],
    ["YX2026110007", datetime(2026, 11, 5, 16, 20), 20004, "广州白云新市营业厅", "GZ1008", "流量包推荐", "流量包",
     "30GB加油包", "成功", "３０", ""],
    ["YX2026110008", datetime(2026, 11, 6, 11, 0), 20005, "广州黄埔大沙地营业厅", "GZ1009", "流量包推荐", "流量包",
     "10GB加油包", "失败", "", ""],
    ["YX2026110009", datetime(2026, 11, 6, 14, 45), 20006, "广州大学城营业厅", "GZ1010", "校园迎新", "套餐",
     "动感地带校园卡", "办理成功", 29, ""],
    ["YX2026110010", datetime(2026, 11, 7, 10, 10), 75501, "深圳华强北营业厅", "SZ2001", "存费送机", "终端",
     "华为Mate 70", "办理成功", "¥6,999.00", ""],
    ["YX2026110011", datetime(2026, 11, 7, 15, 30), 75502, "深圳南山科技园营业厅", "SZ2002", "5G升级季", "套餐",
     "5G畅享198元套餐", "有意向", "", ""],
    ["YX2026110012", datetime(2026, 11, 8, 9, 50), 75401, "汕头金平营业厅", "ST3001", "宽带提速季", "宽带",
     "500M宽带新装", "办理成功", "１２８０", ""],
]
TOTAL = 1280 + 360 + 12000 + 30 + 29 + 6999 + 1280


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "受理明细"
    put(ws, 1, "C", [["2026年11月营业厅营销受理台账"]])
    ws.merge_cells("C1:M1")
    put(ws, 2, "C", [["数据来源：CRM系统　导出时间：2026-11-30 23:10"]])
    ws.merge_cells("C2:M2")
    put(ws, 4, "C", [header_words(HEADERS), *ROWS])
    put(ws, 5 + len(ROWS), "C", [["合计", None, None, None, None, None, None, None, None, TOTAL, None],
                                 ["注：营业收入为含税金额，单位：元。"]])
    path = directory / FILE
    wb.save(path)
    return [path]


EXPECTED = [
    FileExpect(
        system="crm_ledger", name=FILE, run="main",
        exercises="contact rows offset to C4; numeric hall codes restored (20003 -> 020003); 业务类型 = product "
                  "category; Chinese outcomes; ¥/万/full-width revenue; 合计 and 注 rows",
        sheets=[Sheet("受理明细", "sales", columns(HEADERS, first="C"), accepted=12, rejected=0,
                      header_row=4)],
        checks=[
            Check("sales", "YX2026110001", {"sold_at": datetime(2026, 11, 2, 10, 5), "hall_code": "020001",
                                            "staff_id": "GZ1002", "activity_type": "存费送机",
                                            "product_category": "终端", "product_name": "华为Mate 70",
                                            "outcome": "converted", "contacts": 1, "interested": 1, "converted": 1,
                                            "revenue": 1280}),
            Check("sales", "YX2026110002", {"outcome": "interested", "contacts": 1, "interested": 1, "converted": 0,
                                            "revenue": 0}),
            Check("sales", "YX2026110003", {"sold_at": datetime(2026, 11, 3, 14, 5), "hall_code": "020002",
                                            "outcome": "converted", "revenue": 360}),
            Check("sales", "YX2026110004", {"outcome": "failed", "contacts": 1, "interested": 0, "converted": 0,
                                            "revenue": 0}),
            Check("sales", "YX2026110005", {"hall_code": "020003", "product_category": "政企", "revenue": 12000}),
            Check("sales", "YX2026110006", {"outcome": "interested", "converted": 0}),
            Check("sales", "YX2026110007", {"revenue": 30, "hall_code": "020004"}),
            Check("sales", "YX2026110008", {"outcome": "failed", "revenue": 0}),
            Check("sales", "YX2026110010", {"hall_code": "075501", "revenue": 6999}),
            Check("sales", "YX2026110012", {"hall_code": "075401", "revenue": 1280}),
        ],
    )
]
