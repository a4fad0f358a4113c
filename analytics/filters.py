"""The filters every metric takes: a period and a set of halls (region → city → hall).

Values always travel as named parameters ($start, $end_excl, $regions…); the SQL text
that uses them is fixed here, so a filter choice never becomes SQL text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

# A user's scope (analytics.access): the regions a regional manager may see. "Not scoped"
# is its own flag, so an empty scope means no hall at all rather than every hall.
SCOPE_CONDITION = "(NOT $scoped OR list_contains($scope_regions::VARCHAR[], {region}))"

# Every metric reads the halls through this CTE, so one definition decides which halls a
# filter and the user's scope let through.
SCOPED_HALLS_CTE = """
scoped_halls AS (
    SELECT h.hall_code, h.hall_name, h.region, h.city, h.district, h.hall_type
    FROM halls h
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], h.region))
      AND (len($cities::VARCHAR[]) = 0 OR list_contains($cities::VARCHAR[], h.city))
      AND (len($halls::VARCHAR[]) = 0 OR list_contains($halls::VARCHAR[], h.hall_code))
      AND """ + SCOPE_CONDITION.format(region="h.region") + """
)"""


def scope_params(scope: tuple[str, ...] | None) -> dict:
    """The parameters of SCOPE_CONDITION: None = every region, a tuple = only those."""
    return {"scoped": scope is not None, "scope_regions": list(scope or ())}

# For tables that carry a channel: empty list = every channel.
CHANNEL_CONDITION = "(len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], {column}))"


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after (or before) the month of `day` (a first)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    """How many calendar months [start, end] is, when it is whole months; else None."""
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date  # inclusive
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    halls: tuple[str, ...] = ()
    channels: tuple[str, ...] = field(default=())
    # The regions the user may see (None: all). Set from the signed-in user, never a choice.
    scope: tuple[str, ...] | None = None

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def comparison(self) -> tuple[str, int]:
        """What `previous()` compares with, as (unit, count): ("months", n) for n whole
        calendar months (a month, a quarter, a year), ("weeks", n) for n whole ISO weeks
        (Monday to Sunday), else ("days", n) for the n days before."""
        months = _whole_months(self.start, self.end)
        if months:
            return "months", months
        if self.start.weekday() == 0 and self.days % 7 == 0:
            return "weeks", self.days // 7
        return "days", self.days

    def previous(self) -> "Filters":
        """The period just before this one that a reader compares it with, same halls and
        channels: the previous calendar month(s) for whole months (October against
        September, not against the 31 days from 31 August), otherwise the days (or whole
        weeks) of equal length just before."""
        unit, count = self.comparison
        if unit == "months":
            return replace(self, start=_add_months(self.start, -count), end=self.start - dt.timedelta(days=1))
        return replace(self, start=self.start - dt.timedelta(days=self.days),
                       end=self.start - dt.timedelta(days=1))

    def with_period(self, start: dt.date, end: dt.date) -> "Filters":
        return replace(self, start=start, end=end)

    def with_halls(self, halls: tuple[str, ...]) -> "Filters":
        return replace(self, halls=tuple(halls))

    @property
    def start_ts(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_excl_ts(self) -> dt.datetime:
        """Midnight after the last day: periods are [start, end_excl)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())

    def params(self, **extra) -> dict:
        return {"start": self.start_ts, "end_excl": self.end_excl_ts, "regions": list(self.regions),
                "cities": list(self.cities), "halls": list(self.halls), "channels": list(self.channels),
                **scope_params(self.scope), **extra}
