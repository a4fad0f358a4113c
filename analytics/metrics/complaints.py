"""Complaints: volume and rate, response and resolution times, the 48-hour promise, backlog.

Definitions (also in docs/metrics.md):
- tickets: complaints received in the period at the scoped halls (and channels);
- as of: the end of the period (midnight after its last day), or now if that is earlier.
  A ticket is open as of then when it has no resolution time, or one after that moment —
  so looking back at an old period shows the backlog as it was;
- first response / resolution time: hours from received to first response / resolution;
  medians and P90 count resolved tickets only, so they are shown beside the backlog and a
  Kaplan–Meier estimate that counts open tickets as censored at their age;
- 48-hour promise kept: resolved within 48 h, as a share of the tickets whose 48 hours
  have run out (resolved ones, and open ones older than 48 h); an open ticket younger than
  48 h has not kept or broken the promise yet;
- reopen rate: tickets whose status is reopened, over tickets;
- repeat complaint: the same customer, same category, within 30 days after an earlier
  complaint (looked up over all stored tickets, not only the period);
- rate per 1,000: tickets per 1,000 survey answers, and per 1,000 sales contacts, of the
  same halls in the same period.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import measures, stats
from ..filters import CHANNEL_CONDITION, SCOPED_HALLS_CTE, Filters
from ..storage import quote_ident
from . import marketing, satisfaction
from .common import BY_COLUMNS, GRAINS, check_choice, query

PROMISE_HOURS = 48
REPEAT_DAYS = 30

# Every ticket received in the period at a scoped hall, with its timings as of a moment:
# the end of the period ($as_of), or a moment per ticket (the end of the week or month it
# came in) for trends that take each bucket as of its own end. `repeat_30d` looks back over
# the tickets of the same customer and category.
_TICKETS_TEMPLATE = """
history AS (
    -- A period ticket repeats one of the 30 days before it: those are all the history it
    -- needs, so the window runs over the period and its 30 days' lead, not every ticket.
    SELECT ticket_id,
           customer IS NOT NULL AND received_at - lag(received_at) OVER (
               PARTITION BY customer, category ORDER BY received_at, ticket_id) <= INTERVAL '""" \
    + str(REPEAT_DAYS) + """ days' AS repeat_30d
    FROM complaints
    WHERE received_at >= CAST($start AS TIMESTAMP) - INTERVAL '""" + str(REPEAT_DAYS) + """ days'
      AND received_at < $end_excl
),
tickets AS (
    SELECT c.*, h.region, h.city, h.hall_name AS hall_label, coalesce(r.repeat_30d, false) AS repeat_30d,
           -- A ticket the export says is done but gives no resolution time is resolved,
           -- with no resolution hours: it is neither backlog nor in the 48-hour rate.
           coalesce(c.resolved_at < {as_of}, c.status IN ('resolved', 'closed')) AS is_resolved,
           date_diff('second', c.received_at, c.first_response_at) / 3600.0 AS first_response_hours,
           CASE WHEN c.resolved_at < {as_of}
                THEN date_diff('second', c.received_at, c.resolved_at) / 3600.0 END AS resolution_hours,
           CASE WHEN c.resolved_at >= {as_of} OR (c.resolved_at IS NULL AND c.status NOT IN ('resolved', 'closed'))
                THEN date_diff('second', c.received_at, CAST({as_of} AS TIMESTAMP)) / 3600.0 END AS open_hours
    FROM complaints c
    JOIN scoped_halls h ON h.hall_code = c.hall_code
    LEFT JOIN history r ON r.ticket_id = c.ticket_id
    WHERE c.received_at >= $start AND c.received_at < $end_excl
      AND """ + CHANNEL_CONDITION.format(column="c.channel") + """
)"""


def tickets_sql(as_of: str = "$as_of") -> str:
    """The `history` and `tickets` CTEs with every timing taken as of `as_of`, a SQL
    expression fixed in code (never a value): `$as_of`, or one computed from the row
    (`c.received_at`)."""
    return _TICKETS_TEMPLATE.format(as_of=as_of)


TICKETS = tickets_sql()
TICKETS_CTE = SCOPED_HALLS_CTE + "," + TICKETS

# Survey answers and sales contacts of the same halls and period: the denominators of the
# complaint rates, from the satisfaction and marketing fact CTEs. The channel filter is a
# complaint channel, so it does not apply to the answers.
VOLUME = satisfaction.answers_sql(name="all_channel_answers", by_channel=False) + "," + marketing.MARKETING + """,
answers_per_hall AS (SELECT hall_code, count(*) AS responses FROM all_channel_answers GROUP BY 1),
contacts_per_hall AS (SELECT hall_code, sum(contacts) AS contacts FROM marketing GROUP BY 1)"""


# The 48-hour promise's counts, over `tickets t` (shared with the weekly and scorecard trends).
PROMISE_COUNTS = f"""count(*) FILTER (WHERE t.resolution_hours IS NOT NULL OR t.open_hours > {PROMISE_HOURS})
        AS promise_due,
    count(*) FILTER (WHERE t.resolution_hours <= {PROMISE_HOURS}) AS within_48h,
    count(*) FILTER (WHERE t.resolution_hours > {PROMISE_HOURS} OR t.open_hours > {PROMISE_HOURS})
        AS broken_48h"""

MEASURES = f"""
    count(t.ticket_id) AS tickets,
    count(*) FILTER (WHERE t.is_resolved) AS resolved,
    {PROMISE_COUNTS},
    count(*) FILTER (WHERE t.open_hours IS NOT NULL) AS open_backlog,
    count(*) FILTER (WHERE t.open_hours > {PROMISE_HOURS}) AS backlog_over_48h,
    avg(t.open_hours) AS backlog_mean_age_hours,
    max(t.open_hours) AS backlog_max_age_hours,
    median(t.first_response_hours) AS first_response_median_hours,
    median(t.resolution_hours) AS resolution_median_hours,
    quantile_cont(t.resolution_hours, 0.9) AS resolution_p90_hours,
    count(*) FILTER (WHERE t.status = 'reopened') AS reopened,
    count(*) FILTER (WHERE t.repeat_30d) AS repeat_30d,
    count(*) FILTER (WHERE t.is_repeat) AS flagged_repeat,
    coalesce(sum(t.compensation_amount), 0) AS compensation"""


# The KPIs every complaint frame carries, and those that need the halls' volume beside.
KPIS = ("promise_48h", "reopen_rate", "repeat_rate")
VOLUME_KPIS = ("per_1000_responses", "per_1000_contacts")


def as_of(filters: Filters, now: dt.datetime | None = None) -> dt.datetime:
    """The moment the filters' tickets are judged at: the period's end (midnight after its
    last day), or now if that is earlier."""
    return min(filters.end_excl_ts, now or dt.datetime.now())


def _params(filters: Filters, now: dt.datetime | None, **extra) -> dict:
    return filters.params(as_of=as_of(filters, now), **extra)


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    measures.evaluate(frame, KPIS)
    if "responses" in frame:
        measures.evaluate(frame, VOLUME_KPIS)
    return stats.mark_low_sample(frame, "promise_due")


def complaint_summary(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row: every measure above for the filters, plus the censored (Kaplan–Meier) median."""
    frame = query(con, f"""
        WITH {TICKETS_CTE}, {VOLUME}
        SELECT {MEASURES},
               (SELECT coalesce(sum(responses), 0) FROM answers_per_hall) AS responses,
               (SELECT coalesce(sum(contacts), 0) FROM contacts_per_hall) AS contacts
        FROM tickets t""", _params(filters, now))
    frame = _finish(frame)
    frame["km_median_hours"] = stats.km_quantile(resolution_curve(con, filters, now=now), 0.5)
    return frame


def complaints_by(con, filters: Filters, *, by: str = "hall", now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per hall, city or region (every scoped one) or per category, sub_category or
    channel; halls ranked best first by the lower bound of the 48-hour promise share."""
    if by in BY_COLUMNS:
        columns = ", ".join(f"h.{quote_ident(c)}" for c in BY_COLUMNS[by])
        frame = query(con, f"""
            WITH {TICKETS_CTE}, {VOLUME},
            volume AS (
                SELECT h.hall_code, coalesce(a.responses, 0) AS responses, coalesce(s.contacts, 0) AS contacts
                FROM scoped_halls h LEFT JOIN answers_per_hall a USING (hall_code)
                LEFT JOIN contacts_per_hall s USING (hall_code)
            ),
            volume_by AS (
                SELECT {columns}, sum(v.responses) AS responses, sum(v.contacts) AS contacts
                FROM scoped_halls h JOIN volume v USING (hall_code) GROUP BY ALL
            )
            SELECT {columns}, {MEASURES}, any_value(vb.responses) AS responses, any_value(vb.contacts) AS contacts
            FROM scoped_halls h
            LEFT JOIN tickets t ON t.hall_code = h.hall_code
            JOIN volume_by vb ON {' AND '.join(f'vb.{quote_ident(c)} = h.{quote_ident(c)}' for c in BY_COLUMNS[by])}
            GROUP BY {columns} ORDER BY {columns}""", _params(filters, now))
        return stats.rank_fairly(_finish(frame), "promise_48h", n_column="promise_due")
    check_choice(by, ("category", "sub_category", "channel"), "by")
    column = quote_ident(by)
    frame = query(con, f"""
        WITH {TICKETS_CTE}
        SELECT coalesce(t.{column}, '—') AS {column}, {MEASURES}
        FROM tickets t GROUP BY 1 ORDER BY tickets DESC""", _params(filters, now))
    return _finish(frame)


def category_breakdown(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """Tickets per category and sub-category (for a sunburst), with the 48-hour share."""
    frame = query(con, f"""
        WITH {TICKETS_CTE}
        SELECT coalesce(t.category, '—') AS category, coalesce(t.sub_category, '—') AS sub_category, {MEASURES}
        FROM tickets t GROUP BY 1, 2 ORDER BY tickets DESC""", _params(filters, now))
    return _finish(frame)


def category_by_hall(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """Tickets per hall × category, every scoped hall that has tickets, with the hall's total
    and the category's share of it: is a category's spike (积分兑换) everywhere or in a few
    halls?"""
    return query(con, f"""
        WITH {TICKETS_CTE},
        cells AS (SELECT t.hall_code, coalesce(t.category, '—') AS category, count(*) AS tickets
                  FROM tickets t GROUP BY 1, 2)
        SELECT h.region, h.city, c.hall_code, h.hall_name, c.category, c.tickets,
               sum(c.tickets) OVER (PARTITION BY c.hall_code) AS hall_tickets,
               c.tickets / sum(c.tickets) OVER (PARTITION BY c.hall_code) AS share
        FROM cells c JOIN scoped_halls h USING (hall_code)
        ORDER BY hall_tickets DESC, c.hall_code, c.tickets DESC, c.category""", _params(filters, now))


def complaint_trend(con, filters: Filters, *, grain: str = "week", now: dt.datetime | None = None) -> pd.DataFrame:
    """Per week or month received: tickets, 48-hour share, median resolution, open backlog."""
    check_choice(grain, GRAINS, "grain")
    frame = query(con, f"""
        WITH {TICKETS_CTE}
        SELECT CAST(date_trunc($grain, t.received_at) AS DATE) AS period, {MEASURES}
        FROM tickets t GROUP BY 1 ORDER BY 1""", _params(filters, now, grain=grain))
    return _finish(frame)


def category_trend(con, filters: Filters, *, grain: str = "month", now: dt.datetime | None = None) -> pd.DataFrame:
    """Tickets per period and category: where a spike (积分兑换 in one month) shows."""
    check_choice(grain, GRAINS, "grain")
    return query(con, f"""
        WITH {TICKETS_CTE}
        SELECT CAST(date_trunc($grain, t.received_at) AS DATE) AS period, coalesce(t.category, '—') AS category,
               count(*) AS tickets
        FROM tickets t GROUP BY 1, 2 ORDER BY 1, 2""", _params(filters, now, grain=grain))


# Resolution-time bands for the histogram: resolved tickets by how long they took, open
# ones by how old they are — side by side, so the open ones do not vanish.
BANDS = ((0, 4, "0–4h"), (4, 8, "4–8h"), (8, 24, "8–24h"), (24, 48, "24–48h"), (48, 72, "48–72h"),
         (72, 120, "72–120h"), (120, None, "120h+"))


def resolution_histogram(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """band, resolved (tickets resolved in that time), still_open (open tickets of that age)."""
    def case(column):
        return "CASE " + " ".join(
            f"WHEN {column} >= {low}" + (f" AND {column} < {high}" if high is not None else "") + f" THEN {i}"
            for i, (low, high, _) in enumerate(BANDS)) + " END"
    frame = query(con, f"""
        WITH {TICKETS_CTE},
        banded AS (
            SELECT {case('resolution_hours')} AS resolved_band, {case('open_hours')} AS open_band FROM tickets
        )
        SELECT b.i AS band_index,
               (SELECT count(*) FROM banded WHERE resolved_band = b.i) AS resolved,
               (SELECT count(*) FROM banded WHERE open_band = b.i) AS still_open
        FROM range({len(BANDS)}) b(i) ORDER BY 1""", _params(filters, now))
    frame["band"] = frame["band_index"].map(lambda i: BANDS[int(i)][2])
    frame["over_promise"] = frame["band_index"].map(lambda i: BANDS[int(i)][0] >= PROMISE_HOURS)
    return frame


def resolution_curve(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """Kaplan–Meier: share of tickets still unresolved t hours after receipt, open tickets
    censored at their age. Aggregated per whole hour in SQL; the product runs on that."""
    events = query(con, f"""
        WITH {TICKETS_CTE}
        SELECT ceil(coalesce(resolution_hours, open_hours)) AS hours,
               count(*) FILTER (WHERE resolution_hours IS NOT NULL) AS resolved,
               count(*) FILTER (WHERE resolution_hours IS NULL) AS censored
        FROM tickets WHERE coalesce(resolution_hours, open_hours) IS NOT NULL
        GROUP BY 1 ORDER BY 1""", _params(filters, now))
    if events.empty:
        return pd.DataFrame(columns=["hours", "at_risk", "resolved", "censored", "share_open"])
    return stats.kaplan_meier(events)


def backlog(con, filters: Filters, *, now: dt.datetime | None = None, limit: int = 1000) -> pd.DataFrame:
    """Open tickets as of the end of the period, oldest first, with their age in hours."""
    return query(con, f"""
        WITH {TICKETS_CTE}
        SELECT ticket_id, received_at, region, city, hall_code, hall_label AS hall_name, channel, category,
               sub_category, status, open_hours AS age_hours, open_hours > {PROMISE_HOURS} AS over_promise, customer
        FROM tickets WHERE open_hours IS NOT NULL
        ORDER BY open_hours DESC LIMIT $limit""", _params(filters, now, limit=limit))


def complaint_detail(con, filters: Filters, *, now: dt.datetime | None = None, limit: int = 1000) -> pd.DataFrame:
    """The tickets behind the figures, newest first."""
    return query(con, f"""
        WITH {TICKETS_CTE}
        SELECT ticket_id, received_at, region, city, hall_code, hall_label AS hall_name, channel, category,
               sub_category, status, first_response_hours, resolution_hours, open_hours AS age_hours, repeat_30d,
               resolution_satisfaction, compensation_amount, description
        FROM tickets ORDER BY received_at DESC LIMIT $limit""", _params(filters, now, limit=limit))


def busiest_halls(by_hall_category: pd.DataFrame, n: int) -> pd.DataFrame:
    """`category_by_hall`'s cells of its first `n` halls (the busiest: it lists them by
    tickets, most first). Pure."""
    busiest = list(dict.fromkeys(by_hall_category["hall_code"]))[:n]
    return by_hall_category[by_hall_category["hall_code"].isin(busiest)].reset_index(drop=True)


def most_broken_promises(by_hall: pd.DataFrame, n: int) -> pd.DataFrame:
    """`complaints_by(by="hall")`'s halls that broke the 48-hour promise at least once, most
    broken first (then by hall code), the first `n`. Pure."""
    broken = by_hall[by_hall["broken_48h"] > 0]
    return broken.sort_values(["broken_48h", "hall_code"], ascending=[False, True]).head(n).reset_index(drop=True)
