"""Contract of Filters.previous: what a period is compared with, worked out by hand — the
previous calendar month(s) for whole months, the weeks before for whole ISO weeks, else the
days of equal length before; `comparison` names which."""
import datetime as dt

import pytest

from analytics.filters import Filters

D = dt.date


@pytest.mark.parametrize("start, end, comparison, previous", [
    (D(2026, 10, 1), D(2026, 10, 31), ("months", 1), (D(2026, 9, 1), D(2026, 9, 30))),  # not Aug 31 – Sep 30
    (D(2026, 3, 1), D(2026, 3, 31), ("months", 1), (D(2026, 2, 1), D(2026, 2, 28))),    # 31 days against 28
    (D(2026, 1, 1), D(2026, 1, 31), ("months", 1), (D(2025, 12, 1), D(2025, 12, 31))),  # across the year
    (D(2026, 1, 1), D(2026, 3, 31), ("months", 3), (D(2025, 10, 1), D(2025, 12, 31))),  # a quarter
    (D(2025, 11, 1), D(2026, 10, 31), ("months", 12), (D(2024, 11, 1), D(2025, 10, 31))),  # 12 months
    (D(2026, 10, 12), D(2026, 10, 18), ("weeks", 1), (D(2026, 10, 5), D(2026, 10, 11))),  # Mon–Sun
    (D(2026, 10, 5), D(2026, 10, 18), ("weeks", 2), (D(2026, 9, 21), D(2026, 10, 4))),
    (D(2026, 10, 13), D(2026, 10, 19), ("days", 7), (D(2026, 10, 6), D(2026, 10, 12))),  # Tue–Mon
    (D(2026, 10, 15), D(2026, 11, 14), ("days", 31), (D(2026, 9, 14), D(2026, 10, 14))),
    (D(2026, 10, 1), D(2026, 10, 30), ("days", 30), (D(2026, 9, 1), D(2026, 9, 30))),  # not a whole month
])
def test_a_period_is_compared_with_the_one_a_reader_expects(start, end, comparison, previous):
    period = Filters(start, end, halls=("H1",), scope=("粤东",))
    assert period.comparison == comparison
    before = period.previous()
    assert (before.start, before.end) == previous
    assert (before.halls, before.scope) == (("H1",), ("粤东",))  # the same halls, the same user
