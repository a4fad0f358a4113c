"""Marketing: the contact → interested → converted funnel, conversion and revenue.

Definitions (also in docs/metrics.md):
- sales rows come at two grains — one row per customer contact ('contact', counting 1
  contact) or one aggregated daily report row ('daily') — and both carry the measures
  contacts, interested, converted, revenue. Every figure SUMS these measures; rows are
  never counted, so both grains add up. A converted contact was also interested;
- the period filters on sold_at: start ≤ sold_at < the midnight after the last day;
- conversion: converted / contacts, with its 95% Wilson interval;
- interest rate: interested / contacts;
- revenue per contact: revenue / contacts;
- a rate from fewer than 30 contacts is marked low_sample and ranked after the others;
  rankings use the lower Wilson bound, so 3 out of 3 never beats 40 out of 100.
The channel filter does not apply: sales rows carry an activity type, not a survey channel.
"""
from __future__ import annotations

import pandas as pd

from .. import measures, stats
from ..filters import SCOPED_HALLS_CTE, Filters
from .common import BY_COLUMNS, GRAINS, check_choice, query, rollup, safe_ratio

# Sales rows inside the filters; every marketing query starts here.
MARKETING = """
marketing AS (
    SELECT s.*, h.region, h.city, h.hall_name AS hall_label
    FROM sales s JOIN scoped_halls h ON h.hall_code = s.hall_code
    WHERE s.sold_at >= $start AND s.sold_at < $end_excl
)"""
MARKETING_CTE = SCOPED_HALLS_CTE + "," + MARKETING

COUNTS = """
    coalesce(sum(contacts), 0) AS contacts,
    coalesce(sum(interested), 0) AS interested,
    coalesce(sum(converted), 0) AS converted,
    coalesce(sum(revenue), 0) AS revenue"""
SUMS = ("contacts", "interested", "converted", "revenue")

# Groupings read straight from the sales rows (column names fixed here, never from a user).
DIRECT_GROUPS = {
    "product_category": ("product_category",),
    "product_name": ("product_name",),
    "activity_type": ("activity_type",),
    "grain": ("grain",),
}
BY_CHOICES = (*BY_COLUMNS, *DIRECT_GROUPS, "staff")
FUNNEL_STAGES = ("contacts", "interested", "converted")
# The KPIs every marketing frame carries (analytics.measures declares them).
KPIS = ("conversion", "interest_rate", "revenue_per_contact")


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates from summed measures: conversion (+ interval), interest rate, revenue per contact."""
    for column in SUMS:
        frame[column] = frame[column].fillna(0)
    for column in ("contacts", "interested", "converted"):
        frame[column] = frame[column].astype("int64")
    frame["revenue"] = frame["revenue"].astype(float)
    measures.evaluate(frame, KPIS)
    return stats.mark_low_sample(frame, "contacts")


def funnel(con, filters: Filters) -> pd.DataFrame:
    """One row per stage (contacts, interested, converted): count, share_of_contacts and
    share_of_previous (NaN for the first stage, or when the previous stage is 0)."""
    totals = marketing_summary(con, filters).iloc[0]
    counts = [int(totals[stage]) for stage in FUNNEL_STAGES]
    frame = pd.DataFrame({"stage": list(FUNNEL_STAGES), "count": counts})
    frame["share_of_contacts"] = safe_ratio(frame["count"], pd.Series([counts[0]] * len(counts)))
    frame["share_of_previous"] = safe_ratio(frame["count"], frame["count"].shift(1))
    return frame


def marketing_summary(con, filters: Filters) -> pd.DataFrame:
    """One row: contacts, interested, converted, revenue, conversion (+ interval),
    interest_rate, revenue_per_contact, low_sample."""
    frame = query(con, f"WITH {MARKETING_CTE} SELECT {COUNTS} FROM marketing", filters.params())
    return _finish(frame)


def conversion_by(con, filters: Filters, *, by: str = "hall") -> pd.DataFrame:
    """One row per group, best first by the lower conversion bound, low samples last.

    by = hall / city / region: every scoped hall appears (zeros when it has no sales), and
    city/region counts are sums of hall counts. by = product_category / product_name /
    activity_type / grain: groups present in the rows ('—' for a missing value). by = staff:
    staff_id, staff_name, hall_code (and hall_name) from the staff list; rows without a staff id form one
    group with staff_id NULL and staff_name '—'.
    """
    check_choice(by, BY_CHOICES, "by")
    if by in BY_COLUMNS:
        frame = rollup(con, filters, by=by, ctes=MARKETING,
                       per_hall_sql=f"SELECT hall_code, {COUNTS} FROM marketing GROUP BY hall_code",
                       sums=SUMS)
    elif by == "staff":
        frame = query(con, f"""
            WITH {MARKETING_CTE}
            SELECT m.staff_id, coalesce(st.staff_name, m.staff_id, '—') AS staff_name,
                   st.hall_code, sh.hall_name, {COUNTS}
            FROM marketing m LEFT JOIN staff st ON st.staff_id = m.staff_id
                 LEFT JOIN scoped_halls sh ON sh.hall_code = st.hall_code
            GROUP BY m.staff_id, st.staff_name, st.hall_code, sh.hall_name
            ORDER BY contacts DESC""", filters.params())
    else:
        column = DIRECT_GROUPS[by][0]  # from the fixed table above
        frame = query(con, f"""
            WITH {MARKETING_CTE}
            SELECT coalesce({column}, '—') AS {column}, {COUNTS}
            FROM marketing GROUP BY 1 ORDER BY contacts DESC""", filters.params())
    return stats.rank_fairly(_finish(frame), "conversion", n_column="contacts")


def named_staff(by_staff: pd.DataFrame) -> pd.DataFrame:
    """`conversion_by(by="staff")` without the group of rows that name no staff (daily
    reports), ranked 1.. in the same order. Pure."""
    named = by_staff[by_staff["staff_id"].notna()].reset_index(drop=True)
    named["rank"] = range(1, len(named) + 1)
    return named


def unattributed_contacts(by_staff: pd.DataFrame) -> int:
    """The contacts of `conversion_by(by="staff")`'s rows that name no staff. Pure."""
    return int(by_staff.loc[by_staff["staff_id"].isna(), "contacts"].sum())


def conversion_by_product_and_activity(con, filters: Filters) -> pd.DataFrame:
    """One row per product × activity type: contacts, converted, conversion (+ interval),
    low_sample — e.g. broadband converts far better on-site (现场营销) than at events."""
    frame = query(con, f"""
        WITH {MARKETING_CTE}
        SELECT coalesce(product_category, '—') AS product_category,
               coalesce(product_name, '—') AS product_name,
               coalesce(activity_type, '—') AS activity_type, {COUNTS}
        FROM marketing GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""", filters.params())
    frame = _finish(frame)
    return frame[["product_category", "product_name", "activity_type", "contacts", "converted",
                  "conversion", "conversion_low", "conversion_high", "low_sample"]]


def marketing_trend(con, filters: Filters, *, grain: str = "week") -> pd.DataFrame:
    """One row per day, week (Monday) or month with sales: contacts, interested, converted,
    revenue, conversion (+ interval)."""
    check_choice(grain, GRAINS, "grain")
    frame = query(con, 
        f"WITH {MARKETING_CTE} SELECT CAST(date_trunc($grain, sold_at) AS DATE) AS period, {COUNTS} "
        "FROM marketing GROUP BY 1 ORDER BY 1", filters.params(grain=grain))
    frame = _finish(frame)
    return frame[["period", "contacts", "interested", "converted", "revenue", "conversion",
                  "conversion_low", "conversion_high", "low_sample"]]


def sales_detail(con, filters: Filters, *, limit: int = 1000) -> pd.DataFrame:
    """The sales rows behind the figures, newest first (at most `limit`)."""
    return query(con, f"""
        WITH {MARKETING_CTE}
        SELECT sold_at, region, city, hall_code, hall_label AS hall_name, staff_id, activity_type,
               product_category, product_name, grain, outcome, contacts, interested, converted,
               revenue, record_id
        FROM marketing ORDER BY sold_at DESC, record_id LIMIT $limit""",
        filters.params(limit=int(limit)))

