"""The dashboard's colours and its chart look: analytics.chart_style's, light or dark as the
app is drawn (a meeting-room server runs with `--theme.base dark`), with uploaded text defused
and Streamlit's placeholder colours replaced."""
from __future__ import annotations

import re
from types import MappingProxyType

import streamlit as st

from analytics.chart_style import FONT, PALETTE, SEQUENTIAL, style  # noqa: F401 (FONT: the dashboard's too)
from dashboard.chart_text import defuse_chart_text

STATUS_COLOURS = MappingProxyType({"good": "#2e7d32", "warn": "#ed8f03", "bad": "#c62828"})  # read-only
STATUS_BACKGROUNDS = MappingProxyType({"good": "#e3f1e4", "warn": "#fff1d6", "bad": "#fbe1e1"})
LOW_SAMPLE_TEXT = "#9e9e9e"
_PLACEHOLDER = re.compile(r"^#0000(\d\d)$")  # Streamlit's theme colours, baked into px figures


def _real_colour(value):
    match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
    if match and 1 <= int(match.group(1)) <= 10:
        return PALETTE[(int(match.group(1)) - 1) % len(PALETTE)]
    return value


def _recolour(trace) -> None:
    for part in ("marker", "line"):
        # Sunburst and treemap markers have `colors` (a list) rather than `color`.
        if part in trace and isinstance(getattr(trace[part], "color", None), str):
            trace[part].color = _real_colour(trace[part].color)


def dark_screen() -> bool:
    """Whether the app is drawn on a dark theme (a meeting-room server started with
    `--theme.base dark`, or the viewer's choice in Streamlit's settings): charts follow it."""
    # The server's own setting first: the browser reports its theme only after the first run.
    return st.get_option("theme.base") == "dark" or getattr(st.context.theme, "type", None) == "dark"


STATUS_DOT = MappingProxyType({"good": ":green[●]", "warn": ":orange[●]", "bad": ":red[●]"})


def apply_chart_theme(fig, *, large: bool = False):
    """The one chart look: CJK font, small palette, the theme's background (white, or dark
    on a dark theme), legend on top unless the figure placed its own.
    Draw with `chart(fig)` (or `st.plotly_chart(fig, theme=None)`) to keep it. `large`:
    type for a meeting-room screen (presentation mode)."""
    defuse_chart_text(fig)
    fig.for_each_trace(_recolour)
    if fig.layout.coloraxis.colorscale and _PLACEHOLDER.match(str(fig.layout.coloraxis.colorscale[0][1])):
        fig.update_layout(coloraxis_colorscale=SEQUENTIAL)
    return style(fig, dark=dark_screen(), large=large)
