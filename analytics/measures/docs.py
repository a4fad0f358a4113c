"""The KPI catalogue of docs/metrics.md, written from the declarations (and the shipped
targets), so the document cannot drift from what the pages compute. A test compares the
file with `catalogue()`; `python -m analytics.measures.docs` rewrites the section."""
from __future__ import annotations

import sys
from pathlib import Path

from ..settings import PROJECT_ROOT
from .declarations import AREAS, MEASURES, Measure

DOC_PATH = PROJECT_ROOT / "docs" / "metrics.md"
START = "<!-- kpi-catalogue:start (written by `python -m analytics.measures.docs`; do not edit by hand) -->"
END = "<!-- kpi-catalogue:end -->"

WINDOW_TEXT = {"period": "the period", "as_of": "as of the period end", "12m": "12 months to the period end",
               "carried": "at the week's end, whenever received"}
INTERVAL_TEXT = {"wilson": "Wilson", "poisson": "Poisson (Byar)", "normal": "normal, from the spread"}
KIND_TEXT = {"share": "{0} ÷ {1}", "rate": "{scale} × {0} ÷ {1}", "nps": "100 × ({0} − {1}) ÷ {2}",
             "mean": "{0} ÷ {2}", "ratio": "{0} ÷ {1}", "count": "{0}", "sum": "{0}"}


def _made_of(m: Measure) -> str:
    counts = [f"`{c}`" for c in m.counts]
    return KIND_TEXT[m.kind].format(*counts, scale=f"{m.scale:,.0f}")


def _target_text(m: Measure, targets: dict) -> str:
    target = targets.get(m.target) if m.target else None
    if target is None:
        return "—"
    sign = "≥" if target.direction == "min" else "≤"
    shown = f"{target.value:.0%}" if m.format == "percent" else f"{target.value:g}"
    floor = "" if target.floor is None else (f", floor {target.floor:.0%}" if m.format == "percent"
                                            else f", floor {target.floor:g}")
    return f"{sign} {shown}{floor} (`{m.target}`)"


def _interval_text(m: Measure) -> str:
    if m.interval:
        return f"{INTERVAL_TEXT[m.interval]}; ⚠ below n = {m.min_n}"
    if m.no_interval:
        return f"none: {m.no_interval}"
    return "none (a total)" if m.kind == "sum" else "none (a count)"


def catalogue(targets: dict | None = None) -> str:
    """The section between START and END: one table per area, every declared KPI."""
    if targets is None:
        from ..targets import DEFAULT_PATH, load_targets
        targets = load_targets(DEFAULT_PATH)
    lines = [START, ""]
    for area in AREAS:
        lines += [f"### {area.capitalize()}", "",
                  "| KPI | key | window | made of | interval | target | definition |",
                  "|---|---|---|---|---|---|---|"]
        for m in (m for m in MEASURES if m.area == area):
            better = "higher is better" if m.higher_is_better else "lower is better"
            lines.append(f"| {m.label_zh} / {m.label_en} | `{m.key}` | {WINDOW_TEXT[m.window]} | {_made_of(m)} | "
                         f"{_interval_text(m)} | {_target_text(m, targets)} | {m.definition_en} ({better}) |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def current_section(text: str) -> str | None:
    if START not in text or END not in text:
        return None
    return text[text.index(START):text.index(END) + len(END)]


def write(path: Path = DOC_PATH) -> bool:
    """Rewrite the catalogue section of `path`; True when it changed."""
    text = path.read_text(encoding="utf-8")
    old = current_section(text)
    if old is None:
        raise SystemExit(f"{path}: no catalogue markers ({START} … {END})")
    new = catalogue()
    path.write_text(text.replace(old, new), encoding="utf-8")
    return old != new


if __name__ == "__main__":
    changed = write()
    print(f"{DOC_PATH}: {'rewritten' if changed else 'already current'}")
    sys.exit(0)
