"""Contract: the Marketing page shows the period's contacts, interested, converted, conversion,
revenue and revenue per contact exactly as analytics.metrics.marketing computes them for the same
filters (formatted as formats.format_value formats them), with the change against the previous period
(none when that period starts before the data); one hall's figures are that hall's row of
conversion_by; over the full year the product × activity heatmap shows 千兆宽带 converting ≈35%
in 现场营销 and ≈5% at 社区活动 / 摆摊促销; the tables carry translated headers, the staff
ranking leaves out the daily reports (no staff id) and the hall chart carries each hall's code
first in its points (so a click drills); in English none of the page's own labels is left in
Chinese; a filter with no sales and an empty database each give a friendly message, never an
exception. Runs pages/marketing.py on its own against the shipped sample (default period 2026-10)."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formats
from analytics import storage
from analytics.filters import Filters
from analytics.metrics import marketing
from analytics.targets import load_targets
from page_driver import chart_specs, kpis, plotly_array, run_page

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "marketing.py")
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
YEAR = Filters(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
FULL_YEAR = {"from": "2025-11-01", "to": "2026-10-31"}
HALL = "0755006"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def expected(sample_con):
    """The analytics layer's numbers on the sample (the app's own database instance: see
    conftest.sample_con), so they don't depend on which pages ran before."""
    con = sample_con.cursor()
    try:
        halls = marketing.conversion_by(con, OCTOBER, by="hall")
        return {
            "october": marketing.marketing_summary(con, OCTOBER).iloc[0],
            "september": marketing.marketing_summary(con, OCTOBER.previous()).iloc[0],
            "year": marketing.marketing_summary(con, YEAR).iloc[0],
            "hall": halls[halls["hall_code"] == HALL].iloc[0],
            "cities": marketing.conversion_by(con, OCTOBER, by="city"),
            "activities": marketing.conversion_by(con, OCTOBER, by="activity_type"),
            "cells": marketing.conversion_by_product_and_activity(con, YEAR),
        }
    finally:
        con.close()


def run(query=None, **state) -> AppTest:
    return run_page(PAGE, query, **state)


metrics = kpis


def shown_as(row) -> dict[str, str]:
    return {"营销接触": formats.format_value(row["contacts"], "int"),
            "有意向": formats.format_value(row["interested"], "int"),
            "成功办理": formats.format_value(row["converted"], "int"),
            "营销成功率": formats.format_value(row["conversion"], "percent"),
            "营收（元）": formats.format_value(row["revenue"], "int"),
            "单次接触收入（元）": formats.format_value(row["revenue_per_contact"], "float1")}


charts = chart_specs


array = plotly_array


def test_kpis_are_the_analytics_numbers(sample_app_env, expected):
    at = run()
    october, september = expected["october"], expected["september"]
    assert metrics(at) == shown_as(october)
    contacts = next(m for m in at.metric if m.label == "营销接触")
    assert contacts.proto.delta == f"{october['contacts'] - september['contacts']:+,.0f}"
    conversion = next(m for m in at.metric if m.label.endswith("营销成功率"))
    assert conversion.proto.delta == f"{(october['conversion'] - september['conversion']) * 100:+.1f} 个百分点"
    assert "2026-09-01" in at.caption[1].value and "2026-09-30" in at.caption[1].value
    assert len(charts(at)) == 4  # funnel, trend, halls, product × activity
    funnel = charts(at)[0]["data"][0]
    assert funnel["type"] == "funnel" and array(funnel["x"]) == [october["contacts"], october["interested"],
                                                          october["converted"]]


def test_one_hall_is_its_row_of_conversion_by(sample_app_env, expected):
    at = run({"hall": HALL})
    hall = expected["hall"]
    assert metrics(at) == shown_as(hall)
    assert hall["contacts"] < expected["october"]["contacts"]
    by_hall, _, staff, detail = (d.value for d in at.dataframe)
    assert list(by_hall["营业厅编码"]) == [HALL]
    assert set(staff["营业厅编码"]) == {HALL} and set(detail["营业厅编码"]) == {HALL}


def test_the_full_year_shows_the_broadband_story(sample_app_env, expected):
    at = run(FULL_YEAR)
    assert metrics(at) == shown_as(expected["year"])
    assert all(not m.proto.delta for m in at.metric)  # the year before lies outside the data
    assert "早于数据起始日期" in at.caption[1].value
    heatmap = charts(at)[3]["data"][0]
    row = next(i for i, label in enumerate(heatmap["y"]) if label.endswith("千兆宽带"))
    shown = dict(zip(heatmap["x"], array(heatmap["z"])[row]))
    cells = expected["cells"]
    gigabit = cells[cells["product_name"] == "千兆宽带"].set_index("activity_type")["conversion"]
    assert shown == pytest.approx(gigabit.to_dict())
    assert shown["现场营销"] == pytest.approx(0.35, abs=0.03)
    assert shown["社区活动"] == pytest.approx(0.05, abs=0.02) and shown["摆摊促销"] == pytest.approx(0.05, abs=0.02)


def test_tables_and_the_hall_chart(sample_app_env, expected):
    at = run()
    by_hall, products, staff, detail = (d.value for d in at.dataframe)
    assert list(by_hall.columns)[:10] == ["排名", "区域", "地市", "营业厅编码", "营业厅名称", "接触", "有意向", "成功",
                                          "营销成功率", "区间下限"]
    assert len(by_hall) == 40 and list(by_hall["排名"]) == list(range(1, 41))
    assert list(products["产品类别"]) == ["新业务", "宽带", "套餐", "终端"]
    # Daily reports carry no staff id: they are not a row of the staff ranking (a caption says so).
    assert staff["员工编号"].notna().all() and list(staff["排名"]) == list(range(1, len(staff) + 1))
    assert any("营销日报" in c.value and "未计入" in c.value for c in at.caption)
    assert len(detail) == 500 and set(detail["记录类型"]) <= {"逐条接触", "营销日报"}
    assert [b.label for b in at.download_button][:2] == ["下载 CSV", "下载 Excel"]
    # Every bar of the hall chart carries its hall code first: clicking it drills to that hall.
    spec = charts(at)[2]
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    codes = [point[0] for trace in bars for point in trace["customdata"]]
    assert sorted(codes) == sorted(by_hall["营业厅编码"])
    assert all("error_x" in trace for trace in bars)  # Wilson intervals as whiskers
    target = load_targets()["conversion"].value
    assert any(s.get("x0") == target for s in spec["layout"]["shapes"])  # the conversion target line


def test_city_level_activity_types_and_monthly_grain(sample_app_env, expected):
    at = run(mkt_by="city", mkt_dim="activity_type", mkt_grain="month")
    by_city, activities = at.dataframe[0].value, at.dataframe[1].value
    assert list(by_city.columns)[:3] == ["排名", "区域", "地市"] and "营业厅编码" not in by_city.columns
    assert list(by_city["地市"]) == list(expected["cities"]["city"])
    assert list(activities["活动类型"]) == list(expected["activities"]["activity_type"])
    assert len(charts(at)[1]["data"][0]["x"]) == 1  # one month in the period


def test_english_leaves_no_chinese_in_the_pages_own_labels(sample_app_env):
    at = run(lang="en")
    assert at.title[0].value == "Marketing"
    assert set(metrics(at)) == {"Contacts", "Interested", "Converted", "Conversion", "Revenue (¥)",
                                "Revenue per contact (¥)"}
    labels = [*metrics(at), *(s.value for s in at.subheader), *(c.value for c in at.caption),
              *(m.value for m in at.markdown), *(b.label for b in at.download_button),
              *(m.proto.help for m in at.metric)]
    for frame in at.dataframe:
        labels += [c for c in frame.value.columns]
    for spec in charts(at):
        layout = spec["layout"]
        labels += [a.get("text", "") for a in layout.get("annotations", [])]
        labels += [s.get("label", {}).get("text", "") for s in layout.get("shapes", [])]
        labels += [layout[axis].get("title", {}).get("text", "") for axis in layout
                   if axis.startswith(("xaxis", "yaxis"))]
        labels += [t.get("name") or "" for t in spec["data"]]
    chinese = [text for text in labels if CJK.search(text.replace("沟通100", ""))]
    assert not chinese, chinese
    assert "Hall code" in at.dataframe[0].value.columns
    assert set(at.dataframe[3].value["Record type"]) <= {"Contact", "Daily report"}


def test_no_sales_under_the_filters_is_a_friendly_message(sample_db, tmp_path, monkeypatch):
    # The hall exists and has staff and surveys; its sales are gone.
    copy = tmp_path / "no_sales_for_one_hall.duckdb"
    shutil.copy(sample_db, copy)
    con = storage.connect(copy)
    con.execute("DELETE FROM sales WHERE hall_code = ?", [HALL])
    con.close()
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(copy))
    at = run({"hall": HALL})
    assert "当前筛选条件下没有数据" in at.info[0].value
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")


def test_an_empty_database_is_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert "数据库是空的" in at.info[0].value and at.title[0].value == "营销转化"
