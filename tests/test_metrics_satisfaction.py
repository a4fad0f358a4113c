"""Contract: satisfaction metrics pool answers from 3-, 5- and 10-point scales on a 0–100
basis, count CSAT as top-box answers, NPS as promoters − detractors, roll halls up to
cities and regions by summing counts, keep halls with no answers, and honour every filter.

Hand-made answers (October 2026):
H1, 8 answers: five 5,4,3,2(Oct 31 23:30) → 100,75,50,25; ten 10,6 → 100,60; sms3 1,3 → 100,0.
   score sum 510 → mean 63.75; top box: 5,4 of five, 10 of ten, 1 of sms3 = 4 → CSAT 4/8 = 0.5.
   recommend 10, 9, 6, 8 → promoters 2, detractors 1 of 4 → NPS 25.
H2, 2 answers: five 5, 5 → mean 100, CSAT 1.0.  H3: no answers.
Outside the period: H1 on Sep 30 23:59 (five, 1) — never counted.
"""
import math

import pytest

from analytics.filters import Filters
from analytics.metrics import satisfaction as m
from metric_data import PERIOD, at, fresh_db, insert

FIVE, TEN, SMS = "five", "ten", "sms3"


def answer(hall, when, scale, score, score_100, top, channel, **extra):
    return {"hall_code": hall, "answered_at": when, "scale": scale, "score": score, "score_100": score_100,
            "top_box": top, "channel": channel, **extra}


@pytest.fixture(scope="module")
def con():
    con = fresh_db()
    insert(con, "surveys", [
        answer("H1", at(1, 9), FIVE, 5, 100, True, "评价器", recommend_score=10, dim_environment=4, wait_minutes=3),
        answer("H1", at(2, 9), FIVE, 4, 75, True, "评价器", recommend_score=9, wait_minutes=12),
        answer("H1", at(3, 9), FIVE, 3, 50, False, "评价器", recommend_score=6, wait_minutes=25),
        answer("H1", at(31, 23, 30), FIVE, 2, 25, False, "评价器", recommend_score=8, wait_minutes=40),
        answer("H1", at(5, 9), TEN, 10, 100, True, "10086外呼", dim_environment=8),
        answer("H1", at(6, 9), TEN, 6, 60, False, "10086外呼"),
        answer("H1", at(7, 9), SMS, 1, 100, True, "短信"),
        answer("H1", at(8, 9), SMS, 3, 0, False, "短信"),
        answer("H2", at(9, 9), FIVE, 5, 100, True, "评价器"),
        answer("H2", at(10, 9), FIVE, 5, 100, True, "评价器"),
        answer("H1", at(30, 23, 59, month=9), FIVE, 1, 0, False, "评价器"),
    ])
    return con


@pytest.fixture
def october():
    return Filters(*PERIOD)


def test_summary_pools_every_scale(con, october):
    row = m.satisfaction_summary(con, october).iloc[0]
    assert row.responses == 10
    assert row.mean_score == pytest.approx(71.0)        # (510 + 200) / 10
    assert row.csat == pytest.approx(0.6)               # 6 top-box of 10
    assert row.nps == pytest.approx(25.0)
    assert row.low_sample  # 10 < 30


def test_by_hall_keeps_halls_without_answers(con, october):
    by_hall = m.satisfaction_by(con, october, by="hall").set_index("hall_code")
    assert by_hall.loc["H1", "responses"] == 8 and by_hall.loc["H1", "mean_score"] == pytest.approx(63.75)
    assert by_hall.loc["H1", "csat"] == pytest.approx(0.5)
    assert by_hall.loc["H2", "csat"] == pytest.approx(1.0)
    assert by_hall.loc["H3", "responses"] == 0 and math.isnan(by_hall.loc["H3", "csat"])
    assert by_hall["low_sample"].all()


def test_cities_and_regions_sum_counts_not_rates(con, october):
    regions = m.satisfaction_by(con, october, by="region").set_index("region")
    assert regions.loc["R1", "responses"] == 10
    assert regions.loc["R1", "csat"] == pytest.approx(0.6)      # 6/10, not the mean of 0.5 and 1.0
    assert regions.loc["R1", "mean_score"] == pytest.approx(71.0)
    assert regions.loc["R2", "responses"] == 0
    cities = m.satisfaction_by(con, october, by="city").set_index("city")
    assert list(cities.loc[["C1", "C2"], "responses"]) == [8, 2]


def test_filters_narrow_every_figure(con, october):
    assert m.satisfaction_summary(con, october.with_halls(("H2",))).iloc[0].responses == 2
    sms_only = Filters(*PERIOD, channels=("短信",))
    row = m.satisfaction_summary(con, sms_only).iloc[0]
    assert (row.responses, row.mean_score, row.csat) == (2, 50.0, 0.5)
    r2 = Filters(*PERIOD, regions=("R2",))
    assert m.satisfaction_summary(con, r2).iloc[0].responses == 0
    last_day = Filters(PERIOD[1], PERIOD[1])                     # the end day is included
    assert m.satisfaction_summary(con, last_day).iloc[0].responses == 1
    september = Filters(PERIOD[0].replace(month=9), PERIOD[0].replace(month=9, day=30))
    assert m.satisfaction_summary(con, september).iloc[0].responses == 1


def test_dimensions_are_normalised_on_each_answers_scale(con, october):
    dims = m.satisfaction_dimensions(con, october).set_index("dimension")
    # environment: 4 of five → 75, 8 of ten → 80
    assert dims.loc["dim_environment", "answers"] == 2
    assert dims.loc["dim_environment", "mean_score"] == pytest.approx(77.5)
    assert dims.loc["dim_attitude", "answers"] == 0


def test_score_distribution_and_channels(con, october):
    dist = m.score_distribution(con, october)
    five = dist[dist.scale == "five"].set_index("score")
    assert five.loc[5.0, "answers"] == 3 and five.loc[5.0, "share"] == pytest.approx(3 / 6)
    channels = m.satisfaction_by_channel(con, october).set_index("channel")
    assert channels.loc["评价器", "responses"] == 6 and channels.loc["评价器", "csat"] == pytest.approx(4 / 6)


def test_wait_bands(con, october):
    bands = m.wait_vs_satisfaction(con, october).set_index("wait_band")
    # 3 min → 0–5 (100), 12 → 10–20 (75), 25 → 20–30 (50), 40 → 30+ (25)
    assert list(bands.index) == ["0–5", "10–20", "20–30", "30+"]
    assert list(bands["mean_score"]) == [100, 75, 50, 25]


def test_trend_by_month_and_week(con):
    year = Filters(PERIOD[0].replace(month=9, day=1), PERIOD[1])
    months = m.satisfaction_trend(con, year, grain="month")
    assert [p.date().isoformat() for p in months.period] == ["2026-09-01", "2026-10-01"]
    assert list(months.responses) == [1, 10]
    weeks = m.satisfaction_trend(con, Filters(*PERIOD), grain="week")
    assert weeks.period.iloc[0].date().isoformat() == "2026-09-28"           # the Monday of the week holding Oct 1
    assert weeks.responses.sum() == 10
    with pytest.raises(ValueError):
        m.satisfaction_trend(con, year, grain="fortnight")


def test_detail_rows_newest_first(con, october):
    rows = m.survey_detail(con, october, limit=3)
    assert len(rows) == 3 and rows.answered_at.iloc[0] == at(31, 23, 30)
