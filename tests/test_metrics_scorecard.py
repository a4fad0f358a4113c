"""Contract: each scorecard KPI is its declaration's figure (analytics.measures), judged by
the dashboard's one rule; it scores 0–100 between its floor and its target (config/targets.toml),
shrunk toward its region's value by (n·v + 30·region)/(n + 30); a commitment's score is the
weighted mean of its KPIs' scores over those with data; a KPI without data is "no data" and
does not count — a commitment with nothing to score has no score (not 0, not 100).
Every expected number is worked out by hand in the comments."""
import datetime as dt

import numpy as np
import pandas as pd
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
    from analytics import measures
    assert all(measures.get(k.key).target for k in card.kpis)


@pytest.mark.parametrize("kpi, value, n, state", [
    ("billing_disputes_per_1000", 10.0, 1000, "met"),        # 10 of 1,000 contacts ≤ 12
    ("consent_complaints_per_1000", 4.0, 1000, "met"),       # 4 ≤ 5
    ("broken_promises_per_1000", 2.0, 1000, "met"),          # 2 ≤ 2
    ("first_contact_breaches_per_1000", 1.0, 1000, "met"),   # 1 ≤ 3
    ("first_contact_resolution", 1.0, 40, "met"),            # 40 resolved, none reopened or repeated
    ("csat", 0.9, 40, "met"),                                # 36 / 40 ≥ 90%
    ("mean_score", 95.0, 40, "met"),                         # (36 × 100 + 4 × 50) / 40
    ("nps", 60.0, 25, "low_sample"),   # (20 − 5) / 25; s² = 0.8 − 0.36, ±1.96·√(0.64/25): 28.6–91.4 holds 30
    ("csat_after_long_wait", 0.8, 10, "low_sample"),         # 8 / 10: the interval 0.49–0.94 holds 80%
    ("long_wait_share", 0.25, 40, "missed"),                 # 10 / 40 > 15%
    ("wait_minutes", 8.75, 40, "met"),                       # (10 × 20 + 30 × 5) / 40 ≤ 10 minutes
    ("promise_48h", 35 / 40, 40, "missed"),                  # 35 of 40 within 48 h < 95%
    ("feedback_rate", 0.9, 40, "met"),                       # 36 of 40 resolved reached
    ("repeat_rate", 0.0, 40, "met"),                         # no customer ids: no repeats
    ("onboarding_rate_12m", np.nan, 0, "no_data"),           # no staff list
    ("coverage_12m", np.nan, 0, "no_data"),
])
def test_each_kpi_on_hand_built_data(result, kpi, value, n, state):
    row = result[0].loc[("H1", kpi)]
    assert row["n"] == n and row["state"] == state
    if np.isnan(value):
        assert np.isnan(row["value"])
    else:
        assert row["value"] == pytest.approx(value)


@pytest.mark.parametrize("kpi, score", [
    # H1 is the only hall of R1 with data, so its region's value is its own: no shrinking.
    ("long_wait_share", 100 * (0.50 - 0.25) / (0.50 - 0.15)),   # 71.43: floor 50%, target 15%
    ("promise_48h", 100 * (0.875 - 0.60) / (0.95 - 0.60)),     # 78.57: floor 60%, target 95%
    ("csat", 100.0), ("nps", 100.0), ("repeat_rate", 100.0),    # at or past the target
])
def test_each_kpi_scores_between_floor_and_target(result, kpi, score):
    assert result[0].loc[("H1", kpi), "score"] == pytest.approx(score)


@pytest.mark.parametrize("commitment, score, judged", [
    ("integrity", 100.0, 5),      # billing (2) + consent (2) + promises (1), each at or below target
    ("professional", 100.0, 2),   # first-contact resolution (2) 100; the training KPIs have no data
    ("experience", 100.0, 4),     # CSAT (2), NPS (1, a low sample, still scored), mean score (1) past target
    # 92.86: CSAT after a wait (2) 100, long-wait share (1) 71.43, mean wait (1) 8.75 min ≤ 10: 100
    ("care", (2 * 100 + 100 * 0.25 / 0.35 + 100) / 4, 4),
    ("fulfilment", (2 * 100 * 0.275 / 0.35 + 3 * 100) / 5, 5),  # 91.43: 48 h (2) 78.57; feedback, repeats,
                                                                  # breaches (1 each) 100
])
def test_scores_are_the_weighted_mean_of_kpi_scores(result, commitment, score, judged):
    row = result[1].loc[("H1", commitment)]
    assert row["score"] == pytest.approx(score) and row["judged_weight"] == judged


def test_a_small_sample_is_shrunk_toward_its_region():
    from analytics.targets import Target

    # R1: HA 10 of 10 top box, HB 50 of 100 → region 60 / 110 = 0.54545.
    # HA: (10 × 1.0 + 30 × 0.54545) / 40 = 0.65909 → (0.65909 − 0.60) / 0.30 = 19.70
    # HB: (100 × 0.5 + 30 × 0.54545) / 130 = 0.51049 → below the floor: 0
    # HC, alone in R2 with 4 of 4: its region is itself → 1.0 → 100
    counts = pd.DataFrame({"region": ["R1", "R1", "R2"], "city": ["C1", "C1", "C2"],
                           "hall_code": ["HA", "HB", "HC"], "hall_name": ["A", "B", "C"],
                           "top_box": [10, 50, 4], "responses": [10, 100, 4]})
    card = sc.Scorecard((sc.ScorecardKpi("experience", "csat", 1.0),))
    values = sc.kpi_values(counts, card, {"csat": Target("csat", "min", 0.90, 0.05, 0.60)}).set_index("hall_code")
    assert values.loc["HA", "shrunk"] == pytest.approx(0.65909, abs=1e-5)
    assert values.loc["HA", "score"] == pytest.approx(19.697, abs=1e-3)
    assert values.loc["HB", "score"] == 0.0 and values.loc["HC", "score"] == pytest.approx(100.0)
    assert values.loc["HA", "value"] == 1.0, "the shown value is the hall's own"
    assert values.loc["HA", "state"] == "low_sample"  # 10 of 10: the interval 0.72–1.0 holds 90%


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
    assert care.tolist() == pytest.approx([(2 * 100 + 100 * 0.25 / 0.35 + 100) / 4] * 3)  # H1 is its city and region


def test_monthly_scores_have_no_score_where_a_month_has_no_data(con):
    trend = sc.monthly_scores(con, Filters(*PERIOD), months=2, now=NOW)
    september = trend[trend["month"] == dt.date(2026, 9, 1)]
    october = trend[trend["month"] == dt.date(2026, 10, 1)].set_index("commitment")
    assert september["score"].isna().all()
    assert october.loc["fulfilment", "score"] == pytest.approx((2 * 100 * 0.275 / 0.35 + 3 * 100) / 5)


@pytest.mark.parametrize("text, words", [
    ('[[kpi]]\ncommitment = "honesty"\nkey = "csat"', "commitment must be"),
    ('[[kpi]]\ncommitment = "care"\nkey = "smiles"', "key must be one of"),
    ('[[kpi]]\ncommitment = "care"\nkey = "csat"\ntarget = 0.9', "targets and floors are in config/targets.toml"),
    ('[[kpi]]\ncommitment = "care"\nkey = "csat"\nweight = "high"', "weight must be a number"),
    ('[[kpi]]\ncommitment = "care"\nkey = "csat"\nweight = 0', "weight must be above 0"),
])
def test_a_broken_scorecard_file_names_the_entry(tmp_path, text, words):
    path = tmp_path / "scorecard.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=words) as raised:
        sc.load_scorecard(path)
    assert "kpi #1" in str(raised.value)
