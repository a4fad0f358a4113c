"""Every page in real Chromium on the sample data: it loads without a Streamlit exception,
its plotly charts are drawn with data, Chinese text is there, and a screenshot is saved
(test-artifacts/screenshots/<page>.png) for a person to look at."""
import pytest

from browser import assert_no_exception, save_screenshot, wait_for_app
from test_browser_language import assert_no_english, data_words  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser

# url path (from the page file name) → a word the page must show, and whether it has charts
PAGES = [
    ("", "总览", True),  # the default page lives at the root
    ("weekly_review", "周例会", True),
    ("satisfaction", "客户满意度", True),
    ("complaints", "投诉处理", True),
    ("marketing", "营销转化", True),
    ("training", "员工培训", True),
    ("scorecard", "沟通100 积分卡", True),
    ("hall_profile?hall=0755006", "厅店档案", True),  # the profile of the hall chosen in the sidebar
    ("data_status", "数据概况", False),
    ("import_data", "导入数据", False),
]

# Points plotly actually computed per chart (calcdata: after decoding typed arrays).
PLOTS_WITH_DATA_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    el => (el.calcdata || []).reduce((n, trace) => n + (trace ? trace.length : 0), 0))"""


@pytest.mark.parametrize("path, title, has_charts", PAGES, ids=[p[0].split("?")[0] or "overview" for p in PAGES])
def test_page_in_chromium(streamlit_server, browser_page, data_words, path, title, has_charts):
    page = browser_page
    page.goto(f"{streamlit_server}/{path}")
    wait_for_app(page, timeout_ms=90_000)
    if has_charts:
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        page.wait_for_timeout(500)  # let plotly finish drawing before the screenshot
    save_screenshot(page, f"{path.split('?')[0] or 'overview'}.png")
    assert_no_exception(page)
    assert page.get_by_text("Page not found").count() == 0, f"{path}: Streamlit says the page does not exist"
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert title in main, f"{path}: '{title}' not on the page; it starts {main[:300]!r}"
    if has_charts:
        points = page.evaluate(PLOTS_WITH_DATA_JS)
        assert points and all(n > 0 for n in points), f"{path}: a chart has no data points: {points}"
    assert_no_english(page, data_words)  # Streamlit's and plotly's own texts too (test_browser_language.py)


def test_the_file_uploader_speaks_chinese(streamlit_server, browser_page):
    """Streamlit writes "Upload" and "50MB per file" in English; the page swaps the words."""
    page = browser_page
    page.goto(f"{streamlit_server}/import_data")
    wait_for_app(page, timeout_ms=90_000)
    page.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=30_000)
    read = """() => {
        const after = sel => getComputedStyle(document.querySelector(sel), '::after').content;
        return [after('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'),
                after('[data-testid="stFileUploaderDropzoneInstructions"] span')];
    }"""
    # The stylesheet is its own element of the page; on a busy machine it can arrive after the
    # uploader has been drawn.
    page.wait_for_function(f"() => ({read})().every(c => c !== 'none')", timeout=30_000)
    shown = page.evaluate(read)
    assert "选择文件" in shown[0] and "拖放文件到此处" in shown[1], shown
    save_screenshot(page, "import_uploader.png")


def test_a_shared_link_opens_the_same_view(streamlit_server, browser_page, _chromium):
    """The sidebar's share box holds the page's address with its period, filters and view
    toggles; opened in another browser, it shows the same view."""
    page = browser_page
    page.goto(f"{streamlit_server}/satisfaction")
    wait_for_app(page, timeout_ms=90_000)
    page.locator(".st-key-sat_grain button", has_text="按月").click()
    wait_for_app(page, timeout_ms=90_000)
    share = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="分享本页链接")
    share.locator("summary").click()
    link = share.locator('[data-testid="stCode"]').inner_text().strip()
    assert link.startswith(streamlit_server + "/satisfaction?") and "sat_grain=month" in link, link
    assert "from=2026-10-01" in link and "to=2026-10-31" in link, link
    save_screenshot(page, "share_link.png", full_page=False)
    other = _chromium.new_context(viewport={"width": 1440, "height": 900})
    try:
        colleague = other.new_page()
        colleague.goto(link)
        wait_for_app(colleague, timeout_ms=90_000)
        chosen = colleague.locator(".st-key-sat_grain button[aria-checked='true']")
        chosen.wait_for(timeout=60_000)  # the page is drawn (a busy machine may take a while)
        assert chosen.all_inner_texts() == ["按月"], chosen.all_inner_texts()
    finally:
        other.close()
