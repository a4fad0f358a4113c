"""From counts to figures: a declared KPI's value, interval and n, and whether a change
between two periods is more than noise. Pure pandas/numpy; the counts come from the area
modules' fact queries."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..stats import Z95
from . import intervals
from .declarations import Measure, get


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").fillna(0).to_numpy(dtype=float)


def values(measure: Measure, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, low, high) of `measure` for every row of its count frame; NaN where the
    value has no observations or the kind has no interval."""
    counts = [_column(frame, c) for c in measure.counts]
    nothing = np.full(len(frame), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        if measure.kind in ("count", "sum"):
            return counts[0], nothing, nothing
        n = counts[-1]
        present = n > 0
        if measure.kind == "nps":
            value = measure.scale * (counts[0] - counts[1]) / n
            low, high = intervals.nps(*counts)
        elif measure.kind == "mean":
            value = counts[0] / n
            low, high = intervals.mean(*counts)
        elif measure.kind == "share":
            value = counts[0] / n
            low, high = intervals.share(counts[0], n)
        elif measure.kind == "rate":
            value = measure.scale * counts[0] / n
            low, high = intervals.poisson_rate(counts[0], n, measure.scale)
        else:  # ratio: declared without an interval
            value, low, high = counts[0] / n, nothing, nothing
    return np.where(present, value, np.nan), low, high


def evaluate(frame: pd.DataFrame, keys, *, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Add each KPI of `keys` to `frame` (its counts' frame) as `<key>`, `<key>_low`,
    `<key>_high` (intervals only for kinds that have one). `names` renames a key's columns
    (key → column). Returns `frame`."""
    for key in keys:
        measure = get(key)
        column = (names or {}).get(key, key)
        value, low, high = values(measure, frame)
        frame[column] = value
        if measure.interval:
            frame[f"{column}_low"], frame[f"{column}_high"] = low, high
    return frame


def too_few(measure: Measure, n) -> bool:
    """True when a value rests on fewer than the measure's minimum n (marked ⚠, never
    coloured unless its interval is clear of the target, ranked after the others)."""
    if measure.n_column is None:
        return False
    try:
        return not (float(n) >= measure.min_n)
    except (TypeError, ValueError):
        return True


# --- changes ------------------------------------------------------------------------------

SIGNIFICANT, NOISE, UNTESTED = "significant", "within_noise", "untested"
# No test applies: a total (revenue) or a ratio without a spread, a census (the headcount is
# every member of staff, not a sample of them), or two 12-month windows sharing 11 months.
NO_TEST = "no_test"


def testable(measure: Measure) -> bool:
    """Whether a change of `measure` between two periods can be tested at all."""
    return measure.kind not in ("sum", "ratio") and not measure.census and measure.window != "12m"


def change_z(measure: Measure, now: dict, before: dict) -> float | None:
    """z statistic of the change from `before` to `now` (dicts of the measure's counts), or
    None when it cannot be tested: no value on a side, or fewer than the minimum n there."""
    def count(side, i):
        value = side.get(measure.counts[i])
        return float(value) if value is not None and not pd.isna(value) else 0.0

    if measure.kind == "sum" or measure.kind == "ratio":
        return None
    if measure.kind == "count":
        k1, k0 = count(now, 0), count(before, 0)
        # Poisson counts over periods of (about) equal length; too few events say nothing.
        return None if k1 + k0 < measure.min_n else (k1 - k0) / math.sqrt(k1 + k0)
    n1, n0 = count(now, -1), count(before, -1)
    if n1 < measure.min_n or n0 < measure.min_n:
        return None
    if measure.kind == "share":
        p1, p0 = count(now, 0) / n1, count(before, 0) / n0
        pooled = (count(now, 0) + count(before, 0)) / (n1 + n0)
        spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
        return 0.0 if spread == 0 else (p1 - p0) / spread
    if measure.kind == "rate":
        k1, k0 = count(now, 0), count(before, 0)
        spread = math.sqrt(k1 / n1 ** 2 + k0 / n0 ** 2)
        return 0.0 if spread == 0 else (k1 / n1 - k0 / n0) / spread
    # nps and mean: a difference of two means, each with its standard error
    def mean_se(side, n):
        if measure.kind == "nps":
            plus, minus = count(side, 0) / n, count(side, 1) / n
            return plus - minus, math.sqrt(max(plus + minus - (plus - minus) ** 2, 0) / n)
        total, squares = count(side, 0), count(side, 1)
        variance = max(squares - total * total / n, 0) / (n - 1)
        return total / n, math.sqrt(variance / n)

    (m1, s1), (m0, s0) = mean_se(now, n1), mean_se(before, n0)
    spread = math.hypot(s1, s0)
    return 0.0 if spread == 0 else (m1 - m0) / spread


def change_verdict(measure: Measure, now: dict, before: dict) -> str:
    """"significant" (|z| ≥ 1.96), "within_noise", "untested" (too few to test), or
    "no_test" when no test applies to the measure (`testable`)."""
    if not testable(measure):
        return NO_TEST
    z = change_z(measure, now, before)
    if z is None:
        return UNTESTED
    return SIGNIFICANT if abs(z) >= Z95 else NOISE
