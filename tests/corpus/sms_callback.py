"""SMS callback platform: replies to the post-visit satisfaction SMS (短信满意度回访), a
GBK CSV with CRLF line ends.

Customers reply 1 满意 / 2 一般 / 3 不满意 (best is LOW); the scale is declared by the
channel column (回访方式 = 短信), not by the header. Both the send time and the reply time
are exported: the answer's time is the reply (回复时间); 发送时间 is not a survey field.
Unanswered messages are exported too (no reply time, empty reply: rejected, missing
required fields), and one free-text reply ('好的谢谢') is no score (rejected).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ._common import Absent, Check, FileExpect, Sheet, columns, header_words, text_bytes, write as write_bytes

FILE = "短信满意度回访_202611.csv"

HEADERS = [
    ("短信流水号", "response_id"), ("发送时间", None), ("回复时间", "answered_at"), ("用户号码", None),
    ("营业厅编码", "hall_code"), ("营业厅名称", "hall_name"), ("业务类型", "business_type"),
    ("回访方式", "channel"), ("回复内容", "score"),
]
ROWS = [
    ["SMS1105000001", "2026/11/5 9:00:00", "2026/11/5 9:03:12", "138****2201", "020001", "广州天河城营业厅", "话费充值", "短信", "1"],
    ["SMS1105000002", "2026/11/5 9:00:00", "2026/11/5 9:41:55", "139****8812", "020002", "广州北京路营业厅", "宽带新装", "短信", "2"],
    ["SMS1105000003", "2026/11/5 9:00:00", "2026/11/5 12:10:03", "136****0912", "020003", "广州番禺市桥营业厅", "补换卡", "短信", "3"],
    ["SMS1106000004", "2026/11/6 9:00:00", "2026/11/6 9:05:40", "137****3320", "020004", "广州白云新市营业厅", "话费充值", "短信", "1"],
    ["SMS1106000005", "2026/11/6 9:00:00", "", "135****7781", "020005", "广州黄埔大沙地营业厅", "宽带报障", "短信", ""],
    ["SMS1106000006", "2026/11/6 9:00:00", "2026/11/6 18:22:09", "158****6610", "020006", "广州大学城营业厅", "校园卡办理", "短信", "好的谢谢"],
    ["SMS1107000007", "2026/11/7 9:00:00", "2026/11/7 9:30:00", "188****4521", "075501", "深圳华强北营业厅", "国际漫游开通", "短信", "1"],
    ["SMS1107000008", "2026/11/7 9:00:00", "2026/11/7 10:15:47", "187****9033", "075502", "深圳南山科技园营业厅", "5G套餐变更", "短信", "2"],
    ["SMS1107000009", "2026/11/7 9:00:00", "2026/11/7 20:01:16", "159****1288", "075401", "汕头金平营业厅", "话费充值", "短信", "1"],
    ["SMS1108000010", "2026/11/8 9:00:00", "2026/11/8 9:12:30", "134****5577", "020001", "广州天河城营业厅", "5G套餐变更", "短信", "3"],
]


def write(directory: Path) -> list[Path]:
    return [write_bytes(directory / FILE, text_bytes([header_words(HEADERS), *ROWS], encoding="gbk"))]


EXPECTED = [
    FileExpect(
        system="sms_callback", name=FILE, run="main",
        exercises="GBK CSV; SMS 3-point scale declared by the channel (1 best); reply time vs send time; "
                  "unanswered and free-text replies rejected",
        sheets=[Sheet(None, "surveys", columns(HEADERS), accepted=8, rejected=2,
                      rejected_rows={6: "no reply: 回复时间 and 回复内容 empty",
                                     7: "回复内容 '好的谢谢' is no score"})],
        checks=[
            Check("surveys", "SMS1105000001", {"answered_at": datetime(2026, 11, 5, 9, 3, 12), "hall_code": "020001",
                                               "channel": "短信", "business_type": "话费充值", "scale": "sms3",
                                               "score": 1, "score_100": 100, "top_box": True}),
            Check("surveys", "SMS1105000002", {"score": 2, "score_100": 50, "top_box": False}),
            Check("surveys", "SMS1105000003", {"score": 3, "score_100": 0, "top_box": False,
                                               "answered_at": datetime(2026, 11, 5, 12, 10, 3)}),
            Check("surveys", "SMS1107000009", {"hall_code": "075401", "score": 1,
                                               "answered_at": datetime(2026, 11, 7, 20, 1, 16)}),
            Check("surveys", "SMS1108000010", {"answered_at": datetime(2026, 11, 8, 9, 12, 30), "score": 3,
                                               "business_type": "5G套餐变更"}),
        ],
        text=("gbk", ","),
        absent=[Absent("surveys", "SMS1106000005", "not answered"), Absent("surveys", "SMS1106000006", "no score")],
    )
]
