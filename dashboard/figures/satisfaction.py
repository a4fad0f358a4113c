"""The satisfaction page's figures: trend, score distribution, dimensions, waiting."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.chart_style import period_ticks
from dashboard.formats import format_value
from dashboard.i18n import t
from dashboard.kpis import kpi_label
from dashboard.theme import LOW_SAMPLE_TEXT, PALETTE, STATUS_COLOURS
from dashboard.words import scale_name


def _target_line(targets: dict, name: str, fmt: str) -> str:
    return t("sat_target_line", value=format_value(targets[name].value, fmt))


def trend(trend: pd.DataFrame, grain: str, targets: dict) -> go.Figure:
    """CSAT (with its interval) and the mean score per week or month, side by side, with
    their targets (satisfaction.satisfaction_trend)."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("sat_trend_csat"), t("sat_trend_mean")],
                        horizontal_spacing=0.12)
    n_text = [t("sat_col_responses_short", n=format_value(n, "int")) for n in trend["responses"]]
    fig.add_trace(go.Scatter(
        x=trend["period"], y=trend["csat"], mode="lines+markers", name=kpi_label("csat"), showlegend=False,
        error_y=dict(type="data", symmetric=False, array=trend["csat_high"] - trend["csat"],
                     arrayminus=trend["csat"] - trend["csat_low"], thickness=1, width=3),
        text=n_text, hovertemplate="%{x|%Y-%m-%d}: %{y:.1%}<br>%{text}<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Scatter(
        x=trend["period"], y=trend["mean_score"], mode="lines+markers", name=kpi_label("mean_score"),
        showlegend=False, line=dict(color=PALETTE[1]), text=n_text,
        hovertemplate="%{x|%Y-%m-%d}: %{y:.1f}<br>%{text}<extra></extra>"), row=1, col=2)
    for col, (name, fmt) in enumerate((("csat", "percent"), ("mean_score", "float1")), start=1):
        if name in targets:
            fig.add_hline(y=targets[name].value, line_dash="dash", line_color=STATUS_COLOURS["bad"], row=1, col=col,
                          annotation_text=_target_line(targets, name, fmt), annotation_position="bottom left")
    fig.update_yaxes(tickformat=".0%", title_text=t("sat_axis_csat"), row=1, col=1)
    fig.update_yaxes(title_text=t("sat_axis_mean_score"), row=1, col=2)
    fig.update_xaxes(title_text=t(f"sat_axis_period_{grain}"), **period_ticks(trend["period"], grain))
    fig.update_layout(height=340)
    return fig


def score_distribution(scores: pd.DataFrame) -> go.Figure | None:
    """The share of each answer, one panel per declared scale (satisfaction.score_distribution);
    None when there are no answers."""
    scales = list(dict.fromkeys(scores["scale"]))
    if not scales:
        return None
    fig = make_subplots(rows=1, cols=len(scales), horizontal_spacing=0.05, shared_yaxes=True,
                        subplot_titles=[scale_name(s) for s in scales])
    for col, scale in enumerate(scales, start=1):
        part = scores[scores["scale"] == scale]
        x = [t(f"sat_sms_{s:.0f}") if scale == "sms3" and s in (1, 2, 3) else f"{s:g}" for s in part["score"]]
        fig.add_trace(go.Bar(
            x=x, y=part["share"], marker_color=PALETTE[0], showlegend=False,
            text=[format_value(a, "int") for a in part["answers"]], textposition="outside", textfont_size=11,
            constraintext="none", cliponaxis=False,
            hovertext=[t("sat_hover_score", score=xi, answers=format_value(a, "int"),
                         share=format_value(s, "percent")) for xi, a, s in
                       zip(x, part["answers"], part["share"])], hoverinfo="text"), row=1, col=col)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.08])
    fig.update_yaxes(title_text=t("sat_axis_share"), row=1, col=1)
    fig.update_xaxes(type="category", title_text=t("sat_axis_score"))
    fig.update_annotations(font_size=13)
    fig.update_layout(height=340)
    return fig


def dimensions(levels: list[tuple[str, pd.DataFrame]]) -> go.Figure:
    """Mean score per dimension for each (level, satisfaction.satisfaction_dimensions frame):
    the scope, and beside it its region and all halls when those differ."""
    fig = go.Figure()
    for (level, dims), colour in zip(levels, PALETTE):
        dim_names = [t(f"sat_{d}") for d in dims["dimension"]]
        fig.add_trace(go.Bar(
            x=dims["mean_score"], y=dim_names, orientation="h", marker_color=colour, name=t(f"sat_dim_{level}"),
            text=[format_value(v, "float1") for v in dims["mean_score"]], textposition="outside",
            hovertext=[t("sat_hover_dimension", name=f"{t(f'sat_dim_{level}')} · {name}",
                         value=format_value(v, "float1"), n=format_value(n, "int"))
                       for name, v, n in zip(dim_names, dims["mean_score"], dims["answers"])],
            hoverinfo="text"))
    fig.update_xaxes(range=[0, 108], title_text=t("sat_axis_mean_score"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=360 if len(levels) == 1 else 460, barmode="group", showlegend=len(levels) > 1)
    return fig


def waiting(waits: pd.DataFrame, targets: dict) -> go.Figure:
    """CSAT per waiting-time band with its interval and n (satisfaction.wait_vs_satisfaction)."""
    fig = go.Figure(go.Bar(
        x=waits["wait_band"], y=waits["csat"],
        marker_color=[LOW_SAMPLE_TEXT if low else PALETTE[0] for low in waits["low_sample"]],
        error_y=dict(type="data", symmetric=False, array=waits["csat_high"] - waits["csat"],
                     arrayminus=waits["csat"] - waits["csat_low"], color="#555555", thickness=1, width=4),
        text=[("⚠ " if low else "") + "n=" + format_value(n, "int") for n, low in
              zip(waits["responses"], waits["low_sample"])], textposition="inside", insidetextanchor="start",
        textangle=0, textfont=dict(size=11, color="white"),
        hovertext=[t("sat_hover_rate", name=band, value=format_value(r, "percent"),
                     low=format_value(lo, "percent"), high=format_value(hi, "percent"),
                     n=format_value(n, "int")) for band, r, lo, hi, n in
                   zip(waits["wait_band"], waits["csat"], waits["csat_low"], waits["csat_high"], waits["responses"])],
        hoverinfo="text"))
    if "csat" in targets:
        fig.add_hline(y=targets["csat"].value, line_dash="dash", line_color="#262730",
                      annotation_text=_target_line(targets, "csat", "percent"), annotation_position="top right")
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text=t("sat_axis_csat"))
    fig.update_xaxes(type="category", title_text=t("sat_axis_wait"))
    fig.update_layout(height=360)
    return fig
