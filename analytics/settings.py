"""Settings, read from the environment when asked for, never at import time."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = Path("data") / "hall_analytics.duckdb"
SAMPLE_DATA_DIR = PROJECT_ROOT / "sample_data"


@dataclass(frozen=True)
class Settings:
    db_path: str
    # A sheet with more data rows than this is refused before anything is parsed.
    max_rows_per_sheet: int = 2_000_000

    @classmethod
    def from_env(cls, db_path: str | os.PathLike | None = None) -> "Settings":
        """`db_path` (the --db flag) wins over HALL_ANALYTICS_DB, which wins over the default."""
        chosen = db_path or os.environ.get("HALL_ANALYTICS_DB") or DEFAULT_DB_PATH
        max_rows = int(os.environ.get("HALL_ANALYTICS_MAX_ROWS", cls.max_rows_per_sheet))
        return cls(db_path=str(chosen), max_rows_per_sheet=max_rows)


_PARSED: dict[tuple[str, str], tuple[bytes, object]] = {}


def read_when_changed(path: Path, parse):
    """`parse(path, text)` of the file's UTF-8 text, reused while the content stays the same.

    The configuration files (targets, scorecard, access) are consulted on every page run,
    some for every query or judged cell. Reading a few kilobytes is cheap; parsing and
    validating them each time is not. Keyed by the content itself (not the modification
    time, whose granularity can hide a quick edit), so an edit applies at once. A failed
    parse is not kept; OSError from the file passes through.
    """
    content = path.read_bytes()
    key = (str(path), f"{parse.__module__}.{parse.__qualname__}")
    kept = _PARSED.get(key)
    if kept is not None and kept[0] == content:
        return kept[1]
    value = parse(path, content.decode("utf-8"))
    _PARSED[key] = (content, value)
    return value
