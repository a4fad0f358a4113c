"""What the pages read: metric queries under the signed-in user's scope, the hall directory,
the data's dates, the period a page is compared with, and the sample loader."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from analytics import schema, storage
from analytics.filters import Filters
from analytics.metrics import directory
from dashboard.access import current_scope
from dashboard.connection import cached, clear_caches, cursor
from dashboard.i18n import language, t

DATA_PAGE = "pages/import_data.py"  # where empty states point: upload, or load the sample


def query(fn, filters: Filters, **kwargs) -> pd.DataFrame:
    """`fn(cursor, filters, **kwargs)` for a metric function, cached for ten minutes by the
    function's module and name, the filters and the keyword arguments. The filters always
    carry the signed-in user's scope, whatever the page passed: no page can widen it."""
    return cached(fn, replace(filters, scope=current_scope()), **kwargs)


def headline(filters: Filters, kpis) -> pd.DataFrame:
    """analytics.metrics.overview.headline for KPI keys `kpis`, indexed by kpi, compared
    with the previous period only when that lies inside the data (`comparison`)."""
    from analytics.metrics import overview

    return query(overview.headline, filters, kpis=tuple(kpis), compare=comparison(filters) is not None).set_index("kpi")


def hall_directory() -> pd.DataFrame:
    """The halls the user may see (the filter choices are built from these)."""
    return cached(directory.hall_directory, current_scope())


def data_bounds() -> tuple[dt.date, dt.date] | None:
    """First and last date of the data, or None while the database is empty."""
    row = cached(directory.data_period, current_scope()).iloc[0]
    if row["first_date"] is None or row["last_date"] is None:
        return None
    return row["first_date"], row["last_date"]


def comparison(filters: Filters) -> Filters | None:
    """The period `filters` is compared with (Filters.previous: the previous calendar
    month for a month), or None when it starts before the data: a change against a period
    with no data would be made up ("+26,134" against nothing)."""
    previous = filters.previous()
    bounds = data_bounds()
    return previous if bounds is not None and bounds[0] <= previous.start else None


_COMPARISON_KEYS = {("months", True): "vs_previous_month", ("months", False): "vs_previous_months",
                    ("weeks", True): "vs_previous_week", ("weeks", False): "vs_previous_weeks",
                    ("days", True): "vs_previous_days", ("days", False): "vs_previous_days"}


def comparison_caption(filters: Filters) -> str:
    """What every change on the page is against, written out (or that there is nothing)."""
    previous = filters.previous()
    dates = {"start": previous.start.isoformat(), "end": previous.end.isoformat()}
    if comparison(filters) is None:
        return t("no_previous", **dates)
    unit, count = filters.comparison
    return t(_COMPARISON_KEYS[unit, count == 1], n=count, **dates)


def has_data() -> bool:
    return data_bounds() is not None


def dataset_summary() -> pd.DataFrame:
    """Rows and dates per dataset, of the halls the user may see (cached)."""
    return cached(storage.dataset_summary, current_scope())


def load_sample_data() -> list:
    """Import the shipped sample exports into the (empty) database of this process."""
    from analytics import importer
    from analytics.settings import SAMPLE_DATA_DIR

    results = importer.import_paths(cursor(), sorted(SAMPLE_DATA_DIR.glob("*.xlsx")), source="sample")
    clear_caches()
    return results


FRESHNESS_DATASETS = ("surveys", "complaints", "sales", "training")
STALE_AFTER_DAYS = 7


def dataset_label(name: str) -> str:
    from analytics import schema

    ds = schema.DATASETS[name]
    return ds.label_zh if language() == "zh" else ds.label_en
