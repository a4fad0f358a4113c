"""The start page opens in a real browser, without exceptions, in Chinese."""
import pytest

from browser import assert_no_exception, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_start_page_renders(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server)
    wait_for_app(page)
    save_screenshot(page, "start.png")
    assert_no_exception(page)
    text = page.locator('[data-testid="stApp"]').inner_text()
    assert "沟通100" in text, f"title missing from start page; page text starts: {text[:500]!r}"
