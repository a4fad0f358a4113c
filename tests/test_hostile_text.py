"""Text from uploads is shown as text. Every hall name, city, district, hall type and complaint
category of a copy of the sample is given Markdown and plotly markup (a link, an image, bold,
a colour directive, a formula, a bare web address, an <a href>); every page then runs, and
nothing it draws may read that markup as markup:

- in the Markdown of titles, captions, alerts, button and widget labels the markup characters
  arrive backslash-escaped (Streamlit never renders raw HTML there, so "<a" is harmless);
- in plotly figures no "<a href" survives ("&lt;a href", which plotly shows as text, does).

The payload is written in tests/hostile.py, not taken from i18n.escape_markdown, so the test
fails if the escape misses a character the payload uses. tests/test_browser_hostile_text.py
looks at the same pages in Chromium: no link, no image."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import browser as br
from hostile import BARE_ADDRESS, BOLD, COLOUR, FORMULA, IMAGE, LINK, sample_with_markup
from page_driver import run_page

PAGES = Path(__file__).resolve().parent.parent / "pages"

# What must never reach a Markdown element as it is written: each one, unescaped, is a
# link, an image, emphasis, a colour, a formula or an auto-link.
MARKDOWN_MARKUP = ["](http", "![", BOLD, COLOUR, FORMULA, BARE_ADDRESS]
# The same text as Markdown shows it literally (backslash before each markup character).
ESCAPED_LINK = "\\[链\\]\\(http\u2060\\://evil\\.example/a\\)"  # a word joiner keeps "http:" from auto-linking


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return sample_with_markup(tmp_path_factory.mktemp("hostile_text") / "hall.duckdb", br.REPO_ROOT)


def markdown_texts(at) -> list[str]:
    """Every text of the run that Streamlit renders as Markdown."""
    texts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success",
                 "toast"):
        texts += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "expander", "selectbox", "multiselect", "metric", "checkbox", "radio", "text_input",
                 "tabs", "toggle", "date_input"):
        texts += [str(e.label) for e in getattr(at, kind)]
    return texts


def unescaped_markup(texts: list[str]) -> list[str]:
    return [text for text in texts if any(markup in text for markup in MARKDOWN_MARKUP)]


def figure_json(chart) -> str:
    """A plotly chart's figure as JSON text, with no escapes of its own (plotly writes "<" as \\u003c)."""
    return json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)


def chart_links(at) -> list[str]:
    return [c.key or "?" for c in at.get("plotly_chart") if "<a href" in figure_json(c)]


# (page, session state): the default view, and pages whose hall-level text shows once a hall is chosen.
RUNS = [(p.stem, {}) for p in sorted(PAGES.glob("*.py"))] + [
    ("training", {"flt_hall": ["020001"]}),
    ("overview", {"lang": "en"}),
    ("weekly_review", {"lang": "en"}),
]


@pytest.mark.parametrize("page, state", RUNS, ids=[f"{p}-{'-'.join(s) or 'default'}" for p, s in RUNS])
def test_uploaded_markup_is_shown_as_text(page, state, hostile_db, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(hostile_db))
    at = run_page(str(PAGES / f"{page}.py"), **state)
    assert not unescaped_markup(markdown_texts(at)), unescaped_markup(markdown_texts(at))
    assert not chart_links(at), f"an <a href> from an upload reached the plotly charts {chart_links(at)}"


def test_the_hostile_names_are_shown_escaped_not_dropped(hostile_db, monkeypatch):
    """The checks above would pass on a page that showed no names at all: here the hall
    profile's heading and the overview's charts do show them, escaped."""
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(hostile_db))
    profile = run_page(str(PAGES / "hall_profile.py"), {"hall": "0755006"})
    assert any(ESCAPED_LINK in s.value for s in profile.subheader), [s.value for s in profile.subheader]
    overview = run_page(str(PAGES / "overview.py"))
    specs = "".join(figure_json(c) for c in overview.get("plotly_chart"))
    assert "&lt;a href" in specs and LINK in specs  # plotly ignores Markdown: the link text stays as written
    lines = [m.value for m in overview.markdown if "evil" in m.value]
    assert lines and all(ESCAPED_LINK in line for line in lines), lines


def test_uploaded_file_sheet_and_header_names_are_shown_as_text(tmp_path, monkeypatch):
    """The Import data page quotes the file, its sheets, its headers and its values back to
    the analyst (headings, alerts, the mapping editor's labels, the commit message)."""
    from builders import halls_file, xlsx
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "app.duckdb"))
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", BOLD + " " + IMAGE]
    rows = [["T1", "2026-10-01 09:00", "积分兑换", "020001", "已办结", LINK],
            ["T2", IMAGE, "计费争议", "020002", "处理中", BOLD]]
    unrecognised = [[BOLD + " " + LINK, COLOUR + " " + FORMULA], ["a", "b"]]
    sheet = f"工单 {FORMULA} {BARE_ADDRESS}"  # a sheet name cannot hold [ ] : * ? / \
    name = f"{LINK}{BOLD}.xlsx"
    at = AppTest.from_file(str(PAGES / "import_data.py"), default_timeout=60).run()
    at.file_uploader[0].set_value([
        ("halls.xlsx", halls_file(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (name, xlsx((sheet, [header, *rows]), ("说明 " + BARE_ADDRESS, unrecognised)),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = markdown_texts(at)
    assert not unescaped_markup(shown), unescaped_markup(shown)
    assert any(ESCAPED_LINK in text for text in shown), "the file name is not shown"
    at.button(key="imp_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = markdown_texts(at)
    assert not unescaped_markup(shown), unescaped_markup(shown)
    assert any(ESCAPED_LINK in s.value for s in at.success), [s.value for s in at.success]


def test_chart_text_keeps_our_own_tags_and_loses_every_other():
    import numpy as np
    import plotly.graph_objects as go

    from dashboard import chart_text, i18n

    fig = go.Figure(go.Bar(x=np.array(["<a href='u'>厅</a>", "<b>乙</b>"], dtype=object), y=[1, 2],
                           customdata=[["<x>1", "甲"], ["2", "<span style='x'>乙</span>"]],
                           hovertemplate="%{x}<br>%{y}<extra></extra>", name="<span>名</span>"))
    fig.update_layout(xaxis={"categoryarray": ["<a href='u'>厅</a>", "<b>乙</b>"]})
    chart_text.defuse_chart_text(fig)
    bar = fig.data[0]
    assert list(bar.x) == ["&lt;a href='u'>厅&lt;/a>", "<b>乙</b>"]
    assert list(fig.layout.xaxis.categoryarray) == list(bar.x)  # the order still names the bars
    assert bar.hovertemplate == "%{x}<br>%{y}<extra></extra>" and bar.name == "&lt;span>名&lt;/span>"
    assert [list(row) for row in bar.customdata] == [["&lt;x>1", "甲"], ["2", "&lt;span style='x'>乙&lt;/span>"]]
    assert chart_text.chart_point_code(bar.customdata[0][0]) == "<x>1"  # a drill reads the code back as it was
