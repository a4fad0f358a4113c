"""Tables on screen and their downloads: translated headers, codes as words, one precision per
kind, hall name pinned, n and interval beside every rate, cells coloured by target status."""
from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pandas as pd
import streamlit as st

from analytics import export, measures
from analytics.filters import Filters
from analytics.stats import LOW_SAMPLE
from analytics.targets import judge
from dashboard.filter_state import filters_description
from dashboard.formats import interval_text, measure_format
from dashboard.i18n import t
from dashboard.kpis import current_targets, judged, kpi_label
from dashboard.layout import empty_state
from dashboard.theme import LOW_SAMPLE_TEXT, STATUS_BACKGROUNDS
from dashboard.words import in_words

STYLED_CELLS = 12_000  # the largest table coloured cell by cell (see _styled)


def plain_table(frame: pd.DataFrame, formats: dict[str, str], *, key: str) -> None:
    """A table as it stands (headers already translated), columns formatted by `formats`
    the way data_table formats them (percent as 0–100 with one decimal, gaps empty)."""
    st.dataframe(_for_screen(frame, formats), hide_index=True, width="stretch", key=key, placeholder="",
                 column_config={c: _column_config(k) for c, k in formats.items() if c in frame.columns})


# Columns that name a place stay in view while the reader scrolls to the right-hand columns.
PINNED_COLUMNS = frozenset({"hall_name", "hall_code"})
# The columns that name a row of a by-hall, by-city or by-region table, under their headers.
PLACE_COLUMNS = MappingProxyType({
    "hall": {"region": "col_region", "city": "col_city", "hall_code": "col_hall_code", "hall_name": "col_hall_name"},
    "city": {"region": "col_region", "city": "col_city"}, "region": {"region": "col_region"}})


def _column_config(kind: str, *, pinned: bool = False):
    if kind not in export.FORMATS:
        raise ValueError(f"unknown column format {kind!r}; use {', '.join(export.FORMATS)}")
    if pinned:
        return st.column_config.TextColumn(pinned=True)
    # Percentages are sent as 0–100 (see `_for_screen`): one decimal everywhere, not the
    # "percent" preset's 96% beside 80.46%.
    return {"percent": st.column_config.NumberColumn(format="%.1f%%"),
            "int": st.column_config.NumberColumn(format="localized"),
            "float1": st.column_config.NumberColumn(format="%.1f"),
            "date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "datetime": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "text": st.column_config.TextColumn()}[kind]


def _styled(shown: pd.DataFrame, low: dict[str, np.ndarray], targeted: dict[str, tuple],
            statuses: dict[str, list] | None = None):
    """Cells coloured against their targets and low-n values greyed, value by value (a
    pandas Styler); the plain frame when there is nothing to colour. `low` is, per column
    label, which of its values rest on too few observations; `targeted` maps a label to its
    values' statuses against its target; `statuses` gives
    ready-made per-cell statuses for columns judged elsewhere (each with its own n)."""
    # A Styler costs about a millisecond per hundred cells to send: tables past STYLED_CELLS
    # (a province's 10,000 staff) go plain, with their verdict columns still there.
    if not (targeted or statuses or any(m.any() for m in low.values())) or shown.size > STYLED_CELLS:
        return shown
    styler = shown.style.format(na_rep="")
    for label, cells in {**targeted, **(statuses or {})}.items():
        styler = styler.apply(lambda col, cells=cells: [_status_css(c if isinstance(c, str) else None)
                                                        for c in cells], subset=[label], axis=0)
    for label, mask in low.items():
        if mask.any():
            styler = styler.apply(lambda col, mask=mask: [f"color: {LOW_SAMPLE_TEXT}" if g else "" for g in mask],
                                  subset=[label], axis=0)
    return styler


def _with_n_and_interval(frame: pd.DataFrame, labels: dict[str, str], formats: dict[str, str]):
    """Every declared KPI shown with its n and its 95% interval: after each KPI column, its
    n column when the table does not show it already, and its interval as "a – b" when the
    frame has one and the table shows no bound. Returns (frame, labels, formats) with the
    added columns in place."""
    shown = set(labels)
    out_labels: dict[str, str] = {}
    for column, label in labels.items():
        out_labels[column] = label
        measure = measures.MEASURE_BY_KEY.get(column)
        if measure is None or measure.n_column is None:
            continue
        if measure.n_column not in shown and measure.n_column in frame.columns:
            name = f"{column}__n"
            frame[name] = pd.to_numeric(frame[measure.n_column], errors="coerce")
            # a rate's n is its exposure (contacts), not a sample size
            out_labels[name] = t("col_base_of" if measure.kind == "rate" else "col_n_of", label=label)
            formats[name] = "int"
            shown.add(measure.n_column)
        low, high = f"{column}_low", f"{column}_high"
        if measure.interval and low in frame.columns and high in frame.columns and not {low, high} & shown:
            name = f"{column}__interval"
            fmt = measure_format(column)
            frame[name] = [interval_text(lo, hi, fmt) for lo, hi in zip(frame[low], frame[high])]
            out_labels[name], formats[name] = t("col_interval_of", label=label), "text"
    return frame, out_labels, formats


# Coded columns, from the import schema's closed vocabularies: column → its canonical values.
def _for_screen(shown: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """The table as drawn: percentages as 0–100 (the column format adds one decimal and %),
    text gaps as empty cells instead of "None". The downloads keep the values as they are."""
    screen = shown.copy()
    for label, kind in kinds.items():
        if label not in screen.columns:
            continue
        if kind == "percent":
            screen[label] = screen[label] * 100
        elif kind == "text" and screen[label].dtype == object:
            screen[label] = screen[label].where(screen[label].notna(), "")
    return screen


def _kpi_with_n(frame: pd.DataFrame, column: str) -> measures.Measure | None:
    """The declaration of `column` when it is a declared rate or mean whose n is in `frame`."""
    measure = measures.MEASURE_BY_KEY.get(column)
    return measure if measure is not None and measure.n_column in frame.columns else None


def _low_values(frame: pd.DataFrame, columns) -> dict[str, np.ndarray]:
    """Per shown column that is a declared KPI whose n is in the frame: which values rest
    on fewer than its minimum n (each value by its own n: a hall's CSAT from 300 answers is
    not marked because its NPS rests on 12). Other tables fall back to the frame's
    `low_sample` row mark."""
    marks = {}
    for column in columns:
        if (measure := _kpi_with_n(frame, column)) is None:
            continue
        n = pd.to_numeric(frame[measure.n_column], errors="coerce").fillna(0).to_numpy(dtype=float)
        marks[column] = (n < measure.min_n) & pd.to_numeric(frame[column], errors="coerce").notna().to_numpy()
    if not marks and "low_sample" in frame.columns:
        row = frame["low_sample"].fillna(False).astype(bool).to_numpy()
        marks = {column: row for column in columns}
    return marks


def _judged_cells(frame: pd.DataFrame, column: str, target) -> list | None:
    """Statuses of a declared KPI's values against `target`, each judged with its own n and
    interval (none where it cannot be judged); None for a column that is not a KPI."""
    if (measure := _kpi_with_n(frame, column)) is None:
        return None
    lows = frame[f"{column}_low"] if f"{column}_low" in frame.columns else [None] * len(frame)
    highs = frame[f"{column}_high"] if f"{column}_high" in frame.columns else [None] * len(frame)
    return [judge(target, v, n=n, low=lo, high=hi, min_n=measure.min_n)
            for v, n, lo, hi in zip(frame[column], frame[measure.n_column], lows, highs)]


def _status_css(status: str | None) -> str:
    return f"background-color: {STATUS_BACKGROUNDS[status]}" if status else ""


def data_table(frame: pd.DataFrame, *, columns: dict[str, str], formats: dict[str, str], key: str,
               filters: Filters, file_stem: str, targets: dict[str, str] | None = None,
               statuses: dict[str, list] | None = None, selectable: bool = False):
    """A table under translated headers (`columns`: column → i18n key, in display order),
    formatted by `formats` (percent, int, float1, date, datetime, text), coloured against
    `targets` (column → target name; a declared KPI's value judged with its own n and
    interval), each value resting on too few observations greyed and named in a hint
    column (`_low_values`), with CSV and Excel
    downloads that carry the filters. `statuses` (column → one status per row) colours
    columns judged by the caller instead. Returns the selection event when `selectable`."""
    if frame.empty:
        empty_state("no_data")
        return None
    # A declared rate or mean is headed by its declared name (which says its window), the
    # same on every table and tile; counts keep the table's own word (a 12-month frame's
    # `active_staff` is not the period's).
    headers = {c: kpi_label(c) if c in measures.MEASURE_BY_KEY and measures.get(c).n_column else t(k)
               for c, k in columns.items()}
    frame, labels, formats = _with_n_and_interval(frame.reset_index(drop=True), headers, dict(formats))
    columns = labels
    shown = in_words(frame[list(columns)], columns).rename(columns=labels)
    kinds = {labels[c]: formats.get(c, "text") for c in columns}
    for label, kind in kinds.items():
        if kind in ("percent", "int", "float1"):
            # An object column holding None shows "None"; as numbers, a gap shows as a gap.
            shown[label] = pd.to_numeric(shown[label], errors="coerce")
    low = _low_values(frame, columns)
    marked = np.zeros(len(frame), dtype=bool)
    for mask in low.values():
        marked |= mask
    if marked.any():
        # Which values of the row rest on few observations, named (a mark per value, carried
        # into the downloads, where the grey is lost).
        names = [[labels[c] for c, mask in low.items() if mask[i]] for i in range(len(frame))]
        shown[t("col_low_sample")] = [t("low_sample_values", n=LOW_SAMPLE, columns=t("word_sep").join(row)) if row
                                      else "" for row in names]
    # Statuses are judged on the values as they are (the screen gets percentages × 100): a
    # declared KPI's with its own n and interval, another column's by its value.
    known = current_targets() if targets else {}
    targeted = {labels[c]: _judged_cells(frame, c, known[name]) or [known[name].status(v) for v in shown[labels[c]]]
                for c, name in (targets or {}).items() if c in labels and name in known}
    config = {labels[c]: _column_config(formats.get(c, "text"), pinned=c in PINNED_COLUMNS)
              for c in columns if c in formats or c in PINNED_COLUMNS}
    judged = {labels[c]: list(v) for c, v in (statuses or {}).items() if c in labels}
    event = st.dataframe(_styled(_for_screen(shown, kinds), {labels[c]: m for c, m in low.items()}, targeted, judged),
                         hide_index=True,
                         width="stretch", placeholder="", key=key, column_config=config,
                         on_select="rerun" if selectable else "ignore", selection_mode="single-row")
    if marked.any():
        st.caption(t("low_sample_note", n=LOW_SAMPLE))
    _downloads(shown, kinds, key=key, filters=filters, file_stem=file_stem)
    return event if selectable else None


def _downloads(shown: pd.DataFrame, kinds: dict[str, str], *, key: str, filters: Filters, file_stem: str) -> None:
    """CSV and Excel buttons; the files are built only when clicked."""
    headers = {c: c for c in shown.columns}
    lines, title = filters_description(filters), t("filters_title")
    stem = f"{file_stem}_{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    row = st.container(horizontal=True)
    row.download_button(
        t("download_csv"), key=f"{key}_csv", on_click="ignore", icon=":material/download:", file_name=f"{stem}.csv",
        mime="text/csv", data=lambda: export.table_to_csv(shown, headers=headers, filters_text=lines,
                                                          filters_title=title))
    row.download_button(
        t("download_excel"), key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
        file_name=f"{stem}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        data=lambda: export.table_to_excel(shown, headers=headers, filters_text=lines, filters_title=title,
                                           sheet_name=file_stem, formats=kinds))
