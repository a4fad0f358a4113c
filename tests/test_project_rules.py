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

def _streamlit_imports(path: Path, packages=("streamlit", "dashboard")) -> list[str]:
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
            if name in packages or name.startswith(tuple(f"{p}." for p in packages)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_analytics_package_does_not_import_streamlit():
    files = sorted((ROOT / "analytics").rglob("*.py"))
    assert files, "analytics/ has no Python files"
    offenders = [hit for f in files for hit in _streamlit_imports(f)]
    assert not offenders, "analytics/ must stay UI-free; streamlit or dashboard imported at:\n" + "\n".join(offenders)


# --- (a2) pages are thin, dashboard modules are one concern each --------------------------

def test_pages_build_no_figures_and_shape_no_frames():
    """A page reads widgets, calls analytics and draws through dashboard: figures are built in
    dashboard/figures/, frames shaped by pure analytics functions (which have unit tests)."""
    offenders = []
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                offenders += [f"{path.name}:{node.lineno}: imports {m}" for m in modules if m.startswith("plotly")]
            elif isinstance(node, ast.Attribute) and node.attr in {"pivot", "pivot_table", "groupby", "merge", "melt"}:
                offenders.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert not offenders, offenders


def test_every_table_leaves_a_missing_value_empty():
    """st.dataframe writes "None" in a cell without a value unless told otherwise."""
    missing = []
    for path in [*sorted((ROOT / "dashboard").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "dataframe"
                    and not any(k.arg == "placeholder" and isinstance(k.value, ast.Constant) and k.value.value == ""
                                for k in node.keywords)):
                missing.append(f"{path.name}:{node.lineno}")
    assert not missing, missing


def test_dashboard_modules_stay_small():
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "dashboard").rglob("*.py") if "locales" not in p.parts}
    assert sizes and all(n <= 260 for n in sizes.values()), {k: n for k, n in sizes.items() if n > 260}


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


# --- output and SQL safety ----------------------------------------------------------

_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE|WHERE|FROM|JOIN)\b")
# What may be interpolated into SQL text: constants (fixed SQL fragments and numbers),
# identifiers through quote_ident, the scope/channel conditions, and locals reviewed to be
# built from those (schema field names, fixed column lists). Values — filters, hall codes,
# anything from a user or a file — travel as $name / ? parameters only.
_SAFE_SQL_PARTS = re.compile(r"""^(
    _?[A-Z][A-Z0-9_]*                                 # a module constant
  | [a-z_]+\.[A-Z][A-Z0-9_]*                          # another module's constant
  | (SCOPE|CHANNEL)_CONDITION\.format\(.*\)           # the fixed conditions, on fixed columns
  | quote_ident\(.*\)                                 # an identifier, quoted
  | ([a-z_]+\.)?tickets_sql\(as_of=[A-Z_]+\)           # the tickets CTE as of a fixed expression
  | .*\.join\(.*(quote_ident|STAFF_SUMS|BY_COLUMNS).*\)
  | len\([A-Z_]+\) | case\('[a-z_]+'\) | ds\.name
  | casts|column|column_list|columns|ctes|date|hall_join|name|older|parts|per_hall_sql|removed_halls|replaced|select|table|totals|cases|scoped
)$""", re.VERBOSE)


def test_sql_is_never_formatted_with_values():
    offenders = []
    files = [*sorted((ROOT / "analytics").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
             *sorted((ROOT / "dashboard").glob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if not _SQL_WORDS.search(text):
                continue
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and not _SAFE_SQL_PARTS.match(ast.unparse(value.value)):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {{{ast.unparse(value.value)}}}")
    assert not offenders, "SQL text formatted with something that may be a value; use a parameter:\n" + \
        "\n".join(offenders)
    assert _SAFE_SQL_PARTS.match("SCOPED_HALLS_CTE") and not _SAFE_SQL_PARTS.match("filters.halls")


def test_html_is_only_ever_our_own_constants():
    """Uploaded text (comments, names, descriptions) reaches the screen through st.markdown
    (which never renders raw HTML), st.dataframe or escape_markdown; raw HTML is only a
    constant (the presentation-mode stylesheet), or a constant template filled with
    json.dumps of values the code made (the sign-in cookie's hand-over script)."""

    def constant_html(arg) -> bool:
        if isinstance(arg, ast.Name):
            return arg.id.lstrip("_").isupper()
        return (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"
                and constant_html(arg.func.value) and not arg.args
                and all(isinstance(k.value, ast.Call) and getattr(k.value.func, "attr", "") == "dumps"
                        for k in arg.keywords))

    offenders = []
    for path in [ROOT / "app.py", *sorted((ROOT / "dashboard").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if any(k.arg == "unsafe_allow_html" for k in node.keywords):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: unsafe_allow_html")
            if name == "html" and not (node.args and constant_html(node.args[0])):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: st.html with non-constant content")
    assert not offenders, offenders
