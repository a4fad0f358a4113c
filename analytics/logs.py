"""Where the app's log goes: a rotating file beside the database (`<db>.log`), so every
caught exception's traceback is kept on the server, and the last lines of it for admins on
the data page. Configured once per process by the app and the command line."""
from __future__ import annotations

import logging
import logging.handlers
from collections import deque
from pathlib import Path

LOG_BYTES = 5 * 1024 * 1024  # per file
LOG_FILES = 3                # kept besides the current one
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
_HANDLER_NAME = "hall_analytics_file"
_CONSOLE_NAME = "hall_analytics_console"


def log_path(db_path: str | Path) -> Path:
    """The log file of the database at `db_path`: beside it, same name, `.log`."""
    return Path(f"{db_path}.log")


def configure(db_path: str | Path, *, level: int = logging.INFO) -> Path:
    """Send the `analytics`, `ui` and page loggers (the root logger) to the rotating file
    beside the database, and their warnings and errors to the console too; a second call for the same file does nothing, one for another file
    (a test pointing the app elsewhere) moves the handler. Returns the file's path."""
    path = log_path(db_path)
    root = logging.getLogger()
    current = next((h for h in root.handlers if h.get_name() == _HANDLER_NAME), None)
    if current is not None and Path(current.baseFilename) == path.resolve():
        return path
    if current is not None:
        root.removeHandler(current)
        current.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES,
                                                   encoding="utf-8", delay=True)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if not any(h.get_name() == _CONSOLE_NAME for h in root.handlers):
        # Warnings and errors still reach the console (the server's own log, journald under
        # systemd), as Python's last-resort handler sent them before the file was added.
        console = logging.StreamHandler()
        console.set_name(_CONSOLE_NAME)
        console.setFormatter(logging.Formatter(FORMAT))
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def tail(db_path: str | Path, lines: int = 200) -> list[str]:
    """The last `lines` lines of the database's log (none yet: an empty list)."""
    path = log_path(db_path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as handle:
        return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
