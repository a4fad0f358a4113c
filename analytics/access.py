"""Who may see and do what: optional sign-in from one file, roles, and region scopes.

With no access file the app runs open, as it always has: everyone sees every hall and may
import. With `config/access.toml` (or the file named by $HALL_ANALYTICS_ACCESS) every
visitor signs in with a user name and password, checked against a salted PBKDF2-SHA256
hash (`python -m analytics hash-password` makes one), and gets one role:

    admin             sees everything; imports and undoes
    analyst           sees everything; imports and undoes
    regional_manager  sees only the halls of their `regions`; no import, no undo
    viewer            sees everything; no import, no undo

The scope travels in `Filters.scope` into the one `scoped_halls` CTE and the filter
choices (analytics.filters.SCOPE_CONDITION), so every page, chart and download is cut to
it by the same SQL, not by each page. The file:

    [users.zhang]
    name = "张经理"
    role = "regional_manager"
    regions = ["粤东"]
    password = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .settings import PROJECT_ROOT, read_when_changed

log = logging.getLogger(__name__)

ENV_VAR = "HALL_ANALYTICS_ACCESS"
# Set (to 1) by `scripts/run.sh --open`: serve a network without an access file, every
# page saying so. Without an access file and without it the server listens on LOCAL only.
OPEN_ENV_VAR = "HALL_ANALYTICS_OPEN"
LOCAL_ADDRESSES = ("127.0.0.1", "::1", "localhost")
DEFAULT_PATH = PROJECT_ROOT / "config" / "access.toml"
ROLES = ("admin", "analyst", "regional_manager", "viewer")
IMPORTERS = ("admin", "analyst")
ITERATIONS = 600_000
_SCHEME = "pbkdf2_sha256"


class AccessConfigError(ValueError):
    """The access file exists but cannot be used; the message names the file and entry."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    regions: tuple[str, ...] = ()

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The regions this user may see; None means all of them."""
        return tuple(self.regions) if self.role == "regional_manager" else None

    @property
    def can_import(self) -> bool:
        return self.role in IMPORTERS

    @property
    def is_admin(self) -> bool:
        """Sees how the server is set up (the database file's path, for one)."""
        return self.role == "admin"


# Everyone, when the app runs without an access file.
OPEN_USER = User("", "", "admin")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


@dataclass(frozen=True)
class AccessConfig:
    path: Path
    users: dict[str, tuple[User, str | None]]  # username -> (user, password hash; None: single sign-on only)
    sso: dict[str, str] = field(default_factory=dict)  # e-mail from the SSO (case-folded) -> username

    def sign_in(self, username: str, password: str) -> User | None:
        """The user, when the name is known and the password right; None otherwise (the
        same answer for both, and the hash is checked even for an unknown name or a user
        who signs in through the SSO only)."""
        user, stored = self.users.get(username.strip(), (None, None))
        ok = check_password(password, stored or _DUMMY_HASH)
        return user if ok and user is not None and stored else None

    def sso_user(self, email: str | None) -> User | None:
        """The user the SSO's e-mail address stands for (the `sso` of an entry), or None."""
        username = self.sso.get((email or "").strip().casefold())
        return self.users[username][0] if username else None


# Checked for an unknown name with the same work as a real hash (the same iterations),
# so that the time of a refusal does not tell known names from unknown ones.
_DUMMY_HASH = hash_password("x", salt=b"\0" * 16, iterations=ITERATIONS)


def serving_arguments(args: list[str], environ) -> tuple[list[str], str, dict]:
    """The `streamlit run` arguments for `args` (what follows `run app.py`), and what to
    say about them: (arguments, locale key, its parameters), the key None for nothing to
    say and "serve_network_refused" for a start that must not happen.

    Without an access file the server listens on 127.0.0.1 only; an address given to
    serve a network is refused unless `--open` is given too (then every page warns).
    `--open` is ours, not Streamlit's: it is taken out and becomes OPEN_ENV_VAR.
    """
    opened = "--open" in args
    args = [a for a in args if a != "--open"]
    path = access_path()
    if path.exists():
        return args, None, {}
    address = environ.get("STREAMLIT_SERVER_ADDRESS")
    for i, arg in enumerate(args):
        if arg == "--server.address" and i + 1 < len(args):
            address = args[i + 1]
        elif arg.startswith("--server.address="):
            address = arg.split("=", 1)[1]
    if opened:
        environ[OPEN_ENV_VAR] = "1"
        return args, "serve_open_warning", {"path": str(path)}
    if address is None:
        return [*args, "--server.address", "127.0.0.1"], "serve_local_only", {"path": str(path)}
    if not is_local_address(address):
        return args, "serve_network_refused", {"path": str(path), "address": address}
    return args, "serve_local_only", {"path": str(path)}


def open_mode() -> bool:
    """Whether the server was started with --open (a network served without an access file)."""
    return os.environ.get(OPEN_ENV_VAR) == "1"


def is_local_address(address: str | None) -> bool:
    """A connection from this machine (Streamlit gives no address for localhost)."""
    return address is None or address in LOCAL_ADDRESSES or address.startswith("127.")


@dataclass
class SignInThrottle:
    """Failed sign-ins, per user name and per address, in this server process.

    Each failure delays the answer (one more second per recent failure, up to
    `max_delay_s`); `max_per_user` failures of a name, or `max_per_address` from one
    address, within `window_s` lock that name or address for `lockout_s`, the right
    password included. Unknown names are counted like known ones, so a lockout tells
    nothing either. A success clears its name's failures (not its address's).
    """
    max_per_user: int = 5
    max_per_address: int = 20
    window_s: float = 900.0
    lockout_s: float = 900.0
    max_delay_s: float = 5.0
    clock: object = time.time
    _failures: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    _locked_until: dict[tuple[str, str], float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _keys(username: str, address: str | None) -> list[tuple[str, str]]:
        return [("user", username.strip().casefold()), ("address", address or "local")]

    def locked_until(self, username: str, address: str | None) -> float | None:
        now = self.clock()
        with self._lock:
            ends = [self._locked_until.get(key, 0.0) for key in self._keys(username, address)]
        latest = max(ends)
        return latest if latest > now else None

    def failed(self, username: str, address: str | None) -> float:
        """Record a failure; returns the delay (seconds) to wait before answering."""
        now = self.clock()
        limits = {"user": self.max_per_user, "address": self.max_per_address}
        recent_counts = []
        with self._lock:
            for key in self._keys(username, address):
                recent = [t for t in self._failures.get(key, []) if now - t < self.window_s] + [now]
                self._failures[key] = recent
                recent_counts.append(len(recent))
                if len(recent) >= limits[key[0]]:
                    self._locked_until[key] = now + self.lockout_s
                    self._failures[key] = []
        return min(float(recent_counts[0]), self.max_delay_s)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(("user", username.strip().casefold()), None)


THROTTLE = SignInThrottle()


@dataclass(frozen=True)
class SignInAnswer:
    user: User | None
    locked_until: float | None = None  # epoch seconds, when refused for a lockout
    delay_s: float = 0.0                # how long to wait before showing a refusal


def attempt_sign_in(config: AccessConfig, username: str, password: str, address: str | None,
                    throttle: SignInThrottle = THROTTLE) -> SignInAnswer:
    """One sign-in attempt from `address`, throttled and logged (name, address; the time
    is the log record's). A locked name or address is refused without checking the
    password."""
    shown = username.strip()[:64]
    locked = throttle.locked_until(username, address)
    if locked is not None:
        log.warning("sign-in refused for %r from %s: locked until %s", shown, address or "local",
                    time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(locked)))
        return SignInAnswer(None, locked_until=locked)
    user = config.sign_in(username, password)
    if user is not None:
        throttle.succeeded(username)
        log.info("signed in: %r (%s) from %s", user.username, user.role, address or "local")
        return SignInAnswer(user)
    delay = throttle.failed(username, address)
    locked = throttle.locked_until(username, address)
    log.warning("sign-in failed for %r from %s%s", shown, address or "local",
                "; now locked for %d min" % (throttle.lockout_s // 60) if locked else "")
    return SignInAnswer(None, locked_until=locked, delay_s=delay)


def access_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def load_access(path: str | os.PathLike | None = None) -> AccessConfig | None:
    """The access configuration, or None when there is no file (the app runs open)."""
    path = Path(path) if path is not None else access_path()
    if not path.exists():
        if os.environ.get(ENV_VAR):
            raise AccessConfigError(f"access file {path} (from ${ENV_VAR}) does not exist")
        return None
    try:
        # Consulted for every query (the user's scope): parsed once per change of the file.
        return read_when_changed(path, _parse_access)
    except OSError as exc:
        raise AccessConfigError(f"access file {path}: cannot be read ({exc})") from None


def _parse_access(path: Path, text: str) -> AccessConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AccessConfigError(f"access file {path}: cannot be read ({exc})") from None
    users, sso_names = {}, {}
    for username, entry in (data.get("users") or {}).items():
        where = f"access file {path}, [users.{username}]"
        if not isinstance(entry, dict):
            raise AccessConfigError(f"{where}: must be a table")
        role = entry.get("role")
        if role not in ROLES:
            raise AccessConfigError(f"{where}: role must be one of {', '.join(ROLES)}, got {role!r}")
        regions = entry.get("regions", [])
        if not isinstance(regions, list) or not all(isinstance(r, str) for r in regions):
            raise AccessConfigError(f"{where}: regions must be a list of region names")
        if role == "regional_manager" and not regions:
            raise AccessConfigError(f"{where}: a regional_manager needs at least one region")
        password, sso = entry.get("password"), entry.get("sso")
        if sso is not None and (not isinstance(sso, str) or "@" not in sso):
            raise AccessConfigError(f"{where}: sso must be the e-mail address the single sign-on gives")
        if sso is None and password is None:
            raise AccessConfigError(f"{where}: needs a password (a hash from `python -m analytics hash-password`) "
                                    "or an sso e-mail address")
        if password is not None and (not isinstance(password, str) or not password.startswith(_SCHEME + "$")):
            raise AccessConfigError(f"{where}: password must be a hash from `python -m analytics hash-password`")
        if sso is not None:
            if sso.strip().casefold() in sso_names:
                raise AccessConfigError(f"{where}: sso {sso} is already [users.{sso_names[sso.strip().casefold()]}]'s")
            sso_names[sso.strip().casefold()] = username
        users[username] = (User(username, str(entry.get("name") or username), role, tuple(regions)), password)
    if not users:
        raise AccessConfigError(f"access file {path}: defines no [users.*]")
    return AccessConfig(path, users, sso_names)
