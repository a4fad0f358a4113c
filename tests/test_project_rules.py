"""Rules about the project itself: layering, setup commands, pinned requirements."""
from __future__ import annotations

import ast
import os
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN_COMMAND = "bash scripts/run.sh"
TEST_COMMAND = "bash scripts/test.sh"


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _repo_files() -> list[Path]:
    """Files git tracks, plus new files it would track (not ignored)."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()
    return [ROOT / p for p in sorted(set(out.split("\0"))) if p and (ROOT / p).is_file()]


# --- (a) analytics/ never imports streamlit ---------------------------------------

def _streamlit_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call):  # importlib.import_module("streamlit"), __import__(...)
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if fname in {"import_module", "__import__"} and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names = [arg.value]
        for name in names:
            if name == "streamlit" or name.startswith("streamlit."):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_analytics_package_does_not_import_streamlit():
    files = sorted((ROOT / "analytics").rglob("*.py"))
    assert files, "analytics/ has no Python files"
    offenders = [hit for f in files for hit in _streamlit_imports(f)]
    assert not offenders, "analytics/ must stay UI-free; streamlit imported at:\n" + "\n".join(offenders)


# --- (b) nothing but docs runs Playwright's browser download ------------------------

_DOWNLOAD = re.compile("play" + r"wright\s+install")  # split so this file doesn't match itself


def _is_doc(rel: str) -> bool:
    return rel.startswith("docs/") or rel.lower().endswith((".md", ".rst"))


def test_no_playwright_browser_download():
    offenders = []
    for path in _repo_files():
        rel = path.relative_to(ROOT).as_posix()
        if _is_doc(rel) or rel.startswith(".venv/"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary
        for lineno, line in enumerate(text.splitlines(), 1):
            if _DOWNLOAD.search(line):
                offenders.append(f"{rel}:{lineno}: {line.strip()}")
    assert not offenders, (
        "Playwright's browser download can't work here (no network beyond package "
        "registries); tests use Debian's /usr/bin/chromium:\n" + "\n".join(offenders)
    )


# --- (c), (d) README commands, CI entry point ---------------------------------------

def _command_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]


def test_ci_runs_the_readme_test_command():
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK), ".ci/run must be executable"
    lines = _command_lines(ci)
    assert "set -euo pipefail" in lines
    assert TEST_COMMAND in lines, f".ci/run must run `{TEST_COMMAND}`; it runs: {lines}"
    assert TEST_COMMAND in _readme(), f"README.md must show `{TEST_COMMAND}`"


@pytest.mark.parametrize("command", [RUN_COMMAND, TEST_COMMAND])
def test_readme_commands_exist(command):
    assert command in _readme(), f"README.md must show `{command}`"
    script = ROOT / command.split()[1]
    assert script.is_file(), f"{script.relative_to(ROOT)} is missing"
    syntax = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def test_shell_scripts_parse():
    scripts = sorted((ROOT / "scripts").glob("*.sh")) + [ROOT / ".ci" / "run"]
    for script in scripts:
        syntax = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert syntax.returncode == 0, f"{script.relative_to(ROOT)}: {syntax.stderr}"


# --- requirements are pinned and installed as pinned ---------------------------------

def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.\-+]+)", line)
        assert m, f"{name}: not pinned with ==: {line!r}"
        pins[m.group(1)] = m.group(2)
    return pins


def test_requirements_pinned_and_installed():
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    pins = {**_pins("requirements.txt"), **_pins("requirements-dev.txt")}
    wrong = {}
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"pinned vs installed (run bash scripts/setup.sh): {wrong}"
