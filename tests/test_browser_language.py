"""In real Chromium, the Chinese UI shows no English: what Streamlit and plotly draw on
their own (the table toolbar and its tooltips, the chart toolbar, the skip link, search
boxes) is in Chinese too, not only the texts the pages write (test_page_language.py).

Every page that test_browser_pages.py opens is checked with `assert_no_english`: every text
a person sees is read from the browser (visible text nodes outside icons and code; the
tooltips of charts and table toolbars; placeholders), the sample's own words are taken out,
and no English word may be left beyond the names used as they are. Screen-reader labels (aria-label) that are never shown are left out: several are
Streamlit's English ("Open", "Collapse sidebar") — noted, not yet translated."""
from __future__ import annotations

import pytest

import browser as br
from test_page_language import NOT_WORDS, ZH_ALLOWED, LATIN_WORD, data_words  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

ALLOWED = ZH_ALLOWED | {"English", "Language"}  # the language switch names English in English

# Text nodes (not inside icon ligatures, code blocks, scripts or styles) and the attributes
# that a control shows as its tooltip or placeholder.
PAGE_TEXTS_JS = """() => {
  const skip = el => el.closest('[data-testid="stIconMaterial"], [data-testid="stCode"], script, style, noscript, svg defs');
  // Icons are words in an icon font ("link", "dashboard"): not text anyone reads.
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                      && parseFloat(getComputedStyle(el).fontSize) > 0
                      && !/Material/i.test(getComputedStyle(el).fontFamily);
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el && node.nodeValue.trim() && !skip(el) && shown(el)) texts.push(node.nodeValue);
  }
  // What a control shows as its tooltip (plotly's data-title, the browser's title, the table
  // toolbar's labels, which its tooltips repeat) or in an empty box (placeholder).
  const controls = '[data-title], [title], [placeholder], [data-testid="stElementToolbar"] button[aria-label]';
  for (const el of document.querySelectorAll(controls)) {
    if (skip(el)) continue;
    for (const name of ['data-title', 'title', 'placeholder', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}"""


def english_words(texts: list[str], words: list[str]) -> set[str]:
    found = set()
    for text in texts:
        for word in words:
            if word in text:
                text = text.replace(word, " ")
        found |= {w for w in LATIN_WORD.findall(NOT_WORDS.sub(" ", text)) if w not in ALLOWED}
    return found


def assert_no_english(page, words: list[str]) -> None:
    """The page (loaded and settled) shows no English word; its charts' and first table's
    toolbars are brought up first (plotly and Streamlit draw them on hover)."""
    charts = page.locator(".js-plotly-plot")
    if charts.count():
        charts.first.hover()
    tables = page.locator('[data-testid="stDataFrame"]')
    if tables.count():
        tables.first.hover()
    page.wait_for_timeout(800)
    texts = page.evaluate(PAGE_TEXTS_JS)
    assert any("沟通100" in text for text in texts)
    assert not english_words(texts, words), (page.url, sorted(english_words(texts, words)))


def test_the_check_finds_streamlits_english():
    """Not a check that cannot fail: the toolbar's own words, left untranslated, are found."""
    assert english_words(["Download as CSV", "广州天河厅 (020003)"], ["广州天河厅"]) == {"Download", "as"}
    assert english_words(["下载图片（PNG）", "config/targets.toml"], []) == set()
