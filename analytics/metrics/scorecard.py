"""The 沟通100 scorecard: the five commitments of the hall handbook as hall KPIs.

Which KPIs count towards which commitment, their direction, target, amber margin and
weight live in config/scorecard.toml (defaults shipped). Every KPI is a ratio of counts
(so cities and regions sum their halls' counts, as everywhere), judged by the one rule of
the dashboard (analytics.targets.judge: n ≥ 30, or the 95% interval wholly on one side).

A commitment's score is the weighted share of its KPIs that meet their target, 0–100, over
the KPIs that can be judged. A KPI without data is "no data" — neither 0 nor 100 — and one
with too few observations to judge is "low sample"; neither counts. A commitment none of
whose KPIs can be judged has no score.
"""
from __future__ import annotations

import calendar
import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .. import stats
from ..filters import Filters
from ..settings import PROJECT_ROOT, read_when_changed
from ..targets import Target, judge
from . import complaints, satisfaction
from ..filters import SCOPED_HALLS_CTE
from .common import BY_COLUMNS, check_choice, query, rollup
from .overview import training_window
from .training import training_by

ENV_VAR = "HALL_ANALYTICS_SCORECARD"
DEFAULT_PATH = PROJECT_ROOT / "config" / "scorecard.toml"

COMMITMENTS = {  # code -> (name, English name); in the handbook's order
    "integrity": ("诚信100", "Integrity 100"),
    "professional": ("专业100", "Professional 100"),
    "experience": ("体验100", "Experience 100"),
    "care": ("关爱100", "Care 100"),
    "fulfilment": ("实现100", "Fulfilment 100"),
}


@dataclass(frozen=True)
class KpiDefinition:
    label_zh: str
    label_en: str
    numerator: str
    denominator: str
    scale: float = 1.0     # 1000 for "per 1,000 contacts"
    kind: str = "percent"  # percent | rate | score
    proportion: bool = True  # a share of its denominator: judged with a Wilson interval


# What each KPI key means, as counts computed below (see docs/metrics.md).
KPIS = {
    "billing_disputes_per_1000": KpiDefinition("计费争议投诉（每千次接触）", "Billing disputes per 1,000 contacts",
                                               "billing_disputes", "contacts", 1000, "rate"),
    "consent_complaints_per_1000": KpiDefinition("未经同意开通投诉（每千次接触）",
                                                 "Business opened without consent per 1,000 contacts",
                                                 "consent_complaints", "contacts", 1000, "rate"),
    "broken_promises_per_1000": KpiDefinition("承诺未兑现投诉（每千次接触）", "Broken promises per 1,000 contacts",
                                              "broken_promises", "contacts", 1000, "rate"),
    "first_contact_resolution": KpiDefinition("一次解决率", "First-contact resolution",
                                              "resolved_first_time", "resolved"),
    "pre_job_training": KpiDefinition("岗前培训及时率", "Pre-job training in time", "onboarded_in_time", "new_hires"),
    "training_coverage": KpiDefinition("培训覆盖率（近12个月）", "Training coverage (12 months)",
                                       "trained_staff", "active_staff"),
    "csat": KpiDefinition("满意度（CSAT）", "CSAT", "top_box", "responses"),
    "nps": KpiDefinition("净推荐值（NPS）", "NPS", "nps_points", "nps_responses", 100, "score", False),
    "mean_score": KpiDefinition("平均得分（0–100）", "Mean score (0–100)", "score_sum", "responses", 1, "score",
                                False),
    "csat_after_long_wait": KpiDefinition("超时等待客户满意度", "CSAT of customers kept waiting",
                                          "long_wait_top_box", "long_waits"),
    "long_wait_share": KpiDefinition("超时等待占比", "Share kept waiting", "long_waits", "waits"),
    "promise_48h": KpiDefinition("48小时办结率", "Resolved within 48 h", "within_48h", "promise_due"),
    "feedback_rate": KpiDefinition("回访反馈率", "Feedback returned to the customer", "feedback", "resolved"),
    "repeat_rate": KpiDefinition("重复投诉率（30天）", "Repeat complaints (30 days)", "repeat_30d", "tickets"),
    "first_contact_breaches_per_1000": KpiDefinition("首问推诿投诉（每千次接触）",
                                                     "First-contact ownership breaches per 1,000 contacts",
                                                     "first_contact_breaches", "contacts", 1000, "rate"),
}


@dataclass(frozen=True)
class ScorecardKpi:
    commitment: str
    key: str
    target: Target
    weight: float


@dataclass(frozen=True)
class Scorecard:
    kpis: tuple[ScorecardKpi, ...]
    long_wait_minutes: float = 15
    billing_category: str = "计费争议"
    consent_sub_category: str = "未经同意开通业务"
    broken_promise_sub_category: str = "承诺未兑现"
    first_contact_sub_category: str = "首问推诿"
    feedback_answers: tuple[str, ...] = field(default=("satisfied", "neutral", "dissatisfied"))

    def params(self) -> dict:
        return {"long_wait": float(self.long_wait_minutes), "billing_category": self.billing_category,
                "consent_sub": self.consent_sub_category, "promise_sub": self.broken_promise_sub_category,
                "first_contact_sub": self.first_contact_sub_category, "feedback_answers": list(self.feedback_answers)}


def scorecard_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def load_scorecard(path: str | os.PathLike | None = None) -> Scorecard:
    """The scorecard of the file; ValueError naming the file and entry when it is wrong."""
    path = Path(path) if path is not None else scorecard_path()
    try:
        return read_when_changed(path, _parse_scorecard)
    except OSError as exc:
        raise ValueError(f"scorecard file {path}: cannot be read ({exc})") from None


def _parse_scorecard(path: Path, text: str) -> Scorecard:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"scorecard file {path}: cannot be read ({exc})") from None
    kpis = []
    for i, entry in enumerate(data.get("kpi") or [], start=1):
        where = f"scorecard file {path}, kpi #{i}"
        if entry.get("commitment") not in COMMITMENTS:
            raise ValueError(f"{where}: commitment must be one of {', '.join(COMMITMENTS)}")
        if entry.get("key") not in KPIS:
            raise ValueError(f"{where}: key must be one of {', '.join(KPIS)}, got {entry.get('key')!r}")
        if entry.get("direction") not in ("min", "max"):
            raise ValueError(f"{where}: direction must be \"min\" or \"max\"")
        try:
            target, amber, weight = float(entry["target"]), float(entry.get("amber", 0)), float(entry.get("weight", 1))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{where}: target (and amber, weight) must be numbers") from None
        if weight <= 0:
            raise ValueError(f"{where}: weight must be above 0")
        definition = KPIS[entry["key"]]
        kpis.append(ScorecardKpi(entry["commitment"], entry["key"],
                                 Target(entry["key"], entry["direction"], target, amber, definition.label_zh,
                                        definition.label_en), weight))
    settings = data.get("settings") or {}
    known = {f for f in Scorecard.__dataclass_fields__ if f != "kpis"}
    unknown = set(settings) - known
    if unknown:
        raise ValueError(f"scorecard file {path}: unknown settings {', '.join(sorted(unknown))}")
    if "feedback_answers" in settings:
        settings["feedback_answers"] = tuple(settings["feedback_answers"])
    return Scorecard(tuple(kpis), **settings)


# --- counts ---------------------------------------------------------------------------------

_COMPLAINT_MEASURES = f"""
    count(*) AS tickets,
    count(*) FILTER (WHERE category = $billing_category) AS billing_disputes,
    count(*) FILTER (WHERE sub_category = $consent_sub) AS consent_complaints,
    count(*) FILTER (WHERE sub_category = $promise_sub) AS broken_promises,
    count(*) FILTER (WHERE sub_category = $first_contact_sub) AS first_contact_breaches,
    count(*) FILTER (WHERE is_resolved) AS resolved,
    count(*) FILTER (WHERE is_resolved AND status IS DISTINCT FROM 'reopened' AND NOT repeat_30d)
        AS resolved_first_time,
    count(*) FILTER (WHERE is_resolved AND list_contains($feedback_answers::VARCHAR[], resolution_satisfaction))
        AS feedback,
    count(*) FILTER (WHERE repeat_30d) AS repeat_30d,
    {complaints.PROMISE_COUNTS}"""
_COMPLAINT_SUMS = ("tickets", "billing_disputes", "consent_complaints", "broken_promises", "first_contact_breaches",
                   "resolved", "resolved_first_time", "feedback", "repeat_30d", "promise_due", "within_48h")

_SURVEY_MEASURES = """
    count(*) AS responses, count(*) FILTER (WHERE top_box) AS top_box,
    coalesce(sum(score_100), 0) AS score_sum, count(recommend_score) AS nps_responses,
    count(*) FILTER (WHERE recommend_score >= 9) - count(*) FILTER (WHERE recommend_score <= 6) AS nps_points,
    count(wait_minutes) AS waits, count(*) FILTER (WHERE wait_minutes > $long_wait) AS long_waits,
    count(*) FILTER (WHERE wait_minutes > $long_wait AND top_box) AS long_wait_top_box"""
_SURVEY_SUMS = ("responses", "top_box", "score_sum", "nps_responses", "nps_points", "waits", "long_waits",
                "long_wait_top_box")

_CONTACTS = """
contacts_rows AS (
    SELECT s.hall_code, s.contacts, s.sold_at FROM sales s JOIN scoped_halls h ON h.hall_code = s.hall_code
    WHERE s.sold_at >= $start AND s.sold_at < $end_excl
)"""


def kpi_counts(con, filters: Filters, card: Scorecard, *, by: str = "hall",
               now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per hall, city or region (every scoped one): the counts every KPI is made of."""
    check_choice(by, BY_COLUMNS, "by")
    params = card.params()
    keys = list(BY_COLUMNS[by])
    tickets = rollup(con, filters, by=by, ctes=complaints.TICKETS,
                     per_hall_sql=f"SELECT hall_code, {_COMPLAINT_MEASURES} FROM tickets t GROUP BY hall_code",
                     sums=_COMPLAINT_SUMS,
                     extra_params={**params, "as_of": min(filters.end_excl_ts, now or dt.datetime.now())})
    answers = rollup(con, filters, by=by, ctes=satisfaction.ANSWERS,
                     per_hall_sql=f"SELECT hall_code, {_SURVEY_MEASURES} FROM answers GROUP BY hall_code",
                     sums=_SURVEY_SUMS, extra_params=params)
    contacts = rollup(con, filters, by=by, ctes=_CONTACTS,
                      per_hall_sql="SELECT hall_code, sum(contacts) AS contacts FROM contacts_rows GROUP BY 1",
                      sums=("contacts",))
    staff = training_by(con, training_window(filters), by=by)[
        keys + ["active_staff", "trained_staff", "new_hires", "onboarded_in_time"]]
    frame = tickets.drop(columns="halls").merge(answers.drop(columns="halls"), on=keys) \
        .merge(contacts.drop(columns="halls"), on=keys).merge(staff, on=keys, how="left")
    return frame


def kpi_values(counts: pd.DataFrame, card: Scorecard, *, by: str = "hall") -> pd.DataFrame:
    """Long format unit × KPI: commitment, value, n, interval, target, weight, status
    (good / warn / bad), and state: met, missed, low_sample or no_data. Pure."""
    keys = list(BY_COLUMNS[by])
    rows = []
    for record in counts.to_dict("records"):
        for item in card.kpis:
            definition = KPIS[item.key]
            k, n = float(record.get(definition.numerator) or 0), float(record.get(definition.denominator) or 0)
            value = low = high = np.nan
            if n > 0:
                value = definition.scale * k / n
                if definition.proportion:
                    lo, hi = stats.wilson_interval([k], [n])
                    low, high = definition.scale * lo[0], definition.scale * hi[0]
            status = judge(item.target, value, n=n, low=None if np.isnan(low) else low,
                           high=None if np.isnan(high) else high, min_n=stats.LOW_SAMPLE) if n > 0 else None
            state = ("no_data" if n == 0 else "low_sample" if status is None
                     else "met" if status == "good" else "missed")
            rows.append({**{c: record[c] for c in keys}, "commitment": item.commitment, "kpi": item.key,
                         "value": value, "numerator": k, "n": n, "low": low, "high": high,
                         "target": item.target.value, "direction": item.target.direction, "weight": item.weight,
                         "status": status, "state": state})
    return pd.DataFrame(rows)


def commitment_scores(values: pd.DataFrame, *, by: str = "hall") -> pd.DataFrame:
    """One row per unit × commitment: score 0–100 (NaN: no data), the weights judged and
    met, how many KPIs could not be judged for lack of data or sample. Pure."""
    keys = list(BY_COLUMNS[by])
    judged = values["state"].isin(["met", "missed"])
    frame = values.assign(judged_weight=np.where(judged, values["weight"], 0.0),
                          met_weight=np.where(values["state"] == "met", values["weight"], 0.0),
                          no_data=values["state"].eq("no_data").astype(int),
                          low_sample=values["state"].eq("low_sample").astype(int), kpis=1)
    scores = frame.groupby(keys + ["commitment"], as_index=False, sort=False)[
        ["judged_weight", "met_weight", "no_data", "low_sample", "kpis"]].sum()
    scores["score"] = 100 * scores["met_weight"] / scores["judged_weight"].where(scores["judged_weight"] > 0)
    return scores


def scorecard(con, filters: Filters, *, by: str = "hall", card: Scorecard | None = None,
              now: dt.datetime | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(KPI values, commitment scores) per hall, city or region."""
    card = card or load_scorecard()
    values = kpi_values(kpi_counts(con, filters, card, by=by, now=now), card, by=by)
    return values, commitment_scores(values, by=by)


def hall_kpis(con, filters: Filters, *, card: Scorecard | None = None, now: dt.datetime | None = None) -> pd.DataFrame:
    return scorecard(con, filters, by="hall", card=card, now=now)[0]


# Each ticket as of the end of the month it came in (or now): the period's definitions,
# evaluated month by month in one pass instead of one query per month.
MONTH_END = "least(date_trunc('month', c.received_at) + INTERVAL 1 MONTH, CAST($now AS TIMESTAMP))"


def _monthly_counts(con, span: Filters, card: Scorecard, now: dt.datetime) -> pd.DataFrame:
    """One row per calendar month of `span`: the counts of every KPI, its halls pooled."""
    params = span.params(**card.params(), now=now)
    tickets = query(con, f"""WITH {SCOPED_HALLS_CTE}, {complaints.tickets_sql(as_of=MONTH_END)}
        SELECT CAST(date_trunc('month', t.received_at) AS DATE) AS month, {_COMPLAINT_MEASURES}
        FROM tickets t GROUP BY 1""", params)
    answers = query(con, f"""WITH {SCOPED_HALLS_CTE}, {satisfaction.ANSWERS}
        SELECT CAST(date_trunc('month', answered_at) AS DATE) AS month, {_SURVEY_MEASURES}
        FROM answers GROUP BY 1""", params)
    contacts = query(con, f"""WITH {SCOPED_HALLS_CTE}, {_CONTACTS}
        SELECT CAST(date_trunc('month', sold_at) AS DATE) AS month, sum(contacts) AS contacts
        FROM contacts_rows GROUP BY 1""", params)
    months = pd.DataFrame({"month": pd.date_range(span.start, span.end, freq="MS").date})
    frame = months
    for part in (tickets, answers, contacts):
        part["month"] = pd.to_datetime(part["month"]).dt.date
        frame = frame.merge(part, on="month", how="left")
    staff = []
    for month in months["month"]:  # training coverage is a 12-month figure at each month's end
        end = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
        one = training_by(con, training_window(span.with_period(month, end)), by="region")
        staff.append(one[["active_staff", "trained_staff", "new_hires", "onboarded_in_time"]].sum())
    frame = pd.concat([frame, pd.DataFrame(staff).reset_index(drop=True)], axis=1)
    return frame.fillna(0)


def monthly_scores(con, filters: Filters, *, months: int = 12, card: Scorecard | None = None,
                   now: dt.datetime | None = None) -> pd.DataFrame:
    """The five scores of the filters' halls taken together (their counts pooled), for each
    of the `months` calendar months ending with the period's month."""
    card = card or load_scorecard()
    year, month = filters.end.year, filters.end.month
    first_y, first_m = divmod(year * 12 + month - 1 - (months - 1), 12)
    span = filters.with_period(dt.date(first_y, first_m + 1, 1),
                               dt.date(year, month, calendar.monthrange(year, month)[1]))
    counts = _monthly_counts(con, span, card, now or dt.datetime.now())
    values = kpi_values(counts.rename(columns={"month": "region"}), card, by="region")
    scores = commitment_scores(values, by="region").rename(columns={"region": "month"})
    return scores[["month", "commitment", "score", "judged_weight"]]


def hall_comparison(con, filters: Filters, hall_code: str, *, card: Scorecard | None = None,
                    now: dt.datetime | None = None) -> pd.DataFrame:
    """One hall's five scores beside its city's and its region's (all their halls pooled),
    for the filters' period: rows commitment × level (hall, city, region), with score."""
    card = card or load_scorecard()
    hall = scorecard(con, filters.with_halls((hall_code,)), by="hall", card=card, now=now)[1]
    hall = hall[hall["hall_code"] == hall_code]
    if hall.empty:
        return pd.DataFrame(columns=["commitment", "level", "name", "score", "judged_weight"])
    region, city = hall["region"].iloc[0], hall["city"].iloc[0]
    wide = Filters(filters.start, filters.end, channels=filters.channels, scope=filters.scope)
    city_scores = scorecard(con, replace(wide, cities=(city,)), by="city", card=card, now=now)[1]
    region_scores = scorecard(con, replace(wide, regions=(region,)), by="region", card=card, now=now)[1]
    parts = [hall.assign(level="hall", name=hall["hall_name"]),
             city_scores[city_scores["city"] == city].assign(level="city", name=city),
             region_scores[region_scores["region"] == region].assign(level="region", name=region)]
    return pd.concat([p[["commitment", "level", "name", "score", "judged_weight"]] for p in parts],
                     ignore_index=True)
