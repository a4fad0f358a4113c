"""Contract: an import killed at any moment (SIGKILL, no chance to clean up) leaves a
database that opens, reads through, keeps its bookkeeping consistent, and holds each file
either whole or not at all. The command-line import is killed at random points, many times."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from analytics import storage
from builders import halls_file, xlsx

ROOT = Path(__file__).resolve().parent.parent
KILLS = 24
ROWS = 3000
HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "办结时间"]


def tickets(prefix: str) -> bytes:
    rows = [[f"{prefix}-{i:05d}", f"2026-10-{1 + i % 28:02d} {8 + i % 10:02d}:00", "积分兑换", "020001",
             "已办结" if i % 3 else "处理中", f"2026-10-{1 + i % 28:02d} 20:00" if i % 3 else None] for i in range(ROWS)]
    return xlsx(("工单", [["投诉工单明细"], HEADER, *rows]))


def run_import(db: Path, path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analytics", "import", str(path), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def check(db: Path, prefixes: list[str]) -> dict[str, int]:
    """Open, read every table through, check the bookkeeping; tickets stored per file."""
    con = storage.connect(db)  # replays the WAL; raises if the file is damaged
    try:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            con.execute(f'SELECT * FROM "{table}"').fetchall()
        orphans = con.execute("""SELECT count(*) FROM complaints c LEFT JOIN import_batches b ON b.batch_id = c._batch_id
                                 WHERE b.batch_id IS NULL OR b.status <> 'committed'""").fetchone()[0]
        assert orphans == 0, "rows of a batch that never committed"
        mismatched = con.execute("""
            SELECT b.batch_id FROM import_batches b
            LEFT JOIN (SELECT batch_id, sum(inserted) AS inserted FROM import_sheets GROUP BY 1) s USING (batch_id)
            LEFT JOIN (SELECT _batch_id AS batch_id, count(*) AS stored FROM complaints GROUP BY 1) c USING (batch_id)
            WHERE b.status = 'committed' AND b.file_name <> 'halls.xlsx'
              AND coalesce(s.inserted, 0) <> coalesce(c.stored, 0)""").fetchall()
        assert not mismatched, f"batches whose stored rows differ from their log: {mismatched}"
        con.execute("CHECKPOINT")
        return {p: con.execute("SELECT count(*) FROM complaints WHERE starts_with(ticket_id, ?)",
                               [p + "-"]).fetchone()[0] for p in prefixes}
    finally:
        con.close()


def test_an_import_killed_at_random_points_is_whole_or_absent(tmp_path):
    db = tmp_path / "hall.duckdb"
    (tmp_path / "halls.xlsx").write_bytes(halls_file())
    assert run_import(db, tmp_path / "halls.xlsx").wait(timeout=120) == 0
    # How long one import takes here, so the kills land before, during and after the commit.
    calibration = tmp_path / "calibrate.xlsx"
    calibration.write_bytes(tickets("CAL"))
    started = time.monotonic()
    assert run_import(db, calibration).wait(timeout=120) == 0
    duration = time.monotonic() - started
    seed = int(os.environ.get("KILL_TEST_SEED", "20261201"))
    rng = random.Random(seed)
    prefixes, outcomes = ["CAL"], {"whole": 0, "absent": 0}
    for k in range(KILLS):
        prefix = f"K{k:02d}"
        path = tmp_path / f"{prefix}.xlsx"
        path.write_bytes(tickets(prefix))
        proc = run_import(db, path)
        time.sleep(rng.uniform(0.1, duration * 1.05))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        prefixes.append(prefix)
        counts = check(db, prefixes)
        assert counts[prefix] in (0, ROWS), f"kill {k} (seed {seed}): {counts[prefix]} of {ROWS} rows stored"
        outcomes["whole" if counts[prefix] == ROWS else "absent"] += 1
        assert all(counts[p] == ROWS for p in prefixes[:-1] if counts[p]), counts
    print(f"{KILLS} kills survived: {outcomes['whole']} imports whole, {outcomes['absent']} absent (seed {seed}, "
          f"one import {duration:.2f} s)")
    assert outcomes["whole"] and outcomes["absent"], f"the kills missed the import's window: {outcomes}"


def test_a_database_file_is_never_left_locked(tmp_path):
    db = tmp_path / "hall.duckdb"
    (tmp_path / "halls.xlsx").write_bytes(halls_file())
    proc = run_import(db, tmp_path / "halls.xlsx")
    time.sleep(0.8)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    duckdb.connect(str(db)).close()  # the lock goes with the process
