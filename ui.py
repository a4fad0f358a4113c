"""The one Streamlit-aware helper module: connection, language, shared widgets.

The DuckDB connection is one per process (`st.cache_resource`); every query runs on its
own cursor, so sessions on different threads never share a cursor. Query results are
cached with `st.cache_data` keyed by their arguments; an import clears those caches.
"""
from __future__ import annotations

import streamlit as st

import i18n
from analytics import storage
from analytics.settings import Settings


@st.cache_resource(show_spinner=False)
def _connection():
    return storage.connect(Settings.from_env().db_path)


def cursor():
    """A fresh cursor on the process's connection; stops the page with a message when busy."""
    try:
        return _connection().cursor()
    except storage.DatabaseBusyError as exc:
        st.error(t("database_busy", detail=str(exc)))
        st.stop()


def clear_caches() -> None:
    """After an import: every cached query result is stale."""
    st.cache_data.clear()


def language() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang") or i18n.DEFAULT_LANGUAGE
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    text = i18n.TEXT[key][language()]
    return text.format(**values) if values else text


def language_picker() -> None:
    """Sidebar language switch; the choice is kept in the URL so a link reproduces it."""
    current = language()
    choice = st.sidebar.radio(
        t("language"), list(i18n.LANGUAGES), index=list(i18n.LANGUAGES).index(current),
        format_func=i18n.LANGUAGES.get, horizontal=True, key="lang")
    if choice != i18n.DEFAULT_LANGUAGE:
        st.query_params["lang"] = choice
    elif "lang" in st.query_params:
        del st.query_params["lang"]
