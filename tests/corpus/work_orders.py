"""Complaint work-order system (投诉工单系统): the monthly ticket detail, and an older
export of the same tickets.

Title and period rows above the header; statuses in Chinese (已办结, 已解决, 处理中,
待处理, 已归档, 已关闭, 重开); 是/否 repeat flags; 满意/一般/不满意/未评价 for the customer's
rating of the resolution; amounts '¥50.00', '¥200.00', '100', 0; times as Excel
date-times and as '2026/11/2 下午2:05', '2026年11月7日 9:05'. Tickets are charged to a
hall (责任厅店编码 / 责任厅店). A hidden sheet (历史工单) holds stale 2025 tickets: not
imported. The older export (2026-11-06 09:00) shows two tickets still 处理中 without a
办结时间; imported after the newer one, it must not overwrite them.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ._common import Absent, Check, FileExpect, Sheet, columns, header_words, put

NEW = "投诉工单明细_20261130.xlsx"
OLD = "投诉工单明细_20261106.xlsx"

HEADERS = [
    ("工单编号", "ticket_id"), ("受理时间", "received_at"), ("受理渠道", "channel"), ("一级分类", "category"),
    ("二级分类", "sub_category"), ("责任厅店编码", "hall_code"), ("责任厅店", "hall_name"), ("投诉号码", "customer"),
    ("首次响应时间", "first_response_at"), ("办结时间", "resolved_at"), ("工单状态", "status"),
    ("是否重复投诉", "is_repeat"), ("客户满意度", "resolution_satisfaction"), ("赔补金额（元）", "compensation_amount"),
    ("投诉内容", "description"), ("处理人", None),
]

T1 = ["TS20261101001", datetime(2026, 11, 1, 9, 12), "10086热线", "业务办理", "办理时长过长", "020001", "广州天河城营业厅",
      "139****2211", datetime(2026, 11, 1, 10, 2), datetime(2026, 11, 6, 15, 30), "已办结", "否", "满意", 0,
      "办理携号转网等候超过1小时", "李娜"]
T2 = ["TS20261102002", "2026/11/2 下午2:05", "营业厅现场", "服务质量", "服务态度", "020002", "广州北京路营业厅",
      "138****7765", "2026/11/2 下午2:30", "2026/11/3 上午10:00", "已解决", "是", "一般", "¥50.00",
      "营业员态度冷淡", "周杰"]
T3 = ["TS20261103003", "2026-11-03 10:20:00", "网上营业厅", "资费争议", "套餐外流量费", "020003", "广州番禺市桥营业厅",
      "137****1209", "2026-11-03 11:00:00", "", "处理中", "否", "", "", "对流量扣费有异议", "林静"]
T4 = ["TS20261104004", datetime(2026, 11, 4, 8, 45), "10086热线", "宽带业务", "装机超时", "020004", "广州白云新市营业厅",
      "135****3390", "", "", "待处理", "否", "", "", "预约装机三天未上门", ""]
T5 = ["TS20261105005", datetime(2026, 11, 5, 16, 0), "工信部转办", "携号转网", "携转受阻", "020005", "广州黄埔大沙地营业厅",
      "136****4478", datetime(2026, 11, 5, 16, 30), datetime(2026, 11, 8, 11, 0), "已归档", "是", "不满意", "¥200.00",
      "携出被多次拒绝", "罗强"]
NEW_ROWS = [
    T1, T2, T3, T4, T5,
    ["TS20261106006", datetime(2026, 11, 6, 11, 11), "营业厅现场", "终端问题", "新机故障", "020006", "广州大学城营业厅",
     "188****0023", datetime(2026, 11, 6, 11, 30), datetime(2026, 11, 9, 17, 0), "重开", "是", "未评价", 0,
     "换机后仍然故障", "梁燕"],
    ["TS20261107007", "2026年11月7日 9:05", "10086热线", "业务办理", "未经同意办理业务", "075501", "深圳华强北营业厅",
     "187****6612", "2026年11月7日 9:40", "2026年11月7日 17:20", "已解决", "否", "满意", "100", "被开通增值业务",
     "张磊"],
    ["TS20261108008", datetime(2026, 11, 8, 13, 40), "网上营业厅", "服务质量", "等候时间长", "075502", "深圳南山科技园营业厅",
     "159****7781", datetime(2026, 11, 8, 14, 0), "", "处理中", "否", "", "", "排队两小时", "刘洋"],
    ["TS20261109009", datetime(2026, 11, 9, 10, 10), "10086热线", "资费争议", "积分兑换", "075401", "汕头金平营业厅",
     "134****2290", datetime(2026, 11, 9, 10, 30), datetime(2026, 11, 10, 9, 0), "已关闭", "否", "满意", 0, "积分兑换失败",
     "蔡晓东"],
    ["TS20261110010", datetime(2026, 11, 10, 15, 25), "营业厅现场", "业务办理", "资料填写错误", "020001", "广州天河城营业厅",
     "139****8890", datetime(2026, 11, 10, 15, 40), datetime(2026, 11, 10, 18, 5), "已办结", "否", "满意", "¥20.00",
     "身份证号录入错误", "陈伟"],
]
STALE_ROWS = [
    ["TS20251001901", datetime(2025, 10, 1, 9, 0), "10086热线", "业务办理", "办理时长过长", "020001", "广州天河城营业厅",
     "139****0001", datetime(2025, 10, 1, 9, 30), datetime(2025, 10, 2, 9, 0), "已办结", "否", "满意", 0, "旧工单", "李娜"],
    ["TS20251002902", datetime(2025, 10, 2, 9, 0), "营业厅现场", "服务质量", "服务态度", "020002", "广州北京路营业厅",
     "139****0002", datetime(2025, 10, 2, 9, 30), datetime(2025, 10, 3, 9, 0), "已办结", "否", "一般", 0, "旧工单", "周杰"],
    ["TS20251003903", datetime(2025, 10, 3, 9, 0), "网上营业厅", "资费争议", "套餐外流量费", "020003", "广州番禺市桥营业厅",
     "139****0003", datetime(2025, 10, 3, 9, 30), datetime(2025, 10, 4, 9, 0), "已办结", "否", "满意", 0, "旧工单", "林静"],
]
# As the system showed them on 2026-11-06 09:00: TS…001 and TS…005 not yet resolved.
OLD_ROWS = [
    T1[:9] + ["", "处理中", "否", "", "", T1[14], T1[15]],
    T2, T3, T4,
    T5[:9] + ["", "处理中", "是", "", "", T5[14], T5[15]],
]


def _workbook(rows, period: str, stale: bool):
    wb = Workbook()
    ws = wb.active
    ws.title = "工单明细"
    put(ws, 1, "A", [["客户投诉工单明细表"]])
    ws.merge_cells("A1:P1")
    put(ws, 2, "A", [[period]])
    ws.merge_cells("A2:P2")
    put(ws, 3, "A", [header_words(HEADERS), *rows])
    if stale:
        old = wb.create_sheet("历史工单")
        put(old, 1, "A", [header_words(HEADERS), *STALE_ROWS])
        old.sheet_state = "hidden"
    return wb


def write(directory: Path) -> list[Path]:
    new = directory / NEW
    _workbook(NEW_ROWS, "统计周期：2026-11-01 至 2026-11-30　导出时间：2026-11-30 20:15", stale=True).save(new)
    old = directory / OLD
    _workbook(OLD_ROWS, "统计周期：2026-11-01 至 2026-11-06　导出时间：2026-11-06 09:00", stale=False).save(old)
    return [new, old]


_NEWER_STATE = [
    Check("complaints", "TS20261101001", {"status": "resolved", "resolved_at": datetime(2026, 11, 6, 15, 30),
                                          "resolution_satisfaction": "satisfied"}),
    Check("complaints", "TS20261105005", {"status": "closed", "resolved_at": datetime(2026, 11, 8, 11, 0),
                                          "resolution_satisfaction": "dissatisfied", "compensation_amount": 200}),
]

EXPECTED = [
    FileExpect(
        system="work_orders", name=NEW, run="main", tag="new",
        exercises="complaint tickets under title/period rows; Chinese statuses; 是/否; ¥ amounts; 下午 times; "
                  "a hidden sheet of stale tickets",
        sheets=[Sheet("工单明细", "complaints", columns(HEADERS), accepted=10, rejected=0, header_row=3)],
        ignored_sheets={"历史工单": "hidden sheet with stale rows"},
        checks=[
            Check("complaints", "TS20261101001", {
                "received_at": datetime(2026, 11, 1, 9, 12), "channel": "10086热线", "category": "业务办理",
                "sub_category": "办理时长过长", "hall_code": "020001", "customer": "139****2211",
                "first_response_at": datetime(2026, 11, 1, 10, 2), "resolved_at": datetime(2026, 11, 6, 15, 30),
                "status": "resolved", "is_repeat": False, "resolution_satisfaction": "satisfied",
                "compensation_amount": 0, "description": "办理携号转网等候超过1小时"}),
            Check("complaints", "TS20261102002", {
                "received_at": datetime(2026, 11, 2, 14, 5), "first_response_at": datetime(2026, 11, 2, 14, 30),
                "resolved_at": datetime(2026, 11, 3, 10, 0), "status": "resolved", "is_repeat": True,
                "resolution_satisfaction": "neutral", "compensation_amount": 50}),
            Check("complaints", "TS20261103003", {"status": "open", "resolved_at": None,
                                                  "received_at": datetime(2026, 11, 3, 10, 20)}),
            Check("complaints", "TS20261104004", {"status": "open", "first_response_at": None}),
            Check("complaints", "TS20261105005", {"status": "closed", "is_repeat": True,
                                                  "resolution_satisfaction": "dissatisfied",
                                                  "compensation_amount": 200}),
            Check("complaints", "TS20261106006", {"status": "reopened", "resolution_satisfaction": "unrated"}),
            Check("complaints", "TS20261107007", {"received_at": datetime(2026, 11, 7, 9, 5),
                                                  "resolved_at": datetime(2026, 11, 7, 17, 20),
                                                  "compensation_amount": 100, "hall_code": "075501"}),
            Check("complaints", "TS20261109009", {"status": "closed", "hall_code": "075401"}),
            Check("complaints", "TS20261110010", {"status": "resolved", "compensation_amount": 20}),
        ],
        absent=[Absent("complaints", t[0], "hidden sheet") for t in STALE_ROWS],
    ),
    FileExpect(
        system="work_orders", name=OLD, run="older", tag="older",
        exercises="an OLDER export of the same tickets (处理中, no 办结时间) re-imported after the newer one",
        sheets=[Sheet("工单明细", "complaints", columns(HEADERS), accepted=None, rejected=0, header_row=3,
                      data_rows=5)],
        checks=_NEWER_STATE + [Check("complaints", "TS20261103003", {"status": "open"})],
    ),
]
