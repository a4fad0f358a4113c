"""Colours, fonts and the Plotly template every chart uses, light or dark (a meeting-room
server runs with `--theme.base dark`)."""
from __future__ import annotations

import re
from types import MappingProxyType

import streamlit as st

from dashboard.chart_text import defuse_chart_text

FONT = "Noto Sans CJK SC, Source Sans, sans-serif"
PALETTE = ("#1f6fb2", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#bab0ac")
SEQUENTIAL = "Blues"
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


_GRID = "#EBF0F8"


def _chart_template() -> str:
    """The name of a small template with what the charts took from plotly_white: white
    ground, light grid. plotly copies a template on every assignment, and plotly_white's
    copy cost 35 ms a chart; this one costs 1 ms."""
    import plotly.graph_objects as go
    import plotly.io as pio

    if "hall_analytics" not in pio.templates:
        axis = dict(gridcolor=_GRID, linecolor=_GRID, zerolinecolor=_GRID, zerolinewidth=2, automargin=True,
                    ticks="", title_standoff=15)
        pio.templates["hall_analytics"] = go.layout.Template(layout=dict(
            xaxis=axis, yaxis=axis, paper_bgcolor="white", plot_bgcolor="white", hovermode="closest",
            polar=dict(bgcolor="white", angularaxis=dict(gridcolor=_GRID), radialaxis=dict(gridcolor=_GRID))))
    return "hall_analytics"


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
    dark = dark_screen()
    background, ink = ("#0e1117", "#fafafa") if dark else ("white", "#262730")
    legend = (dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0) if fig.layout.legend.y is None
              else {})
    fig.update_layout(
        template=_chart_template(), colorway=list(PALETTE), paper_bgcolor=background, plot_bgcolor=background,
        font=dict(family=FONT, size=24 if large else 13, color=ink), hoverlabel=dict(font_family=FONT),
        title=dict(font=dict(size=28 if large else 16), x=0, xanchor="left"), margin=dict(l=8, r=8, t=56, b=8),
        legend=dict(title_text="", **legend))
    if dark:
        fig.update_xaxes(gridcolor="#3b4252", zerolinecolor="#3b4252", linecolor="#3b4252")
        fig.update_yaxes(gridcolor="#3b4252", zerolinecolor="#3b4252", linecolor="#3b4252")
    return fig
