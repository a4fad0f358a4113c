"""Contract: the 沟通100 scorecard page on the sample data shows halls × the five
commitments with the analytics layer's scores (⚠ where KPIs were not counted), a hall
against its city and region, the month-by-month scores, and a drill from a heat-table
cell to that cell's KPIs and the rows behind them; the hall profile shows the hall's
scorecard too."""
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from analytics import storage
from analytics.filters import Filters
from analytics.metrics import scorecard as sc
from page_driver import chart_specs, run_page

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "scorecard.py")
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))


@pytest.fixture
def sample(sample_app_env):
    con = storage.connect(sample_app_env)
    yield con
    con.close()


def test_the_heat_table_holds_the_analytics_scores(sample):
    at = run_page(PAGE)
    values, scores = sc.scorecard(sample, OCTOBER)
    heat = chart_specs(at)[0]["data"][0]
    assert heat["type"] == "heatmap" and heat["x"] == ["诚信100", "专业100", "体验100", "关爱100", "实现100"]
    assert len(heat["y"]) == 40
    expected = scores.set_index(["hall_code", "commitment"])
    for row_label, cells in zip(heat["y"], heat["text"]):
        code = row_label.rsplit("(", 1)[1].rstrip(")")
        for commitment, cell in zip(sc.COMMITMENTS, cells):
            want = expected.loc[(code, commitment)]
            shown = cell.replace(" ⚠", "")
            assert shown == ("" if np.isnan(want["score"]) else f"{want['score']:.0f}"), (code, commitment, cell)
            assert cell.endswith("⚠") == bool(want["no_data"] + want["low_sample"])
    table = at.dataframe[0].value
    assert list(table.columns[-5:]) == ["诚信100", "专业100", "体验100", "关爱100", "实现100"]


def test_a_cell_drills_to_its_kpis_and_rows(sample):
    at = run_page(PAGE, sc_drill_hall="020003", sc_drill_commitment="fulfilment")
    assert any("广州江南西沟通100服务厅 · 实现100" in s.value for s in at.subheader)
    kpis = next(d.value for d in at.dataframe if "判定" in d.value.columns)
    assert list(kpis["指标"]) == ["48小时办结率", "回访反馈率", "重复投诉率（30天）", "首问推诿投诉（每千次接触）"]
    promise = kpis.set_index("指标").loc["48小时办结率"]
    assert promise["数值"] == "0.0%" and promise["判定"] == "❌ 未达标"  # the sample's slipping hall
    rows = at.dataframe[-1].value
    assert "工单号" in rows.columns and len(rows) > 0
    compare = next(spec for spec in chart_specs(at) if spec["data"][0]["type"] == "bar")
    assert [t["name"] for t in compare["data"]] == ["本厅", "地市：广州", "区域：珠三角"]


def test_the_trend_has_five_lines_by_month(sample):
    at = run_page(PAGE)
    trend = next(spec for spec in chart_specs(at) if spec["data"][0]["type"] == "scatter")
    assert [t["name"] for t in trend["data"]] == ["诚信100", "专业100", "体验100", "关爱100", "实现100"]
    assert len(trend["data"][0]["x"]) == 12


def test_the_hall_profile_shows_the_hall_scorecard(sample):
    at = run_page(str(ROOT / "pages" / "hall_profile.py"), hp_hall="020003")
    assert "沟通100 积分卡" in [s.value for s in at.subheader]
    scorecard = next(c for c in at.get("plotly_chart") if c.key == "hp_scorecard")
    assert len(json.loads(scorecard.proto.spec)["data"]) == 3  # the hall, its city, its region


def test_english(sample):
    at = run_page(PAGE, lang="en")
    assert at.title[0].value == "沟通100 scorecard"
    assert "Integrity" in json.dumps(chart_specs(at)[0]["data"][0]["x"], ensure_ascii=False)
