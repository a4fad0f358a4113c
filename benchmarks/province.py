"""The province-scale database for the benchmarks: the sample generator's canonical frames
(500 halls in 5 regions, 2 years at density 1.0 by default) written straight into one
DuckDB file, with the derived fields the importer would compute (survey 0-100 scores and
top box, sales grain and counts) and the bookkeeping columns, one import batch per
dataset. Going through the Excel importer would measure the importer 15 million times
over; its speed is measured separately, on real .xlsx exports (benchmarks/run.py).

The file is kept between runs (benchmarks/work/); a stamp of the parameters and of the
generator's and schema's source decides when it must be built again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import sample, schema, storage

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"


def stamp(halls: int, months: int, density: float, seed: int) -> str:
    sources = b"".join((ROOT / "analytics" / name).read_bytes() for name in ("sample.py", "schema.py", "storage.py"))
    text = json.dumps({"halls": halls, "months": months, "density": density, "seed": seed,
                       "code": hashlib.sha256(sources).hexdigest()[:16]}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _surveys(frame: pd.DataFrame) -> pd.DataFrame:
    score_100 = np.full(len(frame), np.nan)
    top_box = np.zeros(len(frame), dtype=bool)
    for code, scale in schema.SCALES.items():
        rows = (frame["scale"] == code).to_numpy()
        raw = frame.loc[rows, "score"].to_numpy(dtype=float)
        share = (raw - scale.minimum) / (scale.maximum - scale.minimum)
        score_100[rows] = np.round(100.0 * (1.0 - share if scale.best_is_low else share), 6)
        top_box[rows] = np.isin(raw, scale.top_box)
    return frame.assign(score_100=score_100, top_box=top_box)


def _sales(contacts: pd.DataFrame, daily: pd.DataFrame) -> pd.DataFrame:
    outcome = contacts["outcome"]
    contacts = contacts.assign(grain="contact", contacts=1, interested=outcome.isin(["interested", "converted"])
                               .astype(int), converted=(outcome == "converted").astype(int))
    daily = daily.assign(grain="daily", record_id=None, staff_id=None, outcome=None)
    return pd.concat([contacts, daily], ignore_index=True)


def _keys(ds: schema.Dataset, frame: pd.DataFrame) -> pd.Series:
    parts = frame[list(ds.key)].astype("string")
    keys = parts.iloc[:, 0] if len(ds.key) == 1 else parts.fillna("").agg("\x1f".join, axis=1)
    missing = keys.isna()
    if missing.any():  # no id in the export (daily sales reports): a row number stands in
        keys = keys.where(~missing, "row" + pd.Series(np.arange(len(frame)), index=frame.index).astype(str))
    return keys


def _write(con, ds: schema.Dataset, frame: pd.DataFrame, batch_id: int) -> None:
    for f in ds.fields:
        if f.name not in frame:
            frame[f.name] = None
    frame = frame[list(ds.field_names)].copy()
    frame["_key"] = _keys(ds, frame).to_numpy()
    frame["_source_row"] = np.arange(3, len(frame) + 3)
    table = storage.quote_ident(ds.table)
    casts = ", ".join(f"CAST({storage.quote_ident(f.name)} AS {schema.DUCKDB_TYPES[f.type]})" for f in ds.fields)
    con.register("bulk_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT {casts}, _key, CAST(hash(*COLUMNS(* EXCLUDE (_key, _source_row))) "
                    f"AS VARCHAR), CAST(? AS BIGINT), CAST(_source_row AS INTEGER), "
                    f"CAST(NULL AS VARCHAR) FROM bulk_rows", [batch_id])
    finally:
        con.unregister("bulk_rows")


def build(path: Path, *, halls: int = 500, months: int = 24, density: float = 1.0, seed: int = sample.DEFAULT_SEED,
          log=print) -> dict:
    """Build the database at `path` unless its stamp says it is current. Returns what it holds."""
    want = stamp(halls, months, density, seed)
    stamp_path = path.with_suffix(".stamp")
    if path.exists() and stamp_path.exists() and stamp_path.read_text() == want:
        con = storage.connect(path, read_only=True)
        counts = storage.row_counts(con)
        con.close()
        return {"built": False, "seconds": 0.0, "rows": counts}
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in (path, path.with_suffix(".duckdb.wal")):
        old.unlink(missing_ok=True)
    started = time.perf_counter()
    log(f"generating {halls} halls × {months} months at density {density} …")
    frames = sample.generate_frames(halls=halls, months=months, seed=seed, density=density)
    frames["surveys"] = _surveys(frames["surveys"])
    frames["sales"] = _sales(frames.pop("sales_contacts"), frames.pop("sales_daily"))
    con = storage.connect(path)
    for name in schema.IMPORT_ORDER:
        ds = schema.DATASETS[name]
        batch = storage.new_batch(con, file_name=f"{name} (generated)", file_size=0, sha256="", source="sample",
                                  started_at=dt.datetime.now())
        _write(con, ds, frames.pop(name), batch)
        storage.finish_batch(con, batch)
        log(f"  {name}: {con.execute(f'SELECT count(*) FROM {storage.quote_ident(ds.table)}').fetchone()[0]:,} rows")
    con.execute("CHECKPOINT")
    counts = storage.row_counts(con)
    con.close()
    stamp_path.write_text(want)
    return {"built": True, "seconds": time.perf_counter() - started, "rows": counts}
