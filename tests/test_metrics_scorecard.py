"""Contract: each scorecard KPI is the ratio of counts it says, judged by the dashboard's
one rule; a commitment's score is the weighted share of its judged KPIs that meet their
target; a KPI without data is "no data" and one with too few observations "low sample",
and neither counts — a commitment with nothing to judge has no score (not 0, not 100).
Every expected number is worked out by hand in the comments."""
import datetime as dt

import numpy as np
import pytest

from analytics.filters import Filters
from analytics.metrics import scorecard as sc
from metric_data import NOW, PERIOD, fresh_db, insert

OCT = dt.datetime(2026, 10, 5, 9)


@pytest.fixture(scope="module")
def con():
    con = fresh_db()
    tickets = []
    for i in range(40):
        # H1: 10 billing disputes, 4 opened without consent, 2 broken promises, 1 first-contact
        # breach, 23 others; 35 resolved in 24 h, 5 in 72 h; 36 callbacks reached the customer.
        category, sub = ("计费争议", "收费误差") if i < 10 else ("业务办理", "未经同意开通业务") if i < 14 else \
            ("服务态度", "承诺未兑现") if i < 16 else ("服务态度", "首问推诿") if i < 17 else ("网络质量", "信号弱")
        tickets.append({"ticket_id": f"T{i}", "hall_code": "H1", "received_at": OCT, "category": category,
                        "sub_category": sub, "status": "resolved",
                        "resolved_at": OCT + dt.timedelta(hours=72 if i >= 35 else 24),
                        "resolution_satisfaction": "satisfied" if i < 36 else "unrated"})
    insert(con, "complaints", tickets)
    insert(con, "sales", [{"hall_code": "H1", "sold_at": OCT, "product_category": "宽带", "contacts": 1000,
                           "interested": 100, "converted": 50, "revenue": 0.0, "grain": "daily"}])
    answers = []
    for i in range(40):
        # H1: 36 of 40 top box; 20 promoters (10) and 5 detractors (3) among 25 recommend scores;
        # 10 waited over 15 minutes, 8 of them still top box.
        answers.append({"hall_code": "H1", "answered_at": OCT + dt.timedelta(minutes=i), "scale": "five",
                        "score": 5 if i < 36 else 3, "score_100": 100 if i < 36 else 50, "top_box": i < 36,
                        "recommend_score": 10 if i < 20 else 3 if i < 25 else None,
                        "wait_minutes": 20.0 if (i < 8 or i >= 38) else 5.0})
    insert(con, "surveys", answers)
    return con


@pytest.fixture(scope="module")
def result(con):
    card = sc.load_scorecard()
    values, scores = sc.scorecard(con, Filters(*PERIOD), card=card, now=NOW)
    return values.set_index(["hall_code", "kpi"]), scores.set_index(["hall_code", "commitment"])


def test_the_shipped_scorecard_reads_and_covers_the_five_commitments():
    card = sc.load_scorecard()
    assert {k.commitment for k in card.kpis} == set(sc.COMMITMENTS)
    assert all(k.key in sc.KPIS for k in card.kpis)


@pytest.mark.parametrize("kpi, value, n, state", [
    ("billing_disputes_per_1000", 10.0, 1000, "met"),        # 10 of 1,000 contacts ≤ 12
    ("consent_complaints_per_1000", 4.0, 1000, "met"),       # 4 ≤ 5
    ("broken_promises_per_1000", 2.0, 1000, "met"),          # 2 ≤ 2
    ("first_contact_breaches_per_1000", 1.0, 1000, "met"),   # 1 ≤ 3
    ("first_contact_resolution", 1.0, 40, "met"),            # 40 resolved, none reopened or repeated
    ("csat", 0.9, 40, "met"),                                # 36 / 40 ≥ 90%
    ("mean_score", 95.0, 40, "met"),                         # (36 × 100 + 4 × 50) / 40
    ("nps", 60.0, 25, "low_sample"),                         # (20 − 5) / 25, n < 30 and no interval
    ("csat_after_long_wait", 0.8, 10, "low_sample"),         # 8 / 10: the interval 0.49–0.94 holds 80%
    ("long_wait_share", 0.25, 40, "missed"),                 # 10 / 40 > 15%
    ("promise_48h", 35 / 40, 40, "missed"),                  # 35 of 40 within 48 h < 95%
    ("feedback_rate", 0.9, 40, "met"),                       # 36 of 40 resolved reached
    ("repeat_rate", 0.0, 40, "met"),                         # no customer ids: no repeats
    ("pre_job_training", np.nan, 0, "no_data"),              # no staff list
    ("training_coverage", np.nan, 0, "no_data"),
])
def test_each_kpi_on_hand_built_data(result, kpi, value, n, state):
    row = result[0].loc[("H1", kpi)]
    assert row["n"] == n and row["state"] == state
    if np.isnan(value):
        assert np.isnan(row["value"])
    else:
        assert row["value"] == pytest.approx(value)


@pytest.mark.parametrize("commitment, score, judged", [
    ("integrity", 100.0, 5),      # billing (2) + consent (2) + promises (1), all met
    ("professional", 100.0, 2),   # first-contact resolution (2) met; training KPIs have no data
    ("experience", 100.0, 3),     # CSAT (2) + mean score (1) met; NPS is a low sample
    ("care", 0.0, 1),             # the long-wait share (1) missed; CSAT after a long wait a low sample
    ("fulfilment", 60.0, 5),      # feedback (1) + repeats (1) + breaches (1) met of 2 + 1 + 1 + 1
])
def test_scores_are_the_weighted_share_of_targets_met(result, commitment, score, judged):
    row = result[1].loc[("H1", commitment)]
    assert row["score"] == pytest.approx(score) and row["judged_weight"] == judged


def test_no_data_is_no_score_not_zero_or_a_hundred(result):
    scores = result[1]
    for hall in ("H2", "H3"):  # H2 and H3 have no rows at all
        for commitment in sc.COMMITMENTS:
            row = scores.loc[(hall, commitment)]
            assert np.isnan(row["score"]) and row["judged_weight"] == 0 and row["no_data"] == row["kpis"]
    assert (result[0].loc["H3"]["state"] == "no_data").all()


def test_cities_and_regions_pool_their_halls(con):
    values, scores = sc.scorecard(con, Filters(*PERIOD), by="region", now=NOW)
    r1 = scores.set_index(["region", "commitment"]).loc[("R1", "integrity")]
    assert r1["score"] == pytest.approx(100.0)  # H1's counts; H2 adds none
    assert np.isnan(scores.set_index(["region", "commitment"]).loc[("R2", "integrity"), "score"])


def test_hall_against_city_and_region(con):
    comparison = sc.hall_comparison(con, Filters(*PERIOD), "H1", now=NOW)
    assert set(comparison["level"]) == {"hall", "city", "region"}
    care = comparison[comparison["commitment"] == "care"].set_index("level")["score"]
    assert care.tolist() == [0.0, 0.0, 0.0]


def test_monthly_scores_have_no_score_where_a_month_has_no_data(con):
    trend = sc.monthly_scores(con, Filters(*PERIOD), months=2, now=NOW)
    september = trend[trend["month"] == dt.date(2026, 9, 1)]
    october = trend[trend["month"] == dt.date(2026, 10, 1)].set_index("commitment")
    assert september["score"].isna().all()
    assert october.loc["fulfilment", "score"] == pytest.approx(60.0)


@pytest.mark.parametrize("text, words", [
    ('[[kpi]]\ncommitment = "honesty"\nkey = "csat"\ndirection = "min"\ntarget = 0.9', "commitment must be"),
    ('[[kpi]]\ncommitment = "care"\nkey = "smiles"\ndirection = "min"\ntarget = 0.9', "key must be one of"),
    ('[[kpi]]\ncommitment = "care"\nkey = "csat"\ndirection = "up"\ntarget = 0.9', "direction must be"),
    ('[[kpi]]\ncommitment = "care"\nkey = "csat"\ndirection = "min"\ntarget = "high"', "must be numbers"),
])
def test_a_broken_scorecard_file_names_the_entry(tmp_path, text, words):
    path = tmp_path / "scorecard.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=words) as raised:
        sc.load_scorecard(path)
    assert "kpi #1" in str(raised.value)
