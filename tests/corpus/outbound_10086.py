"""10086 outbound-call centre: satisfaction call-backs (外呼满意度回访清单), saved from
Excel as "Unicode text": UTF-16 LE with BOM, tab-separated, CRLF.

Scored out of ten (服务满意度（满分10分）), a recommend question (推荐意愿（0～10分）),
halls by name only (归属营业厅), the call agent's id (坐席工号: a call-centre seat, not
hall staff, so no survey field), a connection status; calls not connected have no score
(rejected). Times: '2026-11-08 02:05 PM', '2026/11/8 上午 9:30', '2026/11/9 下午 3:15',
'12:00 PM' (noon).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ._common import Absent, Check, FileExpect, Sheet, columns, header_words, text_bytes, write as write_bytes

FILE = "10086外呼满意度回访清单_11月.txt"

HEADERS = [
    ("回访编号", "response_id"), ("回访时间", "answered_at"), ("坐席工号", None), ("归属营业厅", "hall_name"),
    ("办理业务", "business_type"), ("服务满意度（满分10分）", "score"), ("推荐意愿（0～10分）", "recommend_score"),
    ("客户原话", "comment"), ("接通状态", None),
]
ROWS = [
    ["HF202611080001", "2026-11-08 02:05 PM", "A1023", "广州天河城营业厅", "宽带新装", "9", "9", "装机师傅很准时", "已接通"],
    ["HF202611080002", "2026/11/8 上午 9:30", "A1023", "广州北京路营业厅", "终端购买", "7", "6", "价格有点贵", "已接通"],
    ["HF202611080003", "2026-11-08 16:40:00", "A2051", "广州番禺市桥营业厅", "携号转网", "", "", "", "未接通"],
    ["HF202611090004", "2026-11-09 10:20 AM", "A2051", "深圳华强北营业厅", "国际漫游开通", "10", "10", "很专业", "已接通"],
    ["HF202611090005", "2026/11/9 下午 3:15", "A3007", "汕头金平营业厅", "话费充值", "0", "0", "再也不来了", "已接通"],
    ["HF202611090006", "2026-11-09 17:05:00", "A3007", "广州大学城营业厅", "校园卡办理", "8", "7", "", "已接通"],
    ["HF202611100007", "2026-11-10 11:11:00", "A1023", "深圳南山科技园营业厅", "5G套餐变更", "", "", "", "关机"],
    ["HF202611100008", "2026-11-10 12:00 PM", "A2051", "广州白云新市营业厅", "宽带报障", "5", "4", "一般吧", "已接通"],
]


def write(directory: Path) -> list[Path]:
    data = text_bytes([header_words(HEADERS), *ROWS], encoding="utf-16", delimiter="\t")
    return [write_bytes(directory / FILE, data)]


EXPECTED = [
    FileExpect(
        system="outbound_10086", name=FILE, run="main",
        exercises="UTF-16 LE tab-separated .txt; 10-point scale from '满分10分'; halls by name; AM/PM and 上午/下午 "
                  "times; unconnected calls rejected; agent id is not staff",
        sheets=[Sheet(None, "surveys", columns(HEADERS), accepted=6, rejected=2,
                      rejected_rows={4: "未接通: no score", 8: "关机: no score"})],
        checks=[
            Check("surveys", "HF202611080001", {"answered_at": datetime(2026, 11, 8, 14, 5), "hall_code": "020001",
                                                "business_type": "宽带新装", "scale": "ten", "score": 9,
                                                "score_100": 90, "top_box": True, "recommend_score": 9,
                                                "comment": "装机师傅很准时", "staff_id": None}),
            Check("surveys", "HF202611080002", {"answered_at": datetime(2026, 11, 8, 9, 30), "hall_code": "020002",
                                                "score": 7, "score_100": 70, "top_box": False}),
            Check("surveys", "HF202611090004", {"answered_at": datetime(2026, 11, 9, 10, 20), "score": 10,
                                                "score_100": 100, "hall_code": "075501"}),
            Check("surveys", "HF202611090005", {"answered_at": datetime(2026, 11, 9, 15, 15), "score": 0,
                                                "score_100": 0, "top_box": False, "recommend_score": 0,
                                                "hall_code": "075401"}),
            Check("surveys", "HF202611100008", {"answered_at": datetime(2026, 11, 10, 12, 0), "score": 5,
                                                "score_100": 50, "hall_code": "020004"}),
        ],
        text=("utf-16", "\t"),
        absent=[Absent("surveys", "HF202611080003", "not connected"), Absent("surveys", "HF202611100007", "not connected")],
    )
]
