"""The baseline the province benchmark compares against: a typical Streamlit dashboard that
reads the exports into pandas and groups them on every rerun.

Exports are read as CSV — the fastest spreadsheet form pandas reads (a 5-million-row sheet
does not even fit an .xlsx, whose limit is 1,048,576 rows) — so the baseline is a generous
one. Each page's function computes that page's headline figures and its per-hall table for
the default period (the last complete month), the way such dashboards do: read, filter,
groupby, merge. This module also writes the benchmark's input files once (the CSVs, and
the .xlsx exports the import is timed on), kept in benchmarks/work/.
"""
from __future__ import annotations

import calendar
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import sample

DATES = {"surveys": ["answered_at"], "complaints": ["received_at", "first_response_at", "resolved_at"],
         "sales_contacts": ["sold_at"], "sales_daily": ["sold_at"], "training": ["trained_on"],
         "staff": ["hired_on", "left_on"], "halls": ["opened_on"]}
TEXT = {"hall_code": str, "staff_id": str, "response_id": str, "ticket_id": str, "record_id": str}


def assets(work: Path, *, halls: int, months: int, density: float, sales_rows: int, complaint_rows: int,
           need_csv: bool, need_xlsx: bool, log=print) -> dict:
    """CSV exports of every dataset and the two .xlsx files for the import, made once."""
    folder = work / f"exports_{halls}x{months}x{density:g}"
    csv = {name: folder / f"{name}.csv" for name in DATES}
    xlsx = {"halls": folder / "xlsx" / "halls.xlsx", "sales": folder / "xlsx" / f"sales_contacts_{sales_rows}.xlsx",
            "complaints": folder / "xlsx" / f"complaints_{complaint_rows}.xlsx"}
    missing_csv = need_csv and not all(p.exists() for p in csv.values())
    missing_xlsx = need_xlsx and not all(p.exists() for p in xlsx.values())
    if missing_csv or missing_xlsx:
        log("generating the export files (once) …")
        frames = sample.generate_frames(halls=halls, months=months, density=density)
        folder.mkdir(parents=True, exist_ok=True)
        if missing_csv:
            for name, path in csv.items():
                frames[name].to_csv(path, index=False)
        if missing_xlsx:
            out = folder / "xlsx"
            for key, dataset, rows in (("sales", "sales_contacts", sales_rows),
                                       ("complaints", "complaints", complaint_rows)):
                written = sample.write_exports({"halls": frames["halls"], dataset: frames[dataset].head(rows)}, out)
                for path in written:
                    if path.name.startswith(dataset):
                        path.rename(xlsx[key])
    return {"csv": csv, "xlsx": xlsx}


# --- what a typical dashboard does on every rerun ------------------------------------------

def _read(files: dict, name: str) -> pd.DataFrame:
    return pd.read_csv(files[name], parse_dates=DATES[name], dtype={k: v for k, v in TEXT.items()})


def _last_month(*frames_and_columns) -> tuple[pd.Timestamp, pd.Timestamp]:
    last = max(frame[column].max() for frame, column in frames_and_columns)
    month_end = calendar.monthrange(last.year, last.month)[1]
    if last.day != month_end:
        last = (last.replace(day=1) - pd.Timedelta(days=1))
    start = last.replace(day=1).normalize()
    return start, start + pd.offsets.MonthBegin(1)


def _between(frame, column, start, end):
    return frame[(frame[column] >= start) & (frame[column] < end)]


def _satisfaction(surveys, halls, start, end):
    part = _between(surveys, "answered_at", start, end)
    top = np.where(part["scale"] == "sms3", part["score"] == 1,
                   np.where(part["scale"] == "ten", part["score"] >= 9, part["score"] >= 5))
    part = part.assign(top=top, promoter=part["recommend_score"] >= 9, detractor=part["recommend_score"] <= 6)
    by_hall = part.groupby("hall_code").agg(responses=("top", "size"), csat=("top", "mean"),
                                            promoters=("promoter", "sum"), detractors=("detractor", "sum"),
                                            nps_n=("recommend_score", "count"))
    by_hall["nps"] = 100 * (by_hall["promoters"] - by_hall["detractors"]) / by_hall["nps_n"]
    dims = part[["dim_environment", "dim_attitude", "dim_expertise", "dim_efficiency"]].mean()
    trend = surveys.assign(month=surveys["answered_at"].dt.to_period("M")).groupby("month")["score"].mean()
    return halls.merge(by_hall, on="hall_code", how="left"), dims, trend


def _complaints(complaints, halls, start, end):
    part = _between(complaints, "received_at", start, end)
    hours = (part["resolved_at"] - part["received_at"]).dt.total_seconds() / 3600
    open_hours = (end - part["received_at"]).dt.total_seconds() / 3600
    part = part.assign(hours=hours, within=hours <= 48, due=hours.notna() | (open_hours > 48),
                       over=part["resolved_at"].isna() & (open_hours > 48))
    by_hall = part.groupby("hall_code").agg(tickets=("ticket_id", "size"), within=("within", "sum"),
                                            due=("due", "sum"), backlog=("over", "sum"),
                                            median_hours=("hours", "median"))
    by_hall["promise_48h"] = by_hall["within"] / by_hall["due"]
    categories = part.groupby("category").size()
    return halls.merge(by_hall, on="hall_code", how="left"), categories


def _marketing(contacts, daily, halls, start, end):
    c = _between(contacts, "sold_at", start, end)
    c = c.assign(contacts=1, converted=(c["outcome"] == "converted").astype(int))
    d = _between(daily, "sold_at", start, end)
    both = pd.concat([c[["hall_code", "staff_id", "product_name", "activity_type", "contacts", "converted"]],
                      d[["hall_code", "product_name", "activity_type", "contacts", "converted"]]])
    by = {key: both.groupby(key)[["contacts", "converted"]].sum() for key in
          ("hall_code", "product_name", "activity_type", "staff_id")}
    for frame in by.values():
        frame["conversion"] = frame["converted"] / frame["contacts"]
    return halls.merge(by["hall_code"], on="hall_code", how="left"), by


def _training(training, staff, halls, end):
    recent = _between(training, "trained_on", end - pd.Timedelta(days=365), end)
    active = staff[staff["status"] == "active"]
    trained = active.assign(trained=active["staff_id"].isin(recent["staff_id"]))
    by_hall = trained.groupby("hall_code").agg(active=("trained", "size"), coverage=("trained", "mean"))
    return halls.merge(by_hall, on="hall_code", how="left")


def overview(files):
    halls, surveys, complaints = _read(files, "halls"), _read(files, "surveys"), _read(files, "complaints")
    contacts, daily = _read(files, "sales_contacts"), _read(files, "sales_daily")
    training, staff = _read(files, "training"), _read(files, "staff")
    start, end = _last_month((surveys, "answered_at"), (complaints, "received_at"))
    previous = (start - pd.offsets.MonthBegin(1), start)
    codes = halls[["hall_code"]]
    table = _satisfaction(surveys, halls, start, end)[0].merge(
        _complaints(complaints, codes, start, end)[0], on="hall_code").merge(
        _marketing(contacts, daily, codes, start, end)[0], on="hall_code").merge(
        _training(training, staff, codes, end), on="hall_code")
    before = _satisfaction(surveys, halls, *previous)[0]
    return table, before


def weekly_review(files):
    halls, surveys, complaints = _read(files, "halls"), _read(files, "surveys"), _read(files, "complaints")
    contacts, daily = _read(files, "sales_contacts"), _read(files, "sales_daily")
    last = surveys["answered_at"].max().normalize()
    end = last - pd.Timedelta(days=(last.weekday() + 1) % 7) + pd.Timedelta(days=1)
    weeks = [(end - pd.Timedelta(days=7 * (k + 1)), end - pd.Timedelta(days=7 * k)) for k in range(4)]
    return [(_satisfaction(surveys, halls, *w)[0], _complaints(complaints, halls, *w)[0],
             _marketing(contacts, daily, halls, *w)[0]) for w in weeks]


def satisfaction(files):
    halls, surveys = _read(files, "halls"), _read(files, "surveys")
    return _satisfaction(surveys, halls, *_last_month((surveys, "answered_at")))


def complaints(files):
    halls, tickets = _read(files, "halls"), _read(files, "complaints")
    return _complaints(tickets, halls, *_last_month((tickets, "received_at")))


def marketing(files):
    halls, contacts, daily = _read(files, "halls"), _read(files, "sales_contacts"), _read(files, "sales_daily")
    return _marketing(contacts, daily, halls, *_last_month((contacts, "sold_at")))


def training(files):
    halls, staff, records = _read(files, "halls"), _read(files, "staff"), _read(files, "training")
    return _training(records, staff, halls, _last_month((records, "trained_on"))[1])


def hall_profile(files):
    halls = _read(files, "halls")
    one = halls.iloc[[0]]
    surveys, tickets = _read(files, "surveys"), _read(files, "complaints")
    contacts, daily = _read(files, "sales_contacts"), _read(files, "sales_daily")
    surveys, tickets = surveys[surveys.hall_code.isin(one.hall_code)], tickets[tickets.hall_code.isin(one.hall_code)]
    start, end = _last_month((surveys, "answered_at"))
    return (_satisfaction(surveys, one, start, end), _complaints(tickets, one, start, end),
            _marketing(contacts, daily, one, start, end))


PAGES = {"overview": overview, "weekly_review": weekly_review, "satisfaction": satisfaction,
         "complaints": complaints, "marketing": marketing, "training": training, "hall_profile": hall_profile}


def bench(files: dict, *, runs: int, log=print) -> dict:
    results = {}
    for page, compute in PAGES.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            compute(files)
            times.append(time.perf_counter() - started)
        results[page] = {"median": statistics.median(times), "min": min(times), "max": max(times), "n": runs}
        log(f"  baseline {page}: {results[page]['median']:.2f} s")
    return results
