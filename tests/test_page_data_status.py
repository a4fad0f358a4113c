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
