"""The hall profile's figures: its trends against its city and region."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import t
from dashboard.theme import LOW_SAMPLE_TEXT, PALETTE

# (rate column, panel title) of the three trends, each a frame of its area's *_trend query.
TREND_PANELS = (("csat", "hp_trend_csat"), ("promise_48h", "hp_trend_promise"), ("conversion", "hp_trend_conversion"))
# How each level is drawn: the hall solid and strong, its city and region as thin reference lines.
_LINES = {"hall": dict(color=PALETTE[0], width=3), "city": dict(color=PALETTE[1], width=1.5, dash="dot"),
          "region": dict(color=LOW_SAMPLE_TEXT, width=1.5, dash="dash")}


def trends(levels: dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]) -> go.Figure:
    """Per month: CSAT, the 48-hour promise and conversion of the hall and, as reference
    lines, of its city and region (`levels`: "hall" / "city" / "region" → the satisfaction,
    complaint and marketing trend frames, in TREND_PANELS' order)."""
    fig = make_subplots(rows=1, cols=len(TREND_PANELS), subplot_titles=[t(title) for _, title in TREND_PANELS])
    for level, frames in levels.items():
        name = t(f"hp_level_{level}")
        for col, ((column, _), frame) in enumerate(zip(TREND_PANELS, frames), start=1):
            if frame.empty:
                continue
            fig.add_trace(go.Scatter(
                x=frame["period"], y=frame[column], mode="lines+markers" if level == "hall" else "lines",
                name=name, legendgroup=level, showlegend=col == 1, line=_LINES[level],
                hovertemplate=f"{name} · %{{x|%Y-%m}}: %{{y:.1%}}<extra></extra>"), row=1, col=col)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(title_text=t("hp_axis_month"), tickformat="%Y-%m")
    # The legend under the panels: above them it would sit on the panel titles.
    fig.update_layout(height=400, legend=dict(orientation="h", yanchor="top", y=-0.28, xanchor="left", x=0))
    return fig
