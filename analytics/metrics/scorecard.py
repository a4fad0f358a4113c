"""The 沟通100 scorecard: the five commitments of the hall handbook as hall KPIs.

Which KPIs count towards which commitment, and their weights, live in config/scorecard.toml;
what each KPI is (its counts, label, direction) is its declaration in analytics.measures, and
its target and floor are in config/targets.toml — each written once.

Each KPI is scored continuously, 0–100, by where its value sits between its floor (0) and
its target (100). A value from few observations is first shrunk toward its region's value
(all the region's scoped halls pooled): value' = (n·value + k·region) / (n + k), with
k = the KPI's minimum n (30) — a credibility weight, so 4 answers move a hall's score a
little from its region's and 400 answers stand on their own. A commitment's score is the
weighted mean of its KPIs' scores over those with data; a KPI without data is "no data"
(neither 0 nor 100), and a commitment none of whose KPIs has data has no score. The colour
of a KPI (met / missed, or low sample when it cannot be judged) follows the dashboard's one
rule (analytics.targets.judge: n ≥ 30, or the 95% interval wholly on one side).
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

from .. import measures
from ..filters import Filters
from ..settings import PROJECT_ROOT, read_when_changed
from ..targets import Target, judge, load_targets
from . import complaints, marketing, satisfaction
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
class ScorecardKpi:
    commitment: str
    key: str     # a KPI declared in analytics.measures, with a target in config/targets.toml
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
    scored = sorted(m.key for m in measures.MEASURES if m.target and m.n_column)
    for i, entry in enumerate(data.get("kpi") or [], start=1):
        where = f"scorecard file {path}, kpi #{i}"
        unknown = set(entry) - {"commitment", "key", "weight"}
        if unknown:
            raise ValueError(f"{where}: unknown {', '.join(sorted(unknown))} (an entry holds commitment, key and "
                             "weight; targets and floors are in config/targets.toml)")
        if entry.get("commitment") not in COMMITMENTS:
            raise ValueError(f"{where}: commitment must be one of {', '.join(COMMITMENTS)}")
        if entry.get("key") not in scored:
            raise ValueError(f"{where}: key must be one of {', '.join(scored)}, got {entry.get('key')!r}")
        try:
            weight = float(entry.get("weight", 1))
        except (TypeError, ValueError):
            raise ValueError(f"{where}: weight must be a number") from None
        if not weight > 0:
            raise ValueError(f"{where}: weight must be above 0")
        kpis.append(ScorecardKpi(entry["commitment"], entry["key"], weight))
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

# The satisfaction counts (analytics.metrics.satisfaction.COUNTS) and the long waits'.
_SURVEY_MEASURES = satisfaction.COUNTS + """,
    count(*) FILTER (WHERE wait_minutes > $long_wait) AS long_waits,
    count(*) FILTER (WHERE wait_minutes > $long_wait AND top_box) AS long_wait_top_box"""
_SURVEY_SUMS = (*satisfaction.SUMS, "long_waits", "long_wait_top_box")


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
    contacts = rollup(con, filters, by=by, ctes=marketing.MARKETING,
                      per_hall_sql="SELECT hall_code, sum(contacts) AS contacts FROM marketing GROUP BY 1",
                      sums=("contacts",))
    staff = training_by(con, training_window(filters), by=by)[
        keys + ["active_staff", "trained_staff", "new_hires", "onboarded_in_time"]]
    frame = tickets.drop(columns="halls").merge(answers.drop(columns="halls"), on=keys) \
        .merge(contacts.drop(columns="halls"), on=keys).merge(staff, on=keys, how="left")
    return frame


def kpi_values(counts: pd.DataFrame, card: Scorecard, targets: dict[str, Target] | None = None, *,
               by: str = "hall") -> pd.DataFrame:
    """Long format unit × KPI: commitment, value, n, interval, the value shrunk toward the
    region's (`shrunk`), its 0–100 `score`, target, floor, weight, status (good / warn /
    bad) and state: met, missed, low_sample (too few to judge) or no_data. Pure."""
    targets = load_targets() if targets is None else targets
    keys = list(BY_COLUMNS[by])
    parts = []
    for item in card.kpis:
        measure = measures.get(item.key)
        target = targets.get(measure.target)
        value, low, high = measures.values(measure, counts)
        n = pd.to_numeric(counts[measure.n_column], errors="coerce").fillna(0).to_numpy(dtype=float)
        prior = value
        if by != "region" and "region" in counts:
            pooled = counts.groupby("region", sort=False)[list(measure.counts)].transform("sum")
            prior = measures.values(measure, pooled)[0]
        weight = float(measure.min_n)
        with np.errstate(invalid="ignore"):
            shrunk = np.where(np.isnan(prior), value, (n * value + weight * prior) / (n + weight))
        shrunk = np.where(n > 0, shrunk, np.nan)
        statuses = [judge(target, v, n=k, low=lo, high=hi, min_n=measure.min_n) if k > 0 else None
                    for v, k, lo, hi in zip(value, n, low, high)]
        states = ["no_data" if k == 0 else "low_sample" if st is None else "met" if st == "good" else "missed"
                  for k, st in zip(n, statuses)]
        parts.append(counts[keys].assign(
            commitment=item.commitment, kpi=item.key,
            value=value, numerator=counts[measure.counts[0]].to_numpy(dtype=float) if len(counts) else [], n=n,
            low=low, high=high, shrunk=shrunk,
            score=[target.score(v) if target else np.nan for v in shrunk],
            target=target.value if target else np.nan, floor=target.floor if target else np.nan,
            direction=target.direction if target else None, weight=item.weight,
            status=statuses, state=states))
    if not parts:
        return pd.DataFrame(columns=keys + ["commitment", "kpi", "value", "n", "score", "state"])
    # unit by unit, each unit's KPIs in the file's order
    frame = pd.concat(parts, ignore_index=False)
    return frame.sort_index(kind="stable").reset_index(drop=True)


def commitment_scores(values: pd.DataFrame, *, by: str = "hall") -> pd.DataFrame:
    """One row per unit × commitment: score 0–100, the weighted mean of its KPIs' scores
    over those with data (NaN: none has), the weight scored and met, how many KPIs had no
    data or too few observations to judge. Pure."""
    keys = list(BY_COLUMNS[by])
    scored = values["score"].notna()
    frame = values.assign(judged_weight=np.where(scored, values["weight"], 0.0),
                          weighted_score=np.where(scored, values["weight"] * values["score"].fillna(0), 0.0),
                          met_weight=np.where(values["state"] == "met", values["weight"], 0.0),
                          no_data=values["state"].eq("no_data").astype(int),
                          low_sample=values["state"].eq("low_sample").astype(int), kpis=1)
    scores = frame.groupby(keys + ["commitment"], as_index=False, sort=False)[
        ["judged_weight", "weighted_score", "met_weight", "no_data", "low_sample", "kpis"]].sum()
    scores["score"] = scores["weighted_score"] / scores["judged_weight"].where(scores["judged_weight"] > 0)
    return scores.drop(columns="weighted_score")


def hall_grids(scores: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """`commitment_scores` (by hall) as its halls (hall_code, hall_name, region, city, in
    its order) and three hall × commitment grids in that order: `score`, `uncounted` (KPIs
    without data or with too small a sample) and `judged` (the KPIs the score rests on). Pure."""
    halls = scores.drop_duplicates("hall_code")[["hall_code", "hall_name", "region", "city"]].reset_index(drop=True)
    cells = scores.assign(uncounted=scores["no_data"] + scores["low_sample"],
                          judged=scores["kpis"] - scores["no_data"] - scores["low_sample"])
    grids = {column: cells.pivot(index="hall_code", columns="commitment", values=column)
             .reindex(index=halls["hall_code"], columns=list(COMMITMENTS))
             for column in ("score", "uncounted", "judged")}
    return halls, grids


def score_table(halls: pd.DataFrame, score_grid: pd.DataFrame) -> pd.DataFrame:
    """`hall_grids`' halls with one score column per commitment. Pure."""
    table = halls.copy()
    for commitment in score_grid.columns:
        table[commitment] = table["hall_code"].map(score_grid[commitment])
    return table


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
    contacts = query(con, f"""WITH {SCOPED_HALLS_CTE}, {marketing.MARKETING}
        SELECT CAST(date_trunc('month', sold_at) AS DATE) AS month, sum(contacts) AS contacts
        FROM marketing GROUP BY 1""", params)
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
