"""Every page in real Chromium on the sample data: it loads without a Streamlit exception,
its plotly charts are drawn with data, Chinese text is there, and a screenshot is saved
(test-artifacts/screenshots/<page>.png) for a person to look at."""
import pytest

from browser import assert_no_exception, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

# url path (from the page file name) → a word the page must show, and whether it has charts
PAGES = [
    ("overview", "总览", True),
    ("satisfaction", "客户满意度", True),
    ("complaints", "投诉处理", True),
    ("marketing", "营销转化", True),
    ("training", "员工培训", True),
    ("hall_profile", "厅店档案", True),
    ("data_status", "数据概况", False),
]

PLOTS_WITH_DATA_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    el => (el.data || []).reduce((n, trace) => n + ((trace.x || trace.values || trace.z || trace.labels || []).length), 0))"""


@pytest.mark.parametrize("path, title, has_charts", PAGES, ids=[p[0] for p in PAGES])
def test_page_in_chromium(streamlit_server, browser_page, path, title, has_charts):
    page = browser_page
    page.goto(f"{streamlit_server}/{path}")
    wait_for_app(page, timeout_ms=90_000)
    if has_charts:
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        page.wait_for_timeout(500)  # let plotly finish drawing before the screenshot
    save_screenshot(page, f"{path}.png")
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert title in main, f"{path}: '{title}' not on the page; it starts {main[:300]!r}"
    if has_charts:
        points = page.evaluate(PLOTS_WITH_DATA_JS)
        assert points and all(n > 0 for n in points), f"{path}: a chart has no data points: {points}"
