"""In real Chromium: the sample with Markdown and HTML markup in every hall name, city,
district, hall type and complaint category (tests/hostile.py). On every page that names halls
there is no link and no image to anywhere but the app itself, the markup characters are shown
as written, and the charts still have data. (tests/test_hostile_text.py checks what the pages
send; this checks what the browser makes of it: GitHub Markdown links a bare address after
parsing, whatever the escapes, which only a browser shows.)"""
from __future__ import annotations

import pytest

import browser as br
from hostile import sample_with_markup

pytestmark = pytest.mark.browser

PAGES = ["overview", "hall_profile", "complaints", "satisfaction", "marketing", "training", "scorecard",
         "weekly_review"]

_FOREIGN = """() => {
  const here = location.origin;
  const links = Array.from(document.querySelectorAll('a')).map(a => a.href && a.href.baseVal !== undefined
      ? a.href.baseVal : (a.getAttribute('href') || a.getAttribute('xlink:href') || ''))
    .filter(h => h && !h.startsWith('#') && /evil/.test(h));  // '#…': a heading's own anchor
  const images = Array.from(document.querySelectorAll('img, image')).map(i => i.getAttribute('src')
      || i.getAttribute('href') || '').filter(s => /evil/.test(s));
  return {links, images};
}"""


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("markup_server")
    db_path = sample_with_markup(work / "hall.duckdb", br.REPO_ROOT)
    proc, base_url = br.start_streamlit(br.app_path(), db_path, work / "streamlit.log")
    try:
        yield base_url
    finally:
        br.stop_process(proc)


@pytest.mark.parametrize("page_name", PAGES)
def test_markup_in_names_is_shown_not_followed(page_name, markup_server, browser_page):
    page = browser_page
    requested = []  # an image URL in a name would be fetched by every viewer's browser
    page.on("request", lambda request: requested.append(request.url) if "evil" in request.url else None)
    query = "?hall=0755006" if page_name == "hall_profile" else ""  # the profile asks for a hall otherwise
    page.goto(f"{markup_server}/{page_name}{query}")
    br.wait_for_app(page, timeout_ms=90_000)
    br.assert_no_exception(page)
    found = page.evaluate(_FOREIGN)
    assert found == {"links": [], "images": []}, f"{page_name}: {found}"
    assert not requested, f"{page_name}: the browser asked for {requested}"
    text = page.locator('[data-testid="stMain"]').inner_text()
    if page_name in ("hall_profile", "overview", "weekly_review"):
        # The markup is there, as written (the word joiner is invisible).
        shown = text.replace("\u2060", "")
        assert "**粗** [链](http://evil.example/a)" in shown, shown[:2000]
    charts = page.locator(".js-plotly-plot")
    if charts.count():
        points = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
            el => (el.calcdata || []).reduce((n, trace) => n + (trace ? trace.length : 0), 0))""")
        assert sum(points) > 0, f"{page_name}: the charts have no data {points}"
    if page_name in ("hall_profile", "complaints"):
        br.save_screenshot(page, f"markup_in_names_{page_name}.png")
