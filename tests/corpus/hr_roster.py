"""HR: the halls' staff roster (人员花名册, .xlsx kept by the area office) and the HR
system's movements export (人员异动明细, GBK CSV).

The roster names each person's hall by NAME only (所属营业厅), writes 在职 / 试用期 / 离职,
and mixes Excel dates with 2019/7/15, 2024年3月1日, 2018.03.01; it carries columns no
staff field holds (性别, 用工性质, 联系电话). The HR export calls halls 组织编码 / 组织名称,
has a movement type and date besides the status, and one row that left before it was
hired (rejected: a true contradiction).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from ._common import Absent, Check, FileExpect, Sheet, columns, header_words, put, text_bytes, write as write_bytes

ROSTER = "人员花名册_2026年11月.xlsx"
MOVES = "HR系统人员异动明细.csv"

ROSTER_HEADERS = [
    ("序号", None), ("员工编号", "staff_id"), ("姓名", "staff_name"), ("性别", None), ("所属营业厅", "hall_name"),
    ("岗位", "role"), ("用工性质", None), ("入职日期", "hired_on"), ("人员状态", "status"), ("离职日期", "left_on"),
    ("联系电话", None),
]
ROSTER_ROWS = [
    [1, "GZ1001", "李娜", "女", "广州天河城营业厅", "厅经理", "合同制", date(2015, 10, 8), "在职", "", "138****0001"],
    [2, "GZ1002", "陈伟", "男", "广州天河城营业厅", "营业员", "合同制", "2019/7/15", "在职", "", "139****1102"],
    [3, "GZ1003", "黄晓敏", "女", "广州天河城营业厅", "营业员", "劳务派遣", "2024年3月1日", "试用期", "", "137****2203"],
    [4, "GZ1004", "周杰", "男", "广州北京路营业厅", "值班长", "合同制", "2018.03.01", "在职", "", "136****3304"],
    [5, "GZ1005", "吴婷", "女", "广州北京路营业厅", "营业员", "劳务派遣", "2021-06-18", "离职", "2026-09-30", "135****4405"],
    [6, "GZ1006", "郑浩", "男", "广州番禺市桥营业厅", "营业员", "合同制", date(2020, 4, 1), "在职", "", "158****5506"],
    [7, "GZ1007", "林静", "女", "广州番禺市桥营业厅", "厅经理", "合同制", "2019-05-01", "在职", "", "159****6607"],
    [8, "GZ1008", "何丽", "女", "广州白云新市营业厅", "营业员", "劳务派遣", "2022/9/1", "在职", "", "188****7708"],
    [9, "GZ1009", "罗强", "男", "广州黄埔大沙地营业厅", "营业员", "合同制", "2017年4月10日", "在职", "", "187****8809"],
    [10, "GZ1010", "梁燕", "女", "广州大学城营业厅", "营业员", "劳务派遣", "2025.09.01", "在职", "", "186****9910"],
    [11, "SZ2001", "张磊", "男", "深圳华强北营业厅", "厅经理", "合同制", "2011-03-21", "在职", "", "134****0011"],
    [12, "SZ2002", "刘洋", "男", "深圳南山科技园营业厅", "营业员", "合同制", "2023/12/1", "在职", "", "133****1112"],
    [13, "ST3001", "蔡晓东", "男", "汕头金平营业厅", "营业员", "合同制", "2018-08-20", "在职", "", "189****2213"],
]

MOVES_HEADERS = [
    ("人员编码", "staff_id"), ("人员姓名", "staff_name"), ("组织编码", "hall_code"), ("组织名称", "hall_name"),
    ("岗位名称", "role"), ("入职时间", "hired_on"), ("离职时间", "left_on"), ("员工状态", "status"),
    ("异动类型", None), ("异动日期", None),
]
MOVES_ROWS = [
    ["GZ1011", "赵敏", "020004", "广州白云新市营业厅", "营业员", "2022-02-14", "2026-10-31", "离职", "离职", "2026-10-31"],
    ["GZ1012", "孙悦", "020003", "广州番禺市桥营业厅", "营业员", "2023-07-01", "", "在职", "调入", "2026-11-01"],
    ["GZ1013", "钱程", "020005", "广州黄埔大沙地营业厅", "营业员", "2025-03-10", "2024-12-31", "离职", "离职",
     "2024-12-31"],
    ["SZ2003", "冯雪", "075501", "深圳华强北营业厅", "值班长", "2020-08-01", "", "在职", "晋升", "2026-11-15"],
    ["GZ1014", "徐涛", "020006", "广州大学城营业厅", "营业员", "2026/11/2", "", "试用期", "入职", "2026/11/2"],
]


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "在册人员"
    put(ws, 1, "A", [["广州、深圳、汕头营业厅人员花名册（截至2026-11-30）"]])
    ws.merge_cells("A1:K1")
    put(ws, 2, "A", [header_words(ROSTER_HEADERS)])
    put(ws, 3, "A", ROSTER_ROWS)
    put(ws, 3 + len(ROSTER_ROWS) + 1, "A", [["注：人员状态以HR系统为准，每月更新一次。"]])
    roster = directory / ROSTER
    wb.save(roster)
    moves = write_bytes(directory / MOVES,
                        text_bytes([header_words(MOVES_HEADERS), *MOVES_ROWS], encoding="gbk"))
    return [roster, moves]


EXPECTED = [
    FileExpect(
        system="hr_roster", name=ROSTER, run="main", tag="roster",
        exercises="staff naming halls by name only; 在职/试用期/离职; mixed date forms; unrelated columns",
        sheets=[Sheet("在册人员", "staff", columns(ROSTER_HEADERS), accepted=13, rejected=0, header_row=2)],
        checks=[
            Check("staff", "GZ1001", {"staff_name": "李娜", "hall_code": "020001", "role": "厅经理",
                                      "hired_on": date(2015, 10, 8), "status": "active", "left_on": None}),
            Check("staff", "GZ1002", {"hired_on": date(2019, 7, 15), "hall_code": "020001"}),
            Check("staff", "GZ1003", {"status": "active", "hired_on": date(2024, 3, 1)}, note="试用期 -> active"),
            Check("staff", "GZ1004", {"hall_code": "020002", "hired_on": date(2018, 3, 1), "role": "值班长"}),
            Check("staff", "GZ1005", {"status": "left", "left_on": date(2026, 9, 30), "hired_on": date(2021, 6, 18)}),
            Check("staff", "GZ1009", {"hall_code": "020005", "hired_on": date(2017, 4, 10)}),
            Check("staff", "SZ2002", {"hall_code": "075502", "hired_on": date(2023, 12, 1)}),
            Check("staff", "ST3001", {"hall_code": "075401"}),
        ],
    ),
    FileExpect(
        system="hr_roster", name=MOVES, run="main", tag="moves",
        exercises="GBK CSV from the HR system: 组织编码/组织名称 as the hall, status vs movement type, "
                  "one row left before hired",
        sheets=[Sheet(None, "staff", columns(MOVES_HEADERS), accepted=4, rejected=1,
                      rejected_rows={4: "离职时间 2024-12-31 before 入职时间 2025-03-10"})],
        checks=[
            Check("staff", "GZ1011", {"status": "left", "left_on": date(2026, 10, 31), "hall_code": "020004",
                                      "hired_on": date(2022, 2, 14)}),
            Check("staff", "GZ1012", {"status": "active", "left_on": None, "hall_code": "020003"}),
            Check("staff", "SZ2003", {"role": "值班长", "hall_code": "075501", "status": "active"}),
            Check("staff", "GZ1014", {"status": "active", "hired_on": date(2026, 11, 2), "hall_code": "020006"}),
        ],
        absent=[Absent("staff", "GZ1013", "left before hired")],
        text=("gbk", ","),
    ),
]
