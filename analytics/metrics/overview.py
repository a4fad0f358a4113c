"""The overview: headline KPIs against the previous period, one row per hall with the four
areas side by side, and which halls need attention (targets missed)."""
from __future__ import annotations

import datetime as dt
import numpy as np
import pandas as pd

from ..filters import Filters
from .. import measures
from ..targets import judge as judge_rate
from . import complaints, marketing, satisfaction, training


# The headline, by KPI key (analytics.measures declares each: area, counts, format, target).
KPIS = ("responses", "mean_score", "csat", "nps", "tickets", "per_1000_contacts", "promise_48h", "backlog_over_48h",
        "conversion", "revenue", "coverage_12m", "onboarding_rate_12m")
# The KPIs a hall is judged on in the hall table and the trouble map.
HALL_KPIS = ("csat", "nps", "promise_48h", "backlog_over_48h", "per_1000_contacts", "conversion", "coverage_12m")
# Training's KPIs over the 12 months to the period end (same counts, their own keys and labels).
TRAINING_12M = ("coverage_12m", "onboarding_rate_12m")


# Staff are expected to train at least once a year, so a month's coverage says little:
# the overview judges training over the 12 months that end with the period.
TRAINING_WINDOW_DAYS = 365


def training_window(filters: Filters) -> Filters:
    """The 12 months ending on the period's last day (or the period, if it is longer)."""
    start = min(filters.start, filters.end - dt.timedelta(days=TRAINING_WINDOW_DAYS - 1))
    return filters.with_period(start, filters.end)


AREA_SUMMARIES = {"satisfaction": satisfaction.satisfaction_summary, "complaints": complaints.complaint_summary,
                  "marketing": marketing.marketing_summary, "training": training.training_summary}


def source(measure: measures.Measure) -> str:
    """Which count frame of `summaries` a KPI reads: its area's for the period, or
    "<area>_12m" for a KPI over the 12 months to the period end."""
    return f"{measure.area}_12m" if measure.window == "12m" else measure.area


def summaries(con, filters: Filters, now: dt.datetime | None = None, *,
              kpis: tuple[str, ...] = KPIS) -> dict[str, pd.Series]:
    """The count frames (one row each) the KPIs of `kpis` read, by `source`: each area's
    summary for the filters, and the 12-month one (training_window) with its KPIs
    evaluated. Kept apart: areas share column names (`contacts`, `low_sample`) that are
    not the same thing, a 12-month `coverage_12m` is not this period's `coverage`, and a
    KPI reads its value and its n from its own frame. Only the frames `kpis` need are
    queried (an area page asks for its own)."""
    wanted: dict[str, list[str]] = {}
    for key in kpis:
        wanted.setdefault(source(measures.get(key)), []).append(key)
    frames = {}
    for name, keys in wanted.items():
        measure = measures.get(keys[0])
        window = training_window(filters) if measure.window == "12m" else filters
        summary = AREA_SUMMARIES[measure.area]
        frame = summary(con, window, now=now) if measure.area == "complaints" else summary(con, window)
        if measure.window == "12m":
            measures.evaluate(frame, keys)
        frames[name] = frame.iloc[0]
    return frames


def change_verdict(key: str, now: pd.Series, before: pd.Series | None) -> str | None:
    """measures.change_verdict of KPI `key` between two summaries; None without an earlier
    period."""
    if before is None:
        return None
    return measures.change_verdict(measures.get(key), now.to_dict(), before.to_dict())


def headline(con, filters: Filters, *, now: dt.datetime | None = None, compare: bool = True,
             kpis: tuple[str, ...] = KPIS) -> pd.DataFrame:
    """One row per KPI of `kpis`: value, interval, n, the value of the period it is compared
    with (`Filters.previous`: the previous calendar month for a month, the previous ISO week
    for a week), the change and the change's verdict (significant / within_noise /
    untested). Without `compare` (the previous period lies before the data) there is no
    previous value, change or verdict: a change against nothing would be made up."""
    current = summaries(con, filters, now, kpis=kpis)
    previous = summaries(con, filters.previous(), now, kpis=kpis) if compare else {}
    rows = []
    for key in kpis:
        measure = measures.get(key)
        now_row, before_row = current[source(measure)], previous.get(source(measure))
        value = now_row.get(key)
        before = before_row.get(key) if before_row is not None else None
        rows.append({"kpi": key, "area": measure.area, "format": measure.format, "value": value,
                     "low": now_row.get(f"{key}_low"), "high": now_row.get(f"{key}_high"),
                     "n": now_row.get(measure.n_column) if measure.n_column else None,
                     "previous": before,
                     "change": (value - before) if _number(value) and _number(before) else np.nan,
                     "verdict": change_verdict(key, now_row, before_row) if _number(before) else None,
                     "higher_is_better": measure.higher_is_better, "target": measure.target})
    return pd.DataFrame(rows)


def _number(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def hall_table(con, filters: Filters, *, now: dt.datetime | None = None) -> pd.DataFrame:
    """One row per scoped hall: satisfaction, complaints, marketing and training side by side."""
    keys = ["region", "city", "hall_code", "hall_name"]
    sat = satisfaction.satisfaction_by(con, filters, by="hall")[
        keys + ["responses", *_with_interval("mean_score", "csat", "nps"), "nps_responses"]]
    comp = complaints.complaints_by(con, filters, by="hall", now=now)[
        ["hall_code", "tickets", *_with_interval("per_1000_contacts", "promise_48h"), "promise_due", "open_backlog",
         "backlog_over_48h", "resolution_median_hours"]]
    sales = marketing.conversion_by(con, filters, by="hall")[
        ["hall_code", "contacts", "converted", *_with_interval("conversion"), "revenue"]]
    train = measures.evaluate(training.training_by(con, training_window(filters), by="hall"), TRAINING_12M)[
        ["hall_code", "active_staff", *_with_interval(*TRAINING_12M), "new_hires"]]
    table = sat.merge(comp, on="hall_code").merge(sales, on="hall_code").merge(train, on="hall_code")
    return table.sort_values(keys).reset_index(drop=True)


def _with_interval(*keys: str) -> list[str]:
    return [column for key in keys for column in (key, f"{key}_low", f"{key}_high")]


def judge(table: pd.DataFrame, targets: dict, kpis: tuple[str, ...] = HALL_KPIS) -> pd.DataFrame:
    """Long format hall × KPI (`kpis`): value, n, status (good / warn / bad, or None when
    there is no value or too small a sample to judge). A rate is judged when it has at
    least 30 observations, or when its whole interval is clear of the target. Pure: works
    on `hall_table`'s output."""
    rows = []
    for record in table.to_dict("records"):
        for key in kpis:
            measure = measures.get(key)
            value = record.get(key)
            n = record.get(measure.n_column) if measure.n_column else None
            target = targets.get(measure.target) if measure.target else None
            status = judge_rate(target, value, n=(n or 0) if measure.n_column else None,
                                low=record.get(f"{key}_low"), high=record.get(f"{key}_high"), min_n=measure.min_n)
            rows.append({"hall_code": record["hall_code"], "hall_name": record["hall_name"],
                         "region": record["region"], "city": record["city"], "kpi": key, "area": measure.area,
                         "value": value, "n": n, "status": status})
    return pd.DataFrame(rows)


def severity(status: str | None, score: float, n, measure: measures.Measure) -> float:
    """How pressing one KPI of one hall is: 0 unless it missed its target (status "bad");
    then how far it sits from the target toward the floor (1 − score/100 on the scorecard's
    scale, 1 at or past the floor, 1 without a floor), weighted by its evidence n/(n + min n)
    (a count weighs 1). A hall at 31.9% within 48 h weighs more than one a point short on
    two KPIs."""
    if status != "bad":
        return 0.0
    shortfall = 1.0 if np.isnan(score) else 1.0 - score / 100
    if measure.n_column is None:
        return shortfall
    n = float(n) if _number(n) else 0.0
    return shortfall * n / (n + measure.min_n)


def judged_grid(judged: pd.DataFrame, column: str, halls, kpis: tuple[str, ...] = HALL_KPIS) -> pd.DataFrame:
    """`judge`'s `column` (value or status) as a hall × KPI grid: rows `halls` in that order,
    columns `kpis`. Pure."""
    return judged.pivot(index="hall_code", columns="kpi", values=column).reindex(index=list(halls), columns=list(kpis))


def halls_needing_attention(table: pd.DataFrame, targets: dict, kpis: tuple[str, ...] = HALL_KPIS) -> pd.DataFrame:
    """One row per hall: targets missed (bad), near misses (warn), which KPIs (most severe
    first) and the hall's severity (the sum of `severity` over its KPIs), most severe first."""
    judged = judge(table, targets, kpis)
    by_key = {key: measures.get(key) for key in kpis}
    judged["severity"] = [
        severity(status, targets[by_key[key].target].score(value) if by_key[key].target in targets else np.nan,
                 n, by_key[key])
        for status, value, n, key in zip(judged["status"], judged["value"], judged["n"], judged["kpi"])]
    flags = judged.assign(missed=judged["status"].eq("bad").astype(int), near=judged["status"].eq("warn").astype(int),
                          judged=judged["status"].notna().astype(int))
    summary = flags.groupby(["region", "city", "hall_code", "hall_name"], as_index=False)[
        ["missed", "near", "judged", "severity"]].sum()
    missed_kpis = (judged[judged.status == "bad"].sort_values("severity", ascending=False)
                   .groupby("hall_code", sort=False)["kpi"].agg(list))
    summary["missed_kpis"] = summary["hall_code"].map(missed_kpis).apply(lambda v: v if isinstance(v, list) else [])
    return summary.sort_values(["severity", "missed", "near", "hall_code"],
                               ascending=[False, False, False, True]).reset_index(drop=True)


RANKED_KPIS = ("csat", "nps", "promise_48h", "conversion", "coverage_12m")


def hall_ranking(table: pd.DataFrame, hall_code: str) -> pd.DataFrame:
    """Where one hall ranks among the halls of its city and of its region, per KPI.

    Pure: works on `hall_table`'s output. Ranks follow `stats.rank_fairly` (lower interval
    bound, low samples last), so a position is fair to halls with few observations; the
    value of the first is `city_best` / `region_best`.
    """
    from ..stats import rank_fairly

    hall = table.set_index("hall_code").loc[hall_code]
    rows = []
    for key in RANKED_KPIS:
        measure = measures.get(key)
        row = {"kpi": key, "area": measure.area, "value": hall[key],
               "low": hall.get(f"{key}_low"), "high": hall.get(f"{key}_high"),
               "n": hall[measure.n_column] if measure.n_column else None}
        for level in ("city", "region"):
            peers = table[table[level] == hall[level]]
            ranked = rank_fairly(peers.copy(), key, n_column=measure.n_column or key,
                                 higher_is_better=measure.higher_is_better)
            row[f"{level}_rank"] = int(ranked.set_index("hall_code").loc[hall_code, "rank"])
            row[f"{level}_halls"] = len(peers)
            row[f"{level}_best"] = ranked.loc[ranked["rank"] == 1, key].iloc[0]  # the fairly ranked first
        rows.append(row)
    return pd.DataFrame(rows)


def staff_table(con, filters: Filters, hall_code: str) -> pd.DataFrame:
    """The hall's staff: role, trainings (12 months to the period end), conversions and
    survey scores in the period (each rate with its interval), one row per person."""
    one_hall = filters.with_halls((hall_code,))
    people = training.staff_training(con, training_window(one_hall), hall_code=hall_code)[
        ["staff_id", "staff_name", "role", "hired_on", "status", "trainings", "hours", "has_pre_job",
         "elective_12m"]]
    sales = marketing.conversion_by(con, one_hall, by="staff")
    sales = sales[sales["staff_id"].notna()][["staff_id", "contacts", "converted", *_with_interval("conversion"),
                                              "revenue"]]
    scores = satisfaction.satisfaction_by_staff(con, one_hall)[
        ["staff_id", "responses", *_with_interval("mean_score", "csat")]]
    table = people.merge(sales, on="staff_id", how="left").merge(scores, on="staff_id", how="left")
    for column in ("contacts", "converted", "responses"):
        table[column] = table[column].fillna(0).astype(int)
    return table.sort_values(["converted", "staff_id"], ascending=[False, True]).reset_index(drop=True)


def worst_first(table: pd.DataFrame, attention: pd.DataFrame) -> pd.DataFrame:
    """`hall_table`'s rows in `halls_needing_attention`'s order (most severe first), with the
    count of targets each hall missed. Pure."""
    return attention[["hall_code", "missed"]].merge(table, on="hall_code")
