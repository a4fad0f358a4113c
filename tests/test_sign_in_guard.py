"""Contract: failed sign-ins are delayed, then locked out per name and per address (the
right password included) and logged; unknown names cost the same hash work as known
ones; without an access file the server binds to 127.0.0.1, refuses a network address
unless --open, and --open is passed on to every page."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from analytics import access


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text(f'[users.zhang]\nname = "张经理"\nrole = "viewer"\npassword = "{access.hash_password("right", iterations=1_000)}"\n',
                    encoding="utf-8")
    return access.load_access(path)


def test_failures_are_delayed_more_each_time_then_the_name_is_locked_even_for_the_right_password(config, caplog):
    clock = Clock()
    throttle = access.SignInThrottle(max_per_user=5, clock=clock)
    caplog.set_level(logging.INFO, logger="analytics.access")
    delays = [access.attempt_sign_in(config, "zhang", "wrong", "10.0.0.7", throttle).delay_s for _ in range(4)]
    assert delays == [1.0, 2.0, 3.0, 4.0]
    fifth = access.attempt_sign_in(config, "zhang", "wrong", "10.0.0.7", throttle)
    assert fifth.locked_until == clock.now + throttle.lockout_s
    right = access.attempt_sign_in(config, "zhang", "right", "10.0.0.8", throttle)
    assert right.user is None and right.locked_until is not None
    assert any("sign-in failed for 'zhang' from 10.0.0.7" in r.getMessage() for r in caplog.records)
    assert any("locked until" in r.getMessage() for r in caplog.records)
    clock.now += throttle.lockout_s + 1
    assert access.attempt_sign_in(config, "zhang", "right", "10.0.0.8", throttle).user.username == "zhang"


def test_an_address_trying_many_names_is_locked(config):
    throttle = access.SignInThrottle(max_per_user=5, max_per_address=3, clock=Clock())
    for name in ("a", "b", "c"):
        access.attempt_sign_in(config, name, "x", "10.0.0.9", throttle)
    assert access.attempt_sign_in(config, "zhang", "right", "10.0.0.9", throttle).locked_until is not None
    assert access.attempt_sign_in(config, "zhang", "right", "10.0.0.10", throttle).user is not None


def test_unknown_names_are_counted_and_locked_like_known_ones(config):
    throttle = access.SignInThrottle(max_per_user=2, clock=Clock())
    answers = [access.attempt_sign_in(config, "nobody", "x", f"10.1.0.{i}", throttle) for i in range(2)]
    assert answers[0].locked_until is None and answers[1].locked_until is not None


def test_a_success_clears_the_names_failures(config):
    throttle = access.SignInThrottle(max_per_user=3, clock=Clock())
    for _ in range(2):
        access.attempt_sign_in(config, "zhang", "wrong", None, throttle)
    assert access.attempt_sign_in(config, "zhang", "right", None, throttle).user is not None
    assert access.attempt_sign_in(config, "zhang", "wrong", None, throttle).delay_s == 1.0


def test_an_unknown_name_costs_the_same_hash_work_as_a_known_one(monkeypatch, config):
    """The time of a refusal must not tell names apart: the same PBKDF2 iterations run."""
    import hashlib

    iterations = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *a: iterations.append(a[3]) or real(*a))
    real_config = access.AccessConfig(config.path, {"zhang": (config.users["zhang"][0],
                                                              access.hash_password("right"))})
    iterations.clear()
    real_config.sign_in("zhang", "wrong")
    real_config.sign_in("nobody", "wrong")
    assert iterations == [access.ITERATIONS, access.ITERATIONS]


@pytest.fixture
def no_access_file(tmp_path, monkeypatch):
    missing = tmp_path / "none.toml"
    monkeypatch.setattr(access, "DEFAULT_PATH", missing)
    monkeypatch.delenv(access.ENV_VAR, raising=False)
    return missing


def test_without_an_access_file_the_server_binds_to_this_machine(no_access_file):
    args, key, params = access.serving_arguments(["--server.port", "8600"], {})
    assert args == ["--server.port", "8600", "--server.address", "127.0.0.1"]
    assert key == "serve_local_only" and params == {"path": str(no_access_file)}


def test_without_an_access_file_a_network_address_is_refused_unless_open(no_access_file):
    assert access.serving_arguments(["--server.address", "0.0.0.0"], {})[1] == "serve_network_refused"
    assert access.serving_arguments([], {"STREAMLIT_SERVER_ADDRESS": "192.168.1.5"})[1] == "serve_network_refused"
    environ = {}
    args, key, _ = access.serving_arguments(["--open", "--server.address", "0.0.0.0"], environ)
    assert args == ["--server.address", "0.0.0.0"] and key == "serve_open_warning"
    assert environ[access.OPEN_ENV_VAR] == "1"


def test_with_an_access_file_the_arguments_pass_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "access.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv(access.ENV_VAR, str(path))
    assert access.serving_arguments(["--server.address", "0.0.0.0"], {}) == (["--server.address", "0.0.0.0"], None, {})


def test_the_shipped_streamlit_config_shows_no_error_details_and_keeps_xsrf_on():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
