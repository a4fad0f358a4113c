"""Tables as files people open in Excel: CSV (UTF-8 with BOM) and .xlsx.

Both start with the filters that produced the table, then the table under the headers
the UI showed. Text that a spreadsheet would run as a formula (= + - @, tab, CR at the
start) gets a leading apostrophe, so an exported cell can never execute.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import unicodedata

import numpy as np
import pandas as pd
import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("percent", "int", "float1", "date", "datetime", "text")
EXCEL_NUMBER_FORMATS = {"percent": "0.0%", "int": "#,##0", "float1": "#,##0.0", "date": "yyyy-mm-dd",
                        "datetime": "yyyy-mm-dd hh:mm"}
HEADER_FILL = "#DDEBF7"
MAX_WIDTH = 60


def neutralise_formula(value):
    """Strings a spreadsheet would read as a formula get a leading apostrophe; anything
    else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_missing(value) -> bool:
    """None, NaN or NaT (a list or other non-scalar is not missing)."""
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other non-scalars
        return False


def _columns(frame: pd.DataFrame, headers: dict[str, str]) -> list[str]:
    missing = [c for c in headers if c not in frame.columns]
    if missing:
        raise KeyError(f"columns to export are not in the table: {missing}")
    return list(headers)


def _plain(value):
    """numpy scalars as Python values."""
    return value.item() if isinstance(value, np.generic) else value


def _csv_cell(value):
    value = _plain(value)
    if is_missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.time() != dt.time() else "%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 10))
    return neutralise_formula(value if isinstance(value, (int, bool)) else str(value))


def table_to_csv(frame: pd.DataFrame, *, headers: dict[str, str], filters_text: list[str],
                 filters_title: str = "筛选条件") -> bytes:
    """CSV in UTF-8 with BOM: one `filters_title,<line>` row per filter line, a blank
    row, then the `headers` columns (in that order, under those labels)."""
    columns = _columns(frame, headers)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in filters_text:
        writer.writerow([neutralise_formula(filters_title), neutralise_formula(line)])
    if filters_text:
        writer.writerow([])
    writer.writerow([neutralise_formula(headers[c]) for c in columns])
    for row in frame[columns].itertuples(index=False, name=None):
        writer.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def display_width(text: str) -> int:
    """Width in Excel character units: CJK (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


NUMBER_TEXT = {"percent": "{:.1%}", "int": "{:,.0f}", "float1": "{:,.1f}"}


def number_text(value, kind: str) -> str | None:
    """A number as the app shows it: percent 91.2%, int 1,234, float1 85.3 (None when
    `kind` is not a number format or `value` not a number). One rule for the screen, the
    exports and the reports."""
    if kind in NUMBER_TEXT and isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return NUMBER_TEXT[kind].format(value)
    return None


def value_text(value, kind: str) -> str:
    """A value as the app and its reports write it (number_text for numbers); — when missing."""
    if is_missing(value):
        return "—"
    number = number_text(value, kind)
    return number if number is not None else str(value)


def interval_text(low, high, kind: str) -> str:
    """A 95% interval as "a – b" in the value's format; empty when there is none."""
    if is_missing(low) or is_missing(high):
        return ""
    return f"{value_text(low, kind)} – {value_text(high, kind)}"


def _shown(value, kind: str) -> str:
    """Roughly what Excel will show, to size the column."""
    value = _plain(value)
    if is_missing(value):
        return ""
    number = number_text(value, kind)
    if number is not None:
        return number
    if kind == "date":
        return "2026-10-31"
    if kind == "datetime":
        return "2026-10-31 23:59"
    return str(value)


def table_to_excel(frame: pd.DataFrame, *, headers: dict[str, str], filters_text: list[str],
                   sheet_name: str, formats: dict[str, str] | None = None,
                   filters_title: str = "筛选条件") -> bytes:
    """An .xlsx workbook of one sheet: the bold `filters_title` and the filter lines on top,
    then a bold, filled header row (frozen, with an autofilter) and the rows, each column
    formatted by `formats` (percent, int, float1, date, datetime, text) and sized to fit."""
    formats = formats or {}
    unknown = {k for k in formats.values() if k not in FORMATS}
    if unknown:
        raise ValueError(f"unknown export formats {sorted(unknown)}; use {', '.join(FORMATS)}")
    columns = _columns(frame, headers)
    buf = io.BytesIO()
    # Strings are only ever written as strings: never turned into formulas, URLs or numbers.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    ws = wb.add_worksheet(_sheet_name(sheet_name))
    title = wb.add_format({"bold": True, "font_size": 12})
    header = wb.add_format({"bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True,
                            "valign": "vcenter"})
    cell_formats = {kind: wb.add_format({"num_format": fmt}) for kind, fmt in EXCEL_NUMBER_FORMATS.items()}

    row = 0
    if filters_text:
        ws.write_string(row, 0, neutralise_formula(filters_title), title)
        for line in filters_text:
            row += 1
            ws.write_string(row, 0, neutralise_formula(line))
        row += 2
    header_row = row
    widths = [display_width(headers[c]) for c in columns]
    for col, name in enumerate(columns):
        ws.write_string(header_row, col, neutralise_formula(headers[name]), header)
    for r, values in enumerate(frame[columns].itertuples(index=False, name=None), start=header_row + 1):
        for col, (name, value) in enumerate(zip(columns, values)):
            kind = formats.get(name, "text")
            _write_cell(ws, r, col, value, cell_formats.get(kind))
            widths[col] = max(widths[col], display_width(_shown(value, kind)))
    for col, width in enumerate(widths):
        ws.set_column(col, col, min(MAX_WIDTH, max(6, width + 2)))
    ws.freeze_panes(header_row + 1, 0)
    ws.autofilter(header_row, 0, header_row + len(frame), max(0, len(columns) - 1))
    wb.close()
    return buf.getvalue()


def _write_cell(ws, row: int, col: int, value, cell_format) -> None:
    value = _plain(value)
    if is_missing(value):
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        ws.write_datetime(row, col, value, cell_format)
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and math.isinf(value):
            ws.write_string(row, col, str(value))
        else:
            ws.write_number(row, col, value, cell_format)
    else:
        ws.write_string(row, col, neutralise_formula(str(value)))


def _sheet_name(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet1"
    return cleaned[:31]
