"""Daily marketing report (营销日报) from the BI portal: one row per hall, day, activity
and product category, counts of contacts / interested / converted and revenue; UTF-8 with
BOM, semicolon-separated, a title line above the header, a 合计 line below.

A new hall (020009 广州番禺万达营业厅, opened this month) is not in the halls list yet: its
rows are kept (stored, waiting for the hall), not rejected. Revenue '1.2万', '5.6万',
'3,560.00', '6,400', empty (0); a 转化率 percentage column no field holds.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ._common import Check, FileExpect, Sheet, columns, header_words, text_bytes, write as write_bytes

FILE = "营销日报_20261130.csv"
NEW_HALL = "020009"

HEADERS = [
    ("统计日期", "sold_at"), ("营业厅编码", "hall_code"), ("营业厅名称", "hall_name"), ("活动类型", "activity_type"),
    ("业务类别", "product_category"), ("接触客户数", "contacts"), ("意向客户数", "interested"),
    ("成功办理数", "converted"), ("收入（元）", "revenue"), ("转化率", None),
]
ROWS = [
    ["2026/11/28", "020001", "广州天河城营业厅", "存费送机", "终端", "45", "12", "6", "1.2万", "13.3%"],
    ["2026/11/28", "020001", "广州天河城营业厅", "5G升级季", "套餐", "60", "20", "15", "3,560.00", "25.0%"],
    ["2026/11/28", "020002", "广州北京路营业厅", "宽带提速季", "宽带", "30", "8", "5", "1800", "16.7%"],
    ["2026/11/29", "020003", "广州番禺市桥营业厅", "存费送机", "终端", "25", "5", "2", "6,400", "8.0%"],
    ["2026/11/29", "075501", "深圳华强北营业厅", "存费送机", "终端", "80", "30", "18", "5.6万", "22.5%"],
    ["2026/11/29", "075401", "汕头金平营业厅", "流量包推荐", "流量包", "40", "15", "10", "", "25.0%"],
    ["2026/11/30", NEW_HALL, "广州番禺万达营业厅", "开业迎宾", "套餐", "50", "18", "9", "2610", "18.0%"],
    ["2026/11/30", NEW_HALL, "广州番禺万达营业厅", "开业迎宾", "宽带", "20", "6", "3", "1080", "15.0%"],
    ["2026/11/30", "020006", "广州大学城营业厅", "校园迎新", "套餐", "35", "14", "11", "319", "31.4%"],
]
TOTALS = ["合计", "", "", "", "", "385", "128", "79", "", "20.5%"]


def write(directory: Path) -> list[Path]:
    title = ["营业厅营销日报（统计周期：2026-11-28 至 2026-11-30）"] + [""] * (len(HEADERS) - 1)
    rows = [title, header_words(HEADERS), *ROWS, TOTALS]
    return [write_bytes(directory / FILE, text_bytes(rows, encoding="utf-8-sig", delimiter=";"))]


_WHERE = "hall_code = ? AND sold_at = ? AND product_category = ?"

EXPECTED = [
    FileExpect(
        system="daily_marketing", name=FILE, run="main",
        exercises="UTF-8 BOM, ';'-separated aggregate rows under a title line; a hall missing from the halls list "
                  "(kept); 万 / thousands separators; 合计 line",
        sheets=[Sheet(None, "sales", columns(HEADERS), accepted=9, rejected=0, header_row=2)],
        text=("utf-8-sig", ";"),
        checks=[
            Check("sales", where=_WHERE, params=("020001", datetime(2026, 11, 28), "终端"),
                  values={"activity_type": "存费送机", "contacts": 45, "interested": 12, "converted": 6,
                          "revenue": 12000}),
            Check("sales", where=_WHERE, params=("020001", datetime(2026, 11, 28), "套餐"),
                  values={"contacts": 60, "revenue": 3560}),
            Check("sales", where=_WHERE, params=("020003", datetime(2026, 11, 29), "终端"), values={"revenue": 6400}),
            Check("sales", where=_WHERE, params=("075501", datetime(2026, 11, 29), "终端"),
                  values={"contacts": 80, "converted": 18, "revenue": 56000}),
            Check("sales", where=_WHERE, params=("075401", datetime(2026, 11, 29), "流量包"), values={"revenue": 0}),
            Check("sales", where=_WHERE, params=(NEW_HALL, datetime(2026, 11, 30), "套餐"),
                  values={"hall_name": "广州番禺万达营业厅", "contacts": 50, "interested": 18, "converted": 9,
                          "revenue": 2610}, note="hall not in the halls list: kept"),
            Check("sales", where=_WHERE, params=(NEW_HALL, datetime(2026, 11, 30), "宽带"),
                  values={"contacts": 20, "revenue": 1080}),
            Check("sales", where=_WHERE, params=("020006", datetime(2026, 11, 30), "套餐"),
                  values={"converted": 11, "revenue": 319}),
        ],
    )
]
