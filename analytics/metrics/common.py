"""Pieces shared by the metric modules: grouping levels, roll-up, period buckets."""
from __future__ import annotations

import re

import pandas as pd

from ..filters import SCOPED_HALLS_CTE, Filters
from ..storage import quote_ident

# The hall hierarchy: rates are always summed from hall counts, never averaged.
BY_COLUMNS = {
    "hall": ("region", "city", "hall_code", "hall_name"),
    "city": ("region", "city"),
    "region": ("region",),
}
GRAINS = ("day", "week", "month")


_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query(con, sql: str, params: dict) -> pd.DataFrame:
    """Run `sql` with the named parameters it uses.

    Filters always offer every parameter ($channels included) and DuckDB refuses one a
    query does not use, so the ones a query's text does not name are left out here.
    """
    used = set(_PARAM_RE.findall(sql))
    return con.execute(sql, {k: v for k, v in params.items() if k in used}).df()


def check_choice(value: str, allowed, what: str) -> str:
    """Options that shape SQL text must come from a fixed list, never from a user."""
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def rollup(con, filters: Filters, *, by: str, ctes: str, per_hall_sql: str, sums: tuple[str, ...],
           extra_params: dict | None = None) -> pd.DataFrame:
    """Sum per-hall counts up to `by` (hall, city or region), every scoped hall included.

    `ctes` are the area's CTEs (after scoped_halls), `per_hall_sql` a SELECT over them with
    a `hall_code` column and the `sums` columns. Halls with no rows get zero counts, so a
    hall with no data shows up as such instead of vanishing.
    """
    check_choice(by, BY_COLUMNS, "by")
    columns = BY_COLUMNS[by]
    select = ", ".join(f"h.{quote_ident(c)}" for c in columns)
    totals = ", ".join(f"coalesce(sum(a.{quote_ident(s)}), 0) AS {quote_ident(s)}" for s in sums)
    sql = f"""
        WITH {SCOPED_HALLS_CTE},
        {ctes},
        per_hall AS ({per_hall_sql})
        SELECT {select}, {totals}, count(DISTINCT h.hall_code) AS halls
        FROM scoped_halls h LEFT JOIN per_hall a ON a.hall_code = h.hall_code
        GROUP BY {select}
        ORDER BY {select}"""
    return query(con, sql, filters.params(**(extra_params or {})))


def safe_ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    numerator, denominator = numerator.astype(float), denominator.astype(float)
    return numerator / denominator.where(denominator > 0)
