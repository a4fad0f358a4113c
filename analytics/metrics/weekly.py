"""The weekly review: ISO weeks, this week against last and the 4-week average, the halls
to talk about (with a reason in words, Chinese and English), and the week's staff stars.

Definitions (also in docs/metrics.md):
- a week is an ISO week, Monday to Sunday; week 1 is the week with the year's first
  Thursday, so 2026-12-28 … 2027-01-03 is 2026-W53 and 2027-01-04 starts 2027-W01;
- the default week is the last complete one in the data (ending on or before its last day);
- "4-week average" pools the four weeks ending with the chosen one (sums of counts, then
  the rate), so a quiet week weighs less than a busy one;
- backlog over 48 h: every ticket received before the week's end and still open at it, open
  for more than 48 hours then (whenever it came in: what the hall carries into next week);
- a hall is to be talked about when it misses a target this week (judged as everywhere:
  n ≥ 30 or an interval wholly past the target), when CSAT, the 48-hour rate or conversion
  moved significantly against last week (the measures layer's test: both weeks with at
  least the KPI's minimum n, |z| ≥ 1.96, and at least 3 percentage points), or when its
  backlog open past 48 hours grew; the most severe first (overview.severity: how far past
  the target, weighted by n, not how many targets were missed).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .. import measures
from ..filters import CHANNEL_CONDITION, SCOPED_HALLS_CTE, Filters
from ..stats import Z95
from . import complaints, marketing, overview, satisfaction
from .common import query

WEEK_DAYS = 7
PROMISE_SECONDS = complaints.PROMISE_HOURS * 3600
AVERAGE_WEEKS = 4
# Rates whose week-over-week move is worth a mention. A move counts when the measures
# layer's test calls it significant (each week with at least the KPI's minimum n) and it is
# at least MOVER_MIN_POINTS: a significant move smaller than 3 pp is not worth the meeting's time.
MOVER_KPIS = ("csat", "promise_48h", "conversion")
MOVER_MIN_POINTS = 0.03
MOVERS_EACH_WAY = 3
# The KPIs a hall is judged on in the week: those that move from week to week (training
# coverage is a 12-month figure, and the same every week).
WEEKLY_JUDGED = ("csat", "nps", "promise_48h", "carried_over_48h", "conversion")
# The review's headline: the overview's KPIs, with the backlog carried into the next week in
# place of the period's own backlog.
HEADLINE_KPIS = tuple("carried_over_48h" if k == "backlog_over_48h" else k for k in overview.KPIS)
# Survey answers a member of staff needs in the week to be a service star, and contacts to be a
# marketing star (one conversion out of one contact is luck, not a week's work). Five, like
# the answers: on the sample a member of staff records 1.7 contacts a week on average (most
# contacts come in daily reports without a staff id) and only 11 of 299 reach 5; at 10
# nobody would be a star.
STAR_MIN_ANSWERS = 5
STAR_MIN_CONTACTS = 5


# --- weeks -----------------------------------------------------------------------------

def week_bounds(iso_year: int, iso_week: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week (ValueError for a week the year does not have)."""
    monday = dt.date.fromisocalendar(iso_year, iso_week, 1)
    return monday, monday + dt.timedelta(days=WEEK_DAYS - 1)


def week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def week_label(iso_year: int, iso_week: int) -> str:
    return f"{iso_year}-W{iso_week:02d}"


def parse_week(text: str) -> tuple[int, int] | None:
    """'2026-W43' -> (2026, 43); None when it is not a week that exists."""
    try:
        year, week = str(text).upper().split("-W")
        week_bounds(int(year), int(week))
        return int(year), int(week)
    except (ValueError, TypeError):
        return None


def last_complete_week(last_date: dt.date) -> tuple[int, int]:
    """The last ISO week that ends on or before `last_date`."""
    if isinstance(last_date, dt.datetime):
        last_date = last_date.date()
    sunday = last_date - dt.timedelta(days=(last_date.weekday() + 1) % WEEK_DAYS)
    return week_of(sunday)


def complete_weeks(first_date: dt.date, last_date: dt.date) -> list[tuple[int, int]]:
    """Every ISO week wholly inside [first_date, last_date], newest first."""
    weeks = []
    year, week = last_complete_week(last_date)
    while True:
        monday, _ = week_bounds(year, week)
        if monday < first_date:
            return weeks
        weeks.append((year, week))
        year, week = week_of(monday - dt.timedelta(days=1))


def week_filters(filters: Filters, iso_year: int, iso_week: int) -> Filters:
    """The filters' halls and channels over one ISO week."""
    return filters.with_period(*week_bounds(iso_year, iso_week))


def four_weeks(week: Filters) -> Filters:
    """The four weeks ending with `week` (a one-week filter)."""
    return week.with_period(week.start - dt.timedelta(days=WEEK_DAYS * (AVERAGE_WEEKS - 1)), week.end)


# --- headline ---------------------------------------------------------------------------

def carried_over_48h(con, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
    """Per scoped hall: tickets received before `as_of` and still open at it, open for more
    than 48 hours then. Unlike the period's figures, this counts every ticket that is still
    open, whenever it came in: what the hall carries into the next week."""
    return query(con, f"""
        WITH {SCOPED_HALLS_CTE}
        SELECT h.hall_code,
               count(c.ticket_id) FILTER (
                   WHERE c.received_at < $as_of AND (c.resolved_at IS NULL OR c.resolved_at >= $as_of)
                     AND date_diff('second', c.received_at, CAST($as_of AS TIMESTAMP)) > {PROMISE_SECONDS}
                     AND {CHANNEL_CONDITION.format(column="c.channel")}) AS carried_over_48h
        FROM scoped_halls h LEFT JOIN complaints c ON c.hall_code = h.hall_code
        GROUP BY h.hall_code ORDER BY h.hall_code""", filters.params(as_of=as_of))


def weekly_headline(con, week: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per headline KPI (HEADLINE_KPIS): this week, last week, the change, and the
    4-week average. `week` is a one-week filter (see `week_filters`).

    The average pools rates over the four weeks (sums of counts, then the rate), gives
    counts per week (the four weeks' total / 4), and the backlog as the mean of the four
    week-end backlogs; the backlog counts every ticket open past 48 hours at the week's end
    (`carried_over_48h`), not only the week's own."""
    frame = overview.headline(con, week, now=now).rename(columns={"value": "this_week", "previous": "last_week"})
    pooled = overview.summaries(con, four_weeks(week), now)
    ends = [week.with_period(week.start - dt.timedelta(days=WEEK_DAYS * back), week.end
                             - dt.timedelta(days=WEEK_DAYS * back)) for back in range(AVERAGE_WEEKS)]
    backlogs = [int(carried_over_48h(con, w, complaints.as_of(w, now))["carried_over_48h"].sum()) for w in ends]
    averages = []
    for key in overview.KPIS:
        measure = measures.get(key)
        if key == "backlog_over_48h":  # its row becomes the carried backlog below
            averages.append(sum(backlogs) / AVERAGE_WEEKS)
        elif measure.kind in ("count", "sum"):
            total = pooled[overview.source(measure)].get(key)
            averages.append(total / AVERAGE_WEEKS if _number(total) else np.nan)
        else:
            averages.append(pooled[overview.source(measure)].get(key))
    frame["average_4w"] = averages
    backlog = frame["kpi"] == "backlog_over_48h"
    carried = measures.get("carried_over_48h")
    frame.loc[backlog, "kpi"] = carried.key
    frame.loc[backlog, "this_week"], frame.loc[backlog, "last_week"] = backlogs[0], backlogs[1]
    frame.loc[backlog, "change"] = backlogs[0] - backlogs[1]
    frame.loc[backlog, "verdict"] = measures.change_verdict(carried, {carried.key: backlogs[0]},
                                                            {carried.key: backlogs[1]})
    return frame[["kpi", "area", "format", "this_week", "low", "high", "last_week", "change", "verdict",
                  "average_4w", "n", "higher_is_better", "target"]]


# Each ticket as of the end of the week it came in (or now, if that is earlier).
WEEK_END = "least(date_trunc('week', c.received_at) + INTERVAL 7 DAY, CAST($now AS TIMESTAMP))"

TREND_SQL = f"""
WITH {SCOPED_HALLS_CTE},
weeks AS (
    SELECT CAST(range AS DATE) AS week_start FROM range(CAST($start AS DATE), CAST($end_excl AS DATE),
                                                       INTERVAL 7 DAY)
),
{satisfaction.ANSWERS},
answers_by_week AS (
    SELECT CAST(date_trunc('week', answered_at) AS DATE) AS week_start, count(*) AS responses,
           count(*) FILTER (WHERE top_box) AS top_box
    FROM answers GROUP BY 1
),
{complaints.tickets_sql(as_of=WEEK_END)},
promise AS (
    SELECT CAST(date_trunc('week', t.received_at) AS DATE) AS week_start, {complaints.PROMISE_COUNTS}
    FROM tickets t GROUP BY 1
),
{marketing.MARKETING},
sold AS (
    SELECT CAST(date_trunc('week', sold_at) AS DATE) AS week_start, sum(contacts) AS contacts,
           sum(converted) AS converted
    FROM marketing GROUP BY 1
)
SELECT w.week_start, coalesce(a.responses, 0) AS responses, coalesce(a.top_box, 0) AS top_box,
       coalesce(p.promise_due, 0) AS promise_due, coalesce(p.within_48h, 0) AS within_48h,
       coalesce(s.contacts, 0) AS contacts, coalesce(s.converted, 0) AS converted
FROM weeks w LEFT JOIN answers_by_week a USING (week_start) LEFT JOIN promise p USING (week_start)
LEFT JOIN sold s USING (week_start)
ORDER BY w.week_start"""


def weekly_trend(con, week: Filters, *, weeks: int = 8, now: dt.datetime | None = None) -> pd.DataFrame:
    """CSAT, the 48-hour rate and conversion for each of the `weeks` weeks ending with
    `week`, by the same definitions as the headline (each week's tickets as of its end)."""
    span = week.with_period(week.start - dt.timedelta(days=WEEK_DAYS * (weeks - 1)), week.end)
    frame = query(con, TREND_SQL, span.params(now=now or dt.datetime.now()))
    frame["week"] = [week_label(*week_of(d)) for d in frame["week_start"]]
    measures.evaluate(frame, MOVER_KPIS)
    intervals = [f"{k}_{side}" for k in MOVER_KPIS for side in ("low", "high")]
    return frame[["week_start", "week", *MOVER_KPIS, "responses", "promise_due", "contacts", *intervals]]


# --- halls to talk about -----------------------------------------------------------------

def top_complaint_category(con, week: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """Per scoped hall with tickets in the week: its most frequent category and how many."""
    return query(con, f"""
        WITH {complaints.TICKETS_CTE}
        SELECT hall_code, category AS top_category, count(*) AS top_category_tickets
        FROM tickets WHERE category IS NOT NULL
        GROUP BY hall_code, category
        QUALIFY row_number() OVER (PARTITION BY hall_code ORDER BY count(*) DESC, category) = 1""",
                 complaints._params(week, now))


def _share_counts(measure: measures.Measure, value, n) -> dict:
    """A share's counts back from its value and n (the hall table carries those two)."""
    if not (_number(value) and _number(n)):
        return {}
    return {measure.counts[0]: round(float(value) * float(n)), measure.counts[1]: float(n)}


def move_z(kpi: str, row: dict) -> float | None:
    """z of KPI `kpi`'s change from last week to this (a hall_week_table row), by the measures
    layer's test; None when either week has fewer than the KPI's minimum n."""
    measure = measures.get(kpi)
    return measures.change_z(measure, _share_counts(measure, row.get(kpi), row.get(measure.n_column)),
                             _share_counts(measure, row.get(f"{kpi}_last"), row.get(f"{measure.n_column}_last")))


def _number(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and not pd.isna(value)


def hall_week_table(con, week: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per scoped hall: the hall table of this week beside last week's (`_last`)."""
    this = overview.hall_table(con, week, now=now)
    last = overview.hall_table(con, week.previous(), now=now)
    # The backlog each hall carries at the week's end, beside (not over) the week's own.
    for frame, one in ((this, week), (last, week.previous())):
        carried = carried_over_48h(con, one, complaints.as_of(one, now)).set_index("hall_code")["carried_over_48h"]
        frame["carried_over_48h"] = frame["hall_code"].map(carried).fillna(0).astype(int)
    n_columns = [measures.get(k).n_column for k in (*overview.HALL_KPIS, *MOVER_KPIS) if measures.get(k).n_column]
    keep = list(dict.fromkeys(["hall_code", *overview.HALL_KPIS, "carried_over_48h", *n_columns, "tickets"]))
    table = this.merge(last[keep], on="hall_code", suffixes=("", "_last"))
    return table.merge(top_complaint_category(con, week, now=now), on="hall_code", how="left")


def halls_to_talk_about(table: pd.DataFrame, targets: dict) -> pd.DataFrame:
    """The halls worth the meeting's time, most pressing first, each with its reasons and a
    one-line reason in Chinese and English. Pure: works on `hall_week_table`'s output.

    Columns: region, city, hall_code, hall_name, missed (KPIs past target), moved_down,
    moved_up (KPIs that moved significantly), backlog_growing, score (for ordering),
    reason_zh, reason_en.
    """
    attention = overview.halls_needing_attention(table, targets, kpis=WEEKLY_JUDGED)
    missed = dict(zip(attention["hall_code"], attention["missed_kpis"]))
    severity = dict(zip(attention["hall_code"], attention["severity"]))
    records = []
    for row in table.to_dict("records"):
        moves = {}
        for kpi in MOVER_KPIS:
            z = move_z(kpi, row)
            if z is not None and abs(z) >= Z95 and abs(row[kpi] - row[f"{kpi}_last"]) >= MOVER_MIN_POINTS:
                moves[kpi] = z
        growing = (_number(row.get("carried_over_48h")) and row["carried_over_48h"] > 0
                   and row["carried_over_48h"] > (row.get("carried_over_48h_last") or 0))
        row_missed = missed.get(row["hall_code"], [])
        if not (row_missed or moves or growing):
            continue
        records.append({**row, "missed": row_missed, "moves": moves, "backlog_growing": bool(growing),
                        "moved_down": [k for k, z in moves.items() if z < 0],
                        "moved_up": [k for k, z in moves.items() if z > 0],
                        # severity (how far past target, weighted by n) first, then moves
                        "score": 10 * severity.get(row["hall_code"], 0.0) + sum(abs(z) for z in moves.values())
                                 + 3 * bool(growing)})
    columns = ["region", "city", "hall_code", "hall_name", "missed", "moved_down", "moved_up", "backlog_growing",
               "score", "reason_zh", "reason_en"]
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(records)
    # Every hall that missed a target stays; of the rest, only the biggest movers each way.
    down = frame[frame["missed"].str.len().eq(0) & frame["moved_down"].str.len().gt(0)].nlargest(
        MOVERS_EACH_WAY, "score").index
    up = frame[frame["missed"].str.len().eq(0) & frame["moved_down"].str.len().eq(0)
               & frame["moved_up"].str.len().gt(0)].nlargest(MOVERS_EACH_WAY, "score").index
    keep = frame["missed"].str.len().gt(0) | frame["backlog_growing"] | frame.index.isin(down) | frame.index.isin(up)
    frame = frame[keep].copy()
    frame["reason_zh"] = [reason(r, targets, "zh") for r in frame.to_dict("records")]
    frame["reason_en"] = [reason(r, targets, "en") for r in frame.to_dict("records")]
    return frame.sort_values(["score", "hall_code"], ascending=[False, True])[columns].reset_index(drop=True)


def _shown(kpi: str, value) -> str:
    if not _number(value):
        return "—"
    fmt = measures.get(kpi).format
    if fmt == "percent":
        return f"{value:.0%}"
    if fmt in ("int", "money"):
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def _label(kpi: str, targets: dict, lang: str) -> str:
    return measures.get(kpi).label(lang)


REASON_TEXT = {
    "zh": {"kpi": "{label} {value}（上周 {last}）", "backlog": "超48小时未办结 {value} 件（上周 {last} 件）",
           "category": "{category}投诉 {n} 件", "sep": "，", "head": "{hall}："},
    "en": {"kpi": "{label} {value} (last week {last})", "backlog": "{value} open over 48 h (last week {last})",
           "category": "{n} {category} complaints", "sep": ", ", "head": "{hall}: "},
}


def reason(row: dict, targets: dict, lang: str) -> str:
    """'天河厅：48小时办结率 78%（上周 93%），积分兑换投诉 12 件' from a hall's numbers."""
    text = REASON_TEXT[lang]
    parts = []
    for kpi in dict.fromkeys([*row.get("missed", []), *row.get("moved_down", []), *row.get("moved_up", [])]):
        if kpi == "carried_over_48h":
            continue  # said below, with last week's figure
        parts.append(text["kpi"].format(label=_label(kpi, targets, lang), value=_shown(kpi, row.get(kpi)),
                                        last=_shown(kpi, row.get(f"{kpi}_last"))))
    if row.get("backlog_growing") or "carried_over_48h" in row.get("missed", []):
        parts.append(text["backlog"].format(value=int(row.get("carried_over_48h") or 0),
                                            last=int(row.get("carried_over_48h_last") or 0)))
    if _number(row.get("top_category_tickets")) and row["top_category_tickets"] > 0:
        parts.append(text["category"].format(category=row["top_category"], n=int(row["top_category_tickets"])))
    return text["head"].format(hall=row["hall_name"]) + text["sep"].join(parts)


def scoped_halls(con, filters: Filters) -> pd.DataFrame:
    return query(con, f"WITH {SCOPED_HALLS_CTE} SELECT region, city, hall_code, hall_name FROM scoped_halls "
                      "ORDER BY region, city, hall_code", filters.params())


# --- staff recognition --------------------------------------------------------------------

def _star_per_hall(halls: pd.DataFrame, people: pd.DataFrame, order: list[str], shown: list[str]) -> pd.DataFrame:
    """The first of each hall's `people` when sorted by `order` (descending, staff id last,
    ascending), beside the hall; halls without anyone are left out."""
    best = (people.sort_values([*order, "staff_id"], ascending=[False] * len(order) + [True])
            .drop_duplicates("hall_code"))
    return halls.merge(best[["hall_code", "staff_id", "staff_name", *shown]], on="hall_code")[
        ["region", "city", "hall_code", "hall_name", "staff_id", "staff_name", *shown]].reset_index(drop=True)


def service_stars(con, week: Filters, *, min_answers: int = STAR_MIN_ANSWERS) -> pd.DataFrame:
    """Per hall, the member of staff with the best mean survey score in the week among those
    with at least `min_answers` answers (ties: more answers, then staff id)."""
    scores = satisfaction.satisfaction_by_staff(con, week)
    return _star_per_hall(scoped_halls(con, week), scores[scores["responses"] >= min_answers],
                          ["mean_score", "responses"], ["responses", "mean_score", "csat", "csat_low", "csat_high"])


def marketing_stars(con, week: Filters, *, min_contacts: int = STAR_MIN_CONTACTS) -> pd.DataFrame:
    """Per hall, the member of staff with the most conversions in the week among those with
    at least `min_contacts` contacts (ties: better conversion, then staff id); halls where
    nobody qualified and converted have no star. `unattributed_contacts`: the hall's contacts
    recorded without a staff id, counted apart (nobody's, so nobody's star)."""
    sales = marketing.conversion_by(con, week, by="staff")
    named = sales["staff_id"].notna()
    stars = _star_per_hall(scoped_halls(con, week),
                           sales[named & (sales["converted"] > 0) & (sales["contacts"] >= min_contacts)],
                           ["converted", "conversion"],
                           ["contacts", "converted", "conversion", "conversion_low", "conversion_high"])
    unattributed = query(con, f"""
        WITH {marketing.MARKETING_CTE}
        SELECT hall_code, sum(contacts) AS contacts FROM marketing WHERE staff_id IS NULL GROUP BY hall_code""",
                         week.params()).set_index("hall_code")["contacts"]
    stars["unattributed_contacts"] = stars["hall_code"].map(unattributed).fillna(0).astype(int)
    return stars
