"""In real Chromium, against server.py with an access file: a sign-in survives a reload (an
HttpOnly, SameSite=Strict cookie the page's script cannot read), signing out ends it in that
browser, and "sign out everywhere" ends every browser's session of that user, the open ones
at their next click. A changed password ends the cookie too. Five wrong passwords lock the
name, the right one included, each refusal a little later than the one before."""
from __future__ import annotations

import pytest

import browser as br
from analytics import access

pytestmark = pytest.mark.browser

SIGNED_IN = "已登录：李经理（区域经理）"


def write_access(path, password: str) -> None:
    path.write_text(f"""
[users.li]
name = "李经理"
role = "regional_manager"
regions = ["粤东"]
password = "{access.hash_password(password, iterations=1000)}"

[users.zhao]
name = "赵只读"
role = "viewer"
password = "{access.hash_password("zhao-pass", iterations=1000)}"
""", encoding="utf-8")


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("signed_server")
    db_path, access_path = work / "hall.duckdb", work / "access.toml"
    br.load_sample_data(db_path, work / "sample.log")
    write_access(access_path, "li-pass")
    with pytest.MonkeyPatch.context() as mp:  # start_streamlit passes os.environ to the server
        mp.setenv(access.ENV_VAR, str(access_path))
        proc, base_url = br.start_streamlit(br.app_path(), db_path, work / "streamlit.log")
    try:
        yield base_url, access_path
    finally:
        br.stop_process(proc)


def sidebar(page) -> str:
    """The sidebar's text; "" before sign-in (the sign-in page has no sidebar)."""
    bar = page.locator('[data-testid="stSidebar"]')
    return bar.inner_text() if bar.count() else ""


def sign_in(page, base_url: str, password: str = "li-pass") -> None:
    page.goto(base_url)
    br.wait_for_app(page, timeout_ms=90_000)
    page.get_by_label("用户名").fill("li")
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=SIGNED_IN, timeout=60_000)
    br.wait_for_app(page, timeout_ms=90_000)
    # The cookie arrives from the route a moment after the page knows who signed in.
    for _ in range(50):
        if any(c["name"] == "hall_session" for c in page.context.cookies()):
            break
        page.wait_for_timeout(100)


def shows_sign_in_form(page) -> bool:
    """The sign-in form is on the page and nobody is signed in. The form is waited for, not
    looked for once: a tab whose cookie has just been refused reruns to remove it, and on a
    busy machine the pause between the two runs can outlast wait_for_app's settling time."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    br.wait_for_app(page, timeout_ms=90_000)
    try:
        page.get_by_label("用户名").wait_for(timeout=30_000)
    except PlaywrightTimeout:
        return False
    br.wait_for_app(page, timeout_ms=90_000)
    return page.get_by_label("用户名").count() == 1 and SIGNED_IN not in sidebar(page)


def reload(page) -> None:
    page.reload()
    br.wait_for_app(page, timeout_ms=90_000)


def test_a_sign_in_survives_a_reload_and_its_cookie_is_out_of_the_page_s_reach(signed_server, browser_page):
    base_url, _ = signed_server
    page = browser_page
    sign_in(page, base_url)
    cookie = next(c for c in page.context.cookies() if c["name"] == "hall_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["expires"] > 0, "a session cookie would end with the browser, not after 12 hours"
    assert "hall_session" not in page.evaluate("document.cookie")
    reload(page)
    assert SIGNED_IN in sidebar(page) and not page.get_by_label("用户名").count()
    page.goto(f"{base_url}/complaints")  # a new websocket session, on another page
    br.wait_for_app(page, timeout_ms=90_000)
    assert SIGNED_IN in sidebar(page)
    br.assert_no_exception(page)
    br.save_screenshot(page, "sign_in_after_reload.png")

    page.get_by_role("button", name="退出登录").click()
    assert shows_sign_in_form(page)
    reload(page)
    assert shows_sign_in_form(page), "signed out, yet a reload signed the user in again"
    assert not any(c["name"] == "hall_session" for c in page.context.cookies())


def test_sign_out_everywhere_ends_every_browser_s_session(signed_server, browser_page, _chromium):
    base_url, _ = signed_server
    first = browser_page
    other_context = _chromium.new_context(viewport=br.VIEWPORT)
    second = other_context.new_page()
    try:
        sign_in(first, base_url)
        sign_in(second, base_url)
        kept = [c for c in second.context.cookies() if c["name"] == "hall_session"]
        first.get_by_role("button", name="全部退出").click()
        assert shows_sign_in_form(first)
        # The second browser's open session ends at its next click...
        second.get_by_role("link", name="投诉处理").click()
        assert shows_sign_in_form(second)
        assert "登录已失效" in second.locator('[data-testid="stMain"]').inner_text()
        # ...and its cookie, sent again, no longer signs anyone in.
        third = _chromium.new_context(viewport=br.VIEWPORT)
        try:
            third.add_cookies(kept)
            page = third.new_page()
            page.goto(base_url)
            assert shows_sign_in_form(page)
        finally:
            third.close()
    finally:
        other_context.close()


def test_a_changed_password_ends_the_cookie(signed_server, browser_page):
    base_url, access_path = signed_server
    page = browser_page
    sign_in(page, base_url)
    reload(page)
    assert SIGNED_IN in sidebar(page)
    write_access(access_path, "new-pass")
    try:
        reload(page)
        assert shows_sign_in_form(page)
        sign_in(page, base_url, password="new-pass")
        assert SIGNED_IN in sidebar(page)
    finally:
        write_access(access_path, "li-pass")


def test_five_wrong_passwords_lock_the_name_even_for_the_right_one(signed_server, browser_page):
    base_url, _ = signed_server
    page = browser_page
    page.goto(base_url)
    br.wait_for_app(page, timeout_ms=90_000)

    def attempt(password: str) -> str:
        page.get_by_label("用户名").fill("zhao")
        page.get_by_label("密码", exact=True).fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector('[data-testid="stAlert"]', timeout=60_000)
        br.wait_for_app(page, timeout_ms=90_000)
        return page.locator('[data-testid="stAlert"]').first.inner_text()

    answers = [attempt(f"wrong-{i}") for i in range(5)]
    assert all("用户名或密码不正确" in a for a in answers[:4]), answers
    assert "已被暂时锁定" in answers[4], answers
    assert "已被暂时锁定" in attempt("zhao-pass")
    assert "已登录" not in sidebar(page) and not any(c["name"] == "hall_session" for c in page.context.cookies())
    br.save_screenshot(page, "sign_in_locked.png")
