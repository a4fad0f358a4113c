"""In real Chromium: single sign-on through an OpenID Connect provider (tests/oidc_provider.py,
a real one on 127.0.0.1: discovery, PKCE, RS256 ID tokens). Streamlit's st.login carries the
flow; the access file says who the SSO's e-mail address is and what they may see. A sign-on
survives a reload, an address the access file does not know sees nothing, and "sign out
everywhere" ends the sign-on's session too."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.request

import pytest

import browser as br
from analytics import access

pytestmark = pytest.mark.browser

CLIENT_ID, CLIENT_SECRET = "hall-analytics", secrets.token_urlsafe(16)
SIGNED_IN = "已登录：李经理（区域经理）"


def _wait_for(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the OIDC provider did not answer {url}")


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("sso_server")
    port = br.free_port()
    provider = subprocess.Popen([sys.executable, str(br.REPO_ROOT / "tests" / "oidc_provider.py"), str(port),
                                 CLIENT_ID, CLIENT_SECRET], stdout=open(work / "oidc.log", "wb"),
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        issuer = f"http://127.0.0.1:{port}"
        _wait_for(f"{issuer}/.well-known/openid-configuration", provider)
        (work / "secrets.toml").write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{issuer}/.well-known/openid-configuration"
""", encoding="utf-8")
        (work / "access.toml").write_text(f"""
[users.li]
name = "李经理"
role = "regional_manager"
regions = ["粤东"]
sso = "Li@Example.com"

[users.wang]
name = "王分析"
role = "analyst"
password = "{access.hash_password('wang-pass', iterations=1000)}"
""", encoding="utf-8")
        db_path = work / "hall.duckdb"
        br.load_sample_data(db_path, work / "sample.log")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(access.ENV_VAR, str(work / "access.toml"))
            mp.setenv("STREAMLIT_SECRETS_FILES", str(work / "secrets.toml"))
            proc, base_url = br.start_streamlit(br.app_path(), db_path, work / "streamlit.log")
        try:
            yield base_url, work
        finally:
            br.stop_process(proc)
    finally:
        os.killpg(provider.pid, 15)
        provider.wait(timeout=10)


def sidebar(page) -> str:
    bar = page.locator('[data-testid="stSidebar"]')
    return bar.inner_text() if bar.count() else ""


def sign_on(page, base_url: str, email: str) -> None:
    page.goto(base_url)
    br.wait_for_app(page, timeout_ms=90_000)
    page.get_by_role("button", name="使用单位统一认证登录").click()
    page.wait_for_selector("#email", timeout=30_000)  # the provider's own page
    page.fill("#email", email)
    page.get_by_role("button", name="Sign in with SSO").click()
    page.wait_for_url(f"{base_url}/**", timeout=30_000)
    br.wait_for_app(page, timeout_ms=90_000)


def test_a_sign_on_lets_the_access_file_s_user_in_and_survives_a_reload(sso_server, browser_page):
    base_url, _ = sso_server
    page = browser_page
    sign_on(page, base_url, "li@example.com")  # the address is matched without regard to case
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=SIGNED_IN, timeout=60_000)
    br.assert_no_exception(page)
    assert "粤东" in sidebar(page)
    page.reload()
    br.wait_for_app(page, timeout_ms=90_000)
    assert SIGNED_IN in sidebar(page)
    br.save_screenshot(page, "sso_signed_in.png")

    page.get_by_role("button", name="全部退出").click()
    # Signing out also ends Streamlit's SSO cookie (st.logout: a round trip to /auth/logout).
    for _ in range(300):
        if not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies()):
            break
        page.wait_for_timeout(100)
    assert not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies())
    page.wait_for_function("() => document.body.innerText.includes('使用单位统一认证登录')", timeout=60_000)
    br.wait_for_app(page, timeout_ms=90_000)
    assert SIGNED_IN not in sidebar(page)
    page.reload()
    br.wait_for_app(page, timeout_ms=90_000)
    assert SIGNED_IN not in sidebar(page) and page.get_by_role("button", name="使用单位统一认证登录").count()
    # A new sign-on after the sign-out lets them in again.
    sign_on(page, base_url, "li@example.com")
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=SIGNED_IN, timeout=60_000)


def test_an_address_the_access_file_does_not_know_sees_nothing(sso_server, browser_page):
    base_url, _ = sso_server
    page = browser_page
    sign_on(page, base_url, "stranger@example.com")
    page.wait_for_function("() => document.body.innerText.includes('未在本系统的访问配置中登记')", timeout=60_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "stranger@example.com" in main.replace("\u2060", "")
    assert not page.locator('[data-testid="stMetric"]').count() and not sidebar(page)
    br.save_screenshot(page, "sso_unknown_address.png")
    # The password users still sign in beside the SSO.
    assert page.get_by_label("用户名").count() == 1
