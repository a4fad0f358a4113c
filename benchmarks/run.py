"""Province-scale benchmark: pages, import, memory, and a pandas baseline, in one run.

    .venv/bin/python benchmarks/run.py                       # 500 halls × 24 months, 5 runs
    .venv/bin/python benchmarks/run.py --runs 3 --only pages
    .venv/bin/python benchmarks/run.py --halls 4 --months 2 --density 0.05 --runs 1 \\
        --import-rows 2000 --out /tmp/perf.md                # the small run the tests do

What it measures (medians and min–max over --runs runs, all in the same run):
 1. each page, run to the end server-side by Streamlit's AppTest in a fresh process per run:
    cold (first run: new connection, empty caches), warm (the same session again: cached
    queries), and a single-hall filter (a new session with ?hall=…, first run);
 2. import of a contact-level sales .xlsx (--import-rows, default 200,000) and a
    complaints .xlsx (1,000,000 rows): the whole import into a fresh database holding the
    halls, and reading the file alone with the fast reader (the floor);
 3. peak memory (VmHWM) of the real app process (scripts/serve.py) after every page has
    been opened in headless Chromium (AppTest processes' peak instead when there is no
    Chromium);
 4. a baseline: the same page figures the way a typical Streamlit dashboard computes them,
    the exports read into pandas and grouped on every rerun (benchmarks/baseline.py).
Writes the tables between the province markers of --out (default docs/performance.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import baseline  # noqa: E402
import province  # noqa: E402

PAGES = ("overview", "weekly_review", "satisfaction", "complaints", "marketing", "training", "scorecard", "hall_profile",
         "import_data", "data_status")
BEGIN, END = "<!-- province:begin -->", "<!-- province:end -->"
TARGETS = {"warm": 1.0, "cold": 3.0, "import_ratio": 1.5, "memory_gb": 1.5, "speedup": 10.0}


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def fmt(stat: dict, digits: int = 2) -> str:
    return f"{stat['median']:.{digits}f} ({stat['min']:.{digits}f}–{stat['max']:.{digits}f})"


# --- 1. pages --------------------------------------------------------------------------------

def page_worker(page: str, db: str, hall: str) -> None:
    """Run in a fresh process: time one page cold, warm and for one hall; print JSON."""
    import resource

    os.environ["HALL_ANALYTICS_DB"] = db
    os.chdir(ROOT)
    # Time spent computing figures (every metric query goes through common.query), patched
    # before any metric module binds it: the part comparable with the pandas baseline.
    from analytics.metrics import common

    data_seconds = [0.0]
    original_query = common.query

    def timed_query(con, sql, params):
        started = time.perf_counter()
        try:
            return original_query(con, sql, params)
        finally:
            data_seconds[0] += time.perf_counter() - started

    common.query = timed_query
    from streamlit.testing.v1 import AppTest

    path = str(ROOT / "pages" / f"{page}.py")
    at = AppTest.from_file(path, default_timeout=900)
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    data_cold = data_seconds[0]
    errors = [e.value[:300] for e in at.exception]
    started = time.perf_counter()
    at.run()
    warm = time.perf_counter() - started
    one = AppTest.from_file(path, default_timeout=900)
    one.query_params["hall"] = hall
    started = time.perf_counter()
    one.run()
    hall_time = time.perf_counter() - started
    errors += [e.value[:300] for e in one.exception]
    print(json.dumps({"cold": cold, "warm": warm, "hall": hall_time, "data": data_cold, "errors": errors,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def bench_pages(db: Path, hall: str, runs: int, pages) -> dict:
    results = {}
    for page in pages:
        samples = []
        for i in range(runs):
            out = subprocess.run([sys.executable, __file__, "_page", page, str(db), hall], capture_output=True,
                                 text=True, cwd=ROOT, timeout=1800)
            if out.returncode != 0:
                raise RuntimeError(f"{page}: worker failed\n{out.stderr[-3000:]}")
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
            if samples[-1]["errors"]:
                raise RuntimeError(f"{page}: the page raised {samples[-1]['errors']}")
        results[page] = {k: summary([s[k] for s in samples]) for k in ("cold", "warm", "hall", "data", "peak_rss_mb")}
        log(f"  {page}: cold {fmt(results[page]['cold'])}  warm {fmt(results[page]['warm'])}  "
            f"one hall {fmt(results[page]['hall'])}")
    return results


# --- 2. import ---------------------------------------------------------------------------

def bench_import(files: dict, runs: int) -> dict:
    from analytics import importer, readers, storage

    halls = files["halls"].read_bytes()
    results = {}
    for name in ("sales", "complaints"):
        path = files[name]
        data = path.read_bytes()
        reads, imports, rows = [], [], 0
        for _ in range(runs):
            started = time.perf_counter()
            sheets = readers.read_file(path.name, data)
            reads.append(time.perf_counter() - started)
            del sheets
            with tempfile.TemporaryDirectory() as tmp:
                con = storage.connect(Path(tmp) / "import.duckdb")
                assert importer.import_file(con, "halls.xlsx", halls).ok
                started = time.perf_counter()
                result = importer.import_file(con, path.name, data)
                imports.append(time.perf_counter() - started)
                con.close()
            if not result.ok:
                raise RuntimeError(f"{path.name}: {result.error}")
            rows = sum(s.accepted for s in result.sheets)
        results[name] = {"file": path.name, "mb": len(data) / 1e6, "rows": rows, "read": summary(reads),
                         "import": summary(imports),
                         "ratio": statistics.median(imports) / statistics.median(reads)}
        log(f"  {path.name}: read {fmt(results[name]['read'])}  import {fmt(results[name]['import'])}  "
            f"ratio {results[name]['ratio']:.2f}")
    return results


# --- 3. memory ---------------------------------------------------------------------------

def bench_memory(db: Path, pages) -> dict:
    """Peak RSS of the real app process after opening every page in Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    import browser as br

    if br.missing_browser_prerequisites():
        return {"how": "unavailable: " + "; ".join(br.missing_browser_prerequisites())}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        proc, url = br.start_streamlit(br.app_path(), db, Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as pw:
                chromium = pw.chromium.launch(executable_path=br.CHROMIUM, headless=True, args=br.CHROMIUM_ARGS)
                page = chromium.new_page(viewport=br.VIEWPORT)
                for name in pages:
                    page.goto(f"{url}/{'' if name == 'overview' else name}")
                    br.wait_for_app(page, timeout_ms=600_000)
                chromium.close()
            status = Path(f"/proc/{proc.pid}/status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            return {"how": "app server (scripts/serve.py) after every page in Chromium",
                    "peak_mb": int(fields["VmHWM"].split()[0]) / 1024, "now_mb": int(fields["VmRSS"].split()[0]) / 1024}
        finally:
            br.stop_process(proc)


# --- the run -------------------------------------------------------------------------------

def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import duckdb
    import pandas
    import streamlit

    return (f"{os.cpu_count()} cores ({cpu or platform.processor()}), {memory:.0f} GiB, Python "
            f"{platform.python_version()}, DuckDB {duckdb.__version__}, pandas {pandas.__version__}, "
            f"Streamlit {streamlit.__version__}")


def write_markdown(out: Path, args, built: dict, pages: dict, imports: dict, memory: dict, base: dict) -> None:
    rows = built["rows"]
    lines = [BEGIN, "## Province scale (issue #6)", "",
             f"`benchmarks/run.py --halls {args.halls} --months {args.months} --density {args.density} "
             f"--runs {args.runs}`, {dt.date.today().isoformat()}, on {machine()}. Medians of {args.runs} runs, "
             "min–max in brackets, seconds.", "",
             "Database: " + ", ".join(f"{name} {count:,}" for name, count in rows.items())
             + f" rows ({args.db_mb:.0f} MB)." + (f" Built in {built['seconds']:.0f} s." if built["built"] else ""), ""]
    if pages:
        lines += ["### Pages (server-side run of the page script to the end, AppTest)", "",
                  "| page | cold | warm | one hall | figures (cold) | pandas baseline | baseline ÷ figures | "
                  "baseline ÷ warm | warm ≤ 1 s | cold ≤ 3 s | ≥ 10× |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for page, stat in pages.items():
            base_stat = base.get(page)
            by_data = base_stat["median"] / max(stat["data"]["median"], 1e-9) if base_stat else None
            by_warm = base_stat["median"] / stat["warm"]["median"] if base_stat else None
            verdict = lambda ok: "met" if ok else "MISSED"  # noqa: E731
            lines.append(f"| {page} | {fmt(stat['cold'])} | {fmt(stat['warm'])} | {fmt(stat['hall'])} | "
                         f"{fmt(stat['data'])} | {fmt(base_stat) if base_stat else '—'} | "
                         f"{f'{by_data:.0f}×' if by_data else '—'} | {f'{by_warm:.1f}×' if by_warm else '—'} | "
                         f"{verdict(stat['warm']['median'] <= TARGETS['warm'])} | "
                         f"{verdict(stat['cold']['median'] <= TARGETS['cold'])} | "
                         f"{verdict(by_data >= TARGETS['speedup']) if by_data else '—'} |")
        lines += ["", "Cold: a fresh process and connection, empty caches (the data is in the OS file cache). "
                  "Warm: the same session run again (cached queries). One hall: a new session with "
                  f"`?hall={args.hall}`, first run. Figures: the part of the cold run spent computing the page's "
                  "figures (every metric query, DuckDB and the frames it returns), the part the baseline does too; "
                  "the rest is drawing (plotly figures, table styling, Streamlit's protocol). The baseline reads "
                  "the exports (CSV, the fastest spreadsheet form pandas reads) and groups them for the page's "
                  "headline and per-hall figures on every rerun; the import and data pages have none.", ""]
    if imports:
        lines += ["### Import (whole import into a fresh database holding the halls, against reading alone)", "",
                  "| file | size | rows | read (calamine) | import | import ÷ read | target ≤ 1.5× |",
                  "|---|---|---|---|---|---|---|"]
        for stat in imports.values():
            lines.append(f"| {stat['file']} | {stat['mb']:.1f} MB | {stat['rows']:,} | {fmt(stat['read'])} | "
                         f"{fmt(stat['import'])} | {stat['ratio']:.2f}× | "
                         f"{'met' if stat['ratio'] <= TARGETS['import_ratio'] else 'MISSED'} |")
        lines.append("")
    if memory:
        if "peak_mb" in memory:
            lines += ["### Memory", "", f"Peak resident memory of the app process ({memory['how']}): "
                      f"**{memory['peak_mb']:,.0f} MB** (now {memory['now_mb']:,.0f} MB); target ≤ "
                      f"{TARGETS['memory_gb'] * 1024:,.0f} MB: "
                      f"{'met' if memory['peak_mb'] <= TARGETS['memory_gb'] * 1024 else 'MISSED'}.", ""]
        else:
            lines += ["### Memory", "", f"Not measured: {memory['how']}.", ""]
    lines.append(END)
    text = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n"
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "_page":
        page_worker(*sys.argv[2:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--halls", type=int, default=500)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--density", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=200_000, help="rows of the sales .xlsx")
    parser.add_argument("--complaint-rows", type=int, default=1_000_000, help="rows of the complaints .xlsx")
    parser.add_argument("--only", default="pages,import,memory,baseline")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--work", type=Path, default=province.WORK)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    pages_to_run = [p for p in args.pages.split(",") if p in PAGES]
    db = args.work / f"province_{args.halls}x{args.months}x{args.density:g}.duckdb"
    log(f"database {db}")
    built = province.build(db, halls=args.halls, months=args.months, density=args.density, log=log)
    args.db_mb = db.stat().st_size / 1e6
    from analytics import storage

    con = storage.connect(db, read_only=True)
    args.hall = con.execute("SELECT hall_code FROM halls ORDER BY hall_code LIMIT 1").fetchone()[0]
    con.close()
    assets = baseline.assets(args.work, halls=args.halls, months=args.months, density=args.density,
                             sales_rows=args.import_rows, complaint_rows=args.complaint_rows,
                             need_csv="baseline" in steps, need_xlsx="import" in steps, log=log)
    pages = bench_pages(db, args.hall, args.runs, pages_to_run) if "pages" in steps else {}
    base = {}
    if "baseline" in steps:
        log("pandas baseline …")
        base = baseline.bench(assets["csv"], runs=args.runs, log=log)
    imports = bench_import(assets["xlsx"], args.runs) if "import" in steps else {}
    memory = bench_memory(db, pages_to_run) if "memory" in steps else {}
    write_markdown(args.out, args, built, pages, imports, memory, base)
    log(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
