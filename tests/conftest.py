"""Shared fixtures.

Browser tests (marker `browser`, added automatically to any test using `browser_page`):
    def test_x(streamlit_server, browser_page):
        browser_page.goto(streamlit_server)
        wait_for_app(browser_page); assert_no_exception(browser_page)
They skip loudly when /usr/bin/chromium or a CJK font is missing, and fail instead
under CI=true. Helpers: tests/browser.py.
"""
from __future__ import annotations

import re
import sys

import pytest

import browser as br


# --- markers and prerequisites ----------------------------------------------------

def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture runs, so a machine without Chromium doesn't start a server first.
    if item.get_closest_marker("browser") is not None:
        br.require_browser()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


# --- the shipped sample in a database file (AppTest page tests) ----------------------

@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """A DuckDB file holding the shipped sample data (2025-11-01 … 2026-10-31), loaded once
    per worker through the real CLI. Tests must not write to it."""
    import subprocess

    path = tmp_path_factory.mktemp("sample_db") / "sample.duckdb"
    subprocess.run([sys.executable, "-m", "analytics", "sample", "--db", str(path)], cwd=br.REPO_ROOT,
                   check=True, capture_output=True)
    return path


@pytest.fixture
def sample_app_env(sample_db, monkeypatch):
    """Point the app (ui._connection) at the sample database for an AppTest run."""
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(sample_db))
    return sample_db


@pytest.fixture(scope="session")
def sample_con(sample_db):
    """A connection to the sample database for computing expected numbers in the test
    process, opened exactly as the app opens it (`storage.connect(path)`, as ui._connection).

    DuckDB allows one configuration per database file per process. Pages run by AppTest in
    this process keep the app's connection alive after the test (Streamlit leaves the last
    script's module as sys.modules["__main__"], and pages such as data_status hold a cursor
    in a global), so a read-only connection here would fail in some test orders. With the
    app's configuration both share one database instance, whatever ran before. Take a
    cursor (`sample_con.cursor()`) and close that; only read: tests must not write to the sample."""
    from analytics import storage

    con = storage.connect(sample_db)
    yield con
    con.close()


# --- app server -------------------------------------------------------------------

@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """Base URL of `streamlit run app.py` on a fresh DuckDB file holding the sample data.

    One server per pytest(-xdist) worker. The script is $HALL_ANALYTICS_APP or the
    repo's app.py; logs are in the fixture's tmp dir.
    """
    with br.sample_server(tmp_path_factory.mktemp("streamlit_server")) as base_url:
        yield base_url


# --- browser ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def _chromium():
    br.require_browser()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(
            executable_path=br.CHROMIUM, headless=True, args=br.CHROMIUM_ARGS,
        )
    except Exception:
        pw.stop()
        raise
    try:
        yield browser
    finally:
        browser.close()
        pw.stop()


@pytest.fixture
def browser_page(_chromium, request):
    """A fresh page (own context, 1440x900, browser locale left at default) in headless Debian Chromium.

    On test failure a screenshot is saved as test-artifacts/screenshots/FAILED-<test>.png.
    """
    context = _chromium.new_context(viewport=br.VIEWPORT)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "_report_call", None)
        if report is not None and report.failed:
            name = "FAILED-" + re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
            try:
                br.save_screenshot(page, name)
            except Exception:  # a broken page must not hide the real failure
                pass
        context.close()


# --- Streamlit caches (AppTest) -----------------------------------------------------

@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Clear st.cache_data / st.cache_resource after each test, so AppTest runs stay
    independent. Streamlit is imported lazily: tests that never loaded it pay nothing."""
    yield
    if "streamlit" not in sys.modules:
        return
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
