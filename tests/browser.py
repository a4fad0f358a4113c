"""Helpers for the browser tests: start the app, drive Debian's Chromium, check pages.

The fixtures that use these live in conftest.py (`streamlit_server`, `browser_page`).
Playwright's own browser download is never used; tests drive /usr/bin/chromium.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}

HEALTH_TIMEOUT_S = 60
APP_TIMEOUT_MS = 30_000


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


# --- prerequisites ----------------------------------------------------------------

def missing_browser_prerequisites() -> list[str]:
    """What the browser tests need and this machine lacks (empty list: all there)."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (Debian package 'chromium')")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        missing.append("fc-list (Debian package 'fontconfig')")
    else:
        out = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout
        if not out.strip():
            missing.append("a Chinese font: `fc-list :lang=zh` lists none (Debian package 'fonts-noto-cjk')")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (requirements-dev.txt)")
    return missing


def skip_or_fail(reason: str) -> None:
    """Skip with a loud reason; under CI=true fail instead, so CI can't go green silently."""
    banner = "!" * 72
    message = (
        f"\n{banner}\n!! BROWSER TEST NOT RUN: {reason}\n"
        f"!! Fix: bash scripts/setup.sh --browser (as root, installs them with apt-get)\n{banner}"
    )
    if in_ci():
        pytest.fail(message + "\n!! CI=true: failing instead of skipping.", pytrace=False)
    pytest.skip(message)


def require_browser() -> None:
    missing = missing_browser_prerequisites()
    if missing:
        skip_or_fail("missing " + "; ".join(missing))


# --- the app server ---------------------------------------------------------------

def app_path() -> Path:
    """The script under test: $HALL_ANALYTICS_APP, default the repo's server.py (app.py with
    the sign-in route), as scripts/run.sh serves it."""
    return Path(os.environ.get("HALL_ANALYTICS_APP") or REPO_ROOT / "server.py").resolve()


def streamlit_command() -> list[str]:
    """The same launcher as scripts/run.sh (deep links to pages work on a fresh server)."""
    return [sys.executable, str(REPO_ROOT / "scripts" / "serve.py")]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_sample_data(db_path: Path, log_path: Path) -> None:
    """Fill a fresh database with the shipped sample data via the real CLI."""
    cmd = [sys.executable, "-m", "analytics", "sample", "--db", str(db_path)]
    result = subprocess.run(
        cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "HALL_ANALYTICS_DB": str(db_path)},
    )
    log_path.write_text(f"$ {' '.join(cmd)}\n{result.stdout}\n{result.stderr}", encoding="utf-8")
    if result.returncode != 0:
        pytest.fail(
            f"loading sample data failed (exit {result.returncode}): {' '.join(cmd)}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )


def _tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server started by start_streamlit (its own process group), then reap it."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def start_streamlit(app: Path, db_path: Path, log_path: Path, attempts: int = 3):
    """Start `streamlit run app` on a free loopback port; return (process, base_url).

    Waits for /_stcore/health to answer `ok` (HEALTH_TIMEOUT_S). Retries on another
    port if the server dies at start (e.g. another xdist worker took the port).
    """
    if not app.exists():
        pytest.fail(f"app script not found: {app} (set HALL_ANALYTICS_APP to override)", pytrace=False)
    env = {
        **os.environ,
        "HALL_ANALYTICS_DB": str(db_path),
        "PYTHONUNBUFFERED": "1",
    }
    last_error = ""
    for _ in range(attempts):
        port = free_port()
        cmd = streamlit_command() + [
            "run", str(app),
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]
        with open(log_path, "ab") as log:
            log.write(f"$ {' '.join(cmd)}\n".encode())
            log.flush()
            # cwd = repo root, so .streamlit/config.toml applies as with scripts/run.sh.
            proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if _health_ok(f"{base_url}/_stcore/health"):
                return proc, base_url
            time.sleep(0.25)
        if proc.poll() is None:
            stop_process(proc)
            pytest.fail(
                f"Streamlit did not answer {base_url}/_stcore/health within {HEALTH_TIMEOUT_S}s.\n"
                f"log {log_path}:\n{_tail(log_path)}",
                pytrace=False,
            )
        last_error = f"exited with {proc.returncode}"
    pytest.fail(f"Streamlit failed to start ({last_error}).\nlog {log_path}:\n{_tail(log_path)}", pytrace=False)


@contextlib.contextmanager
def sample_server(work: Path):
    """A Streamlit server (base URL) on a fresh database in `work` holding the sample data;
    stopped on exit. Logs are in `work`."""
    db_path = work / "hall.duckdb"
    load_sample_data(db_path, work / "sample.log")
    proc, base_url = start_streamlit(app_path(), db_path, work / "streamlit.log")
    try:
        yield base_url
    finally:
        stop_process(proc)


# --- page helpers -----------------------------------------------------------------

_APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const script = app.getAttribute('data-test-script-state');
  const conn = app.getAttribute('data-test-connection-state');
  const busy = document.querySelector('[data-testid="stStatusWidget"]');
  return conn === 'CONNECTED'
      && (script === 'notRunning' || script === 'compilationError')
      && !busy;
}"""


def wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS, settle_ms: int = 400) -> None:
    """Wait until Streamlit finished running the script and shows no running indicator.

    Idle means: `[data-testid="stApp"]` is connected, its script state is `notRunning`
    (set only after a run has started, so the initial page doesn't count) and no
    `[data-testid="stStatusWidget"]` is shown, continuously for `settle_ms` (so a rerun
    that a click has just requested is not missed).
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    idle_since = None
    while True:
        now = time.monotonic()
        if page.evaluate(_APP_IDLE_JS):
            idle_since = idle_since or now
            if (now - idle_since) * 1000 >= settle_ms:
                return
        else:
            idle_since = None
        if now > deadline:
            state = page.evaluate("""() => {
              const a = document.querySelector('[data-testid="stApp"]');
              return a && {script: a.getAttribute('data-test-script-state'),
                           connection: a.getAttribute('data-test-connection-state'),
                           statusWidget: !!document.querySelector('[data-testid="stStatusWidget"]')};
            }""")
            raise AssertionError(f"Streamlit app still busy after {timeout_ms} ms: {state}")
        time.sleep(0.1)


def assert_no_exception(page) -> None:
    """Fail if the page shows any Streamlit exception box."""
    boxes = page.locator('[data-testid="stException"]')
    n = boxes.count()
    if n:
        texts = [boxes.nth(i).inner_text() for i in range(n)]
        raise AssertionError(f"{n} exception(s) on {page.url}:\n" + "\n---\n".join(texts))


def save_screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/screenshots/ (after web fonts have loaded)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / (name if name.endswith(".png") else f"{name}.png")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.screenshot(path=str(path), full_page=full_page)
    return path
