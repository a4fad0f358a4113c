"""Contract: several sessions read the dashboard while imports commit, as in the app: one
connection per process, a cursor per thread. No reader errors, none sees "database is
locked", and every reading is a state the database really had (before an import or after
it, never half of one)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

from analytics import importer, storage
from analytics.filters import Filters
from analytics.metrics import complaints
from builders import NOW, load_halls, xlsx

READERS = 4
IMPORTS = 3
ROWS = 400
OCTOBER = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"]


def tickets(batch: int) -> bytes:
    rows = [[f"B{batch}-{i:04d}", f"2026-10-{1 + i % 28:02d} 09:00", "计费争议", "020001", "处理中"] for i in range(ROWS)]
    return xlsx(("工单", [HEADER, *rows]))


def test_readers_see_whole_imports_while_they_commit(tmp_path):
    con = storage.connect(tmp_path / "hall.duckdb")  # the app's one connection
    load_halls(con)
    files = [tickets(b) for b in range(IMPORTS)]
    possible = {ROWS * k for k in range(IMPORTS + 1)}  # 0, then each whole import added
    seen: list[list[int]] = [[] for _ in range(READERS)]
    errors: list[str] = []
    done = threading.Event()

    def reader(slot: int) -> None:
        cursor = con.cursor()  # a cursor per thread, as ui.cursor() gives each query
        try:
            while not done.is_set():
                tickets_now = int(complaints.complaint_summary(cursor, OCTOBER, now=NOW)["tickets"].iloc[0])
                by_hall = int(complaints.complaints_by(cursor, OCTOBER, by="hall", now=NOW)["tickets"].sum())
                seen[slot].append(tickets_now)
                if tickets_now not in possible or by_hall not in possible:
                    errors.append(f"reader {slot} saw {tickets_now} / {by_hall} tickets: half an import")
        except Exception as exc:  # noqa: BLE001 - any error is the failure being tested for
            errors.append(f"reader {slot}: {type(exc).__name__}: {exc}")
        finally:
            cursor.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    writer = con.cursor()
    for number, data in enumerate(files):
        time.sleep(0.5)
        result = importer.import_file(writer, f"batch{number}.xlsx", data, now=NOW, source="app")
        assert result.committed, result.as_dict()
    time.sleep(0.3)
    done.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors[:5]
    assert all(values for values in seen), "every reader read"
    for values in seen:
        assert values == sorted(values), "a reader went back in time"
    assert max(max(v) for v in seen) == ROWS * IMPORTS
    total = sum(len(v) for v in seen)
    print(f"{READERS} concurrent readers, {IMPORTS} imports, {total} readings, none half")
    con.close()


def test_a_second_process_gets_a_clear_message_not_a_lock_traceback(tmp_path):
    db = tmp_path / "hall.duckdb"
    con = storage.connect(db)  # this process holds the file, as the running app does
    try:
        out, out_en = (subprocess.run([sys.executable, "-m", "analytics", "log", "--db", str(db), *lang],
                                      capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                                      timeout=120) for lang in ((), ("--lang", "en")))
    finally:
        con.close()
    assert out.returncode == 1 and "正被另一个程序" in out.stderr and "Traceback" not in out.stderr
    assert out_en.returncode == 1 and "is in use by another program" in out_en.stderr
