"""A sign-in that outlasts a page load: a signed, expiring, HttpOnly cookie.

Streamlit keeps a sign-in in the websocket session, which a reload ends. After a password
sign-in the app signs a small cookie value (user name, the user's sign-out generation, a
random id, when it ends, and a tag of the user's password hash), HMAC-SHA256 with the
server's session key. A script run cannot set a cookie, so it hands the value to the
browser through a one-time ticket: the page POSTs the ticket to `/auth/session`
(server.py), whose answer sets the cookie (HttpOnly, SameSite=Strict, Secure over HTTPS).
The next websocket connection (a reload, a new tab) carries the cookie, and the app signs
the visitor in from it.

A cookie stops working when
- it expires (HALL_ANALYTICS_SESSION_HOURS, default 12 hours from the sign-in);
- its user signs out in that browser (its id is kept among the ended ones until it expires);
- its user signs out everywhere (the generation goes up: every cookie and every open
  session of that user ends at the next click);
- the user's password changes or the user leaves the access file (the tag no longer fits);
- the session key changes (HALL_ANALYTICS_SESSION_SECRET, or the key kept in the database).

Nothing here imports Streamlit: the app (dashboard/access.py), the route (server.py) and the tests share it.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass

from . import storage
from .access import AccessConfig, User

log = logging.getLogger(__name__)

COOKIE = "hall_session"
ROUTE = "/auth/session"
HOURS_ENV = "HALL_ANALYTICS_SESSION_HOURS"
SECRET_ENV = "HALL_ANALYTICS_SESSION_SECRET"
DEFAULT_HOURS = 12.0
TICKET_SECONDS = 60.0


def session_hours(environ=os.environ) -> float:
    """How long a sign-in lasts; a value that is not a positive number falls back to 12."""
    try:
        hours = float(environ.get(HOURS_ENV, DEFAULT_HOURS))
    except ValueError:
        return DEFAULT_HOURS
    return hours if 0 < hours <= 24 * 90 else DEFAULT_HOURS


def session_key(con, environ=os.environ) -> bytes:
    """The key that signs cookies: $HALL_ANALYTICS_SESSION_SECRET when set (several servers
    share one), else a random key the database keeps (made on first use)."""
    given = environ.get(SECRET_ENV)
    return (given or storage.server_secret(con, "session_key")).encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _password_tag(key: bytes, password_hash: str | None) -> str:
    # Not the hash itself: a cookie must not carry anything that helps guess the password.
    # A user of the single sign-on only has no hash: their tag is of the empty text.
    return _b64(hmac.new(key, b"password\0" + (password_hash or "").encode(), hashlib.sha256).digest()[:12])


@dataclass(frozen=True)
class Session:
    """A signed-in visitor: who, which sign-out generation, which cookie (its id)."""
    user: User
    generation: int
    session_id: str
    expires_at: float
    password_tag: str


def issue(config: AccessConfig, user: User, *, key: bytes, generation: int, now: float | None = None,
          hours: float | None = None) -> tuple[Session, str]:
    """A new session for `user` and its signed cookie value."""
    now = time.time() if now is None else now
    hours = session_hours() if hours is None else hours
    _, stored = config.users[user.username]
    session = Session(user, generation, secrets.token_urlsafe(12), now + hours * 3600, _password_tag(key, stored))
    body = _b64(json.dumps([user.username, generation, session.session_id, int(session.expires_at),
                            session.password_tag], separators=(",", ":")).encode())
    signature = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    return session, f"{body}.{signature}"


def read(config: AccessConfig, value: str | None, *, key: bytes, now: float | None = None) -> Session | None:
    """The session a cookie value stands for, if its signature holds, it has not expired and
    its user and password are still the access file's; None otherwise (and logged). The
    generation and the ended ids are the database's to check (`still_valid`)."""
    if not isinstance(value, str) or not value:
        return None
    now = time.time() if now is None else now
    body, _, signature = value.partition(".")
    expected = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        log.warning("session cookie refused: bad signature")
        return None
    try:
        username, generation, session_id, expires_at, tag = json.loads(_unb64(body))
    except (ValueError, TypeError, binascii.Error):
        log.warning("session cookie refused: unreadable")
        return None
    if expires_at <= now:
        log.info("session cookie of %r refused: expired", username)
        return None
    entry = config.users.get(username)
    if entry is None or not hmac.compare_digest(_password_tag(key, entry[1]), tag):
        log.info("session cookie of %r refused: the user or the password changed", username)
        return None
    return Session(entry[0], int(generation), str(session_id), float(expires_at), tag)


def still_fits(config: AccessConfig, session: Session, *, key: bytes) -> User | None:
    """The session's user as the access file now has them (a changed role applies at the
    next click), or None when they left it or their password changed."""
    entry = config.users.get(session.user.username)
    if entry is None or not hmac.compare_digest(_password_tag(key, entry[1]), session.password_tag):
        return None
    return entry[0]


def from_sso(config: AccessConfig, claims: dict, *, key: bytes, generation: int, ended_at: float | None,
             now: float | None = None, hours: float | None = None) -> Session | None:
    """The session of a visitor the single sign-on vouches for (`claims`: the ID token's, as
    st.user holds them), if their e-mail address is an access-file user's `sso`, the sign-on
    is younger than the sign-in lifetime and younger than that user's last "sign out
    everywhere" (`ended_at`); None otherwise. The SSO's own cookie (Streamlit's) carries it
    across reloads; the id of the session is that sign-on's."""
    now = time.time() if now is None else now
    hours = session_hours() if hours is None else hours
    user = config.sso_user(claims.get("email"))
    if user is None or claims.get("email_verified") is False:
        return None
    signed_on = float(claims.get("iat") or 0)
    if signed_on + hours * 3600 <= now or (ended_at is not None and signed_on <= ended_at):
        log.info("single sign-on of %r refused: older than %s h or than its last sign-out everywhere",
                 user.username, hours)
        return None
    sign_on = f"{claims.get('iss')}|{claims.get('sub')}|{signed_on}"
    session_id = "sso-" + hashlib.sha256(sign_on.encode()).hexdigest()[:24]
    return Session(user, generation, session_id, signed_on + hours * 3600,
                   _password_tag(key, config.users[user.username][1]))


class Tickets:
    """One-time tickets from a script run to the `/auth/session` route of the same server
    process: each hands over one cookie value (or None: clear the cookie) within
    TICKET_SECONDS, once."""

    def __init__(self, ttl_s: float = TICKET_SECONDS, clock=time.monotonic):
        self._ttl_s, self._clock = ttl_s, clock
        self._lock = threading.Lock()
        self._tickets: dict[str, tuple[str | None, int, float]] = {}

    def put(self, cookie_value: str | None, max_age_s: int) -> str:
        ticket = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            for old in [t for t, (_, _, ends) in self._tickets.items() if ends <= now]:
                del self._tickets[old]
            self._tickets[ticket] = (cookie_value, max_age_s, now + self._ttl_s)
        return ticket

    def take(self, ticket: str) -> tuple[str | None, int] | None:
        """(cookie value or None to clear it, max-age) for a live ticket, once; else None."""
        with self._lock:
            entry = self._tickets.pop(ticket, None)
        if entry is None or entry[2] <= self._clock():
            return None
        return entry[0], entry[1]


TICKETS = Tickets()
