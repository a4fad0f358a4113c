"""Drilling from a chart point or a table row to one hall's profile."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.chart_text import chart_point_code
from dashboard.data import hall_directory
from dashboard.filter_state import CITY_KEY, HALL_KEY, REGION_KEY
from dashboard.i18n import escape_markdown, t


def drill_to_hall(hall_code: str) -> None:
    """Narrow the hall filter to one hall. Call it from a callback (on_click / on_select):
    callbacks run before the widgets are drawn, so their state may still be set."""
    halls = hall_directory()
    match = halls[halls["hall_code"] == hall_code]
    if match.empty:
        return
    hall = match.iloc[0]
    for key, value in ((REGION_KEY, hall["region"]), (CITY_KEY, hall["city"])):
        if st.session_state.get(key) and value not in st.session_state[key]:
            st.session_state[key] = []  # the hall lies outside: widen rather than lose it
    st.session_state[HALL_KEY] = [hall_code]


def hall_from_chart_selection(event) -> str | None:
    """The hall code of the first selected point of a plotly chart drawn with
    `on_select="rerun"`; the code must be the (first) customdata of the point."""
    for point in ((event or {}).get("selection") or {}).get("points") or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if data not in (None, ""):
            return chart_point_code(data)
    return None


def hall_from_table_selection(event, frame: pd.DataFrame, column: str = "hall_code") -> str | None:
    """The hall code of the selected row of a `st.dataframe(..., on_select="rerun")` of
    `frame` (rows are positions in `frame`, whatever the user's sort)."""
    rows = ((event or {}).get("selection") or {}).get("rows") or []
    if not rows or column not in frame.columns or rows[0] >= len(frame):
        return None
    return str(frame[column].iloc[rows[0]])


def drill_on_select(key: str, frame: pd.DataFrame | None = None) -> Callable[[], None]:
    """An `on_select=` callback for the chart (or, with `frame`, the table) drawn with
    `key`: selecting a hall narrows the filter to it."""
    def callback() -> None:
        event = st.session_state.get(key)
        hall = hall_from_chart_selection(event) if frame is None else hall_from_table_selection(event, frame)
        if hall:
            drill_to_hall(hall)
    return callback


def hall_drill_button(hall_code: str, *, key: str | None = None) -> None:
    """A "show only this hall" button (hidden when the filter is already that hall)."""
    if st.session_state.get(HALL_KEY) == [hall_code]:
        return
    halls = hall_directory()
    name = halls.loc[halls["hall_code"] == hall_code, "hall_name"]
    st.button(t("drill_to_hall", hall=escape_markdown(name.iloc[0] if len(name) else hall_code)),
              key=key or f"drill_{hall_code}",
              on_click=drill_to_hall, args=(hall_code,), icon=":material/filter_alt:")
