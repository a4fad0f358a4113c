"""沟通100 survey platform: the monthly satisfaction detail (满意度调查明细) and a callback
result sheet whose recommend column holds only 1–5 (a doubt).

The detail has a merged title row and a two-level header: 满意度评价（1-5分） merged over
总体 / 环境 / 态度 / 专业 / 效率 (the parent carries the scale for its children), the other
headers merged over both levels; some answers are words (非常满意 / 满意 / 一般 / 不满意),
times are Excel date-times and '2026/11/3 下午2:05', '2026/11/6 上午9:30', '2026年11月5日 11:02'.

The callback sheet declares its scale in a 评分制 column ('5分制'); its 向亲友推荐意愿
(0–10 by meaning) holds only 1–5: refused unless imported with --confirm-doubts.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from ._common import Absent, Check, FileExpect, Sheet, put

DETAIL = "沟通100满意度调查明细_202611.xlsx"
DOUBT = "满意度回访_推荐意愿_202611.xlsx"

GROUP = "满意度评价（1-5分）"
# (top header, child header or None, field); the letters run from A.
DETAIL_HEADERS = [
    ("问卷编号", None, "response_id"), ("评价时间", None, "answered_at"), ("营业厅编码", None, "hall_code"),
    ("营业厅名称", None, "hall_name"), ("服务人员工号", None, "staff_id"), ("办理业务", None, "business_type"),
    (GROUP, "总体", "score"), (GROUP, "环境", "dim_environment"), (GROUP, "态度", "dim_attitude"),
    (GROUP, "专业", "dim_expertise"), (GROUP, "效率", "dim_efficiency"),
    ("推荐意愿（0-10分）", None, "recommend_score"), ("等候时长（分钟）", None, "wait_minutes"),
    ("评价渠道", None, "channel"), ("客户留言", None, "comment"),
]
LETTERS = "ABCDEFGHIJKLMNO"

DETAIL_ROWS = [
    ["Q2026110301", datetime(2026, 11, 3, 10, 15), "020001", "广州天河城营业厅", "GZ1002", "话费充值",
     5, 5, 5, 5, 4, 10, 3, "厅内评价器", "服务很好"],
    ["Q2026110302", "2026/11/3 下午2:05", "020001", "广州天河城营业厅", "GZ1003", "5G套餐变更",
     4, 5, 4, 4, 3, 8, 12, "微信扫码", ""],
    ["Q2026110401", "2026-11-04 09:40:00", "020002", "广州北京路营业厅", "GZ1004", "宽带新装",
     "非常满意", 5, "满意", 5, 5, 9, 5, "厅内评价器", ""],
    ["Q2026110402", datetime(2026, 11, 4, 16, 20), "020002", "广州北京路营业厅", "GZ1004", "终端购买",
     "一般", "满意", "一般", "满意", "不满意", 6, 25, "微信扫码", "排队太久"],
    ["Q2026110501", "2026年11月5日 11:02", "020003", "广州番禺市桥营业厅", "GZ1006", "补换卡",
     3, 4, 3, 3, 2, 5, 18, "厅内评价器", ""],
    ["Q2026110502", datetime(2026, 11, 5, 15, 45), "020003", "广州番禺市桥营业厅", "GZ1007", "携号转网",
     2, 3, 2, 2, 2, 3, 40, "微信扫码", "办理携转被反复劝阻"],
    ["Q2026110601", datetime(2026, 11, 6, 10, 0), "020004", "广州白云新市营业厅", "GZ1008", "话费充值",
     5, 4, 5, 5, 5, 10, 2, "厅内评价器", ""],
    ["Q2026110602", "2026/11/6 上午9:30", "020005", "广州黄埔大沙地营业厅", "GZ1009", "宽带报障",
     1, 2, 1, 2, 1, 0, 35, "微信扫码", "师傅迟迟不上门"],
    ["Q2026110701", datetime(2026, 11, 7, 14, 30), "020006", "广州大学城营业厅", "GZ1010", "校园卡办理",
     4, 4, 4, 4, 4, 7, 8, "微信扫码", ""],
    ["Q2026110702", datetime(2026, 11, 7, 17, 10), "075501", "深圳华强北营业厅", "SZ2001", "国际漫游开通",
     5, 5, 5, 5, 5, 9, 6, "厅内评价器", ""],
    ["Q2026110801", datetime(2026, 11, 8, 10, 45), "075502", "深圳南山科技园营业厅", "SZ2002", "5G套餐变更",
     4, 3, 4, 4, 4, 8, 10, "厅内评价器", ""],
    ["Q2026110802", datetime(2026, 11, 8, 11, 20), "075401", "汕头金平营业厅", "ST3001", "话费充值",
     "满意", 4, 4, 4, "非常满意", 8, "", "微信扫码", ""],
]

DOUBT_HEADERS = [
    ("回访单号", "response_id"), ("回访日期", "answered_at"), ("营业厅编码", "hall_code"),
    ("营业厅名称", "hall_name"), ("评分制", "scale"), ("满意度得分", "score"), ("向亲友推荐意愿", "recommend_score"),
]
DOUBT_ROWS = [
    ["DH2611001", date(2026, 11, 20), "020001", "广州天河城营业厅", "5分制", 5, 5],
    ["DH2611002", date(2026, 11, 20), "020002", "广州北京路营业厅", "5分制", 4, 4],
    ["DH2611003", date(2026, 11, 21), "020003", "广州番禺市桥营业厅", "5分制", 3, 3],
    ["DH2611004", date(2026, 11, 21), "020004", "广州白云新市营业厅", "5分制", 4, 5],
    ["DH2611005", date(2026, 11, 22), "075501", "深圳华强北营业厅", "5分制", 2, 1],
    ["DH2611006", date(2026, 11, 22), "075401", "汕头金平营业厅", "5分制", 5, 4],
]


def write(directory: Path) -> list[Path]:
    wb = Workbook()
    ws = wb.active
    ws.title = "调查明细"
    put(ws, 1, "A", [["沟通100客户满意度调查明细（2026年11月）"]])
    ws.merge_cells("A1:O1")
    top = [h for h, _, _ in DETAIL_HEADERS]
    children = [c for _, c, _ in DETAIL_HEADERS]
    # Merged header cells keep their text in the top-left cell only, as Excel saves them.
    put(ws, 2, "A", [[t if i == 0 or top[i - 1] != t else None for i, t in enumerate(top)]])
    put(ws, 3, "A", [children])
    for i, (t, c, _) in enumerate(DETAIL_HEADERS):
        if c is None:
            ws.merge_cells(f"{LETTERS[i]}2:{LETTERS[i]}3")
    ws.merge_cells("G2:K2")
    put(ws, 4, "A", DETAIL_ROWS)
    put(ws, 4 + len(DETAIL_ROWS) + 1, "A",
        [["注：满意度1分为非常不满意，5分为非常满意；推荐意愿0分为完全不愿意，10分为非常愿意。"]])
    detail = directory / DETAIL
    wb.save(detail)

    wb = Workbook()
    ws = wb.active
    ws.title = "回访结果"
    put(ws, 1, "A", [[h for h, _ in DOUBT_HEADERS], *DOUBT_ROWS])
    doubt = directory / DOUBT
    wb.save(doubt)
    return [detail, doubt]


def _detail_columns():
    return {LETTERS[i]: (t if c is None else f"{t} / {c}", f) for i, (t, c, f) in enumerate(DETAIL_HEADERS)}


def _doubt_columns():
    return {LETTERS[i]: hf for i, hf in enumerate(DOUBT_HEADERS)}


EXPECTED = [
    FileExpect(
        system="survey_platform", name=DETAIL, run="main", tag="detail",
        exercises="two-level merged header whose parent '满意度评价（1-5分）' declares the scale; word answers; "
                  "下午/上午 times; notes row",
        sheets=[Sheet("调查明细", "surveys", _detail_columns(), accepted=12, rejected=0, header_row=3)],
        checks=[
            Check("surveys", "Q2026110301", {
                "answered_at": datetime(2026, 11, 3, 10, 15), "hall_code": "020001", "staff_id": "GZ1002",
                "business_type": "话费充值", "channel": "厅内评价器", "scale": "five", "score": 5,
                "dim_environment": 5, "dim_attitude": 5, "dim_expertise": 5, "dim_efficiency": 4,
                "recommend_score": 10, "wait_minutes": 3, "score_100": 100, "top_box": True,
                "comment": "服务很好"}),
            Check("surveys", "Q2026110302", {"answered_at": datetime(2026, 11, 3, 14, 5), "score": 4,
                                             "score_100": 75, "top_box": True, "dim_efficiency": 3},
                  note="'下午2:05' -> 14:05"),
            Check("surveys", "Q2026110401", {"answered_at": datetime(2026, 11, 4, 9, 40), "score": 5,
                                             "dim_attitude": 4}, note="非常满意 -> 5, 满意 -> 4"),
            Check("surveys", "Q2026110402", {"score": 3, "dim_environment": 4, "dim_attitude": 3,
                                             "dim_expertise": 4, "dim_efficiency": 2, "score_100": 50,
                                             "top_box": False, "wait_minutes": 25, "comment": "排队太久"},
                  note="一般 -> 3, 不满意 -> 2"),
            Check("surveys", "Q2026110501", {"answered_at": datetime(2026, 11, 5, 11, 2), "score": 3,
                                             "recommend_score": 5}),
            Check("surveys", "Q2026110602", {"answered_at": datetime(2026, 11, 6, 9, 30), "score": 1,
                                             "score_100": 0, "top_box": False, "recommend_score": 0}),
            Check("surveys", "Q2026110802", {"score": 4, "dim_efficiency": 5, "wait_minutes": None,
                                             "hall_code": "075401"}),
        ],
    ),
    FileExpect(
        system="survey_platform", name=DOUBT, run="doubt", tag="doubt",
        exercises="recommend column holding only 1–5 (a doubt): refused without --confirm-doubts",
        sheets=[Sheet("回访结果", "surveys", _doubt_columns(), accepted=None, rejected=0)],
        file_error=True, refused_for="向亲友推荐意愿", counts_in_rate=False,
        absent=[Absent("surveys", "DH2611001", "file refused"), Absent("surveys", "DH2611005", "file refused")],
    ),
    FileExpect(
        system="survey_platform", name=DOUBT, run="confirmed", tag="confirmed",
        flags=("--confirm-doubts",),
        exercises="the same file with --confirm-doubts: stored as given; scale from a 评分制 column",
        sheets=[Sheet("回访结果", "surveys", _doubt_columns(), accepted=6, rejected=0)],
        checks=[
            Check("surveys", "DH2611001", {"answered_at": datetime(2026, 11, 20), "scale": "five", "score": 5,
                                           "recommend_score": 5, "score_100": 100, "top_box": True}),
            Check("surveys", "DH2611004", {"score": 4, "recommend_score": 5, "score_100": 75}),
            Check("surveys", "DH2611005", {"hall_code": "075501", "score": 2, "recommend_score": 1,
                                           "score_100": 25, "top_box": False}),
        ],
    ),
]
