"""The web server: app.py, plus the one HTTP route the sign-in needs.

`streamlit run server.py` (scripts/run.sh does it through scripts/serve.py) finds `app`
below and serves app.py with Streamlit's own server, adding POST /auth/session: it takes
a one-time ticket made by a script run (analytics.sessions.TICKETS, in this process) and
answers with the session cookie set, or cleared. A script run talks over the websocket and
cannot set an HttpOnly cookie itself; this is the smallest HTTP answer that can. It also
refuses a websocket that sends no Origin header (WebsocketNeedsOrigin).
"""
from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from analytics import sessions

logger = logging.getLogger(__name__)
_MAX_TICKET = 100  # characters: a ticket is 43


def _over_https(request: Request) -> bool:
    # Behind a TLS-terminating proxy (README, Deployment) the scheme arrives in a header.
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


async def hand_over_session(request: Request) -> Response:
    ticket = (await request.body())[:_MAX_TICKET].decode("ascii", "replace")
    taken = sessions.TICKETS.take(ticket)
    if taken is None:
        logger.warning("session ticket refused (unknown, used or expired) from %s",
                       request.client.host if request.client else "?")
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    value, max_age = taken
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if value is None:
        response.delete_cookie(sessions.COOKIE, path="/", secure=_over_https(request), httponly=True,
                               samesite="strict")
    else:
        response.set_cookie(sessions.COOKIE, value, max_age=max_age, path="/", secure=_over_https(request),
                            httponly=True, samesite="strict")
    return response


class WebsocketNeedsOrigin:
    """Refuse a websocket that names no Origin. Every browser sends one, and Streamlit
    checks it against the server's own (enableXsrfProtection, enableCORS); a client that
    sends none is a script, which has no business on the dashboard's socket. (A script can
    forge the header: the sign-in, not this, is what keeps it out.)"""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not any(name == b"origin" for name, _ in scope.get("headers", ())):
            await receive()  # websocket.connect; a close before the accept answers the handshake with 403
            await send({"type": "websocket.close", "code": 1008})
            logger.warning("websocket without an Origin refused from %s",
                           scope.get("client", ("?",))[0] if scope.get("client") else "?")
            return
        await self.app(scope, receive, send)


app = st.App(Path(__file__).resolve().parent / "app.py",
             routes=[Route(sessions.ROUTE, hand_over_session, methods=["POST"])],
             middleware=[Middleware(WebsocketNeedsOrigin)])
