"""Who is signed in (analytics.access, analytics.sessions): the sign-in gate, the session
cookie handed to the browser, single sign-on, and the rights a page asks for."""
from __future__ import annotations

import datetime as dt
import json
import logging
import time

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analytics import storage
from dashboard.connection import cursor
from dashboard.i18n import join, t, t_markdown

logger = logging.getLogger(__name__)

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
