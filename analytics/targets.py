"""Targets: the thresholds figures are coloured against and scored between, from one
editable TOML file — the only place a KPI's target is written (the scorecard reads it too).

The file is `config/targets.toml` unless $HALL_ANALYTICS_TARGETS names another. Each
`[name]` table (a target name a KPI declares in analytics.measures) holds target, amber (how
far on the wrong side still counts as amber) and floor (the value that scores 0 on the
scorecard). Its direction and labels are the KPI's declaration, not repeated here.
"""
from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .measures import MEASURES
from .settings import PROJECT_ROOT, read_when_changed

DEFAULT_PATH = PROJECT_ROOT / "config" / "targets.toml"
ENV_VAR = "HALL_ANALYTICS_TARGETS"
DIRECTIONS = ("min", "max")
TOLERANCE = 1e-9
FIELDS = ("target", "amber", "floor")
# target name -> "min" (higher is better) or "max", from the KPIs that use it. KPIs sharing a
# target (coverage this period and over 12 months) share its direction; a test checks that.
DIRECTION_OF = {m.target: ("min" if m.higher_is_better else "max") for m in MEASURES if m.target}


@dataclass(frozen=True)
class Target:
    name: str
    direction: str  # "min" = at least `value` is good, "max" = at most `value` is good
    value: float
    amber: float
    floor: float | None = None  # scores 0 on the scorecard (the target scores 100)

    def status(self, value) -> str | None:
        """"good" on the right side of the target, "warn" within `amber` of it, else "bad";
        None when there is no value."""
        if value is None:
            return None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        if math.isnan(value):
            return None
        # How far on the wrong side of the target the value is (<= 0: target met). The
        # tolerance keeps 0.90 - 0.85 (= 0.05000000000000004) inside a 0.05 margin.
        short = self.value - value if self.direction == "min" else value - self.value
        if short <= TOLERANCE:
            return "good"
        return "warn" if short <= self.amber + TOLERANCE else "bad"

    def score(self, value) -> float:
        """0–100 by where `value` sits between the floor (0) and the target (100), clipped;
        NaN without a value or a floor."""
        try:
            value = float(value)
        except (TypeError, ValueError):
            return math.nan
        if self.floor is None or math.isnan(value) or self.floor == self.value:
            return math.nan
        return 100 * min(max((value - self.floor) / (self.value - self.floor), 0.0), 1.0)


def targets_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def load_targets(path: str | os.PathLike | None = None) -> dict[str, Target]:
    """Every target in the file, by name. A missing or broken file raises ValueError
    naming the file (and the entry and key at fault). Parsed again only when the file
    changes (settings.read_when_changed): pages judge thousands of cells against it."""
    path = Path(path) if path is not None else targets_path()
    try:
        return dict(read_when_changed(path, _parse_targets))
    except OSError as exc:
        raise ValueError(f"targets file {path}: cannot be read ({exc.strerror or exc})") from None


def _parse_targets(path: Path, text: str) -> dict[str, Target]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"targets file {path}: not valid TOML: {exc}") from None
    return {name: _target(path, name, entry) for name, entry in data.items()}


def _target(path: Path, name: str, entry) -> Target:
    def fail(key: str, problem: str):
        raise ValueError(f"targets file {path}: [{name}] {key}: {problem}")

    if name not in DIRECTION_OF:
        fail("(entry)", f"no KPI uses this target (known: {', '.join(sorted(DIRECTION_OF))})")
    if not isinstance(entry, dict):
        fail("(entry)", "must be a table like [csat] with target, amber, floor")
    for key in entry:
        if key not in FIELDS:
            hint = " (direction and labels come from the KPI's declaration)" if key in (
                "direction", "label_zh", "label_en") else ""
            fail(key, f"unknown key (expected {', '.join(FIELDS)}){hint}")
    for key in ("target", "amber"):
        if key not in entry:
            fail(key, "missing")
    for key in FIELDS:
        number = entry.get(key, 0)
        if isinstance(number, bool) or not isinstance(number, (int, float)) or math.isnan(number):
            fail(key, f"must be a number, got {number!r}")
    if entry["amber"] < 0:
        fail("amber", f"must not be negative, got {entry['amber']!r}")
    direction = DIRECTION_OF[name]
    floor = entry.get("floor")
    if floor is not None and not (floor < entry["target"] if direction == "min" else floor > entry["target"]):
        fail("floor", f"must be on the wrong side of the target ({'below' if direction == 'min' else 'above'} "
                      f"{entry['target']!r}), got {floor!r}")
    return Target(name=name, direction=direction, value=float(entry["target"]), amber=float(entry["amber"]),
                  floor=None if floor is None else float(floor))


def judge(target: "Target | None", value, *, n=None, low=None, high=None, min_n: int = 30) -> str | None:
    """good / warn / bad for a rate against its target, or None when there is nothing to
    judge: no target, no value, or fewer than `min_n` observations — unless the rate's whole
    95% interval lies on one side of the target, which is clear whatever the sample size
    (0 of 23 tickets within 48 h is a miss)."""
    if target is None or not _is_number(value):
        return None
    small = n is not None and _is_number(n) and n < min_n
    clear = _is_number(low) and _is_number(high) and (high < target.value or low > target.value)
    if small and not clear:
        return None
    return target.status(value)


def _is_number(value) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False
