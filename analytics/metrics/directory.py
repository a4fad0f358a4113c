"""What there is to filter on: the halls, the period the data covers, the channels.

These take no `Filters` — they are what the filters are built from.
"""
from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from ..filters import SCOPE_CONDITION, scope_params
from ..storage import quote_ident
from .common import check_choice, query

# Each dataset's date column; the data period spans all of them.
DATE_COLUMNS = {"surveys": "answered_at", "complaints": "received_at", "sales": "sold_at",
                "training": "trained_on"}
# Datasets whose rows carry a channel (a fixed list: the names become SQL identifiers).
CHANNEL_COLUMNS = {"surveys": "channel", "complaints": "channel"}


def hall_directory(con, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every hall the scope lets through (None: all), with where it sits, ordered region,
    city, hall name. The filter choices are built from it, so they never offer a hall
    outside the user's scope."""
    return query(con, f"""
        SELECT hall_code, hall_name, region, city, district, hall_type
        FROM halls
        WHERE {SCOPE_CONDITION.format(region="region")}
        ORDER BY region, city, hall_name, hall_code""", scope_params(scope))


def data_period(con, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row: first_date and last_date (datetime.date, None when there is no data) over
    the surveys, complaints, sales and training dates of the halls in scope."""
    # Unscoped, min/max of a column alone (DuckDB answers from its zone maps); a scope
    # needs each row's hall, which costs a join over every row.
    scoped = "JOIN halls h ON h.hall_code = x.hall_code WHERE " + SCOPE_CONDITION.format(region="h.region") \
        if scope is not None else ""
    parts = " UNION ALL ".join(
        f"SELECT CAST(min(x.{quote_ident(c)}) AS DATE) AS first_date, CAST(max(x.{quote_ident(c)}) AS DATE) AS last_date "
        f"FROM {quote_ident(t)} x {scoped}" for t, c in DATE_COLUMNS.items())
    row = query(con, f"SELECT min(first_date) AS first_date, max(last_date) AS last_date FROM ({parts})",
                scope_params(scope)).iloc[0]  # query() passes $scoped only when the text names it
    first, last = (None if pd.isna(v) else pd.Timestamp(v).date() for v in (row["first_date"], row["last_date"]))
    return pd.DataFrame({"first_date": [first], "last_date": [last]}, dtype=object)


def channel_options(con, dataset: str, scope: tuple[str, ...] | None = None) -> list[str]:
    """The distinct channels of `dataset` ('surveys' or 'complaints') at the halls in
    scope, most used first."""
    column = quote_ident(CHANNEL_COLUMNS[check_choice(dataset, CHANNEL_COLUMNS, "dataset")])
    frame = query(con, f"""
        SELECT x.{column} AS channel FROM {quote_ident(dataset)} x JOIN halls h ON h.hall_code = x.hall_code
        WHERE x.{column} IS NOT NULL AND {SCOPE_CONDITION.format(region="h.region")}
        GROUP BY 1 ORDER BY count(*) DESC, 1""", scope_params(scope))
    return frame["channel"].tolist()


def default_period(last_date: dt.date) -> tuple[dt.date, dt.date]:
    """The last complete calendar month ending on or before `last_date`."""
    if isinstance(last_date, dt.datetime):
        last_date = last_date.date()
    month_end = calendar.monthrange(last_date.year, last_date.month)[1]
    if last_date.day == month_end:
        return last_date.replace(day=1), last_date
    end = last_date.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


# The sidebar's one-click periods, anchored on the data's last day (not today: an export
# loaded on Monday still describes last month). Whole calendar months and ISO weeks where the
# name says so, so the comparison beside each figure is the previous month(s) or week(s).
PERIOD_PRESETS = ("this_month", "last_month", "last_4_weeks", "this_quarter", "last_12_months", "year_to_date",
                  "all")


def preset_period(name: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The days of preset `name` for data from `first` to `last`, clipped to the data:
    this_month (the month of the last day, up to it), last_month (the calendar month
    before), last_4_weeks (the four whole ISO weeks ending with the last complete one),
    this_quarter (its quarter, up to the last day), last_12_months (the 12 calendar months
    ending with the last complete one), year_to_date, all."""
    if name == "all":
        return first, last
    if name == "this_month":
        start, end = last.replace(day=1), last
    elif name == "last_month":
        end = last.replace(day=1) - dt.timedelta(days=1)
        start = end.replace(day=1)
    elif name == "last_4_weeks":
        end = last - dt.timedelta(days=(last.weekday() + 1) % 7)  # Sunday ending the last complete week
        start = end - dt.timedelta(days=27)
    elif name == "this_quarter":
        start, end = dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last
    elif name == "last_12_months":
        _, end = default_period(last)
        months = end.year * 12 + end.month - 1 - 11
        start = dt.date(months // 12, months % 12 + 1, 1)
    elif name == "year_to_date":
        start, end = dt.date(last.year, 1, 1), last
    else:
        raise ValueError(f"unknown period preset {name!r}; use one of {', '.join(PERIOD_PRESETS)}")
    start = max(start, first)
    return start, max(min(end, last), start)
