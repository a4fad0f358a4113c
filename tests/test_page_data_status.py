"""Contract: the data status page shows each dataset's row count and the import log, in
Chinese by default and in English when asked, and an empty database gets a friendly hint."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import importer, storage
from builders import NOW, halls_file

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "data_status.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(path))
    return path


def test_empty_database_says_how_to_load_data(db):
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    assert "数据库是空的" in at.info[0].value


def test_counts_and_import_log_in_both_languages(db):
    con = storage.connect(db)
    assert importer.import_file(con, "halls.xlsx", halls_file(), now=NOW).ok
    con.close()
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    datasets = at.dataframe[0].value
    assert dict(zip(datasets["数据集"], datasets["记录数"]))["厅店"] == 3
    log = at.dataframe[1].value
    assert list(log["文件"]) == ["halls.xlsx"] and list(log["接受"]) == [3] and list(log["状态"]) == ["已提交"]
    at.session_state["lang"] = "en"
    at.run()
    assert dict(zip(at.dataframe[0].value["Dataset"], at.dataframe[0].value["Rows"]))["Halls"] == 3
    assert list(at.dataframe[1].value["Status"]) == ["committed"]


def test_only_an_admin_is_told_where_the_database_file_is(db, tmp_path, monkeypatch):
    """Without an access file everyone is the admin of their own machine; with one, only
    admins see the path (it says where the server keeps its data)."""
    from analytics import access

    def shown(user=None) -> str:
        at = AppTest.from_file(PAGE, default_timeout=30)
        if user is not None:
            at.session_state["auth_user"] = user
        at.run()
        assert not at.exception
        return "\n".join(c.value for c in at.caption).replace("\\", "")

    assert str(db.name) in shown()
    (tmp_path / "access.toml").write_text(
        f'[users.admin]\nrole = "admin"\npassword = "{access.hash_password("x", iterations=1000)}"\n', encoding="utf-8")
    monkeypatch.setenv(access.ENV_VAR, str(tmp_path / "access.toml"))
    assert str(db.name) in shown(access.User("admin", "管理员", "admin"))
    for role in ("analyst", "regional_manager", "viewer"):
        regions = ("粤东",) if role == "regional_manager" else ()
        assert str(db.name) not in shown(access.User("u", "某人", role, regions)), role


def test_an_admin_reads_the_server_log(db, tmp_path, monkeypatch):
    import logging

    from analytics import access, logs

    logs.configure(db)
    try:
        raise RuntimeError("the export had a merged header")
    except RuntimeError:
        logging.getLogger("pages.import_data").exception("checking 1 file(s) failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    at = AppTest.from_file(PAGE, default_timeout=30).run()  # no access file: the admin of this machine
    assert not at.exception
    assert [e.label for e in at.expander] == ["服务器日志（最近 200 行）"]
    logged = at.expander[0].code[0].value
    assert "checking 1 file(s) failed" in logged and "RuntimeError: the export had a merged header" in logged
    (tmp_path / "access.toml").write_text(
        f'[users.a]\nrole = "analyst"\npassword = "{access.hash_password("x", iterations=1000)}"\n', encoding="utf-8")
    monkeypatch.setenv(access.ENV_VAR, str(tmp_path / "access.toml"))
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.session_state["auth_user"] = access.User("a", "分析员", "analyst")
    at.run()
    assert not at.exception and not at.expander  # an analyst does not read the server's log
