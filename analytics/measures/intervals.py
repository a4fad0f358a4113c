"""95% intervals for the four kinds of figure the dashboard shows, vectorised over arrays.

- share (k of n): Wilson score interval — it behaves at 0%, 100% and small n;
- rate per exposure (k events per E contacts, × scale): Byar's approximation to the exact
  Poisson interval of k, divided by E — events are counts, not shares of the exposure;
- NPS: the mean of +1 (promoter), 0, −1 (detractor) answers, normal approximation with the
  sample variance p₊ + p₋ − (p₊ − p₋)², × 100, clipped to −100…100;
- mean (of a score, minutes, hours): mean ± z·s/√n from the sum, the sum of squares and n.
Each returns (low, high), NaN where the figure has no observations.
"""
from __future__ import annotations

import numpy as np

from ..stats import Z95, wilson_interval


def _arrays(*values):
    return [np.asarray(v, dtype=float) for v in values]


def share(successes, trials, z: float = Z95):
    return wilson_interval(successes, trials, z)


def poisson_rate(events, exposure, scale: float = 1.0, z: float = Z95):
    k, e = _arrays(events, exposure)
    with np.errstate(invalid="ignore", divide="ignore"):
        low_k = np.where(k > 0, k * (1 - 1 / (9 * k) - z / (3 * np.sqrt(k))) ** 3, 0.0)
        k1 = k + 1
        high_k = k1 * (1 - 1 / (9 * k1) + z / (3 * np.sqrt(k1))) ** 3
        low, high = scale * np.maximum(low_k, 0) / e, scale * high_k / e
    empty = ~(e > 0)
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def nps(promoters, detractors, answers, z: float = Z95):
    p, d, n = _arrays(promoters, detractors, answers)
    with np.errstate(invalid="ignore", divide="ignore"):
        plus, minus = p / n, d / n
        centre = plus - minus
        half = z * np.sqrt(np.maximum(plus + minus - centre ** 2, 0) / n)
    empty = ~(n > 0)
    return (np.where(empty, np.nan, 100 * np.clip(centre - half, -1, 1)),
            np.where(empty, np.nan, 100 * np.clip(centre + half, -1, 1)))


def mean(total, total_of_squares, n, z: float = Z95):
    s, q, n = _arrays(total, total_of_squares, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = s / n
        variance = np.maximum(q - s * s / n, 0) / (n - 1)
        half = z * np.sqrt(variance / n)
    empty = ~(n > 1)  # one observation has no spread to speak of
    return np.where(empty, np.nan, centre - half), np.where(empty, np.nan, centre + half)
