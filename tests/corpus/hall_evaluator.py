"""Counter evaluator devices (评价器): the four-button pad at each counter, exported by the
device management backend as UTF-8 CSV without BOM.

The score header declares a 4-point scale ('服务评价(1-4分)'); dates are dd-mm-yy with
two-digit years ('03-11-26' is 3 Nov 2026: the column holds '19-11-26' and '25-11-26', so
day-first); no response id (rows are found by hall, day and staff). One pad not assigned
to a hall exports rows with no hall and no staff: rejected (hall is required).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ._common import Check, FileExpect, Sheet, columns, header_words, text_bytes, write as write_bytes

FILE = "评价器数据导出_202611.csv"

HEADERS = [
    ("设备编号", None), ("营业厅编码", "hall_code"), ("营业厅名称", "hall_name"), ("窗口号", None),
    ("员工工号", "staff_id"), ("评价日期", "answered_at"), ("服务评价(1-4分)", "score"),
]
ROWS = [
    ["PJQ-0201-01", "020001", "广州天河城营业厅", "3号窗", "GZ1002", "03-11-26", "4"],
    ["PJQ-0201-02", "020001", "广州天河城营业厅", "5号窗", "GZ1003", "05-11-26", "3"],
    ["PJQ-0202-01", "020002", "广州北京路营业厅", "1号窗", "GZ1004", "12-11-26", "2"],
    ["PJQ-0203-01", "020003", "广州番禺市桥营业厅", "2号窗", "GZ1006", "19-11-26", "1"],
    ["PJQ-0203-02", "020003", "广州番禺市桥营业厅", "4号窗", "GZ1007", "25-11-26", "4"],
    ["PJQ-0299-01", "", "", "1号窗", "", "26-11-26", "3"],
    ["PJQ-0205-01", "020005", "广州黄埔大沙地营业厅", "1号窗", "GZ1009", "27-11-26", "3"],
    ["PJQ-7551-01", "075501", "深圳华强北营业厅", "8号窗", "SZ2001", "28-11-26", "4"],
]

_WHERE = "hall_code = ? AND answered_at = ?"

EXPECTED = [
    FileExpect(
        system="hall_evaluator", name=FILE, run="main",
        exercises="UTF-8 CSV (no BOM); 4-point scale from '(1-4分)'; dd-mm-yy two-digit years decided per column; "
                  "no response id; a row without hall rejected",
        sheets=[Sheet(None, "surveys", columns(HEADERS), accepted=7, rejected=1,
                      rejected_rows={7: "no hall code, hall name or staff"})],
        text=("utf-8", ","),
        checks=[
            Check("surveys", where=_WHERE, params=("020001", datetime(2026, 11, 3)),
                  values={"staff_id": "GZ1002", "scale": "four", "score": 4, "score_100": 100, "top_box": True}),
            Check("surveys", where=_WHERE, params=("020001", datetime(2026, 11, 5)),
                  values={"score": 3, "score_100": 200 / 3, "top_box": True}),
            Check("surveys", where=_WHERE, params=("020002", datetime(2026, 11, 12)),
                  values={"score": 2, "score_100": 100 / 3, "top_box": False}, note="'12-11-26' is 12 Nov, day-first"),
            Check("surveys", where=_WHERE, params=("020003", datetime(2026, 11, 19)),
                  values={"score": 1, "score_100": 0, "top_box": False, "staff_id": "GZ1006"}),
            Check("surveys", where=_WHERE, params=("075501", datetime(2026, 11, 28)), values={"score": 4}),
        ],
    )
]


def write(directory: Path) -> list[Path]:
    return [write_bytes(directory / FILE, text_bytes([header_words(HEADERS), *ROWS], encoding="utf-8"))]
