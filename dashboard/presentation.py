"""Presentation mode for the weekly review on a meeting-room screen: chrome hidden, large
type, one screen at a time, turned by hand or automatically."""
from __future__ import annotations

import time

import streamlit as st

from dashboard.filter_state import set_url
from dashboard.i18n import t

PRESENT_KEY, SECTION_KEY, AUTO_KEY = "present_mode", "present_section", "present_auto_seconds"
# Sidebar, menu and toolbar buttons hidden; type sized to be read at 1920×1080 from the back
# of the room. The header stays, transparent, for Streamlit's running indicator: a rerun on
# the shared screen must show that something is happening. Applied only while presenting.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stToolbarActions"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"],
[data-testid="stDecoration"] { display: none !important; }
header[data-testid="stHeader"] { background: transparent !important; }
[data-testid="stStatusWidget"] { transform: scale(1.8); transform-origin: top right; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 3rem 1rem 3rem !important; max-width: 100% !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
    font-size: 4.2rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.55rem !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {
    font-size: 1.7rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.75rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.25rem !important; }
[data-testid="stMarkdownContainer"] h2 { font-size: 2.4rem !important; }
[data-testid="stHeadingWithActionElements"] h3, h3 { font-size: 2.6rem !important; }
[data-testid="stDataFrame"] { font-size: 1.4rem !important; }
[data-testid="stSelectbox"] input, [data-testid="stNumberInput"] input { font-size: 1.5rem !important;
    min-height: 3rem !important; }
[data-testid="stNumberInput"] button { min-width: 3rem !important; }
</style>"""


def presentation_mode() -> bool:
    """Whether the page shows in presentation mode (`?present=1`, or the toggle drawn with
    key PRESENT_KEY); applies its look. The choice is mirrored into the URL."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get("present") == "1"
    on = bool(st.session_state[PRESENT_KEY])
    set_url("present", "1" if on else "")
    if on:
        st.html(PRESENT_CSS)
    return on


def presentation_page(pages: int) -> int:
    """The section shown (0-based), from the session or `?section=` (1-based)."""
    if SECTION_KEY not in st.session_state:
        try:
            st.session_state[SECTION_KEY] = int(st.query_params.get("section", "1")) - 1
        except ValueError:
            st.session_state[SECTION_KEY] = 0
    page = min(max(int(st.session_state[SECTION_KEY]), 0), pages - 1)
    st.session_state[SECTION_KEY] = page
    set_url("section", str(page + 1) if page else "")
    return page


def _turn(step: int, pages: int) -> None:
    st.session_state[SECTION_KEY] = (int(st.session_state.get(SECTION_KEY, 0)) + step) % pages
    st.session_state["present_turned_at"] = time.monotonic()


def _leave_presentation() -> None:
    st.session_state[PRESENT_KEY] = False
    st.session_state[SECTION_KEY] = 0


def presentation_controls(pages: int, page: int) -> None:
    """Previous / next (wrapping round), the page number, leave, and an optional automatic
    turn every N seconds for a screen nobody stands at."""
    row = st.columns([1, 1, 1, 1, 2], vertical_alignment="center")
    row[0].button(t("wk_previous"), key="present_previous", icon=":material/arrow_back:", width="stretch",
                  on_click=_turn, args=(-1, pages))
    row[1].markdown(f"**{t('wk_page_of', page=page + 1, pages=pages)}**")
    row[2].button(t("wk_next"), key="present_next", icon=":material/arrow_forward:", width="stretch",
                  type="primary", on_click=_turn, args=(1, pages))
    row[3].button(t("wk_exit_present"), key="present_exit", icon=":material/close_fullscreen:",
                  on_click=_leave_presentation)
    seconds = row[4].number_input(t("wk_auto"), min_value=0, max_value=600, step=5, key=AUTO_KEY)
    if seconds:
        _auto_turn(pages, seconds)


def _auto_turn(pages: int, seconds: int) -> None:
    @st.fragment(run_every=seconds)
    def ticker():
        turned = st.session_state.setdefault("present_turned_at", time.monotonic())
        if time.monotonic() - turned >= seconds - 0.5:
            _turn(1, pages)
            st.rerun(scope="app")

    ticker()
