"""Contract of analytics.sessions: a cookie value signs who, until when, which sign-out
generation and a tag of the password hash; anything altered, expired, or out of step with the
access file reads as nobody. Tickets hand one cookie once, within their time. The database
keeps the key, the generations and the ended sessions."""
from __future__ import annotations

from pathlib import Path

import pytest

from analytics import access, sessions, storage

KEY = b"k" * 32
NOW = 1_800_000_000.0
LI = access.User("li", "李经理", "regional_manager", ("粤东",))


def config(password_hash: str = "pbkdf2_sha256$1000$00$aa", role: str = "regional_manager") -> access.AccessConfig:
    user = access.User("li", "李经理", role, ("粤东",))
    return access.AccessConfig(Path("access.toml"), {"li": (user, password_hash)})


def test_a_cookie_reads_back_as_its_session_until_it_expires():
    session, value = sessions.issue(config(), LI, key=KEY, generation=3, now=NOW, hours=12)
    assert session.expires_at == NOW + 12 * 3600 and session.generation == 3
    assert sessions.read(config(), value, key=KEY, now=NOW + 3600) == session
    assert sessions.read(config(), value, key=KEY, now=NOW + 12 * 3600) is None
    assert "li" not in value.split(".")[1] and "pbkdf2" not in value


@pytest.mark.parametrize("change", ["signature", "body", "key", "empty"])
def test_an_altered_cookie_reads_as_nobody(change):
    _, value = sessions.issue(config(), LI, key=KEY, generation=0, now=NOW, hours=1)
    body, signature = value.split(".")
    forged = {"signature": f"{body}.{signature[:-2]}AA",
              "body": f"{body[:-2]}AA.{signature}",
              "key": value, "empty": ""}[change]
    assert sessions.read(config(), forged, key=b"other" * 8 if change == "key" else KEY, now=NOW) is None


def test_a_new_password_or_a_removed_user_ends_the_cookie_and_a_new_role_applies():
    session, value = sessions.issue(config(), LI, key=KEY, generation=0, now=NOW, hours=1)
    assert sessions.read(config("pbkdf2_sha256$1000$00$bb"), value, key=KEY, now=NOW) is None
    assert sessions.read(access.AccessConfig(Path("a"), {}), value, key=KEY, now=NOW) is None
    assert sessions.still_fits(config("pbkdf2_sha256$1000$00$bb"), session, key=KEY) is None
    assert sessions.still_fits(config(role="viewer"), session, key=KEY).role == "viewer"


def test_a_ticket_hands_its_cookie_once_and_only_in_time():
    clock = [0.0]
    tickets = sessions.Tickets(ttl_s=60, clock=lambda: clock[0])
    first, second = tickets.put("v1", 100), tickets.put(None, 0)
    assert first != second and len(first) >= 40
    assert tickets.take(first) == ("v1", 100) and tickets.take(first) is None
    clock[0] = 61
    assert tickets.take(second) is None and tickets.take("made-up") is None


def test_session_hours_from_the_environment():
    assert sessions.session_hours({}) == 12
    assert sessions.session_hours({sessions.HOURS_ENV: "0.5"}) == 0.5
    assert sessions.session_hours({sessions.HOURS_ENV: "-1"}) == 12
    assert sessions.session_hours({sessions.HOURS_ENV: "soon"}) == 12


def test_the_database_keeps_the_key_the_generations_and_the_ended_sessions(tmp_path):
    import datetime as dt

    con = storage.connect(tmp_path / "s.duckdb")
    key = sessions.session_key(con, environ={})
    assert len(key) == 64 and sessions.session_key(con, environ={}) == key  # made once, then kept
    assert sessions.session_key(con, environ={sessions.SECRET_ENV: "shared"}) == b"shared"
    assert storage.sign_in_generation(con, "li") == 0
    assert storage.session_is_current(con, "li", 0, "s1")
    storage.end_session(con, "s1", "li", dt.datetime.now() + dt.timedelta(hours=1))
    assert not storage.session_is_current(con, "li", 0, "s1") and storage.session_is_current(con, "li", 0, "s2")
    assert storage.end_sessions_everywhere(con, "li") == 1 and storage.end_sessions_everywhere(con, "li") == 2
    assert not storage.session_is_current(con, "li", 0, "s2") and storage.session_is_current(con, "li", 2, "s3")
    storage.end_session(con, "s4", "li", dt.datetime.now() - dt.timedelta(seconds=1))
    storage.end_session(con, "s5", "li", dt.datetime.now() + dt.timedelta(hours=1))  # forgets s4, expired
    assert [r[0] for r in con.execute("SELECT session_id FROM ended_sessions ORDER BY 1").fetchall()] == ["s1", "s5"]
    con.close()


def sso_config() -> access.AccessConfig:
    user = access.User("li", "李经理", "regional_manager", ("粤东",))
    return access.AccessConfig(Path("access.toml"), {"li": (user, None)}, {"li@example.com": "li"})


def test_a_sign_on_is_a_session_while_it_is_young_and_newer_than_the_last_sign_out_everywhere():
    claims = {"iss": "https://sso", "sub": "s1", "email": "LI@example.com", "iat": NOW, "email_verified": True}
    session = sessions.from_sso(sso_config(), claims, key=KEY, generation=2, ended_at=None, now=NOW + 60, hours=12)
    assert session.user.username == "li" and session.generation == 2 and session.expires_at == NOW + 12 * 3600
    again = sessions.from_sso(sso_config(), claims, key=KEY, generation=2, ended_at=None, now=NOW + 120, hours=12)
    assert again.session_id == session.session_id  # one sign-on, one id (so that "sign out" can end it)
    assert sessions.from_sso(sso_config(), claims, key=KEY, generation=2, ended_at=NOW + 1, now=NOW + 60) is None
    assert sessions.from_sso(sso_config(), claims, key=KEY, generation=2, ended_at=NOW - 1, now=NOW + 60)
    assert sessions.from_sso(sso_config(), claims, key=KEY, generation=2, ended_at=None, now=NOW + 13 * 3600,
                             hours=12) is None
    assert sessions.from_sso(sso_config(), {**claims, "email": "x@example.com"}, key=KEY, generation=0,
                             ended_at=None, now=NOW) is None
    assert sessions.from_sso(sso_config(), {**claims, "email_verified": False}, key=KEY, generation=0,
                             ended_at=None, now=NOW) is None


def test_an_sso_only_user_cannot_sign_in_by_password(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text('[users.li]\nrole = "viewer"\nsso = "li@example.com"\n', encoding="utf-8")
    loaded = access.load_access(path)
    assert loaded.sso_user("Li@Example.com").username == "li"
    assert loaded.sign_in("li", "") is None and loaded.sign_in("li", "anything") is None
    path.write_text('[users.li]\nrole = "viewer"\n', encoding="utf-8")
    with pytest.raises(access.AccessConfigError, match="needs a password"):
        access.load_access(path)
    path.write_text('[users.a]\nrole = "viewer"\nsso = "x@e.com"\n[users.b]\nrole = "viewer"\nsso = "X@e.com"\n',
                    encoding="utf-8")
    with pytest.raises(access.AccessConfigError, match="already"):
        access.load_access(path)
