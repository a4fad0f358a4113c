"""Contract: the shared sidebar filters default to the last complete month of the data,
narrow region → city → hall (dropping choices that fall out), write themselves into the URL
and start from the URL on a fresh session; drilling narrows to one hall; the channel
filter appears only where a page asks for it; tables, KPIs and empty states render in the
current language. Runs tests/ui_harness.py (and app.py) on the shipped sample data."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, data, drill, filter_state, formats, tables, theme
from analytics import storage
from analytics.filters import Filters
from analytics.metrics import directory

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
HARNESS = str(TESTS / "ui_harness.py")
APP = str(ROOT / "app.py")
OCTOBER = {"start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture(scope="session")
def sample(sample_db, sample_con):
    """The sample database and its halls (read on the app's own instance: conftest.sample_con)."""
    con = sample_con.cursor()
    halls = directory.hall_directory(con)
    con.close()
    return sample_db, halls


@pytest.fixture
def halls(sample, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(sample[0]))
    return sample[1]


def harness(query_params=None, **state) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=30)
    at.query_params.update(query_params or {})
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def filters_of(at: AppTest) -> dict:
    assert not at.exception, at.exception
    shown, current = json.loads(at.json[0].value), json.loads(at.json[1].value)
    without_channels = {**shown, "channels": []}
    assert current == without_channels, "filter_state.current_filters() disagrees with filter_state.global_filters()"
    return shown


def labels(frame):
    return [f"{name} ({code})" for code, name in zip(frame["hall_code"], frame["hall_name"])]


def test_defaults_are_the_last_complete_month_of_the_data(halls):
    at = harness()
    assert filters_of(at) == {**OCTOBER, "regions": [], "cities": [], "halls": [], "channels": []}
    assert at.date_input(key="flt_period").value == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert at.multiselect(key="flt_region").options == ["珠三角", "粤东", "粤西"]
    assert at.multiselect(key="flt_hall").options == labels(halls)
    assert at.query_params == {"from": "2026-10-01", "to": "2026-10-31"}
    assert at.text[0].value.splitlines() == ["期间：2026-10-01 至 2026-10-31", "区域：全部", "地市：全部", "营业厅：全部"]


def test_region_narrows_cities_and_halls_and_drops_what_falls_out(halls):
    at = harness()
    at.multiselect(key="flt_region").select("粤东").run()
    east = halls[halls["region"] == "粤东"]
    assert at.multiselect(key="flt_city").options == ["汕头", "潮州"]
    assert at.multiselect(key="flt_hall").options == labels(east)

    at.multiselect(key="flt_city").select("潮州").run()
    chaozhou = east[east["city"] == "潮州"]
    assert at.multiselect(key="flt_hall").options == labels(chaozhou) and len(chaozhou) == 3
    hall = chaozhou["hall_code"].iloc[0]
    at.multiselect(key="flt_hall").select(hall).run()
    assert filters_of(at) == {**OCTOBER, "regions": ["粤东"], "cities": ["潮州"], "halls": [hall], "channels": []}
    assert at.query_params == {"from": "2026-10-01", "to": "2026-10-31", "region": "粤东", "city": "潮州",
                               "hall": hall}
    assert at.text[0].value.splitlines()[3] == f"营业厅：{chaozhou['hall_name'].iloc[0]}"

    at.multiselect(key="flt_region").set_value(["粤西"]).run()  # 潮州 and its hall are not in 粤西
    assert filters_of(at) == {**OCTOBER, "regions": ["粤西"], "cities": [], "halls": [], "channels": []}
    assert at.multiselect(key="flt_city").value == [] and at.multiselect(key="flt_hall").value == []
    assert at.multiselect(key="flt_city").options == ["湛江", "茂名"]
    assert at.query_params == {"from": "2026-10-01", "to": "2026-10-31", "region": "粤西"}

    at.multiselect(key="flt_region").set_value(["粤西", "粤东"]).run()
    assert filters_of(at)["regions"] == ["粤西", "粤东"] and at.query_params["region"] == "粤西,粤东"


def test_the_period_is_written_to_the_url_and_a_half_picked_range_keeps_the_last_one(halls):
    at = harness()
    at.date_input(key="flt_period").set_value((dt.date(2026, 9, 1), dt.date(2026, 9, 15))).run()
    assert filters_of(at)["start"] == "2026-09-01" and filters_of(at)["end"] == "2026-09-15"
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-09-01", "2026-09-15")
    at.date_input(key="flt_period").set_value((dt.date(2026, 8, 3),)).run()  # only the start picked so far
    assert (filters_of(at)["start"], filters_of(at)["end"]) == ("2026-09-01", "2026-09-15")
    assert "结束日期" in at.sidebar.caption[0].value


def test_a_period_preset_applies_in_one_click_and_goes_into_the_url(halls):
    at = harness()  # the sample: 2025-11-01 … 2026-10-31; the default is October, 本月
    presets = at.sidebar.get("button_group")[0]
    assert presets.value == "this_month"
    presets.set_value("last_4_weeks").run()  # the four ISO weeks ending Sunday 2026-10-25
    assert (filters_of(at)["start"], filters_of(at)["end"]) == ("2026-09-28", "2026-10-25")
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-09-28", "2026-10-25")
    assert at.date_input(key="flt_period").value == (dt.date(2026, 9, 28), dt.date(2026, 10, 25))
    at.sidebar.get("button_group")[0].set_value("all").run()  # 全部: the same days as 近12个月, and it stays lit
    assert (filters_of(at)["start"], filters_of(at)["end"]) == ("2025-11-01", "2026-10-31")
    assert at.sidebar.get("button_group")[0].value == "all"
    # Dates picked by hand match no preset: none is lit.
    at.date_input(key="flt_period").set_value((dt.date(2026, 9, 3), dt.date(2026, 9, 15))).run()
    assert at.sidebar.get("button_group")[0].value is None
    assert not at.exception and not at.warning


def test_a_fresh_session_starts_from_the_url(halls):
    west = halls[halls["region"] == "粤西"]
    pearl = halls[halls["region"] == "珠三角"]
    at = harness({"region": "粤西", "from": "2026-09-01", "to": "2026-09-30",
                  "hall": f"nonsense,{west['hall_code'].iloc[0]},{pearl['hall_code'].iloc[0]}", "lang": "en"})
    assert filters_of(at) == {"start": "2026-09-01", "end": "2026-09-30", "regions": ["粤西"], "cities": [],
                              "halls": [west["hall_code"].iloc[0]], "channels": []}
    assert at.multiselect(key="flt_region").value == ["粤西"]
    assert at.multiselect(key="flt_hall").value == [west["hall_code"].iloc[0]]
    assert at.date_input(key="flt_period").value == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    # Invalid choices are dropped from the URL too; the language is left alone.
    assert at.query_params == {"from": "2026-09-01", "to": "2026-09-30", "region": "粤西",
                               "hall": west["hall_code"].iloc[0], "lang": "en"}
    assert at.text[0].value.splitlines()[:2] == ["Period: 2026-09-01 to 2026-09-30", "Regions: 粤西"]


@pytest.mark.parametrize("params, expected", [
    ({"from": "2026-13-01", "to": "2026-10-31"}, ("2026-10-01", "2026-10-31")),  # not a date: the default
    ({"from": "2026-10-20", "to": "2026-10-01"}, ("2026-10-01", "2026-10-31")),  # backwards: the default
    ({"from": "2020-01-01", "to": "2026-10-15"}, ("2025-11-01", "2026-10-15")),  # clipped to the data
    ({"from": "2026-10-05"}, ("2026-10-01", "2026-10-31")),                       # half a period: the default
])
def test_a_bad_url_period_falls_back(halls, params, expected):
    at = harness(params)
    assert (filters_of(at)["start"], filters_of(at)["end"]) == expected
    assert (at.query_params["from"], at.query_params["to"]) == expected


def test_drill_to_hall_narrows_to_one_hall(halls):
    hall = halls[halls["region"] == "珠三角"]["hall_code"].iloc[0]
    at = harness(harness_drill=hall)
    at.multiselect(key="flt_region").set_value(["粤西"]).run()  # the hall lies outside: region is widened
    at.button(key=f"drill_{hall}").click().run()
    assert filters_of(at) == {**OCTOBER, "regions": [], "cities": [], "halls": [hall], "channels": []}
    assert at.query_params["hall"] == hall and "region" not in at.query_params
    assert f"drill_{hall}" not in [b.key for b in at.button]  # already showing only that hall


def test_drill_keeps_a_region_that_holds_the_hall(halls):
    east = halls[halls["region"] == "粤东"]
    hall = east["hall_code"].iloc[-1]
    at = harness(harness_drill=hall)
    at.multiselect(key="flt_region").set_value(["粤东"]).run()
    assert at.button(key=f"drill_{hall}").label == f"只看该厅：{east['hall_name'].iloc[-1]}"
    at.button(key=f"drill_{hall}").click().run()
    assert filters_of(at)["regions"] == ["粤东"] and filters_of(at)["halls"] == [hall]


def test_the_channel_filter_appears_only_when_asked_for(halls):
    at = harness()
    assert not [m.key for m in at.multiselect if (m.key or "").startswith("flt_channel")]
    at = harness(harness_channels="surveys")
    channels = at.multiselect(key="flt_channel_surveys")
    assert channels.options == ["评价器", "短信", "10086外呼"]
    channels.select("短信").run()
    assert filters_of(at)["channels"] == ["短信"] and at.query_params["channel"] == "短信"
    assert at.text[0].value.splitlines()[-1] == "渠道：短信"


def test_the_channel_filter_starts_from_the_url(halls):
    at = harness({"channel": "微博,短信"}, harness_channels="surveys")  # 微博 is a complaints channel
    assert filters_of(at)["channels"] == ["短信"] and at.query_params["channel"] == "短信"
    at = harness({"channel": "微博,短信"}, harness_channels="complaints")
    assert filters_of(at)["channels"] == ["微博"]


def test_table_kpis_and_downloads_in_the_current_language(halls):
    at = harness(harness_table=True)
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns)[:4] == ["营业厅编码", "营业厅名称", "样本量", "满意度（CSAT）"]
    assert len(table) == len(halls)
    assert [b.label for b in at.download_button] == ["下载 CSV", "下载 Excel"]
    assert at.metric[0].value == "91.2%" and at.metric[0].proto.delta == "-1.2 个百分点"
    assert at.metric[1].value == "7" and at.metric[1].proto.delta == "-2"
    styles = at.dataframe[0].proto.arrow_data.styler.styles  # CSAT cells coloured against the target
    assert theme.STATUS_BACKGROUNDS["bad"] in styles and theme.LOW_SAMPLE_TEXT in styles

    at.session_state["lang"] = "en"
    at.run()
    assert list(at.dataframe[0].value.columns)[:4] == ["Hall code", "Hall name", "Responses", "CSAT"]
    assert at.metric[0].proto.delta == "-1.2 pp"


def test_low_sample_values_are_marked(halls):
    hall = halls["hall_code"].iloc[0]
    at = harness({"from": "2026-10-01", "to": "2026-10-01", "hall": hall}, harness_table=True)  # one day: few answers
    table = at.dataframe[0].value
    assert list(table["样本提示"]) == ["⚠ 样本<30：满意度（CSAT）"]  # the value named, not the row
    assert "样本少于 30" in at.caption[-1].value


@pytest.mark.parametrize("kind, text", [("empty_database", "数据库是空的"), ("no_data", "当前筛选条件下没有数据")])
def test_empty_states_never_raise(halls, kind, text):
    at = harness(harness_empty=kind)
    assert not at.exception and text in at.info[0].value


def test_an_empty_database_gets_default_filters_and_a_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = harness(harness_empty="empty_database")
    filters = filters_of(at)
    start, end = directory.default_period(dt.date.today())
    assert (filters["start"], filters["end"]) == (start.isoformat(), end.isoformat())
    assert "还没有数据" in at.sidebar.caption[0].value
    assert "数据库是空的" in at.info[0].value


def test_app_draws_the_filters_in_the_sidebar(halls):
    # One run per AppTest: in Streamlit 1.67 an AppTest *rerun* of app.py runs the page alone
    # (AppTest resets PagesManager.uses_pages_directory, and pages/ exists: the MPA v1 path).
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert {"flt_period", "flt_region", "flt_city", "flt_hall"} <= {w.key for w in at.sidebar.get("date_input")
                                                                    + at.sidebar.get("multiselect")}
    assert at.query_params == {"from": "2026-10-01", "to": "2026-10-31"}
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["region"] = "粤西"
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception and at.multiselect(key="flt_region").value == ["粤西"]
    assert at.multiselect(key="flt_region").label == "Region"
    assert at.query_params == {"from": "2026-10-01", "to": "2026-10-31", "region": "粤西", "lang": "en"}


def test_query_caches_by_function_filters_and_keyword_arguments(halls):
    calls = []

    def metric(con, filters, *, by="hall"):
        calls.append((filters.regions, by))
        return pd.DataFrame({"n": con.execute("SELECT count(*) FROM halls").fetchone()})

    october = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert data.query(metric, october, by="hall")["n"].item() == len(halls)
    data.query(metric, Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31)), by="hall")  # equal filters: cached
    data.query(metric, october, by="city")
    data.query(metric, Filters(october.start, october.end, regions=("粤东",)), by="city")
    assert calls == [((), "hall"), ((), "city"), (("粤东",), "city")]


@pytest.mark.parametrize("event, expected", [
    (None, None),
    ({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}, None),
    ({"selection": {"points": [{"x": "a", "customdata": ["0754001", 0.8]}]}}, "0754001"),
    ({"selection": {"points": [{"x": "a"}, {"x": "b", "customdata": "020001"}]}}, "020001"),
])
def test_hall_from_chart_selection(event, expected):
    assert drill.hall_from_chart_selection(event) == expected


def test_hall_from_table_selection():
    frame = pd.DataFrame({"hall_code": ["A", "B", "C"]}, index=[10, 11, 12])
    assert drill.hall_from_table_selection({"selection": {"rows": [2], "columns": []}}, frame) == "C"
    assert drill.hall_from_table_selection({"selection": {"rows": [], "columns": []}}, frame) is None
    assert drill.hall_from_table_selection({"selection": {"rows": [7]}}, frame) is None
    assert drill.hall_from_table_selection(None, frame) is None


def test_chart_theme_replaces_streamlit_placeholder_colours():
    frame = pd.DataFrame({"hall": ["a", "b", "c"], "csat": [0.9, 0.8, 0.7], "region": ["r1", "r2", "r1"]})
    fig = theme.apply_chart_theme(px.bar(frame, x="hall", y="csat", color="region", custom_data=["hall"]))
    assert [trace.marker.color for trace in fig.data] == list(theme.PALETTE[:2])
    assert fig.layout.font.family == theme.FONT and fig.layout.legend.orientation == "h"
    assert fig.layout.plot_bgcolor == "white" and fig.layout.legend.title.text == ""
    continuous = theme.apply_chart_theme(px.scatter(frame, x="hall", y="csat", color="csat"))
    assert not str(continuous.layout.coloraxis.colorscale[0][1]).startswith("#0000")


@pytest.mark.parametrize("value, kind, text", [
    (0.91234, "percent", "91.2%"), (1234, "int", "1,234"), (85.26, "float1", "85.3"), (None, "percent", "—"),
    (float("nan"), "int", "—"),
])
def test_format_value(value, kind, text):
    assert formats.format_value(value, kind) == text


def test_every_page_shows_data_freshness_in_the_sidebar(halls):
    # app.py draws it for every page; the sample's activity data ends on 2026-10-31.
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    text = "\n".join(m.value for m in at.sidebar.markdown)
    for label, last in (("满意度调查", dt.date(2026, 10, 31)), ("投诉工单", dt.date(2026, 10, 31)),
                        ("营销记录", dt.date(2026, 10, 31)), ("培训记录", dt.date(2026, 10, 30))):
        age = (dt.date.today() - last).days
        line = next(line for line in text.splitlines() if label in line)
        assert last.isoformat() in line and f"{age} 天前" in line, line
        assert line.startswith("- ⚠") == (age > 7), line


def test_freshness_flags_only_what_is_older_than_a_week(tmp_path, monkeypatch):
    from builders import load_halls, xlsx
    from analytics import importer

    db = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(db))
    con = storage.connect(db)
    load_halls(con)
    recent = (dt.datetime.now() - dt.timedelta(days=2)).replace(microsecond=0)
    tickets = xlsx(("工单", [["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"],
                             ["T1", recent, "积分兑换", "020001", "处理中"]]))
    assert importer.import_file(con, "c.xlsx", tickets).ok
    con.close()
    at = AppTest.from_file(APP, default_timeout=30).run()
    lines = [line for m in at.sidebar.markdown for line in m.value.splitlines()]
    assert f"- 投诉工单：截至 {recent.date().isoformat()}（2 天前）" in lines
    assert "- 满意度调查：暂无数据" in lines
    assert not any(line.startswith("- ⚠") for line in lines)


def test_each_value_is_marked_by_its_own_n():
    # One hall: CSAT from 300 answers, NPS from the 12 of them with a recommend score.
    frame = pd.DataFrame({"hall_code": ["H1", "H2"], "responses": [300, 10], "csat": [0.9, 0.8],
                          "nps_responses": [12, 10], "nps": [25.0, 10.0], "low_sample": [False, True]})
    marks = tables._low_values(frame, ["hall_code", "responses", "csat", "nps"])
    assert set(marks) == {"csat", "nps"}  # counts and codes carry no mark
    assert marks["csat"].tolist() == [False, True] and marks["nps"].tolist() == [True, True]


def test_charts_follow_a_dark_meeting_room_server(monkeypatch):
    light = theme.apply_chart_theme(px.bar(x=["a"], y=[1]))
    assert light.layout.paper_bgcolor == "white"
    # as `streamlit run --theme.base dark` sets it
    monkeypatch.setattr(theme.st, "get_option",
                        lambda name, _get=theme.st.get_option: "dark" if name == "theme.base" else _get(name))
    dark = theme.apply_chart_theme(px.bar(x=["a"], y=[1]))
    assert dark.layout.paper_bgcolor == "#0e1117" and dark.layout.font.color == "#fafafa"
