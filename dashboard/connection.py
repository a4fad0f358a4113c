"""The process's one DuckDB connection, a fresh cursor per query, and the query cache.

The connection is one per process (`st.cache_resource`); every query runs on its own cursor,
so sessions on different threads never share a cursor. Results are cached with
`st.cache_data` keyed by the function's module and name and its arguments; an import or an
undo clears the cache for every session (`clear_caches`)."""
from __future__ import annotations

import logging

import streamlit as st

from analytics import logs, storage
from analytics.settings import Settings
from dashboard.i18n import message, t

logger = logging.getLogger(__name__)
CACHE_TTL = 600  # seconds a query result is reused


@st.cache_resource(show_spinner=False)
def _connection():
    db_path = Settings.from_env().db_path
    logs.configure(db_path)  # every caught exception's traceback goes to the file beside it
    return storage.connect(db_path)


def cursor():
    """A fresh cursor on the process's connection; stops the page with a message when busy."""
    try:
        return _connection().cursor()
    except storage.DatabaseBusyError as exc:
        st.error(t("database_busy_page", detail=message(exc.message)))
        st.stop()


def clear_caches() -> None:
    """After an import or undo: every cached figure, filter option and freshness date is
    stale, for every session of this process."""
    st.cache_data.clear()


@st.cache_data(ttl=CACHE_TTL, show_spinner=False)
def _run(_con, name: str, _fn, args: tuple, kwargs: tuple):
    # `name` (module.function) stands in for the unhashed `_fn` in the cache key.
    return _fn(_con, *args, **dict(kwargs))


def cached(fn, *args, **kwargs):
    return _run(cursor(), f"{fn.__module__}.{fn.__qualname__}", fn, args, tuple(sorted(kwargs.items())))
