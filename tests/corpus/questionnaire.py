"""A web questionnaire tool (问卷星-style) export of a one-off hall experience survey.

Headers are the questions themselves ('3、您对本次服务的总体满意度（1-7分）'), after the
tool's own columns (序号, 提交答卷时间, 所用时间, 来源, 来自IP); skipped answers are written
'(空)'; the hall is a chosen name. A 7-point scale is declared by the question's unit.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ._common import Check, FileExpect, Sheet, columns, header_words, put

FILE = "问卷星_营业厅服务体验调研_导出.xlsx"

HEADERS = [
    ("序号", ("response_id", None)), ("提交答卷时间", "answered_at"), ("所用时间", None), ("来源", ("channel", None)),
    ("来自IP", None), ("1、您本次办理业务的营业厅是：", "hall_name"), ("2、您本次办理的业务是：", "business_type"),
    ("3、您对本次服务的总体满意度（1-7分）", "score"), ("4、您对营业厅环境的满意度（1-7分）", "dim_environment"),
    ("5、您对营业员服务态度的满意度（1-7分）", "dim_attitude"), ("6、您大约等候了多少分钟？", "wait_minutes"),
    ("7、您对我们还有什么意见或建议？", "comment"),
]
ROWS = [
    [1, "2026/11/12 19:35:07", "85秒", "微信", "113.108.21.5(广东-广州)", "广州天河城营业厅", "话费充值", 7, 6, 7, 5, "(空)"],
    [2, "2026/11/13 08:02:44", "120秒", "手机提交", "120.229.7.88(广东-广州)", "广州北京路营业厅", "宽带新装", 6, 6, 5, 10,
     "希望延长营业时间"],
    [3, "2026/11/13 21:17:30", "64秒", "微信", "183.6.90.12(广东-广州)", "广州番禺市桥营业厅", "终端购买", 4, 5, 4, 20, "(空)"],
    [4, "2026/11/14 12:00:01", "203秒", "链接", "14.145.3.77(广东-广州)", "广州大学城营业厅", "校园卡办理", 1, 2, 1, "不清楚",
     "态度很差"],
    [5, "2026/11/15 10:30:00", "95秒", "微信", "119.123.44.2(广东-深圳)", "深圳华强北营业厅", "国际漫游开通", 7, 7, 7, 3, "(空)"],
    [6, "2026/11/15 14:45:12", "77秒", "微信", "58.60.1.9(广东-深圳)", "深圳南山科技园营业厅", "5G套餐变更", 5, 4, 6, "(空)",
     "(空)"],
    [7, "2026/11/16 09:12:40", "150秒", "手机提交", "113.96.8.30(广东-汕头)", "汕头金平营业厅", "话费充值", 3, 3, 3, 15, "(空)"],
    [8, "2026/11/16 16:08:05", "88秒", "微信", "183.6.90.40(广东-广州)", "广州白云新市营业厅", "话费充值", 6, 7, 6, 8, "(空)"],
]


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "营业厅服务体验调研"
    put(ws, 1, "A", [header_words(HEADERS), *ROWS])
    path = directory / FILE
    wb.save(path)
    return [path]


_WHERE = "hall_code = ? AND answered_at = ?"

EXPECTED = [
    FileExpect(
        system="questionnaire", name=FILE, run="main",
        exercises="questions as headers; 7-point scale from '（1-7分）' in the question; '(空)' skipped answers; "
                  "halls by name; tool columns (所用时间, 来自IP) ignored",
        sheets=[Sheet("营业厅服务体验调研", "surveys", columns(HEADERS), accepted=8, rejected=0)],
        checks=[
            Check("surveys", where=_WHERE, params=("020001", datetime(2026, 11, 12, 19, 35, 7)),
                  values={"scale": "seven", "score": 7, "score_100": 100, "top_box": True, "dim_environment": 6,
                          "dim_attitude": 7, "wait_minutes": 5, "business_type": "话费充值"}),
            Check("surveys", where=_WHERE, params=("020002", datetime(2026, 11, 13, 8, 2, 44)),
                  values={"score": 6, "score_100": 250 / 3, "top_box": True, "comment": "希望延长营业时间"}),
            Check("surveys", where=_WHERE, params=("020003", datetime(2026, 11, 13, 21, 17, 30)),
                  values={"score": 4, "score_100": 50, "top_box": False, "wait_minutes": 20}),
            Check("surveys", where=_WHERE, params=("020006", datetime(2026, 11, 14, 12, 0, 1)),
                  values={"score": 1, "score_100": 0, "wait_minutes": None, "comment": "态度很差"},
                  note="wait '不清楚' -> NULL, row kept"),
            Check("surveys", where=_WHERE, params=("075502", datetime(2026, 11, 15, 14, 45, 12)),
                  values={"score": 5, "score_100": 200 / 3, "top_box": False, "wait_minutes": None,
                          "dim_attitude": 6}, note="wait '(空)' -> NULL"),
        ],
    )
]
