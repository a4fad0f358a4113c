"""The complaints page's figures: trend, categories, resolution time."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.chart_style import period_ticks
from analytics.metrics.complaints import PROMISE_HOURS
from dashboard.formats import format_value
from dashboard.i18n import t
from dashboard.theme import LOW_SAMPLE_TEXT, PALETTE, STATUS_BACKGROUNDS, STATUS_COLOURS


def _period_format(grain: str) -> str:
    return "%Y-%m-%d" if grain == "week" else "%Y-%m"


def trend(trend: pd.DataFrame, grain: str, targets: dict) -> go.Figure:
    """Tickets (bars) and the 48-hour promise share with its interval (line, right axis) per
    week or month, with the promise target (complaints.complaint_trend)."""
    period_format = _period_format(grain)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=trend["period"], y=trend["tickets"], name=t("cmp_axis_tickets"),
                         marker_color=PALETTE[0], opacity=0.8,
                         hovertemplate=f"%{{x|{period_format}}}: %{{y:,}}<extra></extra>"), secondary_y=False)
    fig.add_trace(go.Scatter(
        x=trend["period"], y=trend["promise_48h"], name=t("cmp_axis_promise"), mode="lines+markers",
        line=dict(color=PALETTE[1], width=2),
        error_y=dict(type="data", symmetric=False, array=trend["promise_48h_high"] - trend["promise_48h"],
                     arrayminus=trend["promise_48h"] - trend["promise_48h_low"], thickness=1, width=3),
        hovertemplate=f"%{{x|{period_format}}}: %{{y:.1%}}<extra></extra>"), secondary_y=True)
    if "promise_48h" in targets:
        target = targets["promise_48h"].value
        fig.add_hline(y=target, secondary_y=True, line_dash="dash", line_color=STATUS_COLOURS["bad"])
        fig.add_annotation(xref="paper", x=0, yref="y2", y=target, xanchor="left", yanchor="bottom",
                           showarrow=False, font_color=STATUS_COLOURS["bad"],
                           text=t("cmp_target_line", value=format_value(target, "percent")))
    fig.update_yaxes(title_text=t("cmp_axis_tickets"), rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text=t("cmp_axis_promise"), tickformat=".0%", range=[0, 1.05], dtick=0.2,
                     secondary_y=True, showgrid=False)
    fig.update_xaxes(title_text=t(f"cmp_axis_period_{grain}"), **period_ticks(trend["period"], grain))
    fig.update_layout(height=340)
    return fig


def category_colours(*frames: pd.DataFrame) -> dict[str, str]:
    """One colour per complaint category of `frames`, the same in every category chart."""
    categories = sorted(set().union(*(set(f["category"]) for f in frames)))
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def category_breakdown(breakdown: pd.DataFrame, colours: dict[str, str]) -> go.Figure:
    """Categories and their sub-categories as a sunburst (complaints.category_breakdown)."""
    fig = px.sunburst(breakdown, path=["category", "sub_category"], values="tickets", color="category",
                      color_discrete_map=colours)
    fig.update_traces(textinfo="label+value", insidetextorientation="horizontal",
                      hovertemplate="%{label}<br>" + t("cmp_hover_tickets") + " %{value:,}<br>"
                                    + t("cmp_hover_share") + " %{percentRoot:.1%}<extra></extra>")
    fig.update_layout(height=420)
    return fig


def category_trend(over_time: pd.DataFrame, grain: str, colours: dict[str, str]) -> go.Figure:
    """Tickets per category, stacked per week or month (complaints.category_trend)."""
    fig = px.bar(over_time, x="period", y="tickets", color="category", color_discrete_map=colours,
                 category_orders={"category": list(colours)})
    fig.update_traces(hovertemplate=f"%{{x|{_period_format(grain)}}} · %{{fullData.name}}: %{{y:,}}<extra></extra>")
    fig.update_xaxes(title_text=t(f"cmp_axis_period_{grain}"), **period_ticks(over_time["period"], grain))
    fig.update_yaxes(title_text=t("cmp_axis_tickets"))
    fig.update_layout(height=420, barmode="stack")
    return fig


def resolution_histogram(bands: pd.DataFrame) -> go.Figure:
    """Resolved and still-open tickets per resolution-time band, the bands past the promise
    shaded (complaints.resolution_histogram)."""
    fig = go.Figure([
        go.Bar(x=bands["band"], y=bands["resolved"], name=t("cmp_resolved_in"), marker_color=PALETTE[0],
               hovertemplate="%{x}: %{y:,}<extra>" + t("cmp_resolved_in") + "</extra>"),
        go.Bar(x=bands["band"], y=bands["still_open"], name=t("cmp_still_open"), marker_color=STATUS_COLOURS["bad"],
               hovertemplate="%{x}: %{y:,}<extra>" + t("cmp_still_open") + "</extra>")])
    boundary = int((~bands["over_promise"]).sum()) - 0.5  # between the last band under 48 h and the first over
    fig.add_vrect(x0=boundary, x1=len(bands) - 0.5, fillcolor=STATUS_BACKGROUNDS["bad"], opacity=0.5,
                  line_width=0, layer="below")
    fig.add_vline(x=boundary, line_dash="dash", line_color="#262730", annotation_text=t("cmp_promise_48"),
                  annotation_position="top right")
    fig.update_xaxes(type="category", title_text=t("cmp_axis_band"))
    fig.update_yaxes(title_text=t("cmp_axis_tickets"))
    fig.update_layout(barmode="group", height=380)
    return fig


def resolution_curve(curve: pd.DataFrame, km_median_hours) -> go.Figure:
    """The share of tickets still open after h hours (Kaplan–Meier, complaints.resolution_curve),
    with the promise and the median marked."""
    x = [0.0, *curve["hours"]]
    y = [1.0, *curve["share_open"]]
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="lines", line_shape="hv", line=dict(color=PALETTE[0], width=2),
        name=t("cmp_axis_share_open"),
        hovertext=[t("cmp_hover_curve", hours=f"{h:,.0f}", share=format_value(s, "percent")) for h, s in zip(x, y)],
        hoverinfo="text"))
    fig.add_vline(x=PROMISE_HOURS, line_dash="dash", line_color="#262730", annotation_text=t("cmp_promise_48"),
                  annotation_position="top right")
    if pd.notna(km_median_hours):
        fig.add_hline(y=0.5, line_dash="dot", line_color=LOW_SAMPLE_TEXT,
                      annotation_text=t("cmp_km_median", km=format_value(km_median_hours, "float1")),
                      annotation_position="top right")
    # The first ten days, where the promise is kept or broken; the tail is a zoom-out (double-click) away.
    fig.update_xaxes(title_text=t("cmp_axis_hours"), range=[0, min(max(x), 240)], dtick=24)
    fig.update_yaxes(title_text=t("cmp_axis_share_open"), tickformat=".0%", range=[0, 1.02])
    fig.update_layout(height=380, showlegend=False)
    return fig
