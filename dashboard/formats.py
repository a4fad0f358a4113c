"""One way to write each kind of value on screen (count, percent to 0.1, score, hours, date)."""
from __future__ import annotations

import pandas as pd

from analytics import export, measures


def measure_format(key: str) -> str:
    """The display format of KPI `key` (its declaration's; money shows as whole yuan)."""
    return measures.get(key).display_format


# One rule for the screen, the exports and the report files (analytics.export).
is_missing = export.is_missing
format_value = export.value_text
interval_text = export.interval_text


def hall_labels(frame: pd.DataFrame) -> pd.Series:
    """Each row's hall as a reader names it: "name (code)" (two halls may share a name)."""
    return frame["hall_name"] + " (" + frame["hall_code"] + ")"
