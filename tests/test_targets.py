"""Contract: targets come from one TOML file (config/targets.toml, or $HALL_ANALYTICS_TARGETS),
keyed by the target names KPIs declare, their direction taken from the declaration; each value
is good on the right side of its target, amber within the margin, red beyond; no value has no
status; the scorecard score runs 0–100 from floor to target; a broken file names the file and
the key."""
import math

import pytest

from analytics import targets as tg
from analytics.targets import Target, load_targets

SHIPPED = {  # name: direction (the numbers are the operator's to tune)
    "csat": "min", "nps": "min", "mean_score": "min", "long_wait_share": "max", "wait_minutes": "max", "csat_after_long_wait": "min",
    "promise_48h": "min", "per_1000_contacts": "max", "backlog_over_48h": "max", "repeat_rate": "max",
    "first_contact_resolution": "min", "feedback_rate": "min", "billing_disputes_per_1000": "max",
    "consent_complaints_per_1000": "max", "broken_promises_per_1000": "max",
    "first_contact_breaches_per_1000": "max", "conversion": "min", "coverage": "min", "onboarding_rate": "min",
    "elective_rate": "min",
}

GOOD_ENTRY = 'target = 0.9\namber = 0.05\nfloor = 0.6\n'


def test_the_shipped_file_holds_every_declared_target(monkeypatch):
    from analytics import measures

    monkeypatch.delenv(tg.ENV_VAR, raising=False)
    targets = load_targets()
    assert {n: t.direction for n, t in targets.items()} == SHIPPED
    assert set(targets) == {m.target for m in measures.MEASURES if m.target}, "a declared target has no number"
    for t in targets.values():
        assert t.amber >= 0 and t.floor is not None
    shares = ("csat", "promise_48h", "conversion", "coverage", "onboarding_rate", "elective_rate")
    assert all(0 < targets[n].value <= 1 for n in shares), "shares are 0–1, not percent"


def test_kpis_sharing_a_target_share_its_direction():
    from analytics import measures

    seen = {}
    for m in measures.MEASURES:
        if m.target:
            assert seen.setdefault(m.target, m.higher_is_better) == m.higher_is_better, m.key


def test_the_environment_names_another_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.toml"
    path.write_text("[csat]\n" + GOOD_ENTRY.replace("0.9", "0.8", 1), encoding="utf-8")
    monkeypatch.setenv(tg.ENV_VAR, str(path))
    assert load_targets()["csat"].value == 0.8
    assert set(load_targets()) == {"csat"}


CSAT = Target("csat", "min", 0.90, 0.05, 0.60)
BACKLOG = Target("backlog_over_48h", "max", 0, 2, 20)
COMPLAINTS = Target("per_1000_contacts", "max", 5.0, 1.0, 15.0)


@pytest.mark.parametrize("target, value, expected", [
    (CSAT, 0.95, "good"), (CSAT, 0.90, "good"), (CSAT, 0.87, "warn"), (CSAT, 0.85, "warn"),
    (CSAT, 0.8499, "bad"), (CSAT, 0.0, "bad"),
    (BACKLOG, 0, "good"), (BACKLOG, 1, "warn"), (BACKLOG, 2, "warn"), (BACKLOG, 3, "bad"),
    (COMPLAINTS, 4.2, "good"), (COMPLAINTS, 5.0, "good"), (COMPLAINTS, 5.5, "warn"), (COMPLAINTS, 7, "bad"),
    (CSAT, None, None), (CSAT, math.nan, None), (CSAT, float("nan"), None), (CSAT, "n/a", None),
])
def test_status(target, value, expected):
    assert target.status(value) == expected


def test_status_takes_numpy_and_pandas_values():
    import numpy as np
    import pandas as pd

    assert CSAT.status(np.float64(0.91)) == "good"
    assert CSAT.status(pd.NA) is None
    assert BACKLOG.status(np.int64(5)) == "bad"


@pytest.mark.parametrize("target, value, score", [
    (CSAT, 0.75, 50.0),      # (0.75 − 0.60) / (0.90 − 0.60)
    (CSAT, 0.95, 100.0), (CSAT, 0.5, 0.0), (CSAT, 0.9, 100.0),
    (COMPLAINTS, 10.0, 50.0),  # lower is better: (15 − 10) / (15 − 5)
    (COMPLAINTS, 4.0, 100.0), (COMPLAINTS, 20.0, 0.0),
])
def test_score_runs_from_floor_to_target(target, value, score):
    assert target.score(value) == pytest.approx(score)


def test_no_score_without_a_value_or_a_floor():
    assert math.isnan(CSAT.score(None)) and math.isnan(CSAT.score(float("nan")))
    assert math.isnan(Target("csat", "min", 0.9, 0.05).score(0.8))


@pytest.mark.parametrize("text, problem", [
    ("[csat\n", "not valid TOML"),
    ("[csat]\n" + GOOD_ENTRY + 'direction = "min"\n', r"\[csat\] direction: unknown key .*KPI's declaration"),
    ("[csat]\n" + GOOD_ENTRY.replace("target = 0.9", 'target = "90%"'), r"\[csat\] target: must be a number"),
    ("[csat]\n" + GOOD_ENTRY.replace("target = 0.9", "target = true"), r"\[csat\] target: must be a number"),
    ("[csat]\n" + GOOD_ENTRY.replace("amber = 0.05", "amber = -1"), r"\[csat\] amber: must not be negative"),
    ("[csat]\n" + GOOD_ENTRY.replace("amber = 0.05\n", ""), r"\[csat\] amber: missing"),
    ("[csat]\n" + GOOD_ENTRY + "targt = 1\n", r"\[csat\] targt: unknown key"),
    ("[csat]\n" + GOOD_ENTRY.replace("floor = 0.6", "floor = 0.95"), r"\[csat\] floor: must be on the wrong side"),
    ("[smiles]\n" + GOOD_ENTRY, r"\[smiles\] \(entry\): no KPI uses this target"),
    ('csat = 0.9\n', r"\[csat\] \(entry\): must be a table"),
])
def test_a_broken_file_names_the_file_and_key(tmp_path, text, problem):
    path = tmp_path / "targets.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as info:
        load_targets(path)
    assert str(path) in str(info.value)


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(ValueError, match="cannot be read") as info:
        load_targets(tmp_path / "nope.toml")
    assert "nope.toml" in str(info.value)


def test_judge_a_small_sample_only_when_its_interval_is_clear_of_the_target():
    from analytics.targets import Target, judge

    target = Target("promise_48h", "min", 0.95, 0.05, 0.60)
    assert judge(target, 0.0, n=23, low=0.0, high=0.143) == "bad"       # 0 of 23: clearly below
    assert judge(target, 0.9, n=10, low=0.596, high=0.982) is None      # straddles 0.95: no verdict
    assert judge(target, 0.96, n=200, low=0.93, high=0.98) == "good"
    assert judge(None, 0.5, n=100) is None and judge(target, float("nan"), n=100) is None
