"""Every string the UI shows, in Chinese and English (Chinese is the default).

The strings live in `dashboard/locales/`, one module per page plus `common`, the weekly
report's words in `analytics/report_text.py` (the report command writes them too) and the
import engine's sentences in `analytics/message_text.py`; `TEXT` merges them and refuses a key
defined twice. Pages call `t("key")`; a test checks that every key has both languages and
that every key the dashboard uses exists, so the UI can never be half translated."""
from __future__ import annotations

import re

import streamlit as st

from analytics import message_text, report_text
from dashboard.locales import (common, complaints, hall, import_data, marketing, overview, satisfaction, scorecard,
                               training, weekly)

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"


def _merge(*modules) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, texts in module.TEXT.items():
            if key in merged:
                raise ValueError(f"UI string {key!r} is defined twice ({module.__name__})")
            merged[key] = texts
    return merged


# The engine's messages (analytics.messages) share the key space, so a code can never
# shadow a UI string.
TEXT = _merge(common, overview, satisfaction, complaints, marketing, training, hall, import_data, weekly, scorecard,
              report_text, message_text)


def message(text, *, markdown: bool = False) -> str:
    """A message of the import engine (an analytics.messages.Message: file error, warning,
    rejection reason, evidence) in the current language; any other text as it is.
    `markdown`: for st.markdown / st.error and the like, whose text is Markdown: what the
    message quotes from the upload (file, sheet, header, value) is escaped; a table cell
    is plain text and needs no escape."""
    from analytics import messages

    return messages.render(text, language(), escape=escape_markdown if markdown else None)


def language() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The UI text `key` in the current language, filled in with `values` as given: for
    plain-text places (table headers, options, chart labels, file names)."""
    text = TEXT[key][language()]
    return text.format(**values) if values else text


def t_markdown(key: str, **values) -> str:
    """`t` for the places that read Markdown (st.markdown, captions, titles, alerts, widget
    labels): each text value is escaped, so a hall name or a file name from an upload shows
    as it is written and can never become a link, an image, a colour or a formula."""
    return t(key, **{name: escape_markdown(value) if isinstance(value, str) else value
                     for name, value in values.items()})


def language_picker() -> None:
    """Sidebar language switch; the choice is kept in the URL so a link reproduces it."""
    current = language()
    choice = st.sidebar.radio(
        t("language"), list(LANGUAGES), index=list(LANGUAGES).index(current),
        format_func=LANGUAGES.get, horizontal=True, key="lang")
    if choice != DEFAULT_LANGUAGE:
        st.query_params["lang"] = choice
    elif "lang" in st.query_params:
        del st.query_params["lang"]


def join(values) -> str:
    """A list as the UI's language writes one (、 in Chinese, a comma in English)."""
    return ("、" if language() == "zh" else ", ").join(values)


# GitHub Markdown turns web and mail addresses into links after parsing, from the text the
# escapes leave ("http\://" reads "http://" again). An invisible word joiner (U+2060) inside
# "http://", "www." and after "@" keeps them text; it is the only change a reader cannot see.
_WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=www)(?=\.)|(?<=@)")


def escape_markdown(text: str) -> str:
    """Text from uploads (hall names, categories, comments) shown literally by st.markdown:
    no emphasis, links, auto-linked addresses, images, colour directives or LaTeX
    (st.markdown never renders raw HTML)."""
    text = _AUTOLINK_START.sub(_WORD_JOINER, str(text))
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~<>$:])", r"\\\1", text)
