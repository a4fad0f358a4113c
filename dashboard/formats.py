"""One way to write each kind of value on screen (count, percent to 0.1, score, hours, date)."""
from __future__ import annotations

import pandas as pd

from analytics import export, measures


def is_missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def measure_format(key: str) -> str:
    """The display format of KPI `key` (its declaration's; money shows as whole yuan)."""
    declared = measures.get(key).format
    return "int" if declared == "money" else declared


def interval_text(low, high, fmt: str) -> str:
    """A 95% interval as "a – b" in the value's format; empty when there is none."""
    if is_missing(low) or is_missing(high):
        return ""
    return f"{format_value(low, fmt)} – {format_value(high, fmt)}"


def format_value(value, kind: str) -> str:
    """A number as shown in KPIs: percent 91.2%, int 1,234, float1 85.3; None → —."""
    if is_missing(value):
        return "—"
    number = export.number_text(value, kind)
    return number if number is not None else str(value)


def hall_labels(frame: pd.DataFrame) -> pd.Series:
    """Each row's hall as a reader names it: "name (code)" (two halls may share a name)."""
    return frame["hall_name"] + " (" + frame["hall_code"] + ")"
