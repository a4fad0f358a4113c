"""Small statistics used for fair comparison: Wilson intervals, low-sample marks, ranking,
and the Kaplan–Meier estimate of resolution time with still-open tickets censored."""
from __future__ import annotations

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
# A rate from fewer observations than this is marked and never ranked above rates that
# have enough: it is shown, greyed, with its interval.
LOW_SAMPLE = 30


def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for proportions; NaN where trials == 0. Vectorised."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low, high = centre - half, centre + half
    empty = n <= 0
    return np.where(empty, np.nan, np.clip(low, 0, 1)), np.where(empty, np.nan, np.clip(high, 0, 1))


def add_rate(frame: pd.DataFrame, name: str, successes: str, trials: str) -> pd.DataFrame:
    """Add `name` (successes / trials), `name_low`, `name_high` and keep `trials` as the n."""
    k, n = frame[successes].astype(float), frame[trials].astype(float)
    frame[name] = np.where(n > 0, k / n.where(n > 0), np.nan)
    frame[f"{name}_low"], frame[f"{name}_high"] = wilson_interval(k, n)
    return frame


def mark_low_sample(frame: pd.DataFrame, n_column: str, flag: str = "low_sample") -> pd.DataFrame:
    frame[flag] = frame[n_column].fillna(0) < LOW_SAMPLE
    return frame


def rank_fairly(frame: pd.DataFrame, rate: str, *, n_column: str, higher_is_better: bool = True) -> pd.DataFrame:
    """Order rows best first by the pessimistic end of the interval, low samples last.

    Ranking by the raw rate puts a hall with 3 perfect answers on top; the lower Wilson
    bound (upper bound when lower is better) does not, and low-sample rows go after all
    others whatever their rate.
    """
    bound = f"{rate}_low" if higher_is_better else f"{rate}_high"
    key = frame[bound] if bound in frame else frame[rate]
    order = pd.DataFrame({"low": frame[n_column].fillna(0) < LOW_SAMPLE,
                          "key": -key if higher_is_better else key})
    ranked = frame.loc[order.sort_values(["low", "key"], na_position="last").index].copy()
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    return ranked


def kaplan_meier(events: pd.DataFrame) -> pd.DataFrame:
    """Survival curve from rows (hours, resolved, censored) aggregated per distinct time.

    `events` has one row per distinct duration: `hours`, `resolved` (tickets resolved at
    that duration) and `censored` (tickets still open at that age). Returns hours,
    at_risk, resolved, censored and `share_open` S(t) — the estimated share of tickets
    not yet resolved t hours after they were received.
    """
    frame = events.sort_values("hours").reset_index(drop=True)
    total = int(frame["resolved"].sum() + frame["censored"].sum())
    leaving = (frame["resolved"] + frame["censored"]).cumsum().shift(fill_value=0)
    frame["at_risk"] = total - leaving
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(frame["at_risk"] > 0, 1 - frame["resolved"] / frame["at_risk"], 1.0)
    frame["share_open"] = np.cumprod(factor)
    return frame[["hours", "at_risk", "resolved", "censored", "share_open"]]


def km_quantile(curve: pd.DataFrame, q: float) -> float | None:
    """The first time the share resolved reaches q (0.5 = median); None if it never does."""
    reached = curve.loc[1 - curve["share_open"] >= q - 1e-12, "hours"]
    return float(reached.iloc[0]) if len(reached) else None
