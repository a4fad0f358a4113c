"""Contract: each file is one transaction with one batch id; re-importing changes nothing;
a later export of the same key replaces the row (latest wins) and says so; undo removes
exactly what a batch inserted and restores what it replaced; a failure anywhere in the
write leaves the database exactly as before; a locked database gives a clear message."""
import subprocess
import sys
import textwrap

import pytest

from analytics import importer, schema, storage
from builders import NOW, fingerprint, load_halls, xlsx

HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "办结时间"]


def tickets(*rows):
    return xlsx(("工单", [["投诉工单明细"], HEADER, *rows, ["合计", str(len(rows))]]))


OPEN_T1 = ["T1", "2026-10-01 09:00", "积分兑换", "020001", "处理中", None]
DONE_T1 = ["T1", "2026-10-01 09:00", "积分兑换", "020001", "已办结", "2026-10-02 10:00"]
OPEN_T2 = ["T2", "2026-10-03 09:00", "计费争议", "020002", "处理中", None]
OPEN_T3 = ["T3", "2026-10-04 09:00", "网络质量", "020002", "处理中", None]


@pytest.fixture
def con():
    con = storage.connect(":memory:")
    load_halls(con)
    yield con
    con.close()


def load(con, data, name="complaints.xlsx"):
    result = importer.import_file(con, name, data, now=NOW)
    assert result.ok, result.as_dict()
    return result, result.sheets[0]


def test_reimporting_the_same_file_changes_nothing(con):
    data = tickets(OPEN_T1, OPEN_T2)
    load(con, data)
    before = fingerprint(con)
    _, sheet = load(con, data)
    assert (sheet.inserted, sheet.updated, sheet.unchanged) == (0, 0, 2)
    after = fingerprint(con)
    # Only the import log grows (the second batch is recorded); no data row moved.
    for table in ("complaints", "_replaced_complaints", "halls"):
        assert after[table] == before[table]


def test_a_later_export_of_the_same_ticket_updates_it_and_says_so(con):
    load(con, tickets(OPEN_T1, OPEN_T2))
    _, sheet = load(con, tickets(DONE_T1, OPEN_T2, OPEN_T3))
    assert (sheet.inserted, sheet.updated, sheet.unchanged) == (1, 1, 1)
    assert any("latest import wins" in w for w in sheet.warnings)
    assert con.execute("SELECT status, resolved_at IS NOT NULL FROM complaints WHERE ticket_id = 'T1'").fetchall() == \
        [("resolved", True)]
    assert con.execute("SELECT count(*) FROM complaints").fetchone() == (3,)


def test_undo_removes_inserted_rows_and_restores_replaced_ones(con):
    first, _ = load(con, tickets(OPEN_T1, OPEN_T2))
    state_after_first = fingerprint(con)["complaints"]
    second, _ = load(con, tickets(DONE_T1, OPEN_T3))
    summary = storage.undo_batch(con, second.batch_id)
    assert summary == {"complaints": {"removed": 2, "restored": 1}}
    assert fingerprint(con)["complaints"] == state_after_first
    log = storage.import_log(con).set_index("batch_id")
    assert log.loc[second.batch_id, "status"] == "undone"
    with pytest.raises(storage.UndoRefused, match="already undone"):
        storage.undo_batch(con, second.batch_id)


def test_undo_of_a_batch_overwritten_later_is_refused_until_the_later_one_is_undone(con):
    first, _ = load(con, tickets(OPEN_T1))
    second, _ = load(con, tickets(DONE_T1))
    with pytest.raises(storage.UndoRefused, match=f"Undo batch {second.batch_id} first"):
        storage.undo_batch(con, first.batch_id)
    storage.undo_batch(con, second.batch_id)
    storage.undo_batch(con, first.batch_id)
    assert con.execute("SELECT count(*) FROM complaints").fetchone() == (0,)


def test_undo_of_the_halls_batch_is_refused_while_other_rows_refer_to_its_halls(con):
    halls_batch = con.execute("SELECT min(batch_id) FROM import_batches").fetchone()[0]
    tickets_result, _ = load(con, tickets(OPEN_T1, OPEN_T2))
    before = fingerprint(con)
    with pytest.raises(storage.UndoRefused) as refused:
        storage.undo_batch(con, halls_batch)
    message = refused.value.message
    assert message.code == "undo_orphans"
    assert "added 3 hall(s) that 2 row(s) of Complaint tickets still refer to (e.g. hall 020001)" in message
    assert "批次" in message.render("zh") and "投诉工单" in message.render("zh")
    assert fingerprint(con) == before
    storage.undo_batch(con, tickets_result.batch_id)
    storage.undo_batch(con, halls_batch)  # nothing refers to its halls any more
    assert con.execute("SELECT count(*) FROM halls").fetchone() == (0,)


def test_a_failed_cast_reports_its_own_error_not_the_aborted_transaction(con):
    """The importer's bounds keep such values out; should one get through, its error must
    say which column, not 'Current transaction is aborted'."""
    import duckdb
    import pandas as pd

    ds = schema.DATASETS["halls"]
    frame = pd.DataFrame({c: [None] for c in storage.dataset_columns(ds)})
    frame["counters"] = [1e30]
    con.execute("BEGIN TRANSACTION")
    try:
        with pytest.raises(duckdb.ConversionException, match="counters"):
            storage.upsert(con, ds, frame, 99)
    finally:
        con.execute("ROLLBACK")


def test_a_failure_in_the_middle_of_the_write_leaves_the_database_as_it_was(con, monkeypatch):
    load(con, tickets(OPEN_T1))
    before = fingerprint(con)
    calls = []
    real_record_sheet = storage.record_sheet

    def record_then_fail(*args, **kwargs):
        real_record_sheet(*args, **kwargs)  # rows and the sheet log are written by now
        calls.append(1)
        raise OSError("disk full")

    monkeypatch.setattr(storage, "record_sheet", record_then_fail)
    result = importer.import_file(con, "c.xlsx", tickets(DONE_T1, OPEN_T2, OPEN_T3), now=NOW)
    assert calls and not result.ok and "nothing was imported" in result.error and "disk full" in result.error
    assert result.batch_id is None
    assert fingerprint(con) == before


def test_a_dry_run_counts_without_writing(con):
    load(con, tickets(OPEN_T1))
    before = fingerprint(con)
    result = importer.import_file(con, "c.xlsx", tickets(DONE_T1, OPEN_T2), now=NOW, dry_run=True)
    sheet = result.sheets[0]
    assert (sheet.inserted, sheet.updated) == (1, 1) and not result.committed
    assert fingerprint(con) == before


def test_a_database_held_by_another_process_gives_a_clear_message(tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(db)!r})
        print("ready", flush=True)
        sys.stdin.readline()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(storage.DatabaseBusyError, match="in use by another program") as info:
            storage.connect(db)
        assert "Stop the running app" in str(info.value)
        assert "Traceback" not in str(info.value)
    finally:
        holder.communicate("\n", timeout=10)


def test_schema_creation_is_idempotent(tmp_path):
    db = tmp_path / "x.duckdb"
    storage.connect(db).close()
    con = storage.connect(db)
    assert con.execute("SELECT count(*) FROM survey_scales").fetchone() == (len(schema.SCALES),)
    assert storage.is_empty(con)


def test_rejected_rows_are_stored_in_bulk_with_their_exact_values():
    con = storage.connect(":memory:")
    rows = [("退件 bad.csv", "Sheet1", "complaints", 2 + i, None if i % 3 == 0 else "受理时间",
             f"受理时间: 'x{i}' is not a date", None if i % 7 == 0 else f'{{"工单编号": "T{i:03d}", "备注": "it\'s \\"{i}\\""}}')
            for i in range(300)]
    # Inside the caller's transaction: a rollback takes them back, as for a dry run.
    con.execute("BEGIN TRANSACTION")
    storage.record_rejections(con, 41, rows)
    assert con.execute("SELECT count(*) FROM import_rejections").fetchone() == (300,)
    con.execute("ROLLBACK")
    assert con.execute("SELECT count(*) FROM import_rejections").fetchone() == (0,)

    con.execute("BEGIN TRANSACTION")
    storage.record_rejections(con, 42, rows)
    storage.record_rejections(con, 42, [])  # nothing to write is fine
    con.execute("COMMIT")
    stored = con.execute("SELECT * FROM import_rejections ORDER BY row_number").fetchall()
    assert stored == [(42, *r) for r in rows]
    # By hand: the first, a middle and the last row.
    assert stored[0] == (42, "退件 bad.csv", "Sheet1", "complaints", 2, None, "受理时间: 'x0' is not a date", None)
    assert stored[100] == (42, "退件 bad.csv", "Sheet1", "complaints", 102, "受理时间", "受理时间: 'x100' is not a date",
                           '{"工单编号": "T100", "备注": "it\'s \\"100\\""}')
    assert stored[299] == (42, "退件 bad.csv", "Sheet1", "complaints", 301, "受理时间", "受理时间: 'x299' is not a date",
                           '{"工单编号": "T299", "备注": "it\'s \\"299\\""}')
    assert con.execute("SELECT count(*) FILTER (WHERE column_name IS NULL), count(*) FILTER (WHERE raw_values IS NULL), "
                       "min(row_number), max(row_number) FROM import_rejections").fetchone() == (100, 43, 2, 301)
    assert [r[1] for r in con.execute("DESCRIBE import_rejections").fetchall()] == \
        ["BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR"]
    con.close()


def test_the_log_goes_to_a_rotating_file_beside_the_database(tmp_path):
    import logging

    from analytics import logs

    db = tmp_path / "hall.duckdb"
    path = logs.configure(db)
    assert path == tmp_path / "hall.duckdb.log" and logs.configure(db) == path  # once per file
    try:
        raise ValueError("a cell nobody expected")
    except ValueError:
        logging.getLogger("analytics.test").exception("checking failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = "\n".join(logs.tail(db))
    assert "ERROR analytics.test" in text and "Traceback" in text and "ValueError: a cell nobody expected" in text
    other = logs.configure(tmp_path / "other.duckdb")  # the app pointed elsewhere: the handler moves
    assert other.name == "other.duckdb.log"
    assert sum(h.get_name() == "hall_analytics_file" for h in logging.getLogger().handlers) == 1
