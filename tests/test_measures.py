"""The measures layer: declarations are complete, and intervals and change tests give the
figures worked out by hand below (z = 1.96 throughout)."""
import math

import numpy as np
import pandas as pd
import pytest

from analytics import measures
from analytics.measures import declarations, engine, intervals


def test_every_declaration_is_complete_and_unique():
    keys = [m.key for m in declarations.MEASURES]
    assert len(keys) == len(set(keys))
    for m in declarations.MEASURES:
        assert m.area in declarations.AREAS and m.kind in declarations.KINDS, m.key
        assert m.window in declarations.WINDOWS and m.format in declarations.FORMATS, m.key
        assert m.label_zh and m.label_en and m.definition_zh and m.definition_en, m.key
        arity = {"share": 2, "rate": 2, "nps": 3, "mean": 3, "ratio": 2, "count": 1, "sum": 1}[m.kind]
        assert len(m.counts) == arity, m.key
        # a ratio without an interval says why; nothing else may go without one silently
        assert (m.kind == "ratio") == (m.no_interval is not None), m.key


def test_labels_name_their_window_where_two_windows_share_a_figure():
    labels = {m.label_zh for m in declarations.MEASURES}
    assert len(labels) == len(declarations.MEASURES), "two KPIs carry the same label"
    assert "12" in measures.get("coverage_12m").label_zh
    assert measures.get("coverage").label_zh != measures.get("coverage_12m").label_zh


def test_wilson_8_of_10():
    # p = 0.8; centre = (0.8 + 1.9208/10) / 1.38416 = 0.71673; half = 1.96·√0.025604 / 1.38416 = 0.22658
    low, high = intervals.share([8], [10])
    assert low[0] == pytest.approx(0.49015, abs=1e-4) and high[0] == pytest.approx(0.94331, abs=1e-4)


def test_poisson_rate_byar():
    # k = 0: low 0, high = (1 − 1/9 + 1.96/3)³ = 1.542222³ = 3.6680 events; per 1,000 of 1,000 contacts
    low, high = intervals.poisson_rate([0, 10], [1000, 1000], scale=1000)
    assert low[0] == 0 and high[0] == pytest.approx(3.668, abs=1e-3)
    # k = 10: 10·(1 − 1/90 − 1.96/(3√10))³ = 4.787; 11·(1 − 1/99 + 1.96/(3√11))³ = 18.39
    assert low[1] == pytest.approx(4.787, abs=1e-2) and high[1] == pytest.approx(18.39, abs=1e-2)
    low, high = intervals.poisson_rate([3], [0])
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_nps_interval():
    # 6 promoters, 2 detractors of 10: centre 0.4, variance 0.8 − 0.16 = 0.64, half 1.96·√0.064 = 0.49585
    low, high = intervals.nps([6], [2], [10])
    assert low[0] == pytest.approx(-9.58, abs=0.01) and high[0] == pytest.approx(89.58, abs=0.01)


def test_mean_interval_from_sums():
    # 1..5: mean 3, s² = (55 − 45)/4 = 2.5, half = 1.96·√0.5 = 1.38593
    low, high = intervals.mean([15, 7], [55, 49], [5, 1])
    assert low[0] == pytest.approx(1.61407, abs=1e-4) and high[0] == pytest.approx(4.38593, abs=1e-4)
    assert np.isnan(low[1]), "one observation has no interval"


def test_evaluate_adds_value_and_interval_columns():
    frame = pd.DataFrame({"promoters": [6, 0], "detractors": [2, 0], "nps_responses": [10, 0],
                          "top_box": [8, 0], "responses": [10, 0]})
    measures.evaluate(frame, ("nps", "csat"))
    assert frame.loc[0, "nps"] == pytest.approx(40.0) and frame.loc[0, "csat"] == pytest.approx(0.8)
    assert math.isnan(frame.loc[1, "nps"]) and math.isnan(frame.loc[1, "csat"])
    assert {"nps_low", "nps_high", "csat_low", "csat_high"} <= set(frame.columns)


def test_ratio_has_no_interval_columns():
    frame = pd.DataFrame({c: [100.0] for c in measures.get("revenue_per_contact").counts})
    measures.evaluate(frame, ("revenue_per_contact",))
    assert "revenue_per_contact_low" not in frame.columns and frame.loc[0, "revenue_per_contact"] == 1.0


@pytest.mark.parametrize("now, before, verdict", [
    # pooled 0.5, spread √(0.25·0.02) = 0.07071, z = 0.2/0.07071 = 2.83
    ((60, 100), (40, 100), engine.SIGNIFICANT),
    # pooled 0.525, spread √(0.249375/30) = 0.09117, z = 0.05/0.09117 = 0.55
    ((33, 60), (30, 60), engine.NOISE),
    # the weekly review once called 4 of 5 against 2 of 5 a clear rise: too few to test
    ((4, 5), (2, 5), engine.UNTESTED),
    ((0, 6), (3, 5), engine.UNTESTED),
])
def test_share_change_verdicts(now, before, verdict):
    csat = measures.get("csat")
    as_counts = lambda pair: dict(zip(csat.counts, pair))
    assert engine.change_verdict(csat, as_counts(now), as_counts(before)) == verdict


@pytest.mark.parametrize("now, before, verdict", [
    (20, 10, engine.NOISE),        # 10/√30 = 1.83
    (25, 10, engine.SIGNIFICANT),  # 15/√35 = 2.54
    (5, 0, engine.UNTESTED),       # 5 events say nothing
])
def test_count_change_verdicts(now, before, verdict):
    tickets = measures.get("tickets")
    assert engine.change_verdict(tickets, {"tickets": now}, {"tickets": before}) == verdict


def test_mean_change_uses_both_spreads():
    wait = measures.get("wait_minutes")
    # now: 40 answers of mean 10, s² = 4; before: 40 of mean 9, s² = 4 → z = 1/√(0.1 + 0.1) = 2.24
    def side(mean, var, n):
        total = mean * n
        return {"wait_sum": total, "wait_sq_sum": var * (n - 1) + total * total / n, "wait_responses": n}
    assert engine.change_z(wait, side(10, 4, 40), side(9, 4, 40)) == pytest.approx(2.236, abs=1e-3)
    assert engine.change_verdict(wait, side(10, 4, 20), side(9, 4, 40)) == engine.UNTESTED


@pytest.mark.parametrize("key, now, before", [
    ("revenue", {"revenue": 200_000.0}, {"revenue": 100_000.0}),          # a total has no spread to test
    ("revenue_per_contact", {"revenue": 2e5, "contacts": 1e3}, {"revenue": 1e5, "contacts": 1e3}),
    ("active_staff", {"active_staff": 449}, {"active_staff": 300}),       # a census, not a sample
    ("coverage_12m", {"trained_staff": 450, "active_staff": 500},         # 11 of 12 months shared
     {"trained_staff": 300, "active_staff": 500}),
])
def test_changes_no_test_applies_to(key, now, before):
    assert engine.change_verdict(measures.get(key), now, before) == engine.NO_TEST


def test_too_few():
    csat = measures.get("csat")
    assert engine.too_few(csat, 29) and not engine.too_few(csat, 30) and engine.too_few(csat, None)
    assert not engine.too_few(measures.get("tickets"), 1)


def test_docs_catalogue_is_current():
    from analytics.measures import docs

    text = docs.DOC_PATH.read_text(encoding="utf-8")
    assert docs.current_section(text) == docs.catalogue(), (
        "docs/metrics.md's KPI catalogue is stale: run `python -m analytics.measures.docs`")
    for m in declarations.MEASURES:
        assert f"`{m.key}`" in docs.current_section(text)
