"""Smoke test: every page file runs to the end on the sample data in both languages, and on
an empty database, without an exception (one parametrised test over the pages/ folder)."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGES = sorted((Path(__file__).resolve().parent.parent / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_on_the_sample(page, lang, sample_app_env):
    at = AppTest.from_file(str(page), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page.stem} has no title"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_runs_on_an_empty_database(page, tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(str(page), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.info, f"{page.stem} shows no friendly message on an empty database"
