"""Contract: Wilson intervals match the textbook values, low samples are marked and never
ranked above well-sampled rows, and Kaplan–Meier treats censored tickets as at risk."""
import numpy as np
import pandas as pd
import pytest

from analytics import stats


def test_wilson_known_values():
    low, high = stats.wilson_interval([8, 0, 10], [10, 10, 10])
    assert low[0] == pytest.approx(0.4902, abs=1e-4) and high[0] == pytest.approx(0.9433, abs=1e-4)
    assert low[1] == 0 and high[1] == pytest.approx(0.2775, abs=1e-4)
    assert high[2] == pytest.approx(1) and low[2] == pytest.approx(0.7225, abs=1e-4)
    low, high = stats.wilson_interval([0], [0])
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_a_hall_with_three_perfect_answers_is_not_ranked_first():
    frame = pd.DataFrame({"hall": ["tiny", "big", "mid"], "ok": [3, 80, 30], "n": [3, 100, 40]})
    stats.add_rate(frame, "rate", "ok", "n")
    ranked = stats.rank_fairly(stats.mark_low_sample(frame, "n"), "rate", n_column="n")
    assert list(ranked.hall) == ["big", "mid", "tiny"] and list(ranked["rank"]) == [1, 2, 3]
    assert list(ranked.low_sample) == [False, False, True]


def test_lower_is_better_ranks_by_the_upper_bound():
    frame = pd.DataFrame({"hall": ["a", "b"], "bad": [1, 10], "n": [50, 50]})
    stats.add_rate(frame, "rate", "bad", "n")
    assert list(stats.rank_fairly(frame, "rate", n_column="n", higher_is_better=False).hall) == ["a", "b"]


def test_kaplan_meier_textbook_example():
    # Times 1 (event), 2 (censored), 3 (event), 3 (event), 4 (censored):
    # S(1) = 4/5; S(3) = 4/5 × (1 − 2/3) = 4/15.
    events = pd.DataFrame({"hours": [1, 2, 3, 4], "resolved": [1, 0, 2, 0], "censored": [0, 1, 0, 1]})
    curve = stats.kaplan_meier(events).set_index("hours")
    assert list(curve.at_risk) == [5, 4, 3, 1]
    assert curve.loc[1, "share_open"] == pytest.approx(0.8)
    assert curve.loc[3, "share_open"] == pytest.approx(4 / 15)
    assert stats.km_quantile(curve.reset_index(), 0.5) == 3
