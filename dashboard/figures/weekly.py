"""The weekly review's trend figure (its page and its report files draw the same one)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import period_ticks
from dashboard.formats import format_value
from dashboard.i18n import t
from dashboard.kpis import kpi_label


def trend(trend: pd.DataFrame, *, large: bool = False) -> go.Figure:
    """CSAT, the 48-hour promise and conversion per week, each point labelled
    (weekly.weekly_trend); `large`: thicker lines for a meeting-room screen."""
    fig = go.Figure()
    # CSAT and the 48-hour rate run close: their labels go above and below their lines.
    for key, where in (("csat", "top center"), ("promise_48h", "bottom center"), ("conversion", "top center")):
        fig.add_trace(go.Scatter(x=trend["week_start"], y=trend[key], mode="lines+markers+text", name=kpi_label(key),
                                 text=[format_value(v, "percent") for v in trend[key]], textposition=where,
                                 line_width=4 if large else 2, marker_size=10 if large else 6))
    fig.update_yaxes(tickformat=".0%", title_text=t("wk_trend_value"), rangemode="tozero")
    fig.update_xaxes(title_text=t("wk_trend_axis"), **period_ticks(trend["week_start"], "week"))
    fig.update_layout(height=640 if large else 420)
    return fig
