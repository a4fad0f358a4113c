"""Contract: the overview compares each headline KPI with the period before (the previous
calendar month for a month), lines the four areas up per hall (every hall, with or without data), and counts a
missed target only where there is a value and enough observations to judge it."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import measures
from analytics.filters import Filters
from analytics.metrics import overview
from analytics.targets import Target
from metric_data import NOW, PERIOD, at, fresh_db, insert

TARGETS = {
    "csat": Target("csat", "min", 0.9, 0.05),
    "promise_48h": Target("promise_48h", "min", 0.95, 0.05),
    "backlog_over_48h": Target("backlog_over_48h", "max", 0, 2),
    "conversion": Target("conversion", "min", 0.15, 0.03),
}


def answers(hall, month, top, total):
    return [{"hall_code": hall, "answered_at": dt.datetime(2026, month, 1 + i % 28, 9), "scale": "five",
             "score": 5 if i < top else 3, "score_100": 100 if i < top else 50, "top_box": i < top}
            for i in range(total)]


@pytest.fixture(scope="module")
def con():
    con = fresh_db()
    # October: H1 36 of 40 top box (0.9), H2 5 of 10 (low sample); September: H1 30 of 40.
    insert(con, "surveys", answers("H1", 10, 36, 40) + answers("H2", 10, 5, 10) + answers("H1", 9, 30, 40))
    # H1: one ticket open since Oct 2 (over 48 h at the end of October).
    insert(con, "complaints", [{"ticket_id": "T1", "hall_code": "H1", "received_at": at(2), "status": "open",
                                "category": "计费争议"}])
    insert(con, "sales", [{"hall_code": "H2", "sold_at": at(5), "product_category": "宽带", "contacts": 100,
                           "interested": 20, "converted": 10, "revenue": 1000.0, "grain": "daily"}])
    return con


def test_headline_against_the_month_before(con):
    # October against September (not against the 31 days from Aug 31).
    frame = overview.headline(con, Filters(*PERIOD), now=NOW).set_index("kpi")
    assert frame.loc["responses", "value"] == 50 and frame.loc["responses", "previous"] == 40
    assert frame.loc["csat", "value"] == pytest.approx(41 / 50)
    assert frame.loc["csat", "previous"] == pytest.approx(30 / 40)
    assert frame.loc["csat", "change"] == pytest.approx(41 / 50 - 30 / 40)
    assert frame.loc["backlog_over_48h", "value"] == 1
    assert frame.loc["conversion", "value"] == pytest.approx(0.1)
    assert np.isnan(frame.loc["promise_48h", "previous"])           # no tickets in September


def test_each_kpi_reads_its_n_from_its_own_area(con):
    """Areas share column names (`contacts` is sales contacts in marketing and the
    per-1,000 denominator in complaints): a KPI's n is its own area's."""
    frame = overview.headline(con, Filters(*PERIOD), now=NOW).set_index("kpi")
    assert frame.loc["conversion", "n"] == 100       # H2's 100 contacts
    assert frame.loc["csat", "n"] == 50              # 40 + 10 answers
    assert frame.loc["promise_48h", "n"] == 1        # T1, open past its 48 hours: a promise due, and broken
    assert frame.loc["coverage_12m", "n"] == 0       # no staff


def test_without_a_comparison_there_is_no_previous_value_and_no_change(con):
    frame = overview.headline(con, Filters(*PERIOD), now=NOW, compare=False).set_index("kpi")
    assert frame.loc["responses", "value"] == 50
    assert frame["previous"].isna().all() and frame["change"].isna().all()


def test_hall_table_has_every_hall_and_every_area(con):
    table = overview.hall_table(con, Filters(*PERIOD), now=NOW).set_index("hall_code")
    assert list(table.index) == ["H1", "H2", "H3"]
    assert table.loc["H1", "csat"] == pytest.approx(0.9) and table.loc["H1", "backlog_over_48h"] == 1
    assert table.loc["H2", "conversion"] == pytest.approx(0.1) and table.loc["H2", "responses"] == 10
    assert table.loc["H3", "responses"] == 0 and np.isnan(table.loc["H3", "csat"])


def test_attention_counts_only_judgeable_misses(con):
    table = overview.hall_table(con, Filters(*PERIOD), now=NOW)
    judged = overview.judge(table, TARGETS).set_index(["hall_code", "kpi"])
    assert judged.loc[("H1", "csat"), "status"] == "good"          # 0.9 meets ≥ 0.9, n = 40
    # 5 of 10 is a small sample, but its interval (0.24–0.76) lies wholly below 0.9: a clear miss.
    assert judged.loc[("H2", "csat"), "status"] == "bad"
    assert judged.loc[("H1", "backlog_over_48h"), "status"] == "warn"  # 1 open over 48 h, amber up to 2
    assert judged.loc[("H2", "conversion"), "status"] == "bad"     # 0.10 < 0.15 − 0.03, n = 100
    assert pd.isna(judged.loc[("H3", "csat"), "status"])
    attention = overview.halls_needing_attention(table, TARGETS)
    assert list(attention.hall_code) == ["H2", "H1", "H3"]
    # Severity, not the count of misses: without floors each miss is a whole shortfall (1),
    # weighted by n/(n + 30): conversion 100/130 = 0.76923 before CSAT 10/40 = 0.25.
    h2 = attention.set_index("hall_code").loc["H2"]
    assert h2["missed_kpis"] == ["conversion", "csat"]
    assert h2["severity"] == pytest.approx(100 / 130 + 10 / 40)
    # H1: its one due ticket broke the promise (a clear miss, interval 0–0.79) but weighs 1/31;
    # its backlog is a near miss (amber), which adds nothing.
    h1 = attention.set_index("hall_code").loc["H1"]
    assert h1["missed_kpis"] == ["promise_48h"] and h1["severity"] == pytest.approx(1 / 31)


def test_severity_is_how_far_past_the_target_weighted_by_n():
    csat = Target("csat", "min", 0.9, 0.05, floor=0.6)
    # 0.75 sits halfway from the floor to the target: score 50, shortfall 0.5; n = 30 weighs 30/60.
    assert overview.severity("bad", csat.score(0.75), 30, measures.get("csat")) == pytest.approx(0.25)
    # At or past the floor the shortfall is whole: 0.319 within 48 h with 400 due → 400/430.
    promise = Target("promise_48h", "min", 0.95, 0.05, floor=0.6)
    assert overview.severity("bad", promise.score(0.319), 400, measures.get("promise_48h")) == pytest.approx(400 / 430)
    # A count weighs 1: 5 open past 48 h against target 0, floor 20 → score 75 → 0.25.
    backlog = Target("backlog_over_48h", "max", 0, 2, floor=20)
    assert overview.severity("bad", backlog.score(5), None, measures.get("backlog_over_48h")) == pytest.approx(0.25)
    assert overview.severity("warn", csat.score(0.88), 500, measures.get("csat")) == 0


def test_a_small_sample_whose_interval_straddles_the_target_is_not_judged():
    # 9 of 10 top box: 0.9, interval 0.60–0.98 contains the 0.9 target → no verdict either way.
    row = {"region": "R", "city": "C", "hall_code": "H", "hall_name": "h", "csat": 0.9, "responses": 10,
           "csat_low": 0.596, "csat_high": 0.982}
    judged = overview.judge(pd.DataFrame([row]), TARGETS).set_index("kpi")
    assert pd.isna(judged.loc["csat", "status"])


def test_training_on_the_overview_covers_the_12_months_to_the_period_end():
    window = overview.training_window(Filters(*PERIOD))
    assert (window.start, window.end) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    long = Filters(dt.date(2024, 1, 1), dt.date(2026, 10, 31))
    assert overview.training_window(long) == long
