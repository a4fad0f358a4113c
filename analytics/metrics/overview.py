"""The overview: headline KPIs against the previous period, one row per hall with the four
areas side by side, and which halls need attention (targets missed)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..filters import Filters
from ..stats import LOW_SAMPLE
from ..targets import judge as judge_rate
from . import complaints, marketing, satisfaction, training


@dataclass(frozen=True)
class Kpi:
    key: str            # column in the area's summary / by-hall frame
    area: str           # satisfaction | complaints | marketing | training
    kind: str           # int | percent | score | money | rate
    higher_is_better: bool
    target: str | None  # name in config/targets.toml
    n_column: str | None  # the sample size behind a rate (None: a count, always judged)


KPIS = (
    Kpi("responses", "satisfaction", "int", True, None, None),
    Kpi("mean_score", "satisfaction", "score", True, "mean_score", "responses"),
    Kpi("csat", "satisfaction", "percent", True, "csat", "responses"),
    Kpi("nps", "satisfaction", "score", True, "nps", "nps_responses"),
    Kpi("tickets", "complaints", "int", False, None, None),
    Kpi("per_1000_contacts", "complaints", "rate", False, "per_1000_contacts", "contacts"),
    Kpi("promise_48h", "complaints", "percent", True, "promise_48h", "promise_due"),
    Kpi("backlog_over_48h", "complaints", "int", False, "backlog_over_48h", None),
    Kpi("conversion", "marketing", "percent", True, "conversion", "contacts"),
    Kpi("revenue", "marketing", "money", True, None, None),
    Kpi("coverage", "training", "percent", True, "coverage", "active_staff"),
    Kpi("onboarding_rate", "training", "percent", True, "onboarding_rate", "new_hires"),
)
# The weekly review's backlog: every ticket still open past 48 hours at the week's end,
# whenever it came in (what a hall carries into the next week). Not the same figure as
# `backlog_over_48h` (the period's own tickets open past 48 hours), so not the same key or
# label; judged against the same target.
CARRIED_KPI = Kpi("carried_over_48h", "complaints", "int", False, "backlog_over_48h", None)
KPI_BY_KEY = {k.key: k for k in (*KPIS, CARRIED_KPI)}
# The KPIs a hall is judged on in the hall table and the trouble map.
HALL_KPIS = ("csat", "nps", "promise_48h", "backlog_over_48h", "per_1000_contacts", "conversion", "coverage")


# Staff are expected to train at least once a year, so a month's coverage says little:
# the overview judges training over the 12 months that end with the period.
TRAINING_WINDOW_DAYS = 365


def training_window(filters: Filters) -> Filters:
    """The 12 months ending on the period's last day (or the period, if it is longer)."""
    start = min(filters.start, filters.end - dt.timedelta(days=TRAINING_WINDOW_DAYS - 1))
    return filters.with_period(start, filters.end)


def summaries(con, filters: Filters, now: dt.datetime | None = None) -> dict[str, pd.Series]:
    """Each area's summary measures for the filters, by area (training over the 12 months to
    the period end). Kept apart: areas share column names (`contacts`, `low_sample`) that
    are not the same thing, and a KPI reads its value and its n from its own area."""
    return {"satisfaction": satisfaction.satisfaction_summary(con, filters).iloc[0],
            "complaints": complaints.complaint_summary(con, filters, now=now).iloc[0],
            "marketing": marketing.marketing_summary(con, filters).iloc[0],
            "training": training.training_summary(con, training_window(filters)).iloc[0]}


def headline(con, filters: Filters, *, now: dt.datetime | None = None, compare: bool = True) -> pd.DataFrame:
    """One row per headline KPI: value this period, the period it is compared with
    (`Filters.previous`: the previous calendar month for a month) and the change. Without
    `compare` (the previous period lies before the data) there is no previous value and no
    change: a change against nothing would be made up."""
    current = summaries(con, filters, now)
    previous = summaries(con, filters.previous(), now) if compare else {}
    rows = []
    for kpi in KPIS:
        value = current[kpi.area].get(kpi.key)
        before = previous[kpi.area].get(kpi.key) if previous else None
        n = current[kpi.area].get(kpi.n_column) if kpi.n_column else None
        rows.append({"kpi": kpi.key, "area": kpi.area, "kind": kpi.kind, "value": value, "previous": before,
                     "change": (value - before) if _number(value) and _number(before) else np.nan,
                     "n": n, "higher_is_better": kpi.higher_is_better, "target": kpi.target})
    return pd.DataFrame(rows)


def _number(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def hall_table(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per scoped hall: satisfaction, complaints, marketing and training side by side."""
    keys = ["region", "city", "hall_code", "hall_name"]
    sat = satisfaction.satisfaction_by(con, filters, by="hall")[
        keys + ["responses", "mean_score", "csat", "csat_low", "csat_high", "nps", "nps_responses"]]
    comp = complaints.complaints_by(con, filters, by="hall", now=now)[
        ["hall_code", "tickets", "per_1000_contacts", "promise_48h", "promise_48h_low", "promise_48h_high",
         "promise_due", "open_backlog", "backlog_over_48h", "resolution_median_hours"]]
    sales = marketing.conversion_by(con, filters, by="hall")[
        ["hall_code", "contacts", "converted", "conversion", "conversion_low", "conversion_high", "revenue"]]
    train = training.training_by(con, training_window(filters), by="hall")[
        ["hall_code", "active_staff", "coverage", "coverage_low", "coverage_high", "onboarding_rate", "new_hires"]]
    table = sat.merge(comp, on="hall_code").merge(sales, on="hall_code").merge(train, on="hall_code")
    return table.sort_values(keys).reset_index(drop=True)


def judge(table: pd.DataFrame, targets: dict, kpis: tuple[str, ...] = HALL_KPIS) -> pd.DataFrame:
    """Long format hall × KPI (`kpis`): value, n, status (good / warn / bad, or None when
    there is no value or too small a sample to judge). A rate is judged when it has at
    least 30 observations, or when its whole interval is clear of the target. Pure: works
    on `hall_table`'s output."""
    rows = []
    for record in table.to_dict("records"):
        for key in kpis:
            kpi = KPI_BY_KEY[key]
            value = record.get(key)
            n = record.get(kpi.n_column) if kpi.n_column else None
            target = targets.get(kpi.target) if kpi.target else None
            status = judge_rate(target, value, n=(n or 0) if kpi.n_column else None, low=record.get(f"{key}_low"),
                           high=record.get(f"{key}_high"), min_n=LOW_SAMPLE)
            rows.append({"hall_code": record["hall_code"], "hall_name": record["hall_name"],
                         "region": record["region"], "city": record["city"], "kpi": key, "area": kpi.area,
                         "value": value, "n": n, "status": status})
    return pd.DataFrame(rows)


def halls_needing_attention(table: pd.DataFrame, targets: dict) -> pd.DataFrame:
    """One row per hall: targets missed (bad), near misses (warn), and which KPIs, worst first."""
    judged = judge(table, targets)
    flags = judged.assign(missed=judged["status"].eq("bad").astype(int), near=judged["status"].eq("warn").astype(int),
                          judged=judged["status"].notna().astype(int))
    summary = flags.groupby(["region", "city", "hall_code", "hall_name"], as_index=False)[
        ["missed", "near", "judged"]].sum()
    missed_kpis = judged[judged.status == "bad"].groupby("hall_code")["kpi"].agg(list)
    summary["missed_kpis"] = summary["hall_code"].map(missed_kpis).apply(lambda v: v if isinstance(v, list) else [])
    return summary.sort_values(["missed", "near", "hall_code"], ascending=[False, False, True]).reset_index(drop=True)


RANKED_KPIS = ("csat", "nps", "promise_48h", "conversion", "coverage")


def hall_ranking(table: pd.DataFrame, hall_code: str) -> pd.DataFrame:
    """Where one hall ranks among the halls of its city and of its region, per KPI.

    Pure: works on `hall_table`'s output. Ranks follow `stats.rank_fairly` (lower interval
    bound, low samples last), so a position is fair to halls with few observations.
    """
    from ..stats import rank_fairly

    hall = table.set_index("hall_code").loc[hall_code]
    rows = []
    for key in RANKED_KPIS:
        kpi = KPI_BY_KEY[key]
        row = {"kpi": key, "area": kpi.area, "value": hall[key],
               "n": hall[kpi.n_column] if kpi.n_column else None}
        for level in ("city", "region"):
            peers = table[table[level] == hall[level]]
            n_column = kpi.n_column or key
            if f"{key}_low" not in peers:  # NPS has no interval: rank by the value itself
                peers = peers.assign(**{f"{key}_low": peers[key]})
            ranked = rank_fairly(peers.copy(), key, n_column=n_column, higher_is_better=kpi.higher_is_better)
            row[f"{level}_rank"] = int(ranked.set_index("hall_code").loc[hall_code, "rank"])
            row[f"{level}_halls"] = len(peers)
        rows.append(row)
    return pd.DataFrame(rows)


def staff_table(con, filters: Filters, hall_code: str) -> pd.DataFrame:
    """The hall's staff: role, trainings (12 months to the period end), conversions and
    survey scores in the period, one row per person."""
    one_hall = filters.with_halls((hall_code,))
    people = training.staff_training(con, training_window(one_hall), hall_code=hall_code)[
        ["staff_id", "staff_name", "role", "hired_on", "status", "trainings", "hours", "has_pre_job",
         "elective_12m"]]
    sales = marketing.conversion_by(con, one_hall, by="staff")
    sales = sales[sales["staff_id"].notna()][["staff_id", "contacts", "converted", "conversion", "revenue"]]
    scores = satisfaction.satisfaction_by_staff(con, one_hall)[["staff_id", "responses", "mean_score", "csat"]]
    table = people.merge(sales, on="staff_id", how="left").merge(scores, on="staff_id", how="left")
    for column in ("contacts", "converted", "responses"):
        table[column] = table[column].fillna(0).astype(int)
    return table.sort_values(["converted", "staff_id"], ascending=[False, True]).reset_index(drop=True)
