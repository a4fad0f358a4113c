"""Contract: `python -m analytics` scripts imports. --json prints one object with every file,
sheet, count and error; exit 0 when every file was read (rejected rows included), 1 when a
file could not be read or recognised, with one line per file on stderr and no traceback.
The database path comes from --db, else HALL_ANALYTICS_DB, else data/hall_analytics.duckdb."""
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from builders import halls_file, xlsx

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env=None, cwd=ROOT):
    run_env = {k: v for k, v in os.environ.items() if k != "HALL_ANALYTICS_DB"}
    run_env.update(env or {})
    run_env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "analytics", *map(str, args)], cwd=cwd, env=run_env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "halls.xlsx").write_bytes(halls_file())
    (tmp_path / "complaints.xlsx").write_bytes(xlsx(("工单", [
        ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"],
        ["T1", "2026-10-01 09:00", "积分兑换", "020001", "处理中"],
        ["T2", "2026-10-01 09:00", "积分兑换", "099999", "处理中"]])))
    (tmp_path / "notes.xlsx").write_bytes(b"this is not a workbook")
    return tmp_path


def test_import_json_shape_and_exit_code_with_rejected_rows(files):
    db = files / "x.duckdb"
    # Given in the "wrong" order: the halls list is still imported first.
    done = cli("import", files / "complaints.xlsx", files / "halls.xlsx", "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [Path(f["file"]).name for f in report["files"]] == ["halls.xlsx", "complaints.xlsx"]
    sheet = report["files"][1]["sheets"][0]
    assert {k: sheet[k] for k in ("sheet", "dataset", "rows_read", "accepted", "rejected", "updated", "skipped")} == \
        {"sheet": "工单", "dataset": "complaints", "rows_read": 2, "accepted": 2, "rejected": 0, "updated": 0,
         "skipped": 0}
    # A ticket of a hall the halls list does not hold yet is kept, and said to wait for it.
    assert sheet["errors"] == [] and (sheet["waiting_rows"], sheet["waiting_halls"]) == (1, ["099999"])
    assert report["files"][1]["error"] is None
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM complaints").fetchone() == (2,)


def test_an_unreadable_file_exits_1_with_one_line_on_stderr(files):
    done = cli("import", files / "notes.xlsx", files / "halls.xlsx", "--db", files / "y.duckdb", "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    bad = next(f for f in report["files"] if f["file"].endswith("notes.xlsx"))
    assert "not an Excel workbook" in bad["error"]
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "notes.xlsx" in done.stderr


def test_database_path_from_the_environment_and_the_default(files, tmp_path):
    env_db = tmp_path / "from_env.duckdb"
    assert cli("import", files / "halls.xlsx", env={"HALL_ANALYTICS_DB": str(env_db)}).returncode == 0
    assert env_db.exists()
    work = tmp_path / "cwd"
    work.mkdir()
    assert cli("import", files / "halls.xlsx", cwd=work).returncode == 0
    assert (work / "data" / "hall_analytics.duckdb").exists()


def test_mapping_file_and_saved_profile(files):
    db = files / "m.duckdb"
    odd = files / "odd.xlsx"
    odd.write_bytes(xlsx(("s", [["单号", "时间", "问题", "门店", "进度"], ["X1", "2026-10-01 09:00", "网络质量", "020001", "处理中"]])))
    mapping = files / "mapping.json"
    mapping.write_text(json.dumps({"dataset": "complaints", "columns": {
        "单号": "ticket_id", "时间": "received_at", "问题": "category", "门店": "hall_code", "进度": "status"}},
        ensure_ascii=False), encoding="utf-8")
    assert cli("import", files / "halls.xlsx", "--db", db).returncode == 0
    refused = cli("import", odd, "--db", db, "--json")
    assert refused.returncode == 1 and "无法识别" in refused.stderr     # Chinese by default
    refused = cli("import", odd, "--db", db, "--json", "--lang", "en")
    assert refused.returncode == 1 and "not recognised" in refused.stderr
    assert cli("import", odd, "--db", db, "--mapping", mapping, "--save-mapping", "门店导出").returncode == 0
    odd.write_bytes(xlsx(("s", [["单号", "时间", "问题", "门店", "进度"], ["X2", "2026-10-02 09:00", "网络质量", "020001", "处理中"]])))
    again = json.loads(cli("import", odd, "--db", db, "--json").stdout)
    assert again["files"][0]["sheets"][0]["mapping_profile"] == "门店导出"
    assert again["files"][0]["sheets"][0]["accepted"] == 1


def test_undo_and_log(files):
    db = files / "u.duckdb"
    report = json.loads(cli("import", files / "halls.xlsx", "--db", db, "--json").stdout)
    batch = report["files"][0]["batch_id"]
    assert "halls.xlsx" in cli("log", "--db", db).stdout
    undone = cli("undo", batch, "--db", db)
    assert undone.returncode == 0 and "删除 3 行" in undone.stdout and f"批次 {batch} 已撤销" in undone.stdout
    again = cli("undo", batch, "--db", db)
    assert again.returncode == 1 and f"批次 {batch} 已经撤销过了" in again.stderr
    again_en = cli("undo", batch, "--db", db, "--lang", "en")
    assert again_en.returncode == 1 and "already undone" in again_en.stderr


def test_every_command_is_documented_in_the_readme():
    from analytics.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m analytics {name}" in readme, f"README does not document `{name}`"


def test_data_dictionary_in_docs_is_current():
    from analytics.dictionary import data_dictionary_markdown

    path = ROOT / "docs" / "data_dictionary.md"
    assert path.read_text(encoding="utf-8") == data_dictionary_markdown(), \
        "docs/data_dictionary.md is stale: run python -m analytics dictionary --out docs/data_dictionary.md"


def test_hidden_sheets_are_skipped_unless_asked_and_named_in_the_report(tmp_path):
    import openpyxl

    from builders import HALL_HEADER, HALL_ROWS
    workbook = openpyxl.Workbook()
    workbook.active.title = "厅店清单"
    for row in (HALL_HEADER, HALL_ROWS[0]):
        workbook.active.append(row)
    stale = workbook.create_sheet("旧清单")
    for row in (HALL_HEADER, ["029999", "旧厅", *HALL_ROWS[0][2:]]):
        stale.append(row)
    stale.sheet_state = "hidden"
    path = tmp_path / "halls.xlsx"
    workbook.save(path)

    skipped = cli("import", path, "--db", tmp_path / "a.duckdb", "--json")
    assert skipped.returncode == 0, skipped.stderr
    (file,) = json.loads(skipped.stdout)["files"]
    assert file["hidden_sheets"] == ["旧清单"] and [s["sheet"] for s in file["sheets"]] == ["厅店清单"]
    included = cli("import", path, "--db", tmp_path / "b.duckdb", "--json", "--include-hidden")
    assert included.returncode == 0, included.stderr
    assert duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True).execute(
        "SELECT hall_code FROM halls ORDER BY 1").fetchall() == [("020001",), ("029999",)]


def test_the_human_report_is_in_chinese_by_default_and_in_english_with_lang_en(files):
    zh = cli("import", files / "complaints.xlsx", files / "halls.xlsx", "--db", files / "zh.duckdb")
    assert zh.returncode == 0, zh.stderr
    assert "工作表 工单 → 投诉工单：读取 2 行，接受 2 行（新增 2，更新 0，未变 0），拒绝 0 行" in zh.stdout
    assert "1 行数据所属的 1 个营业厅编码不在厅店清单中：099999" in zh.stdout
    en = cli("import", files / "complaints.xlsx", files / "halls.xlsx", "--db", files / "en.duckdb", "--lang", "en")
    assert "sheet 工单 → complaints: read 2, accepted 2 (new 2, updated 0, unchanged 0), rejected 0" in en.stdout
    assert "1 row(s) wait for 1 hall code(s) not in the halls list: 099999" in en.stdout


def test_sample_if_empty_leaves_a_database_with_data_alone_in_either_language(files):
    db = files / "x.duckdb"
    assert cli("import", files / "halls.xlsx", "--db", db).returncode == 0
    zh = cli("sample", "--db", db, "--if-empty")
    en = cli("sample", "--db", db, "--if-empty", "--lang", "en")
    assert (zh.returncode, en.returncode) == (0, 0), zh.stderr + en.stderr
    assert "未载入样例数据" in zh.stdout and "sample not loaded" in en.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM import_batches").fetchone()[0] == 1


def test_a_newline_in_a_file_name_stays_on_its_one_line(files):
    """A file name is the sender's choice: a newline (or a terminal escape) in it is written
    as an escape, so stderr keeps one line per failed file and the log one row per batch."""
    odd = files / "bad\nname\x1b[31m.xlsx"
    odd.write_bytes(b"this is not a workbook")
    db = files / "n.duckdb"
    done = cli("import", odd, files / "halls.xlsx", "--db", db)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()], done.stderr
    assert "bad\\nname\\x1b[31m.xlsx" in done.stderr and "\x1b" not in done.stderr + done.stdout
    assert all("\x1b" not in line for line in done.stdout.splitlines())


def test_log_into_a_closed_pipe_ends_quietly(files):
    """`log | head -1`: the reader is gone before the command writes (its stdout is a pipe
    whose reading end is closed); no BrokenPipe traceback, the shell's exit code 141."""
    db = files / "p.duckdb"
    assert cli("import", files / "halls.xlsx", "--db", db).returncode == 0
    script = ("import os, sys\n"
              "read_end, write_end = os.pipe()\n"
              "os.close(read_end)\n"
              "os.dup2(write_end, sys.stdout.fileno())\n"
              "from analytics.cli import main\n"
              f"sys.exit(main(['log', '--db', {str(db)!r}]))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.stderr == "", done.stderr
    assert done.returncode == 141
