"""Training: coverage, onboarding, electives, hours, pass rate and class size.

Definitions (also in docs/metrics.md). The period is [start, end], both days included.
- active staff in the period: hired_on is empty or on/before the end, AND left_on is empty
  or on/after the start, AND the staff's hall (staff list) is in scope. Dates decide, not
  the status column: someone marked 'left' who left after the start still counts for the
  period; someone who left before the start does not.
- coverage: the share of active staff with at least one training row dated inside the
  period (start ≤ trained_on ≤ end, in any hall), with its 95% Wilson interval.
- onboarding within a month: among staff of the scope hired inside the period whose
  30-day window has ended by the period end (hired_on + 30 days ≤ end) or who already had
  their pre-job training (a 岗前培训 row dated ≤ end), the share whose first 岗前培训 is
  dated hired_on … hired_on + 30 days (day 30 is in time, day 31 late; a 岗前培训 dated
  before hired_on is not in time). A new hire still inside the window with no pre-job
  training yet is left out of the denominator (n = new_hires).
- elective: among staff active at the period end (hired_on empty or ≤ end, left_on empty
  or ≥ end; n = active_at_end), the share with at least one course_type '自选' in the 12
  months ending at the period end (end − 365 days < trained_on ≤ end).
- hours per head: training hours in the period of the active staff / active staff.
- pass rate: passed / rows with passed filled in, over the period's training rows of the
  scoped halls (the hall on the training row).
- large classes: sessions — distinct (hall_code, course, trained_on) in the period — with
  class_size over 30 (the largest class_size reported for the session).
Staff-based counts (active, coverage, onboarding, electives, hours) belong to the hall of
the staff list; row-based counts (pass rate, sessions) to the hall on the training row.
Coverage by hall is ranked by its lower Wilson bound, fewer than 30 active staff = low sample.
The channel filter does not apply to training.
"""
from __future__ import annotations

import pandas as pd

from .. import measures, stats
from ..filters import SCOPED_HALLS_CTE, Filters
from .common import GRAINS, check_choice, query, rollup
from .satisfaction import satisfaction_by

PRE_JOB = "岗前培训"
ELECTIVE = "自选"
LARGE_CLASS = 30           # a session with more people than this is a large class
ONBOARDING_DAYS = 30
ELECTIVE_WINDOW_DAYS = 365

# The period's first and last day as DATEs, from the [$start, $end_excl) timestamps.
STAFF_FACTS = f"""
period AS (
    SELECT CAST($start AS DATE) AS first_day, CAST($end_excl AS DATE) - 1 AS last_day
),
staff_scope AS (
    SELECT s.staff_id, s.staff_name, s.hall_code, s.role, s.hired_on, s.left_on, s.status,
           p.first_day, p.last_day,
           (s.hired_on IS NULL OR s.hired_on <= p.last_day)
               AND (s.left_on IS NULL OR s.left_on >= p.first_day) AS active,
           (s.hired_on IS NULL OR s.hired_on <= p.last_day)
               AND (s.left_on IS NULL OR s.left_on >= p.last_day) AS active_at_end,
           coalesce(s.hired_on BETWEEN p.first_day AND p.last_day, false) AS hired_in_period
    FROM staff s JOIN scoped_halls h ON h.hall_code = s.hall_code CROSS JOIN period p
),
staff_facts AS (
    SELECT st.staff_id, st.staff_name, st.hall_code, st.role, st.hired_on, st.left_on, st.status,
           st.active, st.active_at_end, st.hired_in_period, st.first_day, st.last_day,
           count(t.staff_id) FILTER (WHERE t.trained_on BETWEEN st.first_day AND st.last_day) AS trainings,
           coalesce(sum(t.hours) FILTER (WHERE t.trained_on BETWEEN st.first_day AND st.last_day), 0) AS hours,
           min(t.trained_on) FILTER (WHERE t.course_type = '{PRE_JOB}') AS first_pre_job_ever,
           min(t.trained_on) FILTER (WHERE t.course_type = '{PRE_JOB}' AND t.trained_on <= st.last_day)
               AS first_pre_job,
           count(t.staff_id) FILTER (WHERE t.course_type = '{ELECTIVE}'
               AND t.trained_on > st.last_day - {ELECTIVE_WINDOW_DAYS}
               AND t.trained_on <= st.last_day) > 0 AS elective_12m
    FROM staff_scope st LEFT JOIN training t ON t.staff_id = st.staff_id
    GROUP BY ALL
),
staff_flags AS (
    SELECT *,
           hired_in_period AND (hired_on + {ONBOARDING_DAYS} <= last_day OR first_pre_job IS NOT NULL)
               AS new_hire,
           coalesce(first_pre_job BETWEEN hired_on AND hired_on + {ONBOARDING_DAYS}, false) AS onboarded
    FROM staff_facts
)"""

TRAINING_ROWS = f"""
training_rows AS (
    SELECT t.*, h.region, h.city, h.hall_name AS hall_label
    FROM training t JOIN scoped_halls h ON h.hall_code = t.hall_code
    WHERE t.trained_on >= $start AND t.trained_on < $end_excl
),
sessions AS (
    SELECT hall_code, hall_label, course, any_value(course_type) AS course_type, trained_on,
           max(class_size) AS class_size, count(*) AS attendances
    FROM training_rows GROUP BY hall_code, hall_label, course, trained_on
)"""

AREA_CTES = STAFF_FACTS + "," + TRAINING_ROWS

STAFF_COUNTS = """
    count(*) FILTER (WHERE active) AS active_staff,
    count(*) FILTER (WHERE active AND trainings > 0) AS trained_staff,
    count(*) FILTER (WHERE new_hire) AS new_hires,
    count(*) FILTER (WHERE new_hire AND onboarded) AS onboarded_in_time,
    count(*) FILTER (WHERE active_at_end) AS active_at_end,
    count(*) FILTER (WHERE active_at_end AND elective_12m) AS elective_staff,
    coalesce(sum(hours) FILTER (WHERE active), 0) AS hours,
    coalesce(sum(hours * hours) FILTER (WHERE active), 0) AS hours_sq"""
STAFF_SUMS = ("active_staff", "trained_staff", "new_hires", "onboarded_in_time", "active_at_end",
              "elective_staff", "hours", "hours_sq")
FLOAT_SUMS = ("hours", "hours_sq")
# The KPIs every training frame carries, over the frame's own period (analytics.measures).
KPIS = ("coverage", "onboarding_rate", "elective_rate", "hours_per_head", "pass_rate")
ROW_SUMS = ("passed", "graded", "large_sessions")
SUMS = STAFF_SUMS + ROW_SUMS

# One row per scoped hall: staff-based counts by the staff list's hall, row-based counts
# (grades, large sessions) by the hall on the training row.
PER_HALL = f"""
    WITH staff_part AS (SELECT hall_code, {STAFF_COUNTS} FROM staff_flags GROUP BY hall_code),
    grade_part AS (SELECT hall_code, count(*) FILTER (WHERE passed) AS passed, count(passed) AS graded
                   FROM training_rows GROUP BY hall_code),
    large_part AS (SELECT hall_code, count(*) AS large_sessions FROM sessions
                   WHERE class_size > {LARGE_CLASS} GROUP BY hall_code)
    SELECT h.hall_code, {", ".join(f"coalesce(s.{c}, 0) AS {c}" for c in STAFF_SUMS)},
           coalesce(g.passed, 0) AS passed, coalesce(g.graded, 0) AS graded,
           coalesce(l.large_sessions, 0) AS large_sessions
    FROM scoped_halls h
    LEFT JOIN staff_part s ON s.hall_code = h.hall_code
    LEFT JOIN grade_part g ON g.hall_code = h.hall_code
    LEFT JOIN large_part l ON l.hall_code = h.hall_code"""


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates from counts: coverage, onboarding and elective rates (+ intervals), hours per
    head, pass rate; low_sample on active staff."""
    for column in SUMS:
        frame[column] = frame[column].fillna(0)
        frame[column] = frame[column].astype(float if column in FLOAT_SUMS else "int64")
    measures.evaluate(frame, KPIS)
    return stats.mark_low_sample(frame, "active_staff")


def training_summary(con, filters: Filters) -> pd.DataFrame:
    """One row: active_staff, trained_staff, coverage (+ interval), new_hires,
    onboarded_in_time, onboarding_rate (+ interval), active_at_end, elective_staff,
    elective_rate (+ interval), hours, hours_per_head, passed, graded, pass_rate,
    large_sessions, low_sample."""
    totals = ", ".join(f"coalesce(sum({c}), 0) AS {c}" for c in SUMS)
    frame = query(con, f"WITH {SCOPED_HALLS_CTE}, {AREA_CTES}, per_hall AS ({PER_HALL}) "
                        f"SELECT {totals} FROM per_hall", filters.params())
    return _finish(frame)


def training_by(con, filters: Filters, *, by: str = "hall") -> pd.DataFrame:
    """One row per hall, city or region (every scoped one, with or without staff), the
    summary's columns, best first by the lower coverage bound; low samples last."""
    frame = rollup(con, filters, by=by, ctes=AREA_CTES, per_hall_sql=PER_HALL, sums=SUMS)
    return stats.rank_fairly(_finish(frame), "coverage", n_column="active_staff")


def training_by_course_type(con, filters: Filters) -> pd.DataFrame:
    """One row per course type: sessions, attendances, hours, passed, graded, pass_rate
    (+ interval)."""
    frame = query(con, f"""
        WITH {SCOPED_HALLS_CTE}, {AREA_CTES},
        by_sessions AS (SELECT coalesce(course_type, '—') AS course_type, count(*) AS sessions
                        FROM sessions GROUP BY 1),
        by_rows AS (SELECT coalesce(course_type, '—') AS course_type, count(*) AS attendances,
                           coalesce(sum(hours), 0) AS hours, count(*) FILTER (WHERE passed) AS passed,
                           count(passed) AS graded
                    FROM training_rows GROUP BY 1)
        SELECT r.course_type, coalesce(s.sessions, 0) AS sessions, r.attendances, r.hours, r.passed, r.graded
        FROM by_rows r LEFT JOIN by_sessions s ON s.course_type = r.course_type
        ORDER BY r.attendances DESC, r.course_type""", filters.params())
    return measures.evaluate(frame, ("pass_rate",))


def large_sessions(con, filters: Filters) -> pd.DataFrame:
    """Each session of the period with more than 30 people: hall_code, hall_name, course,
    course_type, trained_on, class_size, attendances (rows recorded), largest first."""
    return query(con, f"""
        WITH {SCOPED_HALLS_CTE}, {AREA_CTES}
        SELECT hall_code, hall_label AS hall_name, course, course_type, trained_on, class_size, attendances
        FROM sessions WHERE class_size > {LARGE_CLASS}
        ORDER BY class_size DESC, trained_on DESC, hall_code, course""", filters.params())


def staff_training(con, filters: Filters, *, hall_code: str | None = None) -> pd.DataFrame:
    """One row per active staff of the scope (or of one hall): staff_id, staff_name,
    hall_code, role, hired_on, left_on, status, trainings and hours in the period,
    has_pre_job (ever), pre_job_days_after_hire (first 岗前培训 − hired_on, days),
    elective_12m (a 自选 course in the 12 months to the period end). The least trained
    first: they are whom the list is read for."""
    return query(con, f"""
        WITH {SCOPED_HALLS_CTE}, {STAFF_FACTS}
        SELECT staff_id, staff_name, hall_code, role, hired_on, left_on, status, trainings, hours,
               first_pre_job_ever IS NOT NULL AS has_pre_job,
               CAST(first_pre_job_ever - hired_on AS BIGINT) AS pre_job_days_after_hire,
               elective_12m
        FROM staff_flags
        WHERE active AND ($hall_code::VARCHAR IS NULL OR hall_code = $hall_code::VARCHAR)
        ORDER BY trainings, hall_code, staff_id""", filters.params(hall_code=hall_code))


def coverage_vs_satisfaction(con, filters: Filters) -> pd.DataFrame:
    """Per scoped hall: region, city, hall_code, hall_name, active_staff, coverage (+ interval),
    responses, mean_score, csat — to set training coverage beside customer satisfaction."""
    training = training_by(con, filters, by="hall")[
        ["region", "city", "hall_code", "hall_name", "active_staff", "trained_staff", "coverage",
         "coverage_low", "coverage_high"]]
    satisfaction = satisfaction_by(con, filters, by="hall")[["hall_code", "responses", "mean_score", "csat"]]
    merged = training.merge(satisfaction, on="hall_code", how="left")
    merged["responses"] = merged["responses"].fillna(0).astype("int64")
    return merged.sort_values("hall_code").reset_index(drop=True)


def training_trend(con, filters: Filters, *, grain: str = "month") -> pd.DataFrame:
    """One row per day, week (Monday) or month with training: attendances, staff_trained
    (distinct staff), hours — over the period's training rows of the scoped halls."""
    check_choice(grain, GRAINS, "grain")
    return query(con, f"""
        WITH {SCOPED_HALLS_CTE}, {AREA_CTES}
        SELECT CAST(date_trunc($grain, trained_on) AS DATE) AS period, count(*) AS attendances,
               count(DISTINCT staff_id) AS staff_trained, coalesce(sum(hours), 0) AS hours
        FROM training_rows GROUP BY 1 ORDER BY 1""", filters.params(grain=grain))
