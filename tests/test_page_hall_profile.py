"""Contract: the Hall profile shows one hall's KPIs (equal to the analytics layer's for that
hall), its rank among the halls of its city and region, its staff and its open tickets."""
import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

import json

from analytics import storage
from analytics.filters import Filters
from analytics.metrics import complaints, overview, satisfaction
from dashboard import formats
from page_driver import plotly_array

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "hall_profile.py")


def test_the_slipping_hall(sample_app_env):
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.query_params["hall"] = "020003"
    at.run()
    assert not at.exception
    assert at.selectbox(key="hp_hall").value == "020003"
    con = storage.connect(sample_app_env)
    october = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31), halls=("020003",))
    headline = overview.headline(con, october).set_index("kpi")
    peers = overview.hall_table(con, Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31), regions=("珠三角",)))
    staff = overview.staff_table(con, october, "020003")
    around = {"广州": overview.headline(con, Filters(october.start, october.end, cities=("广州",)), compare=False),
              "珠三角": overview.headline(con, Filters(october.start, october.end, regions=("珠三角",)), compare=False)}
    around = {name: frame.set_index("kpi") for name, frame in around.items()}
    times = {name: complaints.complaint_summary(con, f).iloc[0] for name, f in (
        ("hall", october), ("city", Filters(october.start, october.end, cities=("广州",))),
        ("region", Filters(october.start, october.end, regions=("珠三角",))))}
    region_year = overview.training_window(Filters(october.start, october.end, regions=("珠三角",)))
    region_csat = satisfaction.satisfaction_trend(con, region_year, grain="month")
    dimensions = {name: satisfaction.satisfaction_dimensions(con, f) for name, f in (
        ("hall", october), ("region", Filters(october.start, october.end, regions=("珠三角",))))}
    con.close()
    # A tile's label is "<status dot> <⚠ when n is low> <KPI name>".
    shown = {m.label.split("] ")[-1].removeprefix("⚠ "): m.value for m in at.metric}
    assert shown["48小时办结率"] == formats.format_value(headline.loc["promise_48h", "value"], "percent") == "0.0%"
    assert shown["投诉工单"] == formats.format_value(headline.loc["tickets", "value"], "int")
    # beside each rate, its city's and region's (their counts pooled)
    caption = (f"地市 {formats.format_value(around['广州'].loc['promise_48h', 'value'], 'percent')} · "
               f"区域 {formats.format_value(around['珠三角'].loc['promise_48h', 'value'], 'percent')}")
    assert any(c.value.endswith(caption) for c in at.caption), caption
    ranking = at.dataframe[0].value.set_index("指标")
    expected = overview.hall_ranking(peers, "020003").set_index("kpi")
    assert ranking.loc["48小时办结率", "地市排名"] == f"第 {expected.loc['promise_48h', 'city_rank']} / 8"
    assert ranking.loc["48小时办结率", "区域排名"].endswith(f"/ {len(peers)}")
    assert list(at.dataframe[1].value["员工编号"]) == list(staff["staff_id"])
    # each member of staff's rates carry their intervals (a rate from 3 contacts says little)
    assert {"营销成功率 95% 区间", "满意度（CSAT） 95% 区间"} <= set(at.dataframe[1].value.columns)
    assert ranking.loc["48小时办结率", "区域最佳"] == formats.format_value(expected.loc["promise_48h", "region_best"],
                                                                      "percent")
    # First response and resolution: the hall's medians, its city's and region's beside them.
    assert shown["首次响应中位数（小时）"] == formats.format_value(times["hall"]["first_response_median_hours"], "float1")
    assert shown["办结时长中位数（小时）"] == formats.format_value(times["hall"]["resolution_median_hours"], "float1")
    first = (f"地市 {formats.format_value(times['city']['first_response_median_hours'], 'float1')} · "
             f"区域 {formats.format_value(times['region']['first_response_median_hours'], 'float1')}")
    assert any(c.value == first for c in at.caption), first
    # The month-by-month trends (the hall, with its city and region as reference lines), the
    # dimensions of hall, city and region, then the hall's 沟通100 scorecard.
    charts = {c.key: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    assert list(charts) == ["hp_trends", "hp_dimensions", "hp_scorecard"]
    trend_names = {trace["name"] for trace in charts["hp_trends"]["data"]}
    assert trend_names == {"本厅", "所在地市", "所在区域"}
    region_line = next(tr for tr in charts["hp_trends"]["data"] if tr["name"] == "所在区域" and tr.get("xaxis", "x") == "x")
    assert plotly_array(region_line["y"]) == region_csat["csat"].tolist()
    bars = {trace["name"]: trace for trace in charts["hp_dimensions"]["data"]}
    assert list(bars) == ["本厅", "所在地市", "所在区域"]
    assert plotly_array(bars["本厅"]["x"]) == dimensions["hall"]["mean_score"].tolist()
    assert plotly_array(bars["所在区域"]["x"]) == dimensions["region"]["mean_score"].tolist()


def test_switching_hall_and_language(sample_app_env):
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["lang"] = "en"
    at.run()
    # No hall chosen in the sidebar: the page asks rather than opening on the first hall.
    assert at.selectbox(key="hp_hall").value is None and "Choose a hall" in at.info[0].value
    assert not at.dataframe
    at.selectbox(key="hp_hall").set_value("0755006").run()
    assert not at.exception and at.selectbox(key="hp_hall").value == "0755006"
    assert at.title[0].value == "Hall profile"
    assert "Rank in city" in at.dataframe[0].value.columns


def test_empty_database(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception and at.info
