"""The one Streamlit-aware helper module: connection, language, shared filters and widgets.

The DuckDB connection is one per process (`st.cache_resource`); every query runs on its
own cursor, so sessions on different threads never share a cursor. Query results are
cached with `st.cache_data` keyed by their arguments; an import clears those caches.

Filters live in widget keys prefixed `flt_` (so they survive page switches) and are
mirrored into the URL (`from`, `to`, `region`, `city`, `hall`, `channel`; lists joined by
commas), so a link reproduces the view: a fresh session starts from the URL.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException, StreamlitSecretNotFoundError

import i18n
from analytics import export, logs, measures, schema, storage
from analytics.filters import Filters
from analytics.metrics import directory
from analytics.settings import Settings
from analytics.stats import LOW_SAMPLE
from analytics.targets import judge, load_targets

logger = logging.getLogger(__name__)

CACHE_TTL = 600  # seconds a query result is reused
DATA_PAGE = "pages/import_data.py"  # where empty states point: upload, or load the sample
PERIOD_KEY, REGION_KEY, CITY_KEY, HALL_KEY = "flt_period", "flt_region", "flt_city", "flt_hall"
PRESET_KEY = "flt_period_preset"

FONT = "Noto Sans CJK SC, Source Sans, sans-serif"
PALETTE = ("#1f6fb2", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#bab0ac")
SEQUENTIAL = "Blues"
STATUS_COLOURS = MappingProxyType({"good": "#2e7d32", "warn": "#ed8f03", "bad": "#c62828"})  # read-only
STATUS_BACKGROUNDS = MappingProxyType({"good": "#e3f1e4", "warn": "#fff1d6", "bad": "#fbe1e1"})
LOW_SAMPLE_TEXT = "#9e9e9e"
STYLED_CELLS = 12_000  # the largest table coloured cell by cell (see _styled)


# --- connection and cached queries ---------------------------------------------------

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


def _cached(fn, *args, **kwargs):
    return _run(cursor(), f"{fn.__module__}.{fn.__qualname__}", fn, args, tuple(sorted(kwargs.items())))


def query(fn, filters: Filters, **kwargs) -> pd.DataFrame:
    """`fn(cursor, filters, **kwargs)` for a metric function, cached for ten minutes by the
    function's module and name, the filters and the keyword arguments. The filters always
    carry the signed-in user's scope, whatever the page passed: no page can widen it."""
    return _cached(fn, replace(filters, scope=current_scope()), **kwargs)


def headline(filters: Filters, kpis) -> pd.DataFrame:
    """analytics.metrics.overview.headline for KPI keys `kpis`, indexed by kpi, compared
    with the previous period only when that lies inside the data (`comparison`)."""
    from analytics.metrics import overview

    return query(overview.headline, filters, kpis=tuple(kpis), compare=comparison(filters) is not None).set_index("kpi")


def hall_directory() -> pd.DataFrame:
    """The halls the user may see (the filter choices are built from these)."""
    return _cached(directory.hall_directory, current_scope())


def data_bounds() -> tuple[dt.date, dt.date] | None:
    """First and last date of the data, or None while the database is empty."""
    row = _cached(directory.data_period, current_scope()).iloc[0]
    if row["first_date"] is None or row["last_date"] is None:
        return None
    return row["first_date"], row["last_date"]


def comparison(filters: Filters) -> Filters | None:
    """The period `filters` is compared with (Filters.previous: the previous calendar
    month for a month), or None when it starts before the data: a change against a period
    with no data would be made up ("+26,134" against nothing)."""
    previous = filters.previous()
    bounds = data_bounds()
    return previous if bounds is not None and bounds[0] <= previous.start else None


_COMPARISON_KEYS = {("months", True): "vs_previous_month", ("months", False): "vs_previous_months",
                    ("weeks", True): "vs_previous_week", ("weeks", False): "vs_previous_weeks",
                    ("days", True): "vs_previous_days", ("days", False): "vs_previous_days"}


def comparison_caption(filters: Filters) -> str:
    """What every change on the page is against, written out (or that there is nothing)."""
    previous = filters.previous()
    dates = {"start": previous.start.isoformat(), "end": previous.end.isoformat()}
    if comparison(filters) is None:
        return t("no_previous", **dates)
    unit, count = filters.comparison
    return t(_COMPARISON_KEYS[unit, count == 1], n=count, **dates)


def has_data() -> bool:
    return data_bounds() is not None


def dataset_summary() -> pd.DataFrame:
    """Rows and dates per dataset, of the halls the user may see (cached)."""
    return _cached(storage.dataset_summary, current_scope())


# --- who is signed in (analytics.access) ------------------------------------------------

USER_KEY = "auth_user"


def _access_config():
    """The access file's users, or None when the app runs open. A broken file stops the
    page with its message (never a traceback, never an open app by mistake)."""
    from analytics import access

    try:
        return access.load_access()
    except access.AccessConfigError as exc:
        logger.error("the access file cannot be read: %s", exc)
        st.error(t("access_broken", detail=str(exc)))
        st.stop()


def current_user():
    """The signed-in analytics.access.User; everyone is an admin when there is no access
    file; None while nobody has signed in."""
    from analytics import access

    if _access_config() is None:
        return access.OPEN_USER
    return st.session_state.get(USER_KEY)


def current_scope() -> tuple[str, ...] | None:
    """The regions the user may see (None: all). Nobody signed in sees nothing."""
    user = current_user()
    return () if user is None else user.scope


def can_import() -> bool:
    user = current_user()
    return user is not None and user.can_import


SESSION_KEY = "auth_session"        # analytics.sessions.Session of this tab
TICKET_KEY = "auth_ticket"          # a cookie (or its removal) to hand to the browser on this run
SIGNED_OUT_KEY = "auth_signed_out"  # signed out in this tab: the cookie its page load sent no longer counts
ENDED_KEY = "auth_ended"            # why the last session ended without this tab asking
SSO_UNKNOWN_KEY = "auth_sso_unknown"  # the e-mail address the SSO gave, not in the access file


def sign_in_gate() -> None:
    """With an access file: a sign-in form until the visitor has signed in (then their
    name and the sign-out buttons in the sidebar), a sign-in that a reload keeps (the
    session cookie of analytics.sessions), and at every click a check that the session
    still stands (not signed out everywhere, same password, still in the access file).
    Without an access file: nothing."""
    from analytics import access, sessions

    config = _access_config()
    address = st.context.ip_address
    if config is None:
        if access.open_mode():
            st.warning(t("open_mode_banner"), icon=":material/lock_open:")
        elif not access.is_local_address(address):
            # The server binds to this machine only without an access file; should it
            # have been started otherwise, a visitor from elsewhere still sees nothing.
            st.error(t("local_only_refused"))
            st.stop()
        return
    _hand_cookie_to_browser()
    con = cursor()
    key = sessions.session_key(con)
    session = st.session_state.get(SESSION_KEY)
    if session is None and not st.session_state.get(SIGNED_OUT_KEY):
        session = sessions.read(config, st.context.cookies.get(sessions.COOKIE), key=key)
        if session is not None:
            logger.info("signed in from the session cookie: %r from %s", session.user.username, address or "local")
    if session is None and not st.session_state.get(SIGNED_OUT_KEY) and sso_configured() and st.user.is_logged_in:
        session = _session_from_sso(config, con, key, address)
    if session is not None:
        user = sessions.still_fits(config, session, key=key)
        if user is None or not storage.session_is_current(con, session.user.username, session.generation,
                                                          session.session_id):
            logger.info("session of %r ended (signed out elsewhere, or the access file changed)",
                        session.user.username)
            _end_this_tab(clear_cookie=True)
            st.session_state[ENDED_KEY] = True
            session = None
        else:
            st.session_state[SESSION_KEY], st.session_state[USER_KEY] = session, user
    if session is None:
        _sign_in_form(config, con, key, address)
        st.stop()
    user = st.session_state[USER_KEY]
    st.sidebar.caption(t_markdown("signed_in_as", name=user.name, role=t(f"role_{user.role}"))
                       + (f" · {join(user.regions)}" if user.scope else ""))
    here, everywhere = st.sidebar.columns(2)
    if here.button(t("sign_out"), key="sign_out", icon=":material/logout:"):
        storage.end_session(con, session.session_id, user.username, dt.datetime.fromtimestamp(session.expires_at))
        logger.info("signed out: %r from %s", user.username, address or "local")
        _end_this_tab(clear_cookie=True)
        _leave_sso_or_rerun()
    if everywhere.button(t("sign_out_everywhere"), key="sign_out_everywhere", icon=":material/devices_off:",
                         help=t("sign_out_everywhere_help")):
        storage.end_sessions_everywhere(con, user.username)
        logger.info("signed out everywhere: %r from %s", user.username, address or "local")
        _end_this_tab(clear_cookie=True)
        _leave_sso_or_rerun()


def sso_configured() -> bool:
    """Whether the single sign-on is set up: Streamlit's [auth] section in its secrets file
    (.streamlit/secrets.toml), for the operator's OIDC provider."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets file at all: no SSO, sign-in by password only
        return False


def _session_from_sso(config, con, key: bytes, address: str | None):
    """The session of the visitor the SSO vouches for, or None (then the sign-in page says
    why: not in the access file, or the sign-on ended)."""
    from analytics import sessions

    claims = st.user.to_dict()
    user = config.sso_user(claims.get("email"))
    if user is None:
        logger.warning("single sign-on of %r from %s refused: not in the access file", claims.get("email"),
                       address or "local")
        st.session_state[SSO_UNKNOWN_KEY] = str(claims.get("email") or claims.get("sub") or "")
        return None
    session = sessions.from_sso(config, claims, key=key, generation=storage.sign_in_generation(con, user.username),
                                ended_at=storage.signed_out_everywhere_at(con, user.username))
    if session is None:  # older than the lifetime or than the last sign-out everywhere
        st.session_state[ENDED_KEY] = True
        return None
    # Whether its id was signed out in this browser is the gate's one check for every session.
    logger.info("signed in by single sign-on: %r from %s", user.username, address or "local")
    return session


def _leave_sso_or_rerun() -> None:
    """After signing out: also end the SSO's cookie (Streamlit's), which reloads the page.
    The run stops rather than reruns: a rerun can drop the redirect st.logout queued."""
    if sso_configured() and st.user.is_logged_in:
        st.logout()
        st.stop()
    st.rerun()


def _sign_in_form(config, con, key: bytes, address: str | None) -> None:
    from analytics import access, sessions

    st.title(t("app_title"))
    if st.session_state.pop(ENDED_KEY, False):
        st.info(t("session_ended"), icon=":material/logout:")
    if sso_configured():
        unknown = st.session_state.pop(SSO_UNKNOWN_KEY, None)
        if unknown is not None:  # signed on, but not in the access file: leave the SSO to switch accounts
            st.error(t_markdown("sso_unknown", email=unknown))
            if st.button(t("sso_leave"), key="sso_leave", icon=":material/logout:"):
                st.logout()
        elif st.button(t("sign_in_sso"), key="sign_in_sso", type="primary", icon=":material/badge:"):
            st.login()  # also after a sign-on that ended (sign-out everywhere): a new one is made
    if not any(stored for _, stored in config.users.values()):
        return  # single sign-on only
    with st.form("sign_in"):
        st.subheader(t("sign_in"))
        username = st.text_input(t("sign_in_user"), key="sign_in_user")
        password = st.text_input(t("sign_in_password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("sign_in_button"), type="primary")
    if not submitted:
        return
    answer = access.attempt_sign_in(config, username, password, address)
    if answer.user is not None:
        generation = storage.sign_in_generation(con, answer.user.username)
        session, value = sessions.issue(config, answer.user, key=key, generation=generation)
        st.session_state[SESSION_KEY], st.session_state[USER_KEY] = session, answer.user
        st.session_state[TICKET_KEY] = sessions.TICKETS.put(value, int(session.expires_at - time.time()))
        st.session_state.pop(SIGNED_OUT_KEY, None)
        st.rerun()
    time.sleep(answer.delay_s)  # this session waits; the others carry on
    if answer.locked_until is not None:
        st.error(t("sign_in_locked", until=dt.datetime.fromtimestamp(answer.locked_until).strftime("%H:%M")))
    else:
        st.error(t("sign_in_failed"))


def _end_this_tab(*, clear_cookie: bool) -> None:
    """Forget this tab's sign-in and its filter choices; have the browser drop the cookie."""
    from analytics import sessions

    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[SIGNED_OUT_KEY] = True
    _forget_filter_choices()
    if clear_cookie:
        st.session_state[TICKET_KEY] = sessions.TICKETS.put(None, 0)


# The page POSTs the ticket (a random token, JSON-quoted) to server.py's route, same origin only.
_HANDOVER_SCRIPT = ("<script>fetch({route}, {{method: 'POST', body: {ticket}, credentials: 'same-origin', "
                    "cache: 'no-store'}});</script>")


def _hand_cookie_to_browser() -> None:
    """Send this run's ticket to server.py's route, whose answer sets (or clears) the
    HttpOnly cookie; a script run has no HTTP response of its own to set it on. Served
    without server.py (plain `streamlit run app.py`) the route is missing and the sign-in
    lasts as long as the tab, as before."""
    from analytics import sessions

    ticket = st.session_state.pop(TICKET_KEY, None)
    if ticket:
        st.html(_HANDOVER_SCRIPT.format(route=json.dumps(sessions.ROUTE), ticket=json.dumps(ticket)),
                unsafe_allow_javascript=True)


def _forget_filter_choices() -> None:
    """After signing out: forget this session's filter choices (they were the user's)."""
    for key in [k for k in st.session_state if str(k).startswith("flt_")]:
        del st.session_state[key]


def require_import_rights() -> None:
    """Stop a page that writes (import, undo) for a user whose role may not."""
    if not can_import():
        st.error(t("no_import_rights"))
        st.stop()


# --- writing: imports, undo, the sample ------------------------------------------------

def load_sample_data() -> list:
    """Import the shipped sample exports into the (empty) database of this process."""
    from analytics import importer
    from analytics.settings import SAMPLE_DATA_DIR

    results = importer.import_paths(cursor(), sorted(SAMPLE_DATA_DIR.glob("*.xlsx")), source="sample")
    clear_caches()
    return results


def load_sample_button(key: str) -> None:
    """"Load sample data": shown only while the database is empty, to those who may import."""
    if has_data() or not can_import():
        return
    if st.button(t("load_sample"), key=key, icon=":material/dataset:", type="primary"):
        with st.spinner(t("load_sample_running")):
            results = load_sample_data()
        failed = [r.file for r in results if r.error]
        if failed:
            st.error(t("load_sample_failed", files=join(failed)))
        else:
            st.rerun()


def message(text, *, markdown: bool = False) -> str:
    """A message of the import engine (an analytics.messages.Message: file error, warning,
    rejection reason, evidence) in the current language; any other text as it is.
    `markdown`: for st.markdown / st.error and the like, whose text is Markdown: what the
    message quotes from the upload (file, sheet, header, value) is escaped; a table cell
    is plain text and needs no escape."""
    from analytics import messages

    return messages.render(text, language(), escape=escape_markdown if markdown else None)


def import_log_table(log: pd.DataFrame, *, key: str) -> None:
    """The import batches of storage.import_log, under translated headers."""
    shown = log.assign(
        status=log["status"].map(lambda s: t(f"status_{s}")),
        datasets=log["datasets"].map(lambda names: join(dataset_label(n) for n in (names or "").split(", ") if n)),
        source=log["source"].map(lambda s: t(f"imp_source_{s}") if s in ("app", "cli", "sample") else (s or "")))
    columns = {"batch_id": "col_batch", "file_name": "col_file", "datasets": "col_dataset", "rows_read": "col_rows_read",
               "accepted": "col_accepted", "rejected": "col_rejected", "inserted": "col_inserted",
               "updated": "col_updated", "skipped_totals": "col_skipped_totals", "started_at": "col_started_at",
               "source": "imp_col_source", "status": "col_status"}
    st.dataframe(shown[list(columns)].rename(columns={c: t(k) for c, k in columns.items()}), hide_index=True,
                 width="stretch", key=key,
                 column_config={t("col_started_at"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})


FRESHNESS_DATASETS = ("surveys", "complaints", "sales", "training")
STALE_AFTER_DAYS = 7


def data_freshness() -> None:
    """Sidebar: the latest date in each activity dataset, flagged when older than a week."""
    summary = dataset_summary().set_index("dataset")
    today = dt.date.today()
    lines, stale = [], False
    for name in FRESHNESS_DATASETS:
        last = summary.at[name, "last_date"] if name in summary.index else None
        label = dataset_label(name)
        if _missing(last):
            lines.append(t("fresh_none", dataset=label))
            continue
        age = (today - pd.Timestamp(last).date()).days
        stale = stale or age > STALE_AFTER_DAYS
        key = "fresh_stale" if age > STALE_AFTER_DAYS else "fresh_ok"
        lines.append(t(key, dataset=label, date=pd.Timestamp(last).date().isoformat(), days=age))
    with st.sidebar.expander(t("fresh_title") + (" ⚠" if stale else ""), expanded=stale):
        st.markdown("\n".join(f"- {line}" for line in lines))
        if stale:
            st.caption(t("fresh_stale_note", days=STALE_AFTER_DAYS))


def dataset_label(name: str) -> str:
    from analytics import schema

    ds = schema.DATASETS[name]
    return ds.label_zh if language() == "zh" else ds.label_en


# --- language ----------------------------------------------------------------------

def language() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang") or i18n.DEFAULT_LANGUAGE
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The UI text `key` in the current language, filled in with `values` as given: for
    plain-text places (table headers, options, chart labels, file names)."""
    text = i18n.TEXT[key][language()]
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
        t("language"), list(i18n.LANGUAGES), index=list(i18n.LANGUAGES).index(current),
        format_func=i18n.LANGUAGES.get, horizontal=True, key="lang")
    if choice != i18n.DEFAULT_LANGUAGE:
        st.query_params["lang"] = choice
    elif "lang" in st.query_params:
        del st.query_params["lang"]


def join(values) -> str:
    """A list as the UI's language writes one (、 in Chinese, a comma in English)."""
    return ("、" if language() == "zh" else ", ").join(values)


# --- filters: session state <-> URL -------------------------------------------------

def _url_list(name: str) -> list[str]:
    return [v.strip() for v in st.query_params.get(name, "").split(",") if v.strip()]


def _url_date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def _set_url(name: str, value: str) -> None:
    """Mirror one filter into the URL; an empty value removes the parameter."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def _default_period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    start, end = directory.default_period(last)
    if end < first:  # less than one complete month of data: all of it
        return first, last
    return max(start, first), end


def _url_period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
    start, end = _url_date("from"), _url_date("to")
    if start is None or end is None:
        return None
    start, end = max(start, first), min(end, last)
    return (start, end) if start <= end else None


def _period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The chosen period; while a range is half picked, the last complete one (the URL)."""
    value = tuple(st.session_state.get(PERIOD_KEY) or ())
    if len(value) == 2:
        start, end = max(value[0], first), min(value[1], last)
        if start <= end:
            return start, end
    return _url_period(first, last) or _default_period(first, last)


def _chosen(key: str, options, url_name: str) -> list[str]:
    """The widget's selection (on a fresh session: the URL's), keeping only valid options."""
    raw = st.session_state[key] if key in st.session_state else _url_list(url_name)
    allowed = set(options)
    return [v for v in raw if v in allowed]


def _prepare(key: str, options, url_name: str) -> None:
    """Before drawing a multiselect: seed it from the URL, drop selections no longer offered."""
    chosen = _chosen(key, options, url_name)
    if st.session_state.get(key) != chosen:
        st.session_state[key] = chosen


def halls_of(filters: Filters) -> pd.DataFrame:
    """The directory's halls that `filters` choose (by region, city and hall)."""
    halls = hall_directory()
    for column, chosen in (("region", filters.regions), ("city", filters.cities), ("hall_code", filters.halls)):
        halls = _narrowed(halls, column, list(chosen))
    return halls


def _narrowed(halls: pd.DataFrame, column: str, chosen: list[str]) -> pd.DataFrame:
    return halls[halls[column].isin(chosen)] if chosen else halls


def current_filters() -> Filters:
    """The filters as they stand (no widgets drawn): what `global_filters` returned this
    run, or, on a page run on its own, the URL's choice or the defaults."""
    bounds = data_bounds()
    if bounds is None:
        return Filters(*directory.default_period(dt.date.today()), scope=current_scope())
    halls = hall_directory()
    regions = _chosen(REGION_KEY, halls["region"].unique(), "region")
    in_regions = _narrowed(halls, "region", regions)
    cities = _chosen(CITY_KEY, in_regions["city"].unique(), "city")
    hall_codes = _chosen(HALL_KEY, _narrowed(in_regions, "city", cities)["hall_code"], "hall")
    return Filters(*_period(*bounds), regions=tuple(regions), cities=tuple(cities), halls=tuple(hall_codes),
                   scope=current_scope())


def _apply_preset() -> None:
    """A preset was clicked: its days become the period (the date input shows them)."""
    name, bounds = st.session_state.get(PRESET_KEY), data_bounds()
    if name and bounds is not None:
        st.session_state[PERIOD_KEY] = directory.preset_period(name, *bounds)


def _period_presets(sidebar, first: dt.date, last: dt.date) -> None:
    """One-click periods above the date input (本月 … 全部). The highlighted one is the
    preset whose days the period is (none after dates typed by hand), the one clicked when
    two presets give the same days."""
    period = _period(first, last)
    clicked = st.session_state.get(PRESET_KEY)
    matching = [p for p in directory.PERIOD_PRESETS if directory.preset_period(p, first, last) == period]
    shown = clicked if clicked in matching else (matching[0] if matching else None)
    if st.session_state.get(PRESET_KEY) != shown:
        st.session_state[PRESET_KEY] = shown
    sidebar.pills(t("filter_preset"), directory.PERIOD_PRESETS, format_func=lambda p: t(f"preset_{p}"),
                  key=PRESET_KEY, on_change=_apply_preset)


def global_filters() -> Filters:
    """Draw the period → region → city → hall filters in the sidebar and return them.
    Options narrow down the cascade; the choice is mirrored into the URL."""
    sidebar = st.sidebar
    sidebar.subheader(t("filters"))
    bounds = data_bounds()
    if bounds is None:
        sidebar.caption(t("filters_no_data"))
        return current_filters()
    first, last = bounds
    _period_presets(sidebar, first, last)
    # The value comes from the session once a preset (or the user) has set it; passing a
    # default as well would make Streamlit warn about two sources.
    default = {} if PERIOD_KEY in st.session_state else {
        "value": _url_period(first, last) or _default_period(first, last)}
    sidebar.date_input(t("filter_period"), min_value=first, max_value=last, key=PERIOD_KEY, format="YYYY-MM-DD",
                       **default)
    if len(st.session_state[PERIOD_KEY]) < 2:
        sidebar.caption(t("filter_period_incomplete"))

    halls = hall_directory()
    options = list(halls["region"].unique())
    _prepare(REGION_KEY, options, "region")
    sidebar.multiselect(t("filter_region"), options, key=REGION_KEY, placeholder=t("filter_all"))
    halls = _narrowed(halls, "region", st.session_state[REGION_KEY])
    options = list(halls["city"].unique())
    _prepare(CITY_KEY, options, "city")
    sidebar.multiselect(t("filter_city"), options, key=CITY_KEY, placeholder=t("filter_all"))
    halls = _narrowed(halls, "city", st.session_state[CITY_KEY])
    labels = dict(zip(halls["hall_code"], halls["hall_name"] + " (" + halls["hall_code"] + ")"))
    _prepare(HALL_KEY, list(labels), "hall")
    sidebar.multiselect(t("filter_hall"), list(labels), key=HALL_KEY, format_func=labels.get,
                        placeholder=t("filter_all"))

    filters = current_filters()
    for name, value in (("from", filters.start.isoformat()), ("to", filters.end.isoformat()),
                        ("region", ",".join(filters.regions)), ("city", ",".join(filters.cities)),
                        ("hall", ",".join(filters.halls))):
        _set_url(name, value)
    return filters


def view_choice(key: str, options, *, label: str, words: str):
    """A segmented control for how a section is shown (time grain, level, dimension), the
    first option by default, kept in the URL under `key` so a copied link shows the same
    view. `label` is its locale key, `words` the prefix of its options' (`words + option`)."""
    options = list(options)
    if key not in st.session_state:
        from_url = st.query_params.get(key)
        st.session_state[key] = from_url if from_url in options else options[0]
    chosen = st.segmented_control(t(label), options, required=True, format_func=lambda o: t(words + o), key=key)
    _set_url(key, "" if chosen == options[0] else chosen)
    return chosen


def channel_filter(dataset: str, filters: Filters | None = None) -> Filters:
    """A sidebar multiselect of `dataset`'s channels ('surveys' or 'complaints'); returns
    the filters (default: the current ones) with those channels. Mirrored in the URL."""
    key = f"flt_channel_{dataset}"
    options = _cached(directory.channel_options, dataset, current_scope())
    _prepare(key, options, "channel")
    st.sidebar.multiselect(t("filter_channel"), options, key=key, placeholder=t("filter_all"),
                           persist_state="session")
    chosen = tuple(st.session_state[key])
    _set_url("channel", ",".join(chosen))
    return replace(filters or current_filters(), channels=chosen)


def filters_description(filters: Filters) -> list[str]:
    """The filters in words, one line each, in the current language (for exports)."""
    everything = t("filter_all")
    names = dict(zip(hall_directory()["hall_code"], hall_directory()["hall_name"]))
    lines = [t("desc_period", start=filters.start.isoformat(), end=filters.end.isoformat()),
             t("desc_regions", values=join(filters.regions) or everything),
             t("desc_cities", values=join(filters.cities) or everything),
             t("desc_halls", values=join(names.get(c, c) for c in filters.halls) or everything)]
    if filters.channels:
        lines.append(t("desc_channels", values=join(filters.channels)))
    return lines


# --- presentation mode (meeting-room screen) ------------------------------------------

PRESENT_KEY, SECTION_KEY, AUTO_KEY = "present_mode", "present_section", "present_auto_seconds"
# Sidebar, menu and toolbar buttons hidden; type sized to be read at 1920×1080 from the back
# of the room. The header stays, transparent, for Streamlit's running indicator: a rerun on
# the shared screen must show that something is happening. Applied only while presenting.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stToolbarActions"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"],
[data-testid="stDecoration"] { display: none !important; }
header[data-testid="stHeader"] { background: transparent !important; }
[data-testid="stStatusWidget"] { transform: scale(1.8); transform-origin: top right; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 3rem 1rem 3rem !important; max-width: 100% !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
    font-size: 4.2rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.55rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {
    font-size: 1.7rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.75rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.25rem !important; }
[data-testid="stMarkdownContainer"] h2 { font-size: 2.4rem !important; }
[data-testid="stHeadingWithActionElements"] h3, h3 { font-size: 2.6rem !important; }
[data-testid="stDataFrame"] { font-size: 1.4rem !important; }
</style>"""


# The file uploader's own words swapped for the locale's (see uploader_in_language); the
# two contents are filled with json.dumps of locale texts: a JSON string is a CSS string.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
    content: {button}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>"""


def uploader_in_language() -> None:
    """Streamlit's file uploader writes "Upload" and "50MB per file • XLSX, …" in English
    whatever the app's language: the words are swapped for the locale's by CSS (the widget
    offers no parameter for them). Call once on a page with an uploader."""
    limit = st.get_option("server.maxUploadSize")
    st.html(UPLOADER_CSS.format(button=json.dumps(t("uploader_button"), ensure_ascii=False),
                                limit=json.dumps(t("uploader_limit", mb=limit), ensure_ascii=False)))


def presentation_mode() -> bool:
    """Whether the page shows in presentation mode (`?present=1`, or the toggle drawn with
    key PRESENT_KEY); applies its look. The choice is mirrored into the URL."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get("present") == "1"
    on = bool(st.session_state[PRESENT_KEY])
    _set_url("present", "1" if on else "")
    if on:
        st.html(PRESENT_CSS)
    return on


def presentation_page(pages: int) -> int:
    """The section shown (0-based), from the session or `?section=` (1-based)."""
    if SECTION_KEY not in st.session_state:
        try:
            st.session_state[SECTION_KEY] = int(st.query_params.get("section", "1")) - 1
        except ValueError:
            st.session_state[SECTION_KEY] = 0
    page = min(max(int(st.session_state[SECTION_KEY]), 0), pages - 1)
    st.session_state[SECTION_KEY] = page
    _set_url("section", str(page + 1) if page else "")
    return page


def _turn(step: int, pages: int) -> None:
    st.session_state[SECTION_KEY] = (int(st.session_state.get(SECTION_KEY, 0)) + step) % pages
    st.session_state["present_turned_at"] = time.monotonic()


def _leave_presentation() -> None:
    st.session_state[PRESENT_KEY] = False
    st.session_state[SECTION_KEY] = 0


def presentation_controls(pages: int, page: int) -> None:
    """Previous / next (wrapping round), the page number, leave, and an optional automatic
    turn every N seconds for a screen nobody stands at."""
    row = st.columns([1, 1, 1, 1, 2], vertical_alignment="center")
    row[0].button(t("wk_previous"), key="present_previous", icon=":material/arrow_back:", width="stretch",
                  on_click=_turn, args=(-1, pages))
    row[1].markdown(f"**{t('wk_page_of', page=page + 1, pages=pages)}**")
    row[2].button(t("wk_next"), key="present_next", icon=":material/arrow_forward:", width="stretch",
                  type="primary", on_click=_turn, args=(1, pages))
    row[3].button(t("wk_exit_present"), key="present_exit", icon=":material/close_fullscreen:",
                  on_click=_leave_presentation)
    seconds = row[4].number_input(t("wk_auto"), min_value=0, max_value=600, step=5, key=AUTO_KEY)
    if seconds:
        _auto_turn(pages, seconds)


def _auto_turn(pages: int, seconds: int) -> None:
    @st.fragment(run_every=seconds)
    def ticker():
        turned = st.session_state.setdefault("present_turned_at", time.monotonic())
        if time.monotonic() - turned >= seconds - 0.5:
            _turn(1, pages)
            st.rerun(scope="app")

    ticker()


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


def plain_table(frame: pd.DataFrame, formats: dict[str, str], *, key: str) -> None:
    """A table as it stands (headers already translated), columns formatted by `formats`."""
    st.dataframe(frame, hide_index=True, width="stretch", key=key,
                 column_config={c: _column_config(k) for c, k in formats.items() if c in frame.columns})


@st.cache_resource(show_spinner=False)
def image_export_available() -> bool:
    from analytics import report

    return report.image_export_available()


# --- the 沟通100 scorecard (its page and the hall profile) -----------------------------------

def scorecard_config():
    """config/scorecard.toml, or the page stops with the file's problem."""
    from analytics.metrics import scorecard

    try:
        return scorecard.load_scorecard()
    except ValueError as exc:
        logger.error("the scorecard file cannot be read: %s", exc)
        st.error(t("sc_broken", detail=str(exc)))
        st.stop()


def commitment_name(code: str) -> str:
    from analytics.metrics.scorecard import COMMITMENTS

    zh, en = COMMITMENTS[code]
    return zh if language() == "zh" else f"{zh} {en.split()[0]}"


def kpi_label(key: str) -> str:
    """A KPI's name in the user's language, from its declaration (analytics.measures)."""
    return measures.get(key).label(language())


def scorecard_comparison(comparison: pd.DataFrame, *, key: str) -> None:
    """A hall's five scores beside its city's and region's (analytics.metrics.scorecard.
    hall_comparison) as grouped bars."""
    import plotly.graph_objects as go

    from analytics.metrics.scorecard import COMMITMENTS

    fig = go.Figure()
    for level in ("hall", "city", "region"):
        part = comparison[comparison["level"] == level].set_index("commitment").reindex(list(COMMITMENTS))
        if part["name"].isna().all():
            continue
        name = part["name"].dropna().iloc[0]
        fig.add_trace(go.Bar(x=[commitment_name(c) for c in COMMITMENTS], y=part["score"],
                             name=t("sc_level_hall") if level == "hall" else t(f"sc_level_{level}", name=name),
                             text=[format_value(v, "float1") if not _missing(v) else t("sc_no_score")
                                   for v in part["score"]], textposition="outside"))
    fig.update_yaxes(range=[0, 110], title_text=t("sc_axis_score"))
    fig.update_layout(barmode="group", height=360)
    chart(fig, key=key)


def scorecard_kpi_table(values: pd.DataFrame, *, key: str, filters: Filters, file_stem: str) -> None:
    """The KPIs behind scores: value, target, n, weight and verdict, under translated
    headers, with downloads."""
    def shown(row, column):
        value = row[column]
        return "—" if _missing(value) else format_value(value, measure_format(row["kpi"]))

    records = values.to_dict("records")
    table = values.assign(
        commitment_name=values["commitment"].map(commitment_name), kpi_name=values["kpi"].map(kpi_label),
        value_text=[shown(r, "value") for r in records],
        interval_text=[interval_text(r["low"], r["high"], measure_format(r["kpi"])) for r in records],
        target_text=[("≥ " if r["direction"] == "min" else "≤ ") + shown(r, "target") for r in records],
        floor_text=[shown(r, "floor") for r in records],
        state_text=values["state"].map(lambda s: t(f"sc_state_{s}")))
    data_table(table, columns={"commitment_name": "sc_pick_commitment", "kpi_name": "sc_col_kpi",
                               "value_text": "sc_col_value", "interval_text": "col_interval", "n": "sc_col_n",
                               "target_text": "sc_col_target", "floor_text": "sc_col_floor",
                               "score": "sc_col_kpi_score", "weight": "sc_col_weight", "state_text": "sc_col_state"},
               formats={"n": "int", "weight": "float1", "score": "float1"}, key=key, filters=filters,
               file_stem=file_stem,
               statuses={"state_text": [{"met": "good", "missed": "bad"}.get(s) for s in values["state"]]})


# --- drilling down to one hall -------------------------------------------------------

def drill_to_hall(hall_code: str) -> None:
    """Narrow the hall filter to one hall. Call it from a callback (on_click / on_select):
    callbacks run before the widgets are drawn, so their state may still be set."""
    halls = hall_directory()
    match = halls[halls["hall_code"] == hall_code]
    if match.empty:
        return
    hall = match.iloc[0]
    for key, value in ((REGION_KEY, hall["region"]), (CITY_KEY, hall["city"])):
        if st.session_state.get(key) and value not in st.session_state[key]:
            st.session_state[key] = []  # the hall lies outside: widen rather than lose it
    st.session_state[HALL_KEY] = [hall_code]


def hall_from_chart_selection(event) -> str | None:
    """The hall code of the first selected point of a plotly chart drawn with
    `on_select="rerun"`; the code must be the (first) customdata of the point."""
    for point in ((event or {}).get("selection") or {}).get("points") or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if data not in (None, ""):
            return chart_point_code(data)
    return None


def hall_from_table_selection(event, frame: pd.DataFrame, column: str = "hall_code") -> str | None:
    """The hall code of the selected row of a `st.dataframe(..., on_select="rerun")` of
    `frame` (rows are positions in `frame`, whatever the user's sort)."""
    rows = ((event or {}).get("selection") or {}).get("rows") or []
    if not rows or column not in frame.columns or rows[0] >= len(frame):
        return None
    return str(frame[column].iloc[rows[0]])


def drill_on_select(key: str, frame: pd.DataFrame | None = None) -> Callable[[], None]:
    """An `on_select=` callback for the chart (or, with `frame`, the table) drawn with
    `key`: selecting a hall narrows the filter to it."""
    def callback() -> None:
        event = st.session_state.get(key)
        hall = hall_from_chart_selection(event) if frame is None else hall_from_table_selection(event, frame)
        if hall:
            drill_to_hall(hall)
    return callback


def hall_drill_button(hall_code: str, *, key: str | None = None) -> None:
    """A "show only this hall" button (hidden when the filter is already that hall)."""
    if st.session_state.get(HALL_KEY) == [hall_code]:
        return
    halls = hall_directory()
    name = halls.loc[halls["hall_code"] == hall_code, "hall_name"]
    st.button(t("drill_to_hall", hall=escape_markdown(name.iloc[0] if len(name) else hall_code)),
              key=key or f"drill_{hall_code}",
              on_click=drill_to_hall, args=(hall_code,), icon=":material/filter_alt:")


# --- charts, KPIs, tables ------------------------------------------------------------

_PLACEHOLDER = re.compile(r"^#0000(\d\d)$")  # Streamlit's theme colours, baked into px figures


def _real_colour(value):
    match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
    if match and 1 <= int(match.group(1)) <= 10:
        return PALETTE[(int(match.group(1)) - 1) % len(PALETTE)]
    return value


def _recolour(trace) -> None:
    for part in ("marker", "line"):
        # Sunburst and treemap markers have `colors` (a list) rather than `color`.
        if part in trace and isinstance(getattr(trace[part], "color", None), str):
            trace[part].color = _real_colour(trace[part].color)


_GRID = "#EBF0F8"


def _chart_template() -> str:
    """The name of a small template with what the charts took from plotly_white: white
    ground, light grid. plotly copies a template on every assignment, and plotly_white's
    copy cost 35 ms a chart; this one costs 1 ms."""
    import plotly.graph_objects as go
    import plotly.io as pio

    if "hall_analytics" not in pio.templates:
        axis = dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, zerolinewidth=2, automargin=True,
                    ticks="", title_standoff=15)
        pio.templates["hall_analytics"] = go.layout.Template(layout=dict(
            xaxis=axis, yaxis=axis, paper_bgcolor="white", plot_bgcolor="white", hovermode="closest",
            polar=dict(bgcolor="white", angularaxis=dict(gridcolor=_GRID), radialaxis=dict(gridcolor=_GRID))))
    return "hall_analytics"


# Plotly draws a little HTML in every text it shows (trace names, tick labels, hover and bar
# text): `<a href>` in an uploaded hall name became a live link on seven pages, and `<span
# style>` restyles. Text keeps the harmless tags our own templates write (<br>, <b>, <i>, <em>,
# <sup>, <sub>, and <extra> of a hover template); every other "<" becomes "&lt;", which plotly
# shows as "<". Names go through the same change wherever they are matched (legend groups, the
# order of a category axis), so they still match.
_PLOTLY_TAG = re.compile(r"<(?!(?:br|/?b|/?i|/?em|/?sup|/?sub|/?extra)\s*/?>)", re.IGNORECASE)
_PLOTLY_ESCAPED_TAG = "&lt;"
_TRACE_TEXT = ("x", "y", "text", "hovertext", "hovertemplate", "texttemplate", "name", "legendgroup", "labels",
               "parents", "ids", "customdata")


def _defused(value):
    """`value` (a text, or nested lists / arrays of them) with plotly's tags made text;
    the same object when nothing changed."""
    if isinstance(value, str):
        return _PLOTLY_TAG.sub(_PLOTLY_ESCAPED_TAG, value) if "<" in value else value
    if isinstance(value, np.ndarray):
        if value.dtype.kind != "O":
            return value
        items = [_defused(v) for v in value.ravel()]
        if all(new is old for new, old in zip(items, value.ravel())):
            return value
        out = np.empty(value.shape, dtype=object)
        out.ravel()[:] = items
        return out
    if isinstance(value, (list, tuple)):
        items = [_defused(v) for v in value]
        return value if all(new is old for new, old in zip(items, value)) else type(value)(items)
    return value


def defuse_chart_text(fig):
    """Every text of `fig` that plotly would read as HTML, made plain (see _PLOTLY_TAG)."""
    for trace in fig.data:
        for attr in _TRACE_TEXT:
            value = getattr(trace, attr, None)
            if value is not None and (new := _defused(value)) is not value:
                trace[attr] = new
    for annotation in fig.layout.annotations or ():
        if annotation.text and (new := _defused(annotation.text)) is not annotation.text:
            annotation.text = new
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        for attr in ("ticktext", "categoryarray"):
            value = getattr(axis, attr)
            if value is not None and (new := _defused(value)) is not value:
                axis[attr] = new
    return fig


def chart_point_code(value) -> str:
    """A code read back from a selected point's customdata, as it was before defuse_chart_text."""
    return str(value).replace(_PLOTLY_ESCAPED_TAG, "<")


def apply_chart_theme(fig, *, large: bool = False):
    """The one chart look: CJK font, small palette, the theme's background (white, or dark
    on a dark theme), legend on top.
    Draw with `chart(fig)` (or `st.plotly_chart(fig, theme=None)`) to keep it. `large`:
    type for a meeting-room screen (presentation mode)."""
    defuse_chart_text(fig)
    fig.for_each_trace(_recolour)
    if fig.layout.coloraxis.colorscale and _PLACEHOLDER.match(str(fig.layout.coloraxis.colorscale[0][1])):
        fig.update_layout(coloraxis_colorscale=SEQUENTIAL)
    dark = dark_screen()
    background, ink = ("#0e1117", "#fafafa") if dark else ("white", "#262730")
    fig.update_layout(
        template=_chart_template(), colorway=list(PALETTE), paper_bgcolor=background, plot_bgcolor=background,
        font=dict(family=FONT, size=24 if large else 13, color=ink), hoverlabel=dict(font_family=FONT),
        title=dict(font=dict(size=28 if large else 16), x=0, xanchor="left"), margin=dict(l=8, r=8, t=56, b=8),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""))
    if dark:
        fig.update_xaxes(gridcolor="#3b4252", zerolinecolor="#3b4252", linecolor="#3b4252")
        fig.update_yaxes(gridcolor="#3b4252", zerolinecolor="#3b4252", linecolor="#3b4252")
    return fig


def dark_screen() -> bool:
    """Whether the app is drawn on a dark theme (a meeting-room server started with
    `--theme.base dark`, or the viewer's choice in Streamlit's settings): charts follow it."""
    # The server's own setting first: the browser reports its theme only after the first run.
    return st.get_option("theme.base") == "dark" or getattr(st.context.theme, "type", None) == "dark"


def count_heatmap(frame: pd.DataFrame, *, rows: str, columns: str, counts: str, hover: Callable[[dict], str],
                  key: str, row_order=None, column_order=None) -> None:
    """Counts of `rows` × `columns` (long format) as a heat grid, each cell with its count
    and `hover(record)` as its hover text; empty cells stay blank. Rows top to bottom in
    `row_order` (default: as they come), columns in `column_order` (default: largest total
    first)."""
    import plotly.graph_objects as go

    row_order = list(dict.fromkeys(frame[rows])) if row_order is None else list(row_order)
    column_order = (list(frame.groupby(columns)[counts].sum().sort_values(ascending=False).index)
                    if column_order is None else list(column_order))
    cells = {(r[rows], r[columns]): r for r in frame.to_dict("records")}
    z = [[cells[(y, x)][counts] if (y, x) in cells else None for x in column_order] for y in row_order]
    fig = go.Figure(go.Heatmap(
        z=z, x=column_order, y=row_order, colorscale="Reds", xgap=2, ygap=2, showscale=False,
        text=[["" if v is None else f"{v:,.0f}" for v in row] for row in z], texttemplate="%{text}",
        hovertext=[[hover(cells[(y, x)]) if (y, x) in cells else "" for x in column_order] for y in row_order],
        hoverinfo="text"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category")
    fig.update_layout(height=max(260, 26 * len(row_order) + 120), margin=dict(t=60))
    chart(fig, key=key)


def count_bars(frame: pd.DataFrame, *, labels: str, counts: str, hover: Callable[[dict], str], key: str,
               colour: str = STATUS_COLOURS["bad"]) -> None:
    """A ranked count (most first, as `frame` orders it) as horizontal bars with the count
    written on each; `hover(record)` is each bar's hover text."""
    import plotly.graph_objects as go

    records = frame.to_dict("records")
    fig = go.Figure(go.Bar(x=frame[counts], y=frame[labels], orientation="h", marker_color=colour,
                           text=[f"{v:,.0f}" for v in frame[counts]], textposition="outside",
                           hovertext=[hover(r) for r in records], hoverinfo="text"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(240, 28 * len(frame) + 80), margin=dict(t=20), showlegend=False)
    chart(fig, key=key)


def chart(fig, *, large: bool = False, **kwargs):
    """`st.plotly_chart` with the chart theme; kwargs as st.plotly_chart (key, on_select…)."""
    return st.plotly_chart(apply_chart_theme(fig, large=large), theme=None, width="stretch", **kwargs)


STATUS_DOT = MappingProxyType({"good": ":green[●]", "warn": ":orange[●]", "bad": ":red[●]"})


def judged(name: str, value, low=None, high=None, n=None) -> str | None:
    """good / warn / bad against target `name` of config/targets.toml (see targets.judge)."""
    return judge(current_targets().get(name), value, n=n, low=low, high=high, min_n=LOW_SAMPLE)


def chart_title(key: str) -> None:
    """A chart's title above it (a title inside the figure would collide with its legend)."""
    st.markdown(f"**{t(key)}**")


def period_ticks(periods, grain: str) -> dict:
    """x-axis ticks on the periods themselves (weeks start on Monday; plotly's own date ticks
    would fall on Sundays), thinned to about ten labels."""
    periods = pd.unique(pd.Series(periods))
    if len(periods) == 0:
        return {}
    step = max(1, -(-len(periods) // 10))
    if grain == "week":
        return dict(tick0=pd.Timestamp(min(periods)).isoformat(), dtick=7 * 86_400_000 * step, tickformat="%Y-%m-%d")
    return dict(tick0=pd.Timestamp(min(periods)).isoformat(), dtick=f"M{step}", tickformat="%Y-%m")



def page_head(page: str, prefix: str, kpis) -> None:
    """Every analysis page's head: its title (`page_<page>`), its intro (`<prefix>_intro`),
    its "指标口径" (`how_computed` with the notes `<prefix>_definitions`), and the
    empty-database message — where the page stops."""
    st.title(t(f"page_{page}"))
    st.caption(t(f"{prefix}_intro"))
    how_computed(kpis, f"{prefix}_definitions")
    if not has_data():
        empty_state("empty_database")
        st.stop()


def kpi_section(filters: Filters, kpis, *, per_row: int = 4,
                note: Callable[[pd.Series, str], str | None] | None = None) -> tuple[pd.DataFrame, list]:
    """An area page's KPIs for `filters`: what they are compared with, written out, then the
    `kpi_strip`; the no-data message instead (and the page stops) when the first KPI, the
    page's count, is zero. Returns (the headline, the last row's unused columns)."""
    figures = headline(filters, kpis)
    if not figures.loc[kpis[0], "value"]:
        empty_state("no_data")
        st.stop()
    st.caption(comparison_caption(filters))
    return figures, kpi_strip(figures, kpis=kpis, per_row=per_row, note=note)


def how_computed(kpis, notes_key: str | None = None) -> None:
    """A page's "指标口径": each KPI of `kpis` with its definition, interval and target, from
    its declaration (so it cannot go stale), then the page's notes on its charts and tables
    (`notes_key`, a locale entry) and the comparison rule every change follows."""
    targets = current_targets()
    lines = []
    for key in dict.fromkeys(kpis):
        measure = measures.get(key)
        facts = [t(f"how_interval_{measure.interval}", n=measure.min_n)] if measure.interval else []
        target = targets.get(measure.target) if measure.target else None
        if target is not None:
            facts.append(t(f"kpi_target_{target.direction}", target=format_value(target.value, measure_format(key))))
        lines.append(t("how_line", label=kpi_label(key), definition=measure.definition(language())))
        if facts:
            lines[-1] += " " + t("how_facts", facts=t("word_sep").join(facts))
    with st.expander(t("how_computed")):
        st.markdown("\n".join(lines))
        if notes_key:
            st.markdown(t(notes_key))
        st.markdown(t("how_change"))


def headline_grid(headline: pd.DataFrame, *, kpis, with_n: bool = True,
                  note: Callable[[pd.Series, str], str | None] | None = None) -> None:
    """The four areas side by side, each KPI key of `kpis` from `headline` (indexed by kpi,
    from analytics.metrics.overview.headline) as a `kpi_tile`."""
    targets = current_targets()
    for area, column in zip(measures.AREAS, st.columns(len(measures.AREAS))):
        with column.container(border=True):
            st.markdown(f"**{t('ov_area_' + area)}**")
            for key in kpis:
                if measures.get(key).area == area:
                    kpi_tile(headline.loc[key], key, targets, with_n=with_n, note=note)


def kpi_strip(headline: pd.DataFrame, *, kpis, per_row: int = 4,
              note: Callable[[pd.Series, str], str | None] | None = None) -> list:
    """An area page's KPIs: each key of `kpis` from `headline` (indexed by kpi) as a
    `kpi_tile`, `per_row` to a row. Returns the last row's unused columns (for a figure
    that is not a declared KPI, such as a median)."""
    targets, spare = current_targets(), []
    for first in range(0, len(kpis), per_row):
        slots = st.columns(per_row)
        for key, slot in zip(kpis[first:first + per_row], slots):
            with slot:
                kpi_tile(headline.loc[key], key, targets, note=note)
        spare = slots[len(kpis[first:first + per_row]):]
    return spare


def kpi_tile(row: pd.Series, key: str, targets: dict, *, with_n: bool = True,
             note: Callable[[pd.Series, str], str | None] | None = None) -> None:
    """One KPI, the same on every page: its label from the declaration after a dot for its
    target status (none when it cannot be judged) and ⚠ when its n is below the KPI's
    minimum; the value and its change (grey unless the measures layer's test calls it
    significant); the definition and target as help; under it n, the 95% interval and the
    change's verdict. `row` is a headline row (value, low, high, n, change, verdict),
    `targets` those of `current_targets` (read once per grid); `note(row, key)` adds a line (the weekly review's last week and 4-week average)."""
    measure = measures.get(key)
    fmt = measure_format(key)
    n = row.get("n")
    target = targets.get(measure.target) if measure.target else None
    status = judge(target, row["value"], n=n if measure.n_column else None, low=row.get("low"),
                   high=row.get("high"), min_n=measure.min_n)
    warning = "⚠" if measure.n_column and measures.too_few(measure, n) and not _missing(row["value"]) else ""
    verdict = row.get("verdict")
    label = " ".join(p for p in (STATUS_DOT.get(status, ""), warning, kpi_label(key)) if p)
    help_text = measure.definition(language())
    if target is not None:
        help_text += "\n\n" + t(f"kpi_target_{target.direction}", target=format_value(target.value, fmt))
    kpi(label, row["value"], row.get("change"), fmt=fmt, delta_good="up" if measure.higher_is_better else "down",
        significant=None if _missing(verdict) else verdict == measures.SIGNIFICANT, help=help_text)
    facts = []
    if with_n and measure.n_column and not _missing(n):
        # a rate's n is its exposure (contacts, answers), not a sample size
        facts.append(t("kpi_base_help" if measure.kind == "rate" else "kpi_n_help", n=f"{n:,.0f}"))
    if with_n and not _missing(row.get("low")):
        facts.append(interval_text(row["low"], row["high"], fmt))
    if not _missing(verdict) and not _missing(row.get("change")):
        facts.append(t(f"kpi_verdict_{verdict}"))
    extra = note(row, key) if note else None
    if extra:
        facts.append(extra)
    if facts:
        st.caption(t("list_sep").join(facts))


def rate_bars(ranked: pd.DataFrame, *, by: str, rate: str, n_column: str, target: str, prefix: str,
              axis_key: str, hover_values: Callable[[pd.Series], dict], x_max: float = 1.02, target_position: str = "top",
              text_outside_below: float | None = None) -> None:
    """A rate per hall, city or region as horizontal bars, best first as `ranked` orders
    them: Wilson whiskers, bars coloured by their verdict against `target` (grey when too
    few to judge, ⚠ on low samples), the target as a dashed line, and — per hall — a click
    that narrows the filter to the hall. Strings come from the page's `prefix`:
    `{prefix}_status_*`, `{prefix}_hover_rate` (name, value, low, high + `hover_values(row)`),
    `{prefix}_target_line`, `{prefix}_breakdown_chart`, `{prefix}_breakdown_caption`; the
    axis title is `axis_key`."""
    import plotly.graph_objects as go

    names = ranked["hall_name"] + " (" + ranked["hall_code"] + ")" if by == "hall" else ranked[by]
    labels = [("⚠ " if low else "") + name for name, low in zip(names, ranked["low_sample"])]
    statuses = [judged(target, v, lo, hi, n) for v, lo, hi, n in
                zip(ranked[rate], ranked[f"{rate}_low"], ranked[f"{rate}_high"], ranked[n_column])]
    colours = {**STATUS_COLOURS, None: LOW_SAMPLE_TEXT}
    fig = go.Figure()
    for status in ("good", "warn", "bad", None):
        rows = [i for i, s in enumerate(statuses) if s == status]
        if not rows:
            continue
        part = ranked.iloc[rows]
        fig.add_trace(go.Bar(
            x=part[rate], y=[labels[i] for i in rows], orientation="h", marker_color=colours[status],
            name=t(f"{prefix}_status_{status or 'none'}"),
            text=[format_value(v, "percent") for v in part[rate]], insidetextanchor="start", textfont_size=10,
            textposition="auto" if text_outside_below is None else
            ["inside" if v >= text_outside_below else "outside" for v in part[rate].fillna(0)],
            constraintext="none",
            error_x=dict(type="data", symmetric=False, array=part[f"{rate}_high"] - part[rate],
                         arrayminus=part[rate] - part[f"{rate}_low"], color="#555555", thickness=1, width=3),
            customdata=part[["hall_code"]].to_numpy() if by == "hall" else None,
            hovertext=[t(f"{prefix}_hover_rate", name=names.iloc[i], value=format_value(r[rate], "percent"),
                         low=format_value(r[f"{rate}_low"], "percent"), high=format_value(r[f"{rate}_high"], "percent"),
                         **hover_values(r)) for i, r in zip(rows, part.to_dict("records"))],
            hoverinfo="text"))
    goal = current_targets().get(target)
    if goal is not None:
        fig.add_vline(x=goal.value, line_dash="dash", line_color="#262730",
                      annotation_text=t(f"{prefix}_target_line", value=format_value(goal.value, "percent")),
                      annotation_position=target_position)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%", range=[0, x_max], title_text=t(axis_key))
    fig.update_layout(height=max(260, 22 * len(ranked) + 140), bargap=0.25)
    chart_title(f"{prefix}_breakdown_chart")
    if by == "hall":
        key = f"{prefix}_by_chart"
        chart(fig, key=key, on_select=drill_on_select(key), selection_mode="points")
    else:
        chart(fig, key=f"{prefix}_by_chart_{by}")
    st.caption(t(f"{prefix}_breakdown_caption") + (" " + t("click_to_drill") if by == "hall" else ""))


def _missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def measure_format(key: str) -> str:
    """The display format of KPI `key` (its declaration's; money shows as whole yuan)."""
    declared = measures.get(key).format
    return "int" if declared == "money" else declared


def interval_text(low, high, fmt: str) -> str:
    """A 95% interval as "a – b" in the value's format; empty when there is none."""
    if _missing(low) or _missing(high):
        return ""
    return f"{format_value(low, fmt)} – {format_value(high, fmt)}"


def format_value(value, kind: str) -> str:
    """A number as shown in KPIs: percent 91.2%, int 1,234, float1 85.3; None → —."""
    if _missing(value):
        return "—"
    number = export.number_text(value, kind)
    return number if number is not None else str(value)


def kpi(label: str, value, delta=None, *, fmt: str, help: str | None = None, delta_good: str = "up",
        significant: bool | None = None) -> None:
    """st.metric with formatted value and delta; the delta is green when it moves the good
    way (`delta_good` "up" or "down"), grey when it rounds to zero or when a test called it
    noise or could not be made (`significant` False). Percent deltas are in percentage points."""
    text, colour, arrow = None, "normal" if delta_good == "up" else "inverse", "auto"
    if not _missing(delta):
        shown, digits = (delta * 100, 1) if fmt == "percent" else (delta, 0 if fmt == "int" else 1)
        text = f"{shown:+,.{digits}f}" + (f" {t('pp_unit')}" if fmt == "percent" else "")
        if round(shown, digits) == 0:
            colour, arrow = "off", "off"
        elif significant is False:
            colour = "off"
    st.metric(label, format_value(value, fmt), text, delta_color=colour, delta_arrow=arrow, help=help)


# Columns that name a place stay in view while the reader scrolls to the right-hand columns.
PINNED_COLUMNS = frozenset({"hall_name", "hall_code"})


def _column_config(kind: str, *, pinned: bool = False):
    if kind not in export.FORMATS:
        raise ValueError(f"unknown column format {kind!r}; use {', '.join(export.FORMATS)}")
    if pinned:
        return st.column_config.TextColumn(pinned=True)
    # Percentages are sent as 0–100 (see `_for_screen`): one decimal everywhere, not the
    # "percent" preset's 96% beside 80.46%.
    return {"percent": st.column_config.NumberColumn(format="%.1f%%"),
            "int": st.column_config.NumberColumn(format="localized"),
            "float1": st.column_config.NumberColumn(format="%.1f"),
            "date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "datetime": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "text": st.column_config.TextColumn()}[kind]


def current_targets() -> dict:
    """The targets of config/targets.toml (read on every call, so edits apply at once); a
    broken file is reported on the page and colours nothing."""
    try:
        return load_targets()
    except ValueError as exc:
        logger.warning("the targets file cannot be read: %s", exc)
        st.warning(t("targets_unreadable", detail=str(exc)))
        return {}


def _styled(shown: pd.DataFrame, low: dict[str, np.ndarray], targeted: dict[str, tuple],
            statuses: dict[str, list] | None = None):
    """Cells coloured against their targets and low-n values greyed, value by value (a
    pandas Styler); the plain frame when there is nothing to colour. `low` is, per column
    label, which of its values rest on too few observations; `targeted` maps a label to its
    values' statuses against its target; `statuses` gives
    ready-made per-cell statuses for columns judged elsewhere (each with its own n)."""
    # A Styler costs about a millisecond per hundred cells to send: tables past STYLED_CELLS
    # (a province's 10,000 staff) go plain, with their verdict columns still there.
    if not (targeted or statuses or any(m.any() for m in low.values())) or shown.size > STYLED_CELLS:
        return shown
    styler = shown.style.format(na_rep="")
    for label, cells in {**targeted, **(statuses or {})}.items():
        styler = styler.apply(lambda col, cells=cells: [_status_css(c if isinstance(c, str) else None)
                                                        for c in cells], subset=[label], axis=0)
    for label, mask in low.items():
        if mask.any():
            styler = styler.apply(lambda col, mask=mask: [f"color: {LOW_SAMPLE_TEXT}" if g else "" for g in mask],
                                  subset=[label], axis=0)
    return styler


def _with_n_and_interval(frame: pd.DataFrame, labels: dict[str, str], formats: dict[str, str]):
    """Every declared KPI shown with its n and its 95% interval: after each KPI column, its
    n column when the table does not show it already, and its interval as "a – b" when the
    frame has one and the table shows no bound. Returns (frame, labels, formats) with the
    added columns in place."""
    shown = set(labels)
    out_labels: dict[str, str] = {}
    for column, label in labels.items():
        out_labels[column] = label
        measure = measures.MEASURE_BY_KEY.get(column)
        if measure is None or measure.n_column is None:
            continue
        if measure.n_column not in shown and measure.n_column in frame.columns:
            name = f"{column}__n"
            frame[name] = pd.to_numeric(frame[measure.n_column], errors="coerce")
            # a rate's n is its exposure (contacts), not a sample size
            out_labels[name] = t("col_base_of" if measure.kind == "rate" else "col_n_of", label=label)
            formats[name] = "int"
            shown.add(measure.n_column)
        low, high = f"{column}_low", f"{column}_high"
        if measure.interval and low in frame.columns and high in frame.columns and not {low, high} & shown:
            name = f"{column}__interval"
            fmt = measure_format(column)
            frame[name] = [interval_text(lo, hi, fmt) for lo, hi in zip(frame[low], frame[high])]
            out_labels[name], formats[name] = t("col_interval_of", label=label), "text"
    return frame, out_labels, formats


# Coded columns, from the import schema's closed vocabularies: column → its canonical values.
CODED_COLUMNS = MappingProxyType({
    field.name: frozenset(field.vocabulary.values())
    for dataset in schema.DATASETS.values() for field in dataset.fields if field.vocabulary})


def _is_yes_no(values: pd.Series) -> bool:
    """A column of True/False (gaps allowed), whatever its dtype."""
    if pd.api.types.is_bool_dtype(values):
        return True
    present = values.dropna()
    return values.dtype == object and not present.empty and all(isinstance(v, (bool, np.bool_)) for v in present)


def in_words(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Codes shown as words in the user's language: a coded column's canonical values
    (open, satisfied, active …) through `code_<column>_<value>` in the locale, and yes/no
    columns as 是/否. Anything else, such as an unknown code, stays as it is."""
    words = None
    for column in columns:
        values = frame[column]
        if column in CODED_COLUMNS:
            mapping = {v: t(f"code_{column}_{v}") for v in CODED_COLUMNS[column] if f"code_{column}_{v}" in i18n.TEXT}
            converted = values.map(lambda v, m=mapping: m.get(v, v))
        elif _is_yes_no(values):
            converted = values.map(lambda v: v if pd.isna(v) else t("word_yes") if v else t("word_no"))
        else:
            continue
        words = frame.copy() if words is None else words
        words[column] = converted
    return frame if words is None else words


def _for_screen(shown: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """The table as drawn: percentages as 0–100 (the column format adds one decimal and %),
    text gaps as empty cells instead of "None". The downloads keep the values as they are."""
    screen = shown.copy()
    for label, kind in kinds.items():
        if label not in screen.columns:
            continue
        if kind == "percent":
            screen[label] = screen[label] * 100
        elif kind == "text" and screen[label].dtype == object:
            screen[label] = screen[label].where(screen[label].notna(), "")
    return screen


def _kpi_with_n(frame: pd.DataFrame, column: str) -> measures.Measure | None:
    """The declaration of `column` when it is a declared rate or mean whose n is in `frame`."""
    measure = measures.MEASURE_BY_KEY.get(column)
    return measure if measure is not None and measure.n_column in frame.columns else None


def _low_values(frame: pd.DataFrame, columns) -> dict[str, np.ndarray]:
    """Per shown column that is a declared KPI whose n is in the frame: which values rest
    on fewer than its minimum n (each value by its own n: a hall's CSAT from 300 answers is
    not marked because its NPS rests on 12). Other tables fall back to the frame's
    `low_sample` row mark."""
    marks = {}
    for column in columns:
        if (measure := _kpi_with_n(frame, column)) is None:
            continue
        n = pd.to_numeric(frame[measure.n_column], errors="coerce").fillna(0).to_numpy(dtype=float)
        marks[column] = (n < measure.min_n) & pd.to_numeric(frame[column], errors="coerce").notna().to_numpy()
    if not marks and "low_sample" in frame.columns:
        row = frame["low_sample"].fillna(False).astype(bool).to_numpy()
        marks = {column: row for column in columns}
    return marks


def _judged_cells(frame: pd.DataFrame, column: str, target) -> list | None:
    """Statuses of a declared KPI's values against `target`, each judged with its own n and
    interval (none where it cannot be judged); None for a column that is not a KPI."""
    if (measure := _kpi_with_n(frame, column)) is None:
        return None
    lows = frame[f"{column}_low"] if f"{column}_low" in frame.columns else [None] * len(frame)
    highs = frame[f"{column}_high"] if f"{column}_high" in frame.columns else [None] * len(frame)
    return [judge(target, v, n=n, low=lo, high=hi, min_n=measure.min_n)
            for v, n, lo, hi in zip(frame[column], frame[measure.n_column], lows, highs)]


def _status_css(status: str | None) -> str:
    return f"background-color: {STATUS_BACKGROUNDS[status]}" if status else ""


def data_table(frame: pd.DataFrame, *, columns: dict[str, str], formats: dict[str, str], key: str,
               filters: Filters, file_stem: str, targets: dict[str, str] | None = None,
               statuses: dict[str, list] | None = None, selectable: bool = False):
    """A table under translated headers (`columns`: column → i18n key, in display order),
    formatted by `formats` (percent, int, float1, date, datetime, text), coloured against
    `targets` (column → target name; a declared KPI's value judged with its own n and
    interval), each value resting on too few observations greyed and named in a hint
    column (`_low_values`), with CSV and Excel
    downloads that carry the filters. `statuses` (column → one status per row) colours
    columns judged by the caller instead. Returns the selection event when `selectable`."""
    if frame.empty:
        empty_state("no_data")
        return None
    # A declared rate or mean is headed by its declared name (which says its window), the
    # same on every table and tile; counts keep the table's own word (a 12-month frame's
    # `active_staff` is not the period's).
    headers = {c: kpi_label(c) if c in measures.MEASURE_BY_KEY and measures.get(c).n_column else t(k)
               for c, k in columns.items()}
    frame, labels, formats = _with_n_and_interval(frame.reset_index(drop=True), headers, dict(formats))
    columns = labels
    shown = in_words(frame[list(columns)], columns).rename(columns=labels)
    kinds = {labels[c]: formats.get(c, "text") for c in columns}
    for label, kind in kinds.items():
        if kind in ("percent", "int", "float1"):
            # An object column holding None shows "None"; as numbers, a gap shows as a gap.
            shown[label] = pd.to_numeric(shown[label], errors="coerce")
    low = _low_values(frame, columns)
    marked = np.zeros(len(frame), dtype=bool)
    for mask in low.values():
        marked |= mask
    if marked.any():
        # Which values of the row rest on few observations, named (a mark per value, carried
        # into the downloads, where the grey is lost).
        names = [[labels[c] for c, mask in low.items() if mask[i]] for i in range(len(frame))]
        shown[t("col_low_sample")] = [t("low_sample_values", n=LOW_SAMPLE, columns=t("word_sep").join(row)) if row
                                      else "" for row in names]
    # Statuses are judged on the values as they are (the screen gets percentages × 100): a
    # declared KPI's with its own n and interval, another column's by its value.
    known = current_targets() if targets else {}
    targeted = {labels[c]: _judged_cells(frame, c, known[name]) or [known[name].status(v) for v in shown[labels[c]]]
                for c, name in (targets or {}).items() if c in labels and name in known}
    config = {labels[c]: _column_config(formats.get(c, "text"), pinned=c in PINNED_COLUMNS)
              for c in columns if c in formats or c in PINNED_COLUMNS}
    judged = {labels[c]: list(v) for c, v in (statuses or {}).items() if c in labels}
    event = st.dataframe(_styled(_for_screen(shown, kinds), {labels[c]: m for c, m in low.items()}, targeted, judged),
                         hide_index=True,
                         width="stretch", key=key, column_config=config,
                         on_select="rerun" if selectable else "ignore", selection_mode="single-row")
    if marked.any():
        st.caption(t("low_sample_note", n=LOW_SAMPLE))
    _downloads(shown, kinds, key=key, filters=filters, file_stem=file_stem)
    return event if selectable else None


def _downloads(shown: pd.DataFrame, kinds: dict[str, str], *, key: str, filters: Filters, file_stem: str) -> None:
    """CSV and Excel buttons; the files are built only when clicked."""
    headers = {c: c for c in shown.columns}
    lines, title = filters_description(filters), t("filters_title")
    stem = f"{file_stem}_{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    row = st.container(horizontal=True)
    row.download_button(
        t("download_csv"), key=f"{key}_csv", on_click="ignore", icon=":material/download:", file_name=f"{stem}.csv",
        mime="text/csv", data=lambda: export.table_to_csv(shown, headers=headers, filters_text=lines,
                                                          filters_title=title))
    row.download_button(
        t("download_excel"), key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
        file_name=f"{stem}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        data=lambda: export.table_to_excel(shown, headers=headers, filters_text=lines, filters_title=title,
                                           sheet_name=file_stem, formats=kinds))


def empty_state(kind: str = "no_data") -> None:
    """A friendly note instead of an empty page: "empty_database" or "no_data" (nothing
    under the current filters), with a link to the data page. Never raises."""
    st.info(t("empty_database" if kind == "empty_database" else "empty_filtered"), icon=":material/info:")
    if kind == "empty_database":
        load_sample_button(key="empty_state_load_sample")
    page_link(DATA_PAGE, label=t("go_to_data_page"), icon=":material/upload_file:")


def page_link(page: str, *, label: str, icon: str | None = None) -> None:
    """st.page_link that leaves the link out when the page runs on its own (tests), where
    there is no navigation to link into."""
    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitAPIException:  # a page run on its own (tests, `streamlit run pages/x.py`)
        logger.debug("no navigation to link %s into", page)
