"""Contract: the Satisfaction page shows the period's responses, mean score, CSAT and NPS exactly
as analytics.metrics.satisfaction computes them for the same filters (formatted as
formats.format_value formats them), with the change against the previous period; the hall and
channel filters narrow every figure, table and answer shown; the tables carry translated
headers and the hall chart carries each hall's code first in its points (so a click drills);
in English none of the page's own labels is left in Chinese; a filter with no answers and an
empty database each give a friendly message, never an exception.
Runs pages/satisfaction.py on its own against the shipped sample (default period 2026-10)."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formats
from analytics import storage
from analytics.filters import Filters
from analytics.metrics import satisfaction
from page_driver import chart_specs, kpis, run_page

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "satisfaction.py")
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
POOR_TRAINING_HALL = "0755006"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def expected(sample_con):
    """The analytics layer's numbers on the sample (the app's own database instance: see
    conftest.sample_con), so they don't depend on which pages ran before."""
    con = sample_con.cursor()
    try:
        return {
            "october": satisfaction.satisfaction_summary(con, OCTOBER).iloc[0],
            "september": satisfaction.satisfaction_summary(con, OCTOBER.previous()).iloc[0],
            "hall": satisfaction.satisfaction_summary(con, OCTOBER.with_halls((POOR_TRAINING_HALL,))).iloc[0],
            "sms": satisfaction.satisfaction_summary(
                con, Filters(OCTOBER.start, OCTOBER.end, channels=("短信",))).iloc[0],
            "cities": satisfaction.satisfaction_by(con, OCTOBER, by="city"),
        }
    finally:
        con.close()


def run(query=None, **state) -> AppTest:
    return run_page(PAGE, query, **state)


metrics = kpis


def shown_as(row) -> dict[str, str]:
    return {"评价样本量": formats.format_value(row["responses"], "int"),
            "平均得分（0–100）": formats.format_value(row["mean_score"], "float1"),
            "满意度（CSAT）": formats.format_value(row["csat"], "percent"),
            "净推荐值（NPS）": formats.format_value(row["nps"], "float1"),
            "平均等待时长（分钟）": formats.format_value(row["wait_minutes"], "float1")}


charts = chart_specs


def test_kpis_are_the_analytics_numbers(sample_app_env, expected):
    at = run()
    october, september = expected["october"], expected["september"]
    assert metrics(at) == shown_as(october)
    responses = next(m for m in at.metric if m.label == "评价样本量")
    assert responses.proto.delta == f"{october['responses'] - september['responses']:+,.0f}"
    assert "2026-09-01" in at.caption[1].value and "2026-09-30" in at.caption[1].value
    assert len(charts(at)) == 5  # trend, halls, scores, dimensions, waiting


def test_a_hall_filter_narrows_every_figure(sample_app_env, expected):
    at = run({"hall": POOR_TRAINING_HALL})
    hall, everyone = expected["hall"], expected["october"]
    assert metrics(at) == shown_as(hall)
    assert hall["csat"] < everyone["csat"] and hall["mean_score"] < everyone["mean_score"]
    by_hall, _, answers = (d.value for d in at.dataframe)
    assert list(by_hall["营业厅编码"]) == [POOR_TRAINING_HALL]
    assert len(answers) == hall["responses"] and set(answers["营业厅编码"]) == {POOR_TRAINING_HALL}


def test_tables_and_the_hall_chart(sample_app_env, expected):
    at = run()
    by_hall, channels, answers = (d.value for d in at.dataframe)
    # Each rate and mean under its declared name, with its n and 95% interval beside it.
    assert list(by_hall.columns)[:9] == ["排名", "区域", "地市", "营业厅编码", "营业厅名称", "样本量", "平均得分（0–100）",
                                         "平均得分（0–100） 95% 区间", "满意度（CSAT）"]
    assert {"净推荐值（NPS） 95% 区间", "平均等待时长（分钟） 95% 区间"} <= set(by_hall.columns)
    assert len(by_hall) == 40 and list(by_hall["排名"]) == list(range(1, 41))
    assert "客户评论" in answers.columns and len(answers) == 500
    assert list(channels["评价渠道"]) == ["评价器", "短信", "10086外呼"]
    assert [b.label for b in at.download_button][:2] == ["下载 CSV", "下载 Excel"]
    # Every bar of the hall chart carries its hall code first: clicking it drills to that hall.
    bars = [t for t in charts(at)[1]["data"] if t["type"] == "bar"]
    codes = [point[0] for trace in bars for point in trace["customdata"]]
    assert sorted(codes) == sorted(by_hall["营业厅编码"])
    assert all("error_x" in trace for trace in bars)  # Wilson intervals as whiskers


def test_city_level_and_monthly_grain(sample_app_env, expected):
    at = run(sat_by="city", sat_grain="month")
    by_city = at.dataframe[0].value
    assert list(by_city.columns)[:3] == ["排名", "区域", "地市"] and "营业厅编码" not in by_city.columns
    assert list(by_city["地市"]) == list(expected["cities"]["city"])
    assert len(charts(at)[0]["data"][0]["x"]) == 1  # one month in the period


def test_english_leaves_no_chinese_in_the_pages_own_labels(sample_app_env):
    at = run(lang="en")
    assert at.title[0].value == "Satisfaction"
    assert set(metrics(at)) == {"Survey answers", "Mean score (0–100)", "CSAT", "NPS", "Mean waiting time (minutes)"}
    labels = [*metrics(at), *(s.value for s in at.subheader), *(c.value for c in at.caption),
              *(m.value for m in at.markdown), *(b.label for b in at.download_button)]
    for frame in at.dataframe:
        labels += [c for c in frame.value.columns]
    for spec in charts(at):
        layout = spec["layout"]
        labels += [a.get("text", "") for a in layout.get("annotations", [])]
        labels += [layout[axis].get("title", {}).get("text", "") for axis in layout
                   if axis.startswith(("xaxis", "yaxis"))]
        labels += [t.get("name") or "" for t in spec["data"]]
    chinese = [text for text in labels if CJK.search(text)]
    assert not chinese, chinese
    assert "Hall code" in at.dataframe[0].value.columns


def test_a_channel_filter_narrows_the_responses(sample_app_env, expected):
    at = run(flt_channel_surveys=["短信"])
    assert metrics(at)["评价样本量"] == formats.format_value(expected["sms"]["responses"], "int")
    assert expected["sms"]["responses"] < expected["october"]["responses"]
    assert list(at.dataframe[1].value["评价渠道"]) == ["短信"]


def test_no_answers_under_the_filters_is_a_friendly_message(sample_db, tmp_path, monkeypatch):
    # The period (October, from the other datasets) stays; its answers are gone.
    copy = tmp_path / "no_october_answers.duckdb"
    shutil.copy(sample_db, copy)
    con = storage.connect(copy)
    con.execute("DELETE FROM surveys WHERE answered_at >= TIMESTAMP '2026-10-01'")
    con.close()
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(copy))
    at = run()
    assert "当前筛选条件下没有数据" in at.info[0].value
    assert not at.metric and not at.dataframe


def test_an_empty_database_is_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert "数据库是空的" in at.info[0].value and at.title[0].value == "客户满意度"


def test_a_citys_dimensions_beside_its_region_and_all_halls(sample_app_env, sample_con):
    at = run({"city": "汕头"})
    chart = next(c for c in at.get("plotly_chart") if "sat_dimensions" in c.proto.id)
    import json

    from page_driver import plotly_array

    traces = json.loads(chart.proto.spec)["data"]
    assert [t["name"] for t in traces] == ["所选范围", "所在区域", "全部厅店"]
    con = sample_con.cursor()
    for trace, level in zip(traces, (Filters(OCTOBER.start, OCTOBER.end, cities=("汕头",)),
                                     Filters(OCTOBER.start, OCTOBER.end, regions=("粤东",)), OCTOBER)):
        expected = satisfaction.satisfaction_dimensions(con, level)["mean_score"].tolist()
        assert plotly_array(trace["x"]) == pytest.approx(expected)
    assert len(json.loads(next(c for c in run().get("plotly_chart")
                               if "sat_dimensions" in c.proto.id).proto.spec)["data"]) == 1  # all halls: one
