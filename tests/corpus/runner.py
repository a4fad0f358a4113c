"""Import the corpus through the real command line and collect what each file gave.

`run_corpus(directory, db)` runs `python -m analytics import … --db db --json` once per
run of RUNS (see _common.py), on one database, and after each run reads back the rows
its expectations check. `compare_*` turn an Outcome into a list of readable problems;
`recognition_rate` scores the header recognition over the corpus.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import EXPECTED
from ._common import KEY_COLUMNS, RUNS, FileExpect, Sheet

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ("halls", "staff", "surveys", "complaints", "sales", "training")


@dataclass
class Run:
    name: str
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    report: dict | None          # the parsed --json output, None when it was not JSON

    def failure(self) -> str:
        last = (self.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"run {self.name!r} exited {self.returncode} without a JSON report: {last}"


@dataclass
class Outcome:
    expect: FileExpect
    run: Run
    file: dict | None                                  # this file's entry of the report
    rows: dict[str, object] = field(default_factory=dict)     # check label -> row dict, or an error string
    present: dict[str, int] = field(default_factory=dict)     # absent label -> rows found


def _cli(args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HALL_ANALYTICS_DB"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _order(expects: list[FileExpect], run: str) -> list[FileExpect]:
    """The main run gives the files in reverse dependency order: halls list last, staff
    lists just before it. The importer must order them by content."""
    if run != "main":
        return expects
    rank = {"halls": 2, "staff": 1}
    return sorted(expects, key=lambda e: max((rank.get(s.dataset, 0) for s in e.sheets), default=0))


def _fetch(con, check) -> object:
    cols = sorted(check.values)
    select = ", ".join(f'"{c}"' for c in cols) or "1"
    if check.key is not None:
        sql = f'SELECT {select} FROM {check.table} WHERE "{KEY_COLUMNS[check.table]}" = ?'
        params = [check.key]
    else:
        sql = f"SELECT {select} FROM {check.table} WHERE {check.where}"
        params = list(check.params)
    try:
        found = con.execute(sql, params).fetchall()
    except duckdb.Error as exc:
        return f"query failed: {exc}".splitlines()[0]
    if len(found) != 1:
        return f"{len(found)} rows match"
    return dict(zip(cols, found[0]))


def _count(con, absent) -> int:
    try:
        return con.execute(f'SELECT count(*) FROM {absent.table} WHERE "{KEY_COLUMNS[absent.table]}" = ?',
                           [absent.key]).fetchone()[0]
    except duckdb.Error:
        return -1


def run_corpus(directory: str | Path, db: str | Path) -> dict[str, Outcome]:
    """Every expectation's outcome, keyed by FileExpect.id."""
    directory = Path(directory)
    outcomes: dict[str, Outcome] = {}
    for run in RUNS:
        expects = _order([e for e in EXPECTED if e.run == run], run)
        if not expects:
            continue
        argv = ["import", *[str(directory / e.name) for e in expects], "--db", str(db), "--json"]
        for e in expects:
            argv += [f for f in e.flags if f not in argv]
            if e.mapping and "--mapping" not in argv:
                argv += ["--mapping", str(directory / e.mapping)]
        done = _cli(argv)
        try:
            report = json.loads(done.stdout)
        except ValueError:
            report = None
        result = Run(run, argv, done.returncode, done.stdout, done.stderr, report)
        by_name = {Path(f["file"]).name: f for f in (report or {}).get("files", [])}
        con = duckdb.connect(str(db), read_only=True) if Path(db).exists() else None
        try:
            for e in expects:
                out = Outcome(e, result, by_name.get(e.name))
                for check in e.checks:
                    out.rows[check.label()] = _fetch(con, check) if con else "no database"
                for absent in e.absent:
                    out.present[f"{absent.table}[{absent.key}]"] = _count(con, absent) if con else 0
                outcomes[e.id] = out
        finally:
            if con is not None:
                con.close()
    return outcomes


# --- comparing ----------------------------------------------------------------------

def _sheet_result(file: dict, sheet: Sheet) -> dict | None:
    sheets = file.get("sheets") or []
    if sheet.name is not None:
        return next((s for s in sheets if s.get("sheet") == sheet.name), None)
    if len(sheets) == 1:
        return sheets[0]
    return next((s for s in sheets if s.get("dataset")), None)


def _file_problem(out: Outcome) -> str | None:
    if out.run.report is None:
        return out.run.failure()
    if out.file is None:
        return f"{out.expect.name} is missing from the report of run {out.run.name!r}"
    return None


def compare_counts(out: Outcome) -> list[str]:
    """Dataset, accepted and rejected counts per sheet; rejected rows; ignored sheets."""
    e = out.expect
    if problem := _file_problem(out):
        return [problem]
    if e.file_error:
        if not out.file.get("error"):
            return [f"file should be refused in run {out.run.name!r}, but was written: " + _sheet_summary(out.file)]
        problems = []
        if e.refused_for and e.refused_for not in json.dumps(out.file, ensure_ascii=False):
            problems.append(f"refused, but the report does not name {e.refused_for!r}: {out.file['error']}")
        for sheet in e.sheets:  # read and recognised, then refused: not refused for being unreadable
            got = _sheet_result(out.file, sheet)
            if got is None or got.get("dataset") != sheet.dataset:
                problems.append(f"sheet {sheet.name or '(text file)'} should be read as {sheet.dataset} before "
                                f"being refused: {_sheet_summary(out.file)}; error {out.file['error']}")
        return problems
    problems = []
    if out.file.get("error"):
        problems.append(f"file error: {out.file['error']}")
    for sheet in e.sheets:
        got = _sheet_result(out.file, sheet)
        where = sheet.name or "(text file)"
        if got is None:
            problems.append(f"sheet {where}: not in the report ({_sheet_summary(out.file)})")
            continue
        if got.get("error"):
            problems.append(f"sheet {where}: error {got['error']}")
        if got.get("dataset") != sheet.dataset:
            problems.append(f"sheet {where}: dataset {got.get('dataset')!r}, expected {sheet.dataset!r}")
        if sheet.accepted is not None and got.get("accepted") != sheet.accepted:
            problems.append(f"sheet {where}: accepted {got.get('accepted')}, expected {sheet.accepted}")
        if got.get("rejected") != sheet.rejected:
            reasons = "; ".join(f"row {x.get('row')}: {x.get('reason')}" for x in (got.get("errors") or [])[:6])
            problems.append(f"sheet {where}: rejected {got.get('rejected')}, expected {sheet.rejected}"
                            + (f" ({reasons})" if reasons else ""))
        error_rows = {x.get("row") for x in got.get("errors") or []}
        for row, why in sheet.rejected_rows.items():
            if row not in error_rows:
                problems.append(f"sheet {where}: row {row} should be rejected ({why}); no error reported for it")
    for name, why in e.ignored_sheets.items():
        for got in out.file.get("sheets") or []:
            if got.get("sheet") == name and got.get("dataset") and (got.get("accepted") or 0) > 0:
                problems.append(f"sheet {name} ({why}) was imported as {got['dataset']}: {got['accepted']} rows")
    return problems


def _sheet_summary(file: dict) -> str:
    parts = [f"{s.get('sheet')}→{s.get('dataset')} {s.get('accepted')}/{s.get('rejected')}"
             + (f" error {s['error']}" if s.get("error") else "") for s in file.get("sheets") or []]
    return ", ".join(parts) or "no sheets"


def field_columns(sheet_result: dict) -> dict[str, str]:
    """{field: column letter} as the importer reported it."""
    return dict(sheet_result.get("field_columns") or {})


def compare_columns(out: Outcome) -> list[str]:
    """For every column of every expected sheet: the field it is, or none."""
    e = out.expect
    if problem := _file_problem(out):
        return [problem]
    problems = []
    for sheet in e.sheets:
        got = _sheet_result(out.file, sheet)
        if got is None:
            problems.append(f"sheet {sheet.name or '(text file)'}: not in the report")
            continue
        by_letter: dict[str, list[str]] = {}
        for f, letter in field_columns(got).items():
            by_letter.setdefault(letter, []).append(f)
        for letter, (header, want) in sheet.columns.items():
            have = sorted(by_letter.get(letter, []))
            options = want if isinstance(want, tuple) else (want,)
            ok = (not have and None in options) or (len(have) == 1 and have[0] in options)
            if not ok:
                shown = " or ".join("nothing" if o is None else o for o in options)
                problems.append(f"{letter} {header!r}: expected {shown}, got {', '.join(have) or 'nothing'}")
    return problems


def _same(want, have) -> bool:
    if want is None or have is None:
        return want is None and have is None
    if isinstance(want, bool) or isinstance(have, bool):
        return isinstance(have, bool) and isinstance(want, bool) and want == have
    if isinstance(want, (int, float)) and isinstance(have, (int, float)):
        return math.isclose(float(want), float(have), rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(want, dt.datetime) or isinstance(have, dt.datetime):
        return isinstance(have, dt.datetime) and isinstance(want, dt.datetime) and want == have
    return want == have


def compare_values(out: Outcome) -> list[str]:
    """Stored values of each check, and rows that must not be stored."""
    e = out.expect
    problems = []
    if out.run.report is None:
        problems.append(out.run.failure())
    for check in e.checks:
        row = out.rows.get(check.label())
        note = f" ({check.note})" if check.note else ""
        if not isinstance(row, dict):
            problems.append(f"{check.label()}: {row}{note}")
            continue
        diffs = [f"{k}={row[k]!r} (expected {v!r})" for k, v in check.values.items() if not _same(v, row[k])]
        if diffs:
            problems.append(f"{check.label()}: " + ", ".join(diffs) + note)
    for absent in e.absent:
        label = f"{absent.table}[{absent.key}]"
        n = out.present.get(label, 0)
        if n:
            problems.append(f"{label} is stored but must not be ({absent.note})")
    return problems


# --- recognition rate -----------------------------------------------------------------

def recognition_rate(results) -> dict[str, dict]:
    """Per dataset: fields present in the corpus (columns whose field is known, from files
    the importer reads on its own), how many the importer assigned to the right column
    (in a sheet it put in the right dataset), how many fields it put on a wrong column,
    and the rate right / present. `results`: run_corpus's dict (or its values). The key
    "overall" sums the datasets."""
    outcomes = results.values() if isinstance(results, dict) else results
    table = {ds: {"files": set(), "present": 0, "right": 0, "wrong": 0} for ds in DATASETS}
    for out in outcomes:
        e = out.expect
        if not e.counts_in_rate:
            continue
        for sheet in e.sheets:
            row = table[sheet.dataset]
            row["files"].add(e.name)
            got = (_sheet_result(out.file, sheet) if out.file else None) or {}
            same_dataset = got.get("dataset") == sheet.dataset
            reported = field_columns(got) if same_dataset else {}
            want_letter = {f: letter for letter, f in sheet.fields().items() if isinstance(f, str)}
            acceptable = {letter: f for letter, f in sheet.fields().items()}
            for f, letter in want_letter.items():
                row["present"] += 1
                row["right"] += reported.get(f) == letter
            for f, letter in reported.items():
                if want_letter.get(f) == letter:
                    continue
                opts = acceptable.get(letter)
                if isinstance(opts, tuple) and f in opts:
                    continue
                row["wrong"] += 1
    total = {"files": set(), "present": 0, "right": 0, "wrong": 0}
    out_table = {}
    for ds, row in table.items():
        total["files"] |= row["files"]
        for k in ("present", "right", "wrong"):
            total[k] += row[k]
        out_table[ds] = {**row, "files": len(row["files"]),
                         "rate": row["right"] / row["present"] if row["present"] else None}
    out_table["overall"] = {**total, "files": len(total["files"]),
                            "rate": total["right"] / total["present"] if total["present"] else None}
    return out_table


def rate_markdown(rates: dict[str, dict]) -> str:
    lines = ["| dataset | files | fields present | recognised | on a wrong column | rate |",
             "|---|---:|---:|---:|---:|---:|"]
    for ds, row in rates.items():
        rate = "–" if row["rate"] is None else f"{row['rate']:.1%}"
        name = f"**{ds}**" if ds == "overall" else ds
        lines.append(f"| {name} | {row['files']} | {row['present']} | {row['right']} | {row['wrong']} | {rate} |")
    return "\n".join(lines)
