"""Customer satisfaction: responses, mean score (0–100), CSAT, NPS, dimensions, waiting.

Definitions (also in docs/metrics.md):
- mean score: the mean of every answer normalised to 0–100 on its declared scale
  (best answer 100, worst 0), so 3-, 5- and 10-point surveys can be pooled;
- CSAT: the share of top-box answers — 4–5 of 5, 9–10 of 10, 1 (满意) of the SMS reply —
  with its 95% Wilson interval;
- NPS: % promoters (recommend 9–10) − % detractors (0–6) among answers that carry a
  recommend score;
- dimension means: each dimension normalised to 0–100 on the answer's scale.
"""
from __future__ import annotations

import pandas as pd

from .. import measures, stats
from ..filters import CHANNEL_CONDITION, SCOPED_HALLS_CTE, Filters
from .common import GRAINS, check_choice, query, rollup


_ANSWERS_TEMPLATE = """
{name} AS (
    SELECT s.*, h.region, h.city, h.hall_name AS hall_label
    FROM surveys s JOIN scoped_halls h ON h.hall_code = s.hall_code
    WHERE s.answered_at >= $start AND s.answered_at < $end_excl{of_channels}
)"""
_OF_CHANNELS = "\n      AND " + CHANNEL_CONDITION.format(column="s.channel")


def answers_sql(*, name: str = "answers", by_channel: bool = True) -> str:
    """The CTE `name` (an identifier fixed in code): survey answers of the scoped halls in
    the period, and of the chosen survey channels unless `by_channel` is off (another
    page's channel filter, such as the complaint channels behind a per-1,000-answers rate,
    is not a survey channel)."""
    return _ANSWERS_TEMPLATE.format(name=name, of_channels=_OF_CHANNELS if by_channel else "")


# Answers inside the filters; every satisfaction query starts here.
ANSWERS = answers_sql()
ANSWERS_CTE = SCOPED_HALLS_CTE + "," + ANSWERS

COUNTS = """
    count(*) AS responses,
    sum(score_100) AS score_sum,
    sum(score_100 * score_100) AS score_sq_sum,
    count(*) FILTER (WHERE top_box) AS top_box,
    count(recommend_score) AS nps_responses,
    count(*) FILTER (WHERE recommend_score >= 9) AS promoters,
    count(*) FILTER (WHERE recommend_score <= 6) AS detractors,
    sum(wait_minutes) AS wait_sum,
    sum(wait_minutes * wait_minutes) AS wait_sq_sum,
    count(wait_minutes) AS wait_responses"""
SUMS = ("responses", "score_sum", "score_sq_sum", "top_box", "nps_responses", "promoters", "detractors", "wait_sum",
        "wait_sq_sum", "wait_responses")
# The KPIs every satisfaction frame carries (analytics.measures declares them).
KPIS = ("mean_score", "csat", "nps", "wait_minutes")

DIMENSIONS = ("dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency")
WAIT_BANDS = ((0, 5, "0–5"), (5, 10, "5–10"), (10, 20, "10–20"), (20, 30, "20–30"), (30, None, "30+"))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """The KPIs from counts, each with its interval (analytics.measures), and the low-sample mark."""
    measures.evaluate(frame, KPIS)
    return stats.mark_low_sample(frame, "responses")


def satisfaction_summary(con, filters: Filters) -> pd.DataFrame:
    """One row: responses, mean_score, csat (+ interval), nps, wait_minutes for the filters."""
    frame = query(con, f"WITH {ANSWERS_CTE} SELECT {COUNTS} FROM answers", filters.params())
    return _finish(frame.fillna({c: 0 for c in SUMS}))


def satisfaction_by(con, filters: Filters, *, by: str = "hall") -> pd.DataFrame:
    """One row per hall, city or region (every scoped one, with or without answers),
    best first by the lower CSAT bound; low-sample rows last."""
    frame = rollup(con, filters, by=by, ctes=ANSWERS,
                   per_hall_sql=f"SELECT hall_code, {COUNTS} FROM answers GROUP BY hall_code", sums=SUMS)
    return stats.rank_fairly(_finish(frame), "csat", n_column="responses")


def satisfaction_by_channel(con, filters: Filters) -> pd.DataFrame:
    frame = query(con, f"WITH {ANSWERS_CTE} SELECT coalesce(channel, '—') AS channel, {COUNTS} "
                        "FROM answers GROUP BY 1 ORDER BY responses DESC", filters.params())
    return _finish(frame)


def satisfaction_trend(con, filters: Filters, *, grain: str = "week") -> pd.DataFrame:
    """One row per week (Monday) or month with answers: responses, mean_score, csat, nps."""
    check_choice(grain, GRAINS, "grain")
    frame = query(con, 
        f"WITH {ANSWERS_CTE} SELECT CAST(date_trunc($grain, answered_at) AS DATE) AS period, {COUNTS} "
        "FROM answers GROUP BY 1 ORDER BY 1", filters.params(grain=grain))
    return _finish(frame)


def satisfaction_dimensions(con, filters: Filters) -> pd.DataFrame:
    """Long format: dimension, answers, mean_score (0–100 on each answer's scale)."""
    parts = []
    for name in DIMENSIONS:  # names come from the fixed tuple above
        parts.append(f"""
            SELECT '{name}' AS dimension, count(a.{name}) AS answers,
                   avg(CASE WHEN sc.best_is_low THEN sc.max_score - a.{name} ELSE a.{name} - sc.min_score END
                       / (sc.max_score - sc.min_score) * 100) AS mean_score
            FROM answers a JOIN survey_scales sc ON sc.code = a.scale""")
    frame = query(con, f"WITH {ANSWERS_CTE} " + " UNION ALL ".join(parts), filters.params())
    order = {name: i for i, name in enumerate(DIMENSIONS)}
    return frame.sort_values("dimension", key=lambda s: s.map(order)).reset_index(drop=True)


def score_distribution(con, filters: Filters) -> pd.DataFrame:
    """Answers per scale and raw score, with the share of that scale's answers."""
    frame = query(con, 
        f"WITH {ANSWERS_CTE} SELECT scale, score, count(*) AS answers FROM answers GROUP BY 1, 2 ORDER BY 1, 2",
        filters.params())
    frame["share"] = frame["answers"] / frame.groupby("scale")["answers"].transform("sum")
    return frame


def wait_vs_satisfaction(con, filters: Filters) -> pd.DataFrame:
    """Answers by waiting-time band (minutes): responses, mean_score, csat (+ interval)."""
    cases = " ".join(
        f"WHEN wait_minutes >= {low}" + (f" AND wait_minutes < {high}" if high is not None else "")
        + f" THEN {i}" for i, (low, high, _) in enumerate(WAIT_BANDS))
    frame = query(con, 
        f"WITH {ANSWERS_CTE} SELECT CASE {cases} END AS band, {COUNTS} FROM answers "
        "WHERE wait_minutes IS NOT NULL GROUP BY 1 ORDER BY 1", filters.params())
    frame["wait_band"] = frame["band"].map(lambda i: WAIT_BANDS[int(i)][2])
    return _finish(frame)


def survey_detail(con, filters: Filters, *, limit: int = 1000) -> pd.DataFrame:
    """The answers behind the figures, newest first (at most `limit`)."""
    return query(con, f"""
        WITH {ANSWERS_CTE}
        SELECT answered_at, region, city, hall_code, hall_label AS hall_name, channel, staff_id, scale, score,
               score_100, top_box, recommend_score, wait_minutes, business_type, comment
        FROM answers ORDER BY answered_at DESC LIMIT $limit""", filters.params(limit=limit))


def satisfaction_by_staff(con, filters: Filters) -> pd.DataFrame:
    """One row per staff member named on answers: responses, mean_score, csat (+ interval)."""
    frame = query(con, f"""
        WITH {ANSWERS_CTE}
        SELECT a.staff_id, any_value(st.staff_name) AS staff_name, any_value(a.hall_code) AS hall_code, {COUNTS}
        FROM answers a LEFT JOIN staff st ON st.staff_id = a.staff_id
        WHERE a.staff_id IS NOT NULL GROUP BY a.staff_id ORDER BY responses DESC""", filters.params())
    return _finish(frame)
