"""Every page in both languages says everything in that language.

Each page runs (AppTest, on the sample) in Chinese and in English, and every text it puts on
screen is gathered: titles, captions, Markdown, alerts, KPI labels, values and help, widget
labels, options, placeholders and help, expander and button labels, table headers, and each
chart's titles, axis titles, annotations, trace names, tick and hover texts. What the data
itself says (hall, city and region names, categories, products, courses, staff names: the
sample's own words) is taken out first; what is left must be Chinese in Chinese — no English
word outside a short list of names used as they are (CSAT, NPS, CSV, Excel…) — and English in
English: no Chinese character outside the brand 沟通100 and the language switch's own name.
Raw codes in tables are test_page_words.py's concern."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict

from analytics import storage
from analytics.metrics.scorecard import COMMITMENTS
from page_driver import run_page

PAGES = sorted((Path(__file__).resolve().parent.parent / "pages").glob("*.py"))
QUERY = {"hall_profile": {"hall": "020003"}}  # the profile shows its tables once a hall is chosen

# Proto fields that hold words a person reads (ids, styles, data bytes and icons are not).
READ_FIELDS = {"body", "label", "help", "content", "options", "placeholder", "caption", "rawValues", "delta",
               "text", "title", "value"}
# Names used as they are in the Chinese UI (the operator's own usage).
ZH_ALLOWED = {"CSAT", "NPS", "ISO", "CSV", "Excel", "HTML", "PowerPoint", "PPT", "Wilson", "Kaplan", "Meier",
              "Byar", "KM", "SP", "MB", "PNG"}
# The brand and the handbook's five commitments (诚信100 …, named as the programme names them,
# with an English word beside); the language switch names itself in both languages.
EN_ALLOWED = ("沟通100", *(name for name, _ in COMMITMENTS.values()), "中文", "语言")
# Neither language: Streamlit directives, plotly templates, tags, inline code, file paths
# and settings (config/targets.toml, server.maxUploadSize), URL parameters (?present=1).
NOT_WORDS = re.compile(r":material/[a-z_]+:|:[a-z]+(-badge|-background)?\[|%\{[^}]*\}|<[^>]+>|https?://\S+"
                       r"|`[^`]*`|[\w\\.-]*[/.\\][\w\\./-]+|\?\w+=\w+|\b\d{4}-W\d{2}\b")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def data_words(sample_con) -> list[str]:
    """The sample's own words: every text value of a column with at most 1,000 distinct
    values (names, categories, products; not comments, ids or free text), longest first."""
    con = sample_con.cursor()
    try:
        columns = con.execute("""SELECT table_name, column_name FROM information_schema.columns
                                 WHERE data_type = 'VARCHAR' AND table_schema = 'main'""").fetchall()
        words = set()
        for table, column in columns:
            quoted_table, quoted_column = storage.quote_ident(table), storage.quote_ident(column)
            distinct = con.execute(f"SELECT count(DISTINCT {quoted_column}) FROM {quoted_table}").fetchone()[0]
            if distinct <= 1000:
                words |= {v for (v,) in con.execute(f"SELECT DISTINCT {quoted_column} FROM {quoted_table}").fetchall()
                          if isinstance(v, str) and v.strip()}
    finally:
        con.close()
    return sorted(words, key=len, reverse=True)


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _strings(value, field=""):
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, field)


def _chart_texts(spec: dict):
    layout = spec.get("layout", {})
    for key, part in layout.items():
        if isinstance(part, dict):
            title = part.get("title")
            yield title.get("text", "") if isinstance(title, dict) else (title or "")
            yield from (str(t) for t in part.get("ticktext", []) or [])
    for note in layout.get("annotations", []):
        yield note.get("text", "")
    for trace in spec.get("data", []):
        for key in ("name", "hovertemplate", "texttemplate"):
            if isinstance(trace.get(key), str):
                yield trace[key]
        for key in ("text", "hovertext", "x", "y", "labels"):
            values = trace.get(key)
            values = values if isinstance(values, list) else [values]
            yield from (v for v in values if isinstance(v, str))


def screen_texts(at) -> list[str]:
    texts = []
    for root in (at.main, at.sidebar):
        for node in _nodes(root):
            proto = getattr(node, "proto", None)
            if proto is None or not hasattr(proto, "DESCRIPTOR"):
                continue
            fields = MessageToDict(proto)
            if "spec" in fields:
                texts += list(_chart_texts(json.loads(fields["spec"])))
                continue
            texts += [text for field, text in _strings(fields) if field in READ_FIELDS]
    texts += [str(column) for frame in at.dataframe for column in frame.value.columns]
    return texts


def foreign(texts: list[str], data_words: list[str], lang: str) -> set[str]:
    found = set()
    for text in texts:
        for word in data_words:
            if word in text:
                text = text.replace(word, " ")
        text = NOT_WORDS.sub(" ", text)
        if lang == "zh":
            found |= {w for w in LATIN_WORD.findall(text) if w not in ZH_ALLOWED}
        else:
            for allowed in EN_ALLOWED:
                text = text.replace(allowed, " ")
            if HAN.search(text):
                found.add(text.strip()[:80])
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_text_is_in_the_users_language(page, lang, data_words, sample_app_env):
    at = run_page(str(page), QUERY.get(page.stem), lang=lang)
    texts = screen_texts(at)
    assert len(texts) > 20, (page.stem, texts)  # the page said something
    assert not foreign(texts, data_words, lang), (page.stem, lang, sorted(foreign(texts, data_words, lang)))


def test_the_check_finds_a_foreign_word():
    """Not a check that cannot fail: an English word in Chinese and a Chinese one in English."""
    assert foreign(["满意度 Select all"], [], "zh") == {"Select", "all"}
    assert foreign(["广州天河厅 CSAT 90%"], ["广州天河厅"], "zh") == set()
    assert foreign(["Rank in 城市"], [], "en") == {"Rank in 城市"}
    assert foreign(["广州天河厅 · 沟通100 scorecard"], ["广州天河厅"], "en") == set()
    assert foreign(["目标值见 config/targets.toml；链接加 ?present=1"], [], "zh") == set()
