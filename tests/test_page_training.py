"""Contract: the Training page shows the period's active staff, coverage, pre-job training on
time, elective completion, hours per head, pass rate and large classes exactly as
analytics.metrics.training computes them for the same filters (formatted as formats.format_value
formats them), with the change against the previous period (none when that period starts before
the data) and the 12-month coverage the Overview judges in the coverage help; over the full year
hall 0755006 trains nobody (its staff listed, no course-type chart) and the four poor-training
halls (0755006, 0757003, 0754002, 0668002) sit low-left in the coverage × CSAT chart, the only
ones named there; the tables carry translated headers and the hall charts carry each hall's
code first in their points (so a click drills); in English none of the page's own labels is
left in Chinese; a filter with no staff and an empty database each give a friendly message,
never an exception. Runs pages/training.py on its own against the shipped sample (default
period 2026-10)."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formats
from analytics import storage
from analytics.filters import Filters
from analytics.metrics import training
from analytics.metrics.overview import training_window
from analytics.targets import load_targets
from page_driver import chart_specs, kpis, plotly_array, run_page

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "training.py")
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
YEAR = Filters(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
FULL_YEAR = {"from": "2025-11-01", "to": "2026-10-31"}
HALL = "0755006"
POOR_TRAINING = {"0755006", "0757003", "0754002", "0668002"}
CJK = re.compile(r"[\u4e00-\u9fff]")
DATA_WORDS = ("沟通100", "岗前培训", "自选")  # names from the data, quoted in the English text


@pytest.fixture(scope="module")
def expected(sample_con):
    """The analytics layer's numbers on the sample (the app's own database instance: see
    conftest.sample_con), so they don't depend on which pages ran before."""
    con = sample_con.cursor()
    try:
        return {
            "october": training.training_summary(con, OCTOBER).iloc[0],
            "september": training.training_summary(con, OCTOBER.previous()).iloc[0],
            "october_12m": training.training_summary(con, training_window(OCTOBER)).iloc[0],
            "year": training.training_summary(con, YEAR).iloc[0],
            "hall_year": training.training_summary(con, YEAR.with_halls((HALL,))).iloc[0],
            "cities": training.training_by(con, OCTOBER, by="city"),
            "large": training.large_sessions(con, OCTOBER),
            "staff": training.staff_training(con, OCTOBER),
        }
    finally:
        con.close()


def run(query=None, **state) -> AppTest:
    return run_page(PAGE, query, **state)


metrics = kpis


def shown_as(row, year) -> dict[str, str]:
    """The tiles for the period (`row`) and the 12 months to its end (`year`)."""
    return {"在岗员工（期内）": formats.format_value(row["active_staff"], "int"),
            "培训覆盖率（本期）": formats.format_value(row["coverage"], "percent"),
            "培训覆盖率（近12个月）": formats.format_value(year["coverage"], "percent"),
            "岗前培训及时率（本期入职）": formats.format_value(row["onboarding_rate"], "percent"),
            "选修完成率（近12个月）": formats.format_value(row["elective_rate"], "percent"),
            "人均学时": formats.format_value(row["hours_per_head"], "float1"),
            "考核通过率": formats.format_value(row["pass_rate"], "percent"),
            "大班授课（>30 人）": formats.format_value(row["large_sessions"], "int")}


charts = chart_specs


array = plotly_array


def test_kpis_are_the_analytics_numbers(sample_app_env, expected):
    at = run()
    october, september = expected["october"], expected["september"]
    assert metrics(at) == shown_as(october, expected["october_12m"])
    coverage = next(m for m in at.metric if m.label.endswith("培训覆盖率（本期）"))
    assert coverage.proto.delta == f"{(october['coverage'] - september['coverage']) * 100:+.1f} 个百分点"
    # The month's 39.9% and the Overview's 12-month 91.7% are two tiles with two names.
    assert metrics(at)["培训覆盖率（近12个月）"] == "91.7%" and metrics(at)["培训覆盖率（本期）"] == "39.9%"
    assert "2026-09-01" in at.caption[1].value and "2026-09-30" in at.caption[1].value
    assert len(charts(at)) == 4  # halls, coverage × satisfaction, course types, trend


def test_the_full_year_for_a_hall_that_trains_nobody(sample_app_env, expected):
    at = run({**FULL_YEAR, "hall": HALL})
    hall, everyone = expected["hall_year"], expected["year"]
    assert metrics(at) == shown_as(hall, hall)  # the 12 months to the period end are the period
    assert hall["coverage"] == 0 and everyone["coverage"] > 0.9
    assert all(not m.proto.delta for m in at.metric)  # the year before lies outside the data
    by_hall, staff = (d.value for d in at.dataframe)
    assert list(by_hall["营业厅编码"]) == [HALL]
    assert len(staff) == hall["active_staff"] and set(staff["营业厅编码"]) == {HALL}
    assert (staff["期间培训次数"] == 0).all()
    assert any("没有任何培训记录" in c.value for c in at.caption)


def test_poor_training_halls_sit_low_left_over_the_full_year(sample_app_env, expected):
    at = run(FULL_YEAR)
    assert metrics(at) == shown_as(expected["year"], expected["year"])
    points = {}
    for trace in charts(at)[1]["data"]:
        for code, x, y, text in zip((c[0] for c in trace["customdata"]), array(trace["x"]), array(trace["y"]),
                                    trace["text"]):
            points[code] = (x, y, text)
    assert len(points) == 40
    poor = [points[c] for c in POOR_TRAINING]
    others = [p for c, p in points.items() if c not in POOR_TRAINING]
    assert max(x for x, _, _ in poor) < min(x for x, _, _ in others)  # least coverage
    assert max(y for _, y, _ in poor) < min(y for _, y, _ in others)  # and lowest CSAT
    assert {c for c, (_, _, text) in points.items() if text} == POOR_TRAINING  # named on the chart


def test_tables_and_the_hall_chart(sample_app_env, expected):
    at = run()
    by_hall, courses, large, staff = (d.value for d in at.dataframe)
    assert list(by_hall.columns)[:8] == ["排名", "区域", "地市", "营业厅编码", "营业厅名称", "在岗员工", "已培训",
                                         "培训覆盖率（本期）"]
    assert len(by_hall) == 40 and list(by_hall["排名"]) == list(range(1, 41))
    assert "课程类型" in courses.columns and "考核通过率" in courses.columns and "考核通过率 95% 区间" in courses.columns
    assert len(large) == len(expected["large"]) and (large["班级人数"] > 30).all()
    assert len(staff) == len(expected["staff"]) and staff["期间培训次数"].is_monotonic_increasing  # untrained first
    assert [b.label for b in at.download_button][:2] == ["下载 CSV", "下载 Excel"]
    spec = charts(at)[0]
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    codes = [point[0] for trace in bars for point in trace["customdata"]]
    assert sorted(codes) == sorted(by_hall["营业厅编码"])
    assert all("error_x" in trace for trace in bars)  # Wilson intervals as whiskers
    target = load_targets()["coverage"].value
    assert any(s.get("x0") == target for s in spec["layout"]["shapes"])  # the coverage target line


def test_city_level_monthly_grain_and_mean_score(sample_app_env, expected):
    at = run(trn_by="city", trn_grain="month", trn_cvs_y="mean_score")
    by_city = at.dataframe[0].value
    assert list(by_city.columns)[:3] == ["排名", "区域", "地市"] and "营业厅编码" not in by_city.columns
    assert list(by_city["地市"]) == list(expected["cities"]["city"])
    assert len(array(charts(at)[3]["data"][0]["x"])) == 1  # one month in the period
    assert charts(at)[1]["layout"]["yaxis"]["title"]["text"] == "平均得分（0–100）"


def test_english_leaves_no_chinese_in_the_pages_own_labels(sample_app_env, expected):
    at = run(lang="en")
    assert at.title[0].value == "Training"
    assert set(metrics(at)) == {"Active staff (in the period)", "Training coverage (this period)",
                                "Training coverage (12 months)", "Pre-job training in time (hired in the period)",
                                "Elective completion (12 months)", "Hours per head", "Pass rate", "Large classes (>30)"}
    labels = [*metrics(at), *(s.value for s in at.subheader), *(c.value for c in at.caption),
              *(m.value for m in at.markdown), *(b.label for b in at.download_button),
              *(m.proto.help for m in at.metric)]
    for frame in at.dataframe:
        labels += [c for c in frame.value.columns]
    regions = set(expected["cities"]["region"])
    for spec in charts(at):
        layout = spec["layout"]
        labels += [a.get("text", "") for a in layout.get("annotations", [])]
        labels += [layout[axis].get("title", {}).get("text", "") for axis in layout
                   if axis.startswith(("xaxis", "yaxis"))]
        labels += [t.get("name") or "" for t in spec["data"] if t.get("name") not in regions]
    for word in DATA_WORDS:
        labels = [text.replace(word, "") for text in labels]
    chinese = [text for text in labels if CJK.search(text)]
    assert not chinese, chinese
    assert "Hall code" in at.dataframe[0].value.columns
    assert set(at.dataframe[3].value["Status"]) <= {"Active", "Left"}


def test_no_staff_under_the_filters_is_a_friendly_message(sample_db, tmp_path, monkeypatch):
    # The hall exists and has sales and surveys; its staff list is gone.
    copy = tmp_path / "no_staff_for_one_hall.duckdb"
    shutil.copy(sample_db, copy)
    con = storage.connect(copy)
    con.execute("DELETE FROM staff WHERE hall_code = ?", [HALL])
    con.close()
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(copy))
    at = run({"hall": HALL})
    assert "当前筛选条件下没有数据" in at.info[0].value
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")


def test_an_empty_database_is_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert "数据库是空的" in at.info[0].value and at.title[0].value == "员工培训"
