"""Contract: the Complaints page shows the period's tickets, rate per 1,000 contacts, 48-hour
promise, median resolution (with the Kaplan–Meier median beside it), backlog over 48 hours,
reopen and repeat rates and compensation exactly as analytics.metrics.complaints computes them
for the same filters (formatted as formats.format_value formats them), against the previous period;
the hall and channel filters narrow every figure and table; the category chart over a period
that covers 2026-04 shows the 积分兑换 spike; the tables carry translated headers and the hall
chart carries each hall's code first in its points (so a click drills); in English none of the
page's own labels is left in Chinese; a filter with no tickets and an empty database each give a
friendly message, never an exception.
Runs pages/complaints.py on its own against the shipped sample (default period 2026-10)."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formats
from analytics import storage
from analytics.filters import Filters
from analytics.metrics import complaints
from page_driver import chart_specs, kpis, plotly_array, run_page

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "complaints.py")
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
FIRST_HALF = Filters(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
SLIPPING_HALL = "020003"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def expected(sample_con):
    """The analytics layer's numbers on the sample (the app's own database instance: see
    conftest.sample_con), so they don't depend on which pages ran before."""
    con = sample_con.cursor()
    try:
        return {
            "october": complaints.complaint_summary(con, OCTOBER).iloc[0],
            "september": complaints.complaint_summary(con, OCTOBER.previous()).iloc[0],
            "hall": complaints.complaint_summary(con, OCTOBER.with_halls((SLIPPING_HALL,))).iloc[0],
            "weibo": complaints.complaint_summary(
                con, Filters(OCTOBER.start, OCTOBER.end, channels=("微博",))).iloc[0],
            "backlog": complaints.backlog(con, OCTOBER),
            "categories": complaints.category_trend(con, FIRST_HALF, grain="month"),
        }
    finally:
        con.close()


def run(query=None, **state) -> AppTest:
    return run_page(PAGE, query, **state)


metrics = kpis


def shown_as(row) -> dict[str, str]:
    return {"投诉工单": formats.format_value(row["tickets"], "int"),
            "每千次接触投诉量": formats.format_value(row["per_1000_contacts"], "float1"),
            "48小时办结率": formats.format_value(row["promise_48h"], "percent"),
            "办结时长中位数（小时）": formats.format_value(row["resolution_median_hours"], "float1"),
            "超48小时未办结（本期受理）": formats.format_value(row["backlog_over_48h"], "int"),
            "重开率": formats.format_value(row["reopen_rate"], "percent"),
            "重复投诉率（30天）": formats.format_value(row["repeat_rate"], "percent"),
            "赔付金额（元）": formats.format_value(row["compensation"], "int")}


charts = chart_specs


numbers = plotly_array


def test_kpis_are_the_analytics_numbers(sample_app_env, expected):
    at = run()
    october, september = expected["october"], expected["september"]
    assert metrics(at) == shown_as(october)
    tickets = next(m for m in at.metric if m.label == "投诉工单")
    assert tickets.proto.delta == f"{october['tickets'] - september['tickets']:+,.0f}"
    resolution = next(m for m in at.metric if m.label == "办结时长中位数（小时）")
    km = formats.format_value(october["km_median_hours"], "float1")
    assert f"Kaplan–Meier 中位数：{km} 小时" in resolution.help
    assert any(f"{km} 小时" in c.value for c in at.caption)
    assert "2026-09-01" in at.caption[1].value and "2026-09-30" in at.caption[1].value
    # trend, sunburst, categories over time, categories by hall, broken promises, halls, histogram,
    # Kaplan–Meier
    assert len(charts(at)) == 8


def test_the_slipping_hall(sample_app_env, expected):
    at = run({"hall": SLIPPING_HALL})
    hall = expected["hall"]
    assert metrics(at) == shown_as(hall)
    assert metrics(at)["48小时办结率"] == "0.0%" and hall["promise_due"] > 0
    by_hall, _, tickets = (d.value for d in at.dataframe)
    assert list(by_hall["营业厅编码"]) == [SLIPPING_HALL]
    assert len(tickets) == hall["tickets"] and set(tickets["营业厅编码"]) == {SLIPPING_HALL}
    # 0 of its due tickets within 48 h: a clear miss despite n < 30, so the bar is red, not grey.
    bar = next(t for t in charts(at)[5]["data"] if t["type"] == "bar")
    assert bar["name"] == "未达标" and bar["customdata"] == [[SLIPPING_HALL]]


def test_tables_and_the_hall_chart(sample_app_env, expected):
    at = run()
    by_hall, open_tickets, tickets = (d.value for d in at.dataframe)
    # Each rate under its declared name, with its n (a rate's base) and 95% interval beside it.
    assert list(by_hall.columns)[:10] == ["排名", "区域", "地市", "营业厅编码", "营业厅名称", "工单数", "每千次接触投诉量",
                                          "每千次接触投诉量 基数", "每千次接触投诉量 95% 区间", "48小时办结率"]
    assert {"重开率 95% 区间", "重复投诉率（30天） 95% 区间"} <= set(by_hall.columns)
    assert len(by_hall) == 40
    assert list(open_tickets["工单号"]) == list(expected["backlog"]["ticket_id"])  # oldest first
    assert "问题描述" in tickets.columns and len(tickets) == expected["october"]["tickets"]
    bars = [t for t in charts(at)[5]["data"] if t["type"] == "bar"]
    codes = [point[0] for trace in bars for point in trace["customdata"]]
    assert sorted(codes) == sorted(by_hall["营业厅编码"])
    assert all("error_x" in trace for trace in bars)  # Wilson intervals as whiskers
    shapes = charts(at)[5]["layout"]["shapes"]
    assert any(s.get("x0") == 0.95 for s in shapes)  # the 48-hour target line


def test_the_points_spike_shows_when_the_period_covers_it(sample_app_env, expected):
    at = run({"from": FIRST_HALF.start.isoformat(), "to": FIRST_HALF.end.isoformat()}, cmp_grain="month")
    points = next(t for t in charts(at)[2]["data"] if t["name"] == "积分兑换")
    shown = {str(x)[:10]: int(y) for x, y in zip(numbers(points["x"]), numbers(points["y"]))}
    spike = expected["categories"].query("category == '积分兑换'").set_index("period")["tickets"]
    assert shown == {p.strftime("%Y-%m-%d"): n for p, n in spike.items()}
    others = [n for month, n in shown.items() if month != "2026-04-01"]
    assert shown["2026-04-01"] > 3 * max(others)


def test_english_leaves_no_chinese_in_the_pages_own_labels(sample_app_env):
    at = run(lang="en")
    assert at.title[0].value == "Complaints"
    assert "Resolved within 48 h" in metrics(at) and "Open over 48 h (received in the period)" in metrics(at)
    labels = [*metrics(at), *(s.value for s in at.subheader), *(c.value for c in at.caption),
              *(m.value for m in at.markdown), *(b.label for b in at.download_button)]
    for frame in at.dataframe:
        labels += [c for c in frame.value.columns]
    for index, spec in enumerate(charts(at)):
        layout = spec["layout"]
        labels += [a.get("text", "") for a in layout.get("annotations", [])]
        labels += [layout[axis].get("title", {}).get("text", "") for axis in layout
                   if axis.startswith(("xaxis", "yaxis"))]
        if index != 2:  # the categories chart names its traces after the data's categories
            labels += [t.get("name") or "" for t in spec["data"]]
    chinese = [text for text in labels if CJK.search(text)]
    assert not chinese, chinese
    assert "Hall code" in at.dataframe[0].value.columns


def test_a_channel_filter_narrows_the_tickets(sample_app_env, expected):
    at = run(flt_channel_complaints=["微博"])
    assert metrics(at)["投诉工单"] == formats.format_value(expected["weibo"]["tickets"], "int")
    assert 0 < expected["weibo"]["tickets"] < expected["october"]["tickets"]
    assert set(at.dataframe[-1].value["投诉渠道"]) == {"微博"}


def test_no_tickets_under_the_filters_is_a_friendly_message(sample_db, tmp_path, monkeypatch):
    # The period (October, from the other datasets) stays; its tickets are gone.
    copy = tmp_path / "no_october_tickets.duckdb"
    shutil.copy(sample_db, copy)
    con = storage.connect(copy)
    con.execute("DELETE FROM complaints WHERE received_at >= TIMESTAMP '2026-10-01'")
    con.close()
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(copy))
    at = run()
    assert "当前筛选条件下没有数据" in at.info[0].value
    assert not at.metric and not at.dataframe


def test_an_empty_database_is_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert "数据库是空的" in at.info[0].value and at.title[0].value == "投诉处理"


def test_broken_promises_are_ranked_by_hall(sample_app_env, sample_con):
    at = run()
    bars = next(c for c in at.get("plotly_chart") if "cmp_broken" in c.proto.id)
    spec = json.loads(bars.proto.spec)["data"][0]
    by_hall = complaints.complaints_by(sample_con.cursor(), OCTOBER, by="hall")
    top = by_hall[by_hall["broken_48h"] > 0].sort_values(["broken_48h", "hall_code"], ascending=[False, True]).head(15)
    assert [int(v) for v in numbers(spec["x"])] == top["broken_48h"].tolist()
    assert spec["y"][0].endswith(f"({top['hall_code'].iloc[0]})")
    assert (by_hall["broken_48h"] == by_hall["promise_due"] - by_hall["within_48h"]).all()


def test_the_points_spike_by_hall(sample_app_env, sample_con):
    """April 2026, the 积分兑换 spike: the category × hall grid holds the analytics counts for
    the 20 busiest halls, so whether the spike is everywhere or in a few halls can be read."""
    april = {"from": "2026-04-01", "to": "2026-04-30"}
    at = run(april)
    grid = next(c for c in at.get("plotly_chart") if c.proto.id and "cmp_category_by_hall" in c.proto.id)
    spec = json.loads(grid.proto.spec)["data"][0]
    cells = complaints.category_by_hall(sample_con.cursor(), Filters(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
    busiest = list(dict.fromkeys(cells["hall_code"]))[:20]
    assert len(spec["y"]) == len(busiest) and spec["y"][0].endswith(f"({busiest[0]})")
    column = spec["x"].index("积分兑换")
    shown = [row[column] or 0 for row in numbers(spec["z"])]
    expected = cells[cells["hall_code"].isin(busiest) & (cells["category"] == "积分兑换")].set_index("hall_code")
    assert sum(shown) == expected["tickets"].sum() > 0
    assert "占该厅" in spec["hovertext"][0][column]


def test_views_live_in_the_url(sample_app_env):
    at = run({"cmp_grain": "month"})  # a link to the monthly view
    assert at.button_group(key="cmp_grain").value == "month"
    at.button_group(key="cmp_by").set_value("city").run()
    assert at.query_params["cmp_by"] == "city" and at.query_params["cmp_grain"] == "month"
    at.button_group(key="cmp_grain").set_value("week").run()  # back to the default: out of the URL
    assert "cmp_grain" not in at.query_params
