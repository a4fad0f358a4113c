"""server.py in front of app.py: the sign-in route refuses a ticket it did not make (and one
used before), and the dashboard's websocket refuses a client that sends no Origin header
while a browser-like one (Origin of the server itself) is let in."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from analytics import sessions


def test_a_websocket_without_an_origin_is_refused_and_one_with_the_server_s_origin_is_not(streamlit_server):
    socket_url = streamlit_server.replace("http://", "ws://") + "/_stcore/stream"
    with pytest.raises(InvalidStatus) as refused:
        connect(socket_url, open_timeout=10).close()
    assert refused.value.response.status_code == 403
    with connect(socket_url, origin=streamlit_server, open_timeout=10) as socket:
        assert socket.protocol.state.name == "OPEN"


def test_the_session_route_takes_only_a_live_ticket_of_its_own(streamlit_server):
    request = urllib.request.Request(streamlit_server + sessions.ROUTE, data=b"a-ticket-nobody-made", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403 and "set-cookie" not in {k.lower() for k in refused.value.headers}
