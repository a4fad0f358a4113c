"""Contract: files are read and checked in a worker process under limits. Hostile files
(built by tests/hostile.py from raw OOXML and bytes) are refused with a message naming the
file, before anything large is allocated where a check can tell; what no check can tell
(a far cell in a large sheet) ends the worker, never the process that asked; each limit
(memory, wall time, result size) becomes its own message; only regular files are read."""
from __future__ import annotations

import os

import pytest

import hostile
from analytics import importer, storage, worker
from builders import NOW, fingerprint, load_halls


@pytest.fixture
def con():
    con = storage.connect(":memory:")
    load_halls(con)
    yield con
    con.close()


# (file name, builder, words of the refusal) — each made small enough for a test where
# the builder takes a size; the full-size ones are in `python tests/hostile.py DIR`.
HOSTILE = [
    ("far_cell.xlsx", hostile.far_cell, ["数据", "A1:XFD1048576"]),
    ("far_column.xlsx", hostile.far_column, ["A1:Z1048576", "holds 6 cell(s)"]),
    ("lying_dimension.xlsx", hostile.lying_dimension, ["A1:XFD1048576"]),
    ("far_cell_in_a_large_sheet.xlsx", hostile.far_cell_in_a_large_sheet,
     ["stopped the reader (SIGABRT)", "nothing was imported"]),
    ("bomb_by_ratio.xlsx", hostile.bomb_by_ratio, ["decompression bomb"]),
    ("bomb_by_size.xlsx", hostile.bomb_by_size, ["3,000 MB", "decompression bomb"]),
    ("many_lines.csv", lambda: hostile.many_lines_csv(3_000), ["3,001 lines", "limit of 50"]),
    ("one_line.csv", lambda: hostile.one_line_csv(17), ["line 1 is 17.0 MB"]),
]


@pytest.mark.parametrize("name, build, words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_with_a_message_and_the_caller_carries_on(con, tmp_path, name, build, words):
    path = tmp_path / name
    path.write_bytes(build())
    before = fingerprint(con)
    (result,) = importer.import_paths(con, [path], now=NOW, max_rows=50)
    assert not result.ok
    assert result.error.startswith(f"{path}: ")
    for word in words:
        assert word in result.error, result.error
    assert "\u4e00" <= min(ch for ch in result.error.render("zh") if ord(ch) > 0x4dff) <= "\u9fff"
    assert fingerprint(con) == before
    # The same process imports a good file straight after.
    assert importer.import_paths(con, [_good_file(tmp_path)], now=NOW)[0].ok


def _good_file(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("工单编号,受理时间,投诉类别,营业厅编码,工单状态\nT1,2026-10-01 09:00,积分兑换,020001,处理中\n",
                    encoding="utf-8")
    return path


def test_a_link_to_a_device_is_refused_unread(con, tmp_path):
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    (result,) = importer.import_paths(con, [link], now=NOW)
    assert "not a regular file" in result.error and str(link) in result.error


def test_a_pipe_is_refused_without_waiting_for_a_writer(con, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    (result,) = importer.import_paths(con, [fifo], now=NOW)
    assert "not a regular file" in result.error


def test_a_file_over_the_size_limit_is_refused_unread(con, tmp_path):
    path = _good_file(tmp_path)
    (result,) = importer.import_paths(con, [path], now=NOW, max_bytes=10)
    assert "over the limit of 0 MB" in result.error or "file is 0 MB" in result.error


def _context(con):
    return importer.ImportContext.from_db(con, NOW)


def _tickets_csv(rows: int) -> bytes:
    return ("工单编号,受理时间,投诉类别,营业厅编码,工单状态\n"
            + "".join(f"T{i},2026-10-01 09:00,积分兑换,020001,处理中\n" for i in range(rows))).encode()


def test_the_worker_returns_what_parse_file_returns(con):
    data = _tickets_csv(20)
    stats = worker.WorkerStats()
    isolated = worker.parse_isolated("t.csv", data, context=_context(con), now=NOW, stats=stats)
    direct = importer.parse_file(None, "t.csv", data, context=_context(con), now=NOW)
    assert isolated.ok and direct.ok
    assert isolated.sheets[0].frame.drop(columns="_raw").equals(direct.sheets[0].frame.drop(columns="_raw"))
    assert stats.exit == "ok" and stats.peak_rss_mb > 10


def test_progress_reaches_the_caller(con):
    seen = []
    worker.parse_isolated("t.csv", _tickets_csv(20), context=_context(con), now=NOW, on_progress=seen.append)
    assert seen and seen == sorted(seen) and 0 < seen[-1] <= 1


@pytest.mark.parametrize("limits, code", [
    (worker.WorkerLimits(memory_mb=50), {"worker_out_of_memory", "worker_crashed"}),
    (worker.WorkerLimits(wall_seconds=0), {"worker_timeout"}),
    (worker.WorkerLimits(result_mb=0), {"worker_result_too_large"}),
], ids=["memory", "wall time", "result size"])
def test_each_limit_ends_the_worker_with_its_own_message(con, limits, code):
    stats = worker.WorkerStats()
    result = worker.parse_isolated("t.csv", _tickets_csv(2_000), limits=limits, context=_context(con), now=NOW,
                                   stats=stats)
    assert result.error.params["msg"].code in code, result.error
    assert result.error.params["file"] == "t.csv"
    assert stats.exit != "ok"


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_WORKER_MEMORY_MB", "1234")
    monkeypatch.setenv("HALL_ANALYTICS_WORKER_WALL_SECONDS", "7")
    limits = worker.WorkerLimits.from_env()
    assert (limits.memory_mb, limits.wall_seconds, limits.cpu_seconds) == (1234, 7, worker.WorkerLimits.cpu_seconds)


def test_the_context_learnt_in_the_worker_reaches_the_next_file(con, tmp_path):
    """A halls list checked in one worker lets the next file's rows refer to its halls."""
    halls = tmp_path / "halls.csv"
    halls.write_text("营业厅编码,营业厅名称,区域,地市\n099001,新开厅,珠三角,广州\n", encoding="utf-8")
    tickets = tmp_path / "t.csv"
    tickets.write_text("工单编号,受理时间,投诉类别,营业厅编码,工单状态\nT1,2026-10-01 09:00,积分兑换,099001,处理中\n",
                       encoding="utf-8")
    results = importer.preview_files(con, [(str(tickets), tickets.read_bytes()), (str(halls), halls.read_bytes())],
                                     now=NOW)
    assert all(r.ok for r in results)
    assert all(r.worker_peak_mb and r.worker_peak_mb > 10 for r in results)
    ticket_sheet = next(s for r in results for s in r.sheets if s.dataset == "complaints")
    assert ticket_sheet.waiting_rows == 0


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_unread(con, tmp_path):
    rows = b"".join(b'<row r="%d">' % r + hostile.inline(b"A%d" % r, b"T") + b"</row>" for r in range(2, 1_200))
    path = tmp_path / "long.xlsx"
    path.write_bytes(hostile.workbook(hostile.sheet(rows, dimension=b"A1:E1199")))
    (result,) = importer.import_paths(con, [path], now=NOW, max_rows=50)
    assert "declares 1,199 rows (A1:E1199), over the limit of 50" in result.error
