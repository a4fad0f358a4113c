"""In real Chromium at 1920×1080 (a meeting-room screen): the Weekly review in presentation
mode hides the sidebar, shows one section per screen in large type, and previous/next turn
the screens. A screenshot of each screen is saved for a person to look at."""
import re

import pytest

from browser import assert_no_exception, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

SCREENS = ["本周概况", "需要讨论的厅店 (1/", "近 8 周走势", "本周员工之星 (1/"]
CONTINUED = re.compile(r"\((?!1/)\d+/\d+\)$")  # a section's further screens: "(2/3)"


def test_presentation_mode_at_1920x1080(streamlit_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{streamlit_server}/weekly_review?present=1")
    wait_for_app(page, timeout_ms=90_000)
    assert_no_exception(page)
    # The style arrives with the page's elements; on a loaded machine it may paint a moment later.
    sidebar = page.locator('[data-testid="stSidebar"]')
    try:
        sidebar.wait_for(state="hidden", timeout=15_000)
    except Exception:
        raise AssertionError("presentation mode must hide the sidebar") from None
    # The size the digits are drawn in: the innermost element holding them.
    value = page.locator('[data-testid="stMetricValue"]').first
    size = float(value.evaluate(
        "el => { while (el.firstElementChild) el = el.firstElementChild; return getComputedStyle(el).fontSize; }"
    ).removesuffix("px"))
    assert size >= 60, f"KPI numbers are {size}px: too small for the back of the room"
    # The first screen fits: the last KPI panel ends above the bottom of the window.
    bottom = page.evaluate("""() => Math.max(...Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
        .map(el => el.getBoundingClientRect().bottom))""")
    assert bottom <= 1080, f"the KPIs run off the screen (to {bottom}px)"
    number = 0
    for title in SCREENS:
        heading = page.locator('[data-testid="stMain"] h3').first
        while CONTINUED.search(heading.inner_text().strip()):
            page.get_by_role("button", name="下一页").click()  # the further screens of halls or stars
            wait_for_app(page, timeout_ms=60_000)
        assert heading.inner_text().strip().startswith(title)
        number += 1
        if title == "近 8 周走势":
            page.wait_for_selector(".js-plotly-plot", timeout=30_000)
            page.wait_for_timeout(500)
        save_screenshot(page, f"weekly_present_{number}.png", full_page=False)
        page.get_by_role("button", name="下一页").click()
        wait_for_app(page, timeout_ms=60_000)
        assert_no_exception(page)
    while CONTINUED.search(page.locator('[data-testid="stMain"] h3').first.inner_text().strip()):
        page.get_by_role("button", name="下一页").click()
        wait_for_app(page, timeout_ms=60_000)
    assert page.locator('[data-testid="stMain"] h3').first.inner_text().strip() == SCREENS[0], "next wraps round"
