"""Training ledger (员工培训台账) kept by the area's training administrator in .xlsx.

No hall column: each record's hall comes from the staff list. Scores 88, '92', '85%'
(85 of 100), blank; 是否合格 written 合格 / 不合格 / 通过 / 未通过 / Y / 是 or left empty
(then score ≥ 60 decides, and no score leaves it unknown); dates 2026年10月15日,
2026.11.03, 2026/11/17, Excel dates; a full-width hours figure; lecturer and venue
columns no field holds; a 制表人 line below.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from ._common import Check, FileExpect, Sheet, columns, header_words, put

FILE = "员工培训台账_2026Q4.xlsx"

HEADERS = [
    ("序号", None), ("工号", "staff_id"), ("姓名", "staff_name"), ("培训项目", "course"), ("培训类型", "course_type"),
    ("培训日期", "trained_on"), ("培训学时", "hours"), ("考核成绩", "score"), ("是否合格", "passed"),
    ("参训人数", "class_size"), ("培训讲师", None), ("培训地点", None),
]
ROWS = [
    [1, "GZ1001", "李娜", "厅经理管理能力提升", "管理类", "2026年10月15日", 8, 88, "合格", 30, "王建国", "省公司培训中心"],
    [2, "GZ1002", "陈伟", "5G业务知识", "业务类", "2026.11.03", 2, "92", "通过", 25, "李敏", "天河城营业厅"],
    [3, "GZ1003", "黄晓敏", "5G业务知识", "业务类", "2026.11.03", 2, "85%", "", 25, "李敏", "天河城营业厅"],
    [4, "GZ1003", "黄晓敏", "服务礼仪", "服务类", date(2026, 11, 10), 1.5, 55, "不合格", 18, "赵丽", "线上"],
    [5, "GZ1004", "周杰", "服务礼仪", "服务类", date(2026, 11, 10), 1.5, 45, "", 18, "赵丽", "线上"],
    [6, "GZ1006", "郑浩", "携号转网政策解读", "政策类", "2026/11/17", "４", 78, "Y", 40, "孙涛", "番禺分公司"],
    [7, "GZ1007", "林静", "携号转网政策解读", "政策类", "2026/11/17", 4, "", "未通过", 40, "孙涛", "番禺分公司"],
    [8, "GZ1008", "何丽", "反诈宣传", "合规类", "2026-11-20", 1, "", "", 60, "公安民警", "线上"],
    [9, "GZ1009", "罗强", "反诈宣传", "合规类", "2026-11-20", 1, 100, "是", 60, "公安民警", "线上"],
    [10, "GZ1010", "梁燕", "校园营销技巧", "营销类", "2026年11月21日", 3, 67, "通过", 12, "周楠", "大学城营业厅"],
    [11, "SZ2001", "张磊", "厅经理管理能力提升", "管理类", "2026年10月15日", 8, 91, "合格", 30, "王建国", "省公司培训中心"],
    [12, "ST3001", "蔡晓东", "5G业务知识", "业务类", date(2026, 11, 24), 2, "60", "", 20, "李敏", "线上"],
]


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "培训记录"
    put(ws, 1, "A", [header_words(HEADERS), *ROWS])
    put(ws, len(ROWS) + 3, "A", [["制表人：培训管理员　2026-11-30"]])
    path = directory / FILE
    wb.save(path)
    return [path]


_WHERE = "staff_id = ? AND course = ? AND trained_on = ?"

EXPECTED = [
    FileExpect(
        system="training_ledger", name=FILE, run="main",
        exercises="training without a hall column (hall from the staff list); '85%' score; 合格/不合格/通过/未通过/Y/是 "
                  "and empty passed (score ≥ 60 decides); Chinese and dotted dates",
        sheets=[Sheet("培训记录", "training", columns(HEADERS), accepted=12, rejected=0)],
        checks=[
            Check("training", where=_WHERE, params=("GZ1001", "厅经理管理能力提升", date(2026, 10, 15)),
                  values={"staff_name": "李娜", "hall_code": "020001", "course_type": "管理类", "hours": 8,
                          "score": 88, "passed": True, "class_size": 30}),
            Check("training", where=_WHERE, params=("GZ1002", "5G业务知识", date(2026, 11, 3)),
                  values={"score": 92, "passed": True}),
            Check("training", where=_WHERE, params=("GZ1003", "5G业务知识", date(2026, 11, 3)),
                  values={"score": 85, "passed": True, "hall_code": "020001"}, note="'85%' -> 85; empty passed, 85 ≥ 60"),
            Check("training", where=_WHERE, params=("GZ1003", "服务礼仪", date(2026, 11, 10)),
                  values={"score": 55, "passed": False, "hours": 1.5}),
            Check("training", where=_WHERE, params=("GZ1004", "服务礼仪", date(2026, 11, 10)),
                  values={"score": 45, "passed": False, "hall_code": "020002"}, note="empty passed, 45 < 60"),
            Check("training", where=_WHERE, params=("GZ1006", "携号转网政策解读", date(2026, 11, 17)),
                  values={"hours": 4, "passed": True, "hall_code": "020003"}),
            Check("training", where=_WHERE, params=("GZ1007", "携号转网政策解读", date(2026, 11, 17)),
                  values={"score": None, "passed": False}),
            Check("training", where=_WHERE, params=("GZ1008", "反诈宣传", date(2026, 11, 20)),
                  values={"score": None, "passed": None, "hall_code": "020004"}),
            Check("training", where=_WHERE, params=("GZ1010", "校园营销技巧", date(2026, 11, 21)),
                  values={"score": 67, "passed": True, "hall_code": "020006"}),
            Check("training", where=_WHERE, params=("ST3001", "5G业务知识", date(2026, 11, 24)),
                  values={"score": 60, "passed": True, "hall_code": "075401"}, note="empty passed, 60 ≥ 60"),
        ],
    )
]
