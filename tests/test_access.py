"""Contract: with an access file, users sign in with hashed passwords and get a role; a
regional manager's every page, chart, filter choice and download holds only the halls of
their regions (the scope is applied in the analytics layer's SQL); only admins and
analysts may import or undo; a broken access file stops the app instead of running it open.
Without the file the app runs open (every other test runs that way)."""
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import access, storage
from analytics.filters import Filters
from analytics.metrics import directory, satisfaction
from page_driver import Downloads

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p for p in (ROOT / "pages").glob("*.py") if p.stem != "import_data")
REGION = "粤东"
MANAGER = access.User("li", "李经理", "regional_manager", (REGION,))


def write_access(path: Path) -> Path:
    path.write_text(f"""
[users.li]
name = "李经理"
role = "regional_manager"
regions = ["{REGION}"]
password = "{access.hash_password('li-pass', iterations=1000)}"

[users.wang]
name = "王分析"
role = "analyst"
password = "{access.hash_password('wang-pass', iterations=1000)}"

[users.zhao]
name = "赵只读"
role = "viewer"
password = "{access.hash_password('zhao-pass', iterations=1000)}"
""", encoding="utf-8")
    return path


@pytest.fixture
def access_file(tmp_path, monkeypatch):
    path = write_access(tmp_path / "access.toml")
    monkeypatch.setenv(access.ENV_VAR, str(path))
    return path


@pytest.fixture(scope="module")
def halls(sample_db):
    con = storage.connect(sample_db)
    frame = directory.hall_directory(con)
    con.close()
    return frame


# --- the access file ----------------------------------------------------------------------

def test_passwords_are_salted_hashes_and_sign_in_checks_them(access_file):
    config = access.load_access()
    assert config.sign_in("li", "li-pass") == MANAGER
    assert config.sign_in("li", "wrong") is None and config.sign_in("nobody", "li-pass") is None
    assert access.hash_password("x") != access.hash_password("x")  # salted
    assert "li-pass" not in access_file.read_text(encoding="utf-8")
    roles = {u.role: u for u, _ in config.users.values()}
    assert roles["regional_manager"].scope == (REGION,) and not roles["regional_manager"].can_import
    assert roles["analyst"].scope is None and roles["analyst"].can_import
    assert roles["viewer"].scope is None and not roles["viewer"].can_import


@pytest.mark.parametrize("entry, words", [
    ('role = "boss"\npassword = "pbkdf2_sha256$1$00$00"', "role must be one of"),
    ('role = "regional_manager"\npassword = "pbkdf2_sha256$1$00$00"', "needs at least one region"),
    ('role = "viewer"\npassword = "plain-text"', "must be a hash"),
])
def test_a_broken_access_file_is_refused_with_the_entry_named(tmp_path, entry, words):
    path = tmp_path / "access.toml"
    path.write_text(f"[users.x]\n{entry}\n", encoding="utf-8")
    with pytest.raises(access.AccessConfigError, match=words) as raised:
        access.load_access(path)
    assert "[users.x]" in str(raised.value)


def test_no_access_file_means_open(tmp_path, monkeypatch):
    monkeypatch.delenv(access.ENV_VAR, raising=False)
    assert access.load_access(tmp_path / "none.toml") is None


def test_the_cli_hashes_a_password_from_stdin():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "analytics", "hash-password"], input="s3cret\n", text=True,
                         capture_output=True, cwd=ROOT, check=True).stdout.strip()
    assert access.check_password("s3cret", out) and not access.check_password("other", out)


# --- the scope in the analytics layer --------------------------------------------------------

def test_the_scope_cuts_every_query_to_the_regions(sample_db):
    con = storage.connect(sample_db)
    try:
        assert set(directory.hall_directory(con, (REGION,))["region"]) == {REGION}
        assert directory.hall_directory(con, ()).empty  # a scope of nothing is nothing, not everything
        period = Filters(*directory.default_period(directory.data_period(con).iloc[0]["last_date"]))
        everyone = satisfaction.satisfaction_by(con, period, by="hall")
        scoped = satisfaction.satisfaction_by(con, replace(period, scope=(REGION,)), by="hall")
        assert set(scoped["region"]) == {REGION} and len(scoped) < len(everyone)
        # Asking for another region's hall explicitly gives nothing: the scope wins over filters.
        other = everyone[everyone["region"] != REGION]["hall_code"].iloc[0]
        assert satisfaction.satisfaction_by(con, Filters(period.start, period.end, halls=(other,), scope=(REGION,)),
                                            by="hall").empty
    finally:
        con.close()


# --- every page and download of a regional manager ------------------------------------------

def _protos(node):
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield proto
    for child in getattr(node, "children", {}).values():
        yield from _protos(child)


def _page_bytes(at: AppTest) -> bytes:
    return b"".join(p.SerializeToString() for p in _protos(at._tree))


def _download_bytes(downloads: Downloads) -> bytes:
    blobs = []
    for name in downloads.files:
        data = downloads.get(name)
        if data[:2] == b"PK":  # xlsx / pptx: the text is in the zip's XML parts
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs += [archive.read(member) for member in archive.namelist()]
        else:
            blobs.append(data)
    return b"".join(blobs)


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_regional_manager_sees_only_their_region_on_every_page_and_download(page, halls, sample_app_env,
                                                                              access_file, monkeypatch):
    downloads = Downloads().capture(monkeypatch)
    at = AppTest.from_file(str(page), default_timeout=120)
    at.session_state["auth_user"] = MANAGER
    at.query_params["region"] = "珠三角"  # a region outside the scope, asked for in a link
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _page_bytes(at) + _download_bytes(downloads)
    outside = halls[halls["region"] != REGION]
    inside = halls[halls["region"] == REGION]
    leaks = [f"{r.hall_code} {r.hall_name}" for r in outside.itertuples()
             if r.hall_name.encode() in shown or f'"{r.hall_code}"'.encode() in shown]
    assert not leaks, f"{page.stem} shows halls outside {REGION}: {leaks[:5]}"
    for region in set(outside["region"]):
        assert region.encode() not in shown or page.stem == "data_status", f"{page.stem} names region {region}"
    if page.stem not in ("data_status",):
        assert any(name.encode() in shown for name in inside["hall_name"]) or \
            any(code.encode() in shown for code in inside["hall_code"]) or page.stem == "overview" and \
            REGION.encode() in shown, f"{page.stem} shows nothing of {REGION}: the check would be vacuous"


def test_only_admins_and_analysts_may_import(sample_app_env, access_file):
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=60)
    at.session_state["auth_user"] = MANAGER
    at.run()
    assert "只有管理员和数据分析员可以导入或撤销数据" in at.error[0].value
    assert not at.file_uploader and not at.button
    viewer = access.User("zhao", "赵只读", "viewer")
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=60)
    at.session_state["auth_user"] = viewer
    at.run()
    assert not at.file_uploader
    analyst = access.User("wang", "王分析", "analyst")
    at = AppTest.from_file(str(ROOT / "pages" / "import_data.py"), default_timeout=60)
    at.session_state["auth_user"] = analyst
    at.run()
    assert at.file_uploader and not at.error


def test_the_app_asks_to_sign_in_and_shows_nothing_before(sample_app_env, access_file):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="sign_in_user") and not at.metric and not at.dataframe
    at.text_input(key="sign_in_user").input("li")
    at.text_input(key="sign_in_password").input("wrong")
    at.button[0].click().run()
    assert "用户名或密码不正确" in at.error[0].value and "auth_user" not in at.session_state
    at.text_input(key="sign_in_password").input("li-pass")
    at.button[0].click().run()
    assert at.session_state["auth_user"] == MANAGER


def test_a_broken_access_file_stops_the_app(sample_app_env, tmp_path, monkeypatch):
    path = tmp_path / "access.toml"
    path.write_text("[users.x]\nrole = 'boss'\n", encoding="utf-8")
    monkeypatch.setenv(access.ENV_VAR, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and "访问控制配置有误" in at.error[0].value and not at.metric


def test_an_open_session_ends_at_its_next_click_after_sign_out_everywhere(tmp_path, monkeypatch, access_file):
    """Another browser's "sign out everywhere" (the generation in the database goes up)
    ends this session at its next rerun, with a word on why. (AppTest reruns only the page
    after a first run of app.py, so each "next click" is a fresh run of app.py holding the
    session's sign-in state.)"""
    db = tmp_path / "own.duckdb"
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.text_input(key="sign_in_user").input("li")
    at.text_input(key="sign_in_password").input("li-pass")
    at.button[0].click().run()
    assert at.session_state["auth_user"] == MANAGER and at.button(key="sign_out_everywhere")
    signed_in = {key: at.session_state[key] for key in ("auth_user", "auth_session")}

    def next_click() -> AppTest:
        run = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in signed_in.items():
            run.session_state[key] = value
        return run.run()

    still = next_click()
    assert still.button(key="sign_out_everywhere") and not still.text_input
    con = storage.connect(db)  # the app's own instance, as the app writes it
    try:
        storage.end_sessions_everywhere(con, "li")
    finally:
        con.close()
    ended = next_click()
    assert "auth_user" not in ended.session_state and ended.text_input(key="sign_in_user")
    assert "登录已失效" in ended.info[0].value
