"""The Import page's check of a 60,000-row export, and the write of 45,000 rejected rows.

    .venv/bin/python benchmarks/import_check.py [--rows 60000] [--rejected 45000] [--runs 3]

Writes (kept in benchmarks/work/ between runs) a halls list and a complaints .xlsx of
--rows tickets from the sample generator, and a complaints .csv of --rejected tickets whose
受理时间 cannot be read (every row rejected). Then times, --runs times each, medians:

* the check the Import page runs (`importer.preview_files`: read, find the header,
  recognise, coerce, check, key, and a dry-run write) against a database holding the
  halls, next to the bare read of the same workbook (`readers.read_file`, the floor) and
  the same check without the worker process (`isolate=False`: what the worker costs);
* the command line's import of the rejected file (`importer.import_paths`), and of it the
  time inside `storage.record_rejections`.
"""
from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import importer, readers, sample, storage  # noqa: E402

WORK = ROOT / "benchmarks" / "work"


def exports(rows: int, rejected: int) -> tuple[Path, Path, Path]:
    out = WORK / f"check_{rows}_{rejected}"
    halls, tickets, bad = out / "halls.xlsx", out / "complaints.xlsx", out / "rejected.csv"
    if not tickets.exists():
        # 80-95 tickets per hall-month at density 1: enough halls for `rows` in 12 months.
        frames = sample.generate_frames(halls=max(1, rows // (80 * 12) + 1), months=12, density=1.0)
        frames["complaints"] = frames["complaints"].head(rows)
        sample.write_exports({"halls": frames["halls"], "complaints": frames["complaints"]}, out)
        codes = list(frames["halls"]["hall_code"])
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"])
        for i in range(rejected):
            writer.writerow([f"BAD{i:06d}", "昨天下午", "计费争议", codes[i % len(codes)], "处理中"])
        bad.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return halls, next(out.glob("*complaints*.xlsx"), tickets), bad


def median_of(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--rejected", type=int, default=45_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    halls, tickets, bad = exports(args.rows, args.rejected)
    work = Path(tempfile.mkdtemp(prefix="import_check_"))

    con = storage.connect(work / "check.duckdb")
    importer.import_paths(con, [halls])
    data = tickets.read_bytes()
    read, read_runs = median_of(lambda: readers.read_file(tickets.name, data), args.runs)
    results = importer.preview_files(con, [(tickets.name, data)])
    sheet = next(s for s in results[0].sheets if s.error is None)
    check, check_runs = median_of(lambda: importer.preview_files(con, [(tickets.name, data)]), args.runs)
    # The same check in this process: what the worker process (start, limits, result pickled back) costs.
    inline, inline_runs = median_of(lambda: importer.preview_files(con, [(tickets.name, data)], isolate=False),
                                    args.runs)
    con.close()
    print(f"check of {tickets.name}: {sheet.rows_read:,} rows read, {sheet.accepted:,} accepted, "
          f"{sheet.rejected:,} rejected")
    print(f"  bare read   median {read:.2f} s  runs {', '.join(f'{t:.2f}' for t in read_runs)}")
    print(f"  page check  median {check:.2f} s  runs {', '.join(f'{t:.2f}' for t in check_runs)}"
          f"  ({check / read:.1f}x the read)")
    print(f"  in-process  median {inline:.2f} s  runs {', '.join(f'{t:.2f}' for t in inline_runs)}"
          f"  (the worker adds {check - inline:+.2f} s, {check / inline:.2f}x)")

    spent: list[float] = []
    original = storage.record_rejections

    def timed_record(*a, **k):
        start = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent.append(time.perf_counter() - start)

    storage.record_rejections = timed_record
    totals = []
    for run in range(args.runs):
        con = storage.connect(work / f"rejected_{run}.duckdb")
        importer.import_paths(con, [halls])
        spent.clear()
        start = time.perf_counter()
        (result,) = importer.import_paths(con, [bad])
        totals.append((time.perf_counter() - start, sum(spent)))
        con.close()
    storage.record_rejections = original
    rejected = sum(s.rejected for s in result.sheets)
    print(f"import of {rejected:,} rejected rows: median {statistics.median(t for t, _ in totals):.2f} s, "
          f"of it writing the rejections {statistics.median(r for _, r in totals):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
