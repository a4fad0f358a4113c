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
import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .settings import PROJECT_ROOT, read_when_changed

ENV_VAR = "HALL_ANALYTICS_ACCESS"
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
    users: dict[str, tuple[User, str]]  # username -> (user, password hash)

    def sign_in(self, username: str, password: str) -> User | None:
        """The user, when the name is known and the password right; None otherwise (the
        same answer for both, and the hash is checked even for an unknown name)."""
        user, stored = self.users.get(username.strip(), (None, _DUMMY_HASH))
        ok = check_password(password, stored)
        return user if ok and user is not None else None


_DUMMY_HASH = hash_password("x", salt=b"\0" * 16, iterations=1_000)


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
    users = {}
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
        password = entry.get("password")
        if not isinstance(password, str) or not password.startswith(_SCHEME + "$"):
            raise AccessConfigError(f"{where}: password must be a hash from `python -m analytics hash-password`")
        users[username] = (User(username, str(entry.get("name") or username), role, tuple(regions)), password)
    if not users:
        raise AccessConfigError(f"access file {path}: defines no [users.*]")
    return AccessConfig(path, users)
