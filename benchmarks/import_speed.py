"""Import speed of a large sales export: python-calamine against openpyxl, same run.

    .venv/bin/python benchmarks/import_speed.py [--rows 200000] [--runs 3]

Writes a contact-level sales .xlsx of about --rows rows with the sample generator (kept in
benchmarks/work/ between runs), then times, --runs times each: reading the workbook with
each engine (the floor), and the whole import (read, recognise, coerce, validate, write
to a fresh DuckDB file) with each engine. Prints medians, spreads and rows/second.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import importer, readers, sample, storage  # noqa: E402

WORK = ROOT / "benchmarks" / "work"


def sales_export(rows: int) -> tuple[Path, Path]:
    """(halls file, sales contacts file) with about `rows` contact rows."""
    out = WORK / f"sales_{rows}"
    halls_path, sales_path = out / "halls.xlsx", out / "sales_contacts.xlsx"
    if not sales_path.exists():
        # 417 contacts per hall-month at density 1: pick halls for 12 months.
        halls = max(1, round(rows / (417 * 12)))
        frames = sample.generate_frames(halls=halls, months=12, density=1.0)
        frames["sales_contacts"] = frames["sales_contacts"].head(rows)
        keep = {"halls": frames["halls"], "sales_contacts": frames["sales_contacts"]}
        sample.write_exports(keep, out)
    return halls_path, sales_path


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    halls_path, sales_path = sales_export(args.rows)
    data = sales_path.read_bytes()
    halls_data = halls_path.read_bytes()
    n_rows = sum(len(s.rows) for s in readers.read_file(sales_path.name, data))

    def full_import(engine):
        with tempfile.TemporaryDirectory() as tmp:
            con = storage.connect(Path(tmp) / "bench.duckdb")
            importer.import_file(con, "halls.xlsx", halls_data)
            result = importer.import_file(con, sales_path.name, data, engine=engine)
            assert result.ok and result.sheets[0].rejected == 0, result.as_dict()["error"]
            con.close()

    results = {}
    for engine in ("calamine", "openpyxl"):
        results[f"read ({engine})"] = timed(lambda: readers.read_file(sales_path.name, data, engine=engine), args.runs)
        results[f"import ({engine})"] = timed(lambda: full_import(engine), args.runs)
    print(f"# sales export: {sales_path.name}, {n_rows:,} sheet rows, {len(data) / 1e6:.1f} MB, "
          f"{args.runs} runs, {dt.date.today()}")
    print("| step | median s | min–max s | rows/s |")
    print("|---|---|---|---|")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"| {name} | {median:.2f} | {min(times):.2f}–{max(times):.2f} | {n_rows / median:,.0f} |")
    ratio = statistics.median(results["import (openpyxl)"]) / statistics.median(results["import (calamine)"])
    print(f"\nimport with calamine is {ratio:.1f}× faster than with openpyxl; "
          f"import/read ratio (calamine): "
          f"{statistics.median(results['import (calamine)']) / statistics.median(results['read (calamine)']):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
