"""What there is to filter on: the halls, the period the data covers, the channels.

These take no `Filters` — they are what the filters are built from.
"""
from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from ..storage import quote_ident
from .common import check_choice

# Each dataset's date column; the data period spans all of them.
DATE_COLUMNS = {"surveys": "answered_at", "complaints": "received_at", "sales": "sold_at",
                "training": "trained_on"}
# Datasets whose rows carry a channel (a fixed list: the names become SQL identifiers).
CHANNEL_COLUMNS = {"surveys": "channel", "complaints": "channel"}


def hall_directory(con) -> pd.DataFrame:
    """Every hall with where it sits, ordered region, city, hall name."""
    return con.execute("""
        SELECT hall_code, hall_name, region, city, district, hall_type
        FROM halls
        ORDER BY region, city, hall_name, hall_code""").df()


def data_period(con) -> pd.DataFrame:
    """One row: first_date and last_date (datetime.date, None when there is no data) over
    the surveys, complaints, sales and training dates."""
    parts = " UNION ALL ".join(
        f"SELECT CAST(min({quote_ident(c)}) AS DATE) AS first_date, CAST(max({quote_ident(c)}) AS DATE) AS last_date "
        f"FROM {quote_ident(t)}" for t, c in DATE_COLUMNS.items())
    row = con.execute(f"SELECT min(first_date), max(last_date) FROM ({parts})").fetchone()
    return pd.DataFrame({"first_date": [row[0]], "last_date": [row[1]]}, dtype=object)


def channel_options(con, dataset: str) -> list[str]:
    """The distinct channels of `dataset` ('surveys' or 'complaints'), most used first."""
    column = quote_ident(CHANNEL_COLUMNS[check_choice(dataset, CHANNEL_COLUMNS, "dataset")])
    rows = con.execute(f"""
        SELECT {column} FROM {quote_ident(dataset)}
        WHERE {column} IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1""").fetchall()
    return [r[0] for r in rows]


def default_period(last_date: dt.date) -> tuple[dt.date, dt.date]:
    """The last complete calendar month ending on or before `last_date`."""
    if isinstance(last_date, dt.datetime):
        last_date = last_date.date()
    month_end = calendar.monthrange(last_date.year, last_date.month)[1]
    if last_date.day == month_end:
        return last_date.replace(day=1), last_date
    end = last_date.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end
