"""The marketing page's figures: funnel, trend, product × activity type."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.chart_style import period_ticks
from dashboard.formats import format_value
from dashboard.i18n import t
from dashboard.theme import PALETTE, SEQUENTIAL, STATUS_COLOURS


def _pct(value) -> str:
    return format_value(value, "percent")


def _count(value) -> str:
    return format_value(value, "int")


def funnel(stages: pd.DataFrame) -> go.Figure:
    """Contacts → interested → converted, each with its share (marketing.funnel)."""
    names = [t(f"mkt_stage_{s}") for s in stages["stage"]]
    fig = go.Figure(go.Funnel(
        y=names, x=stages["count"], marker_color=list(PALETTE[:3]), textinfo="text", textposition="inside",
        text=[f"{_count(c)}<br>{_pct(s)}" for c, s in zip(stages["count"], stages["share_of_contacts"])],
        textfont=dict(size=12, color="white"), constraintext="none",
        hovertext=[t("mkt_funnel_hover", stage=n, count=_count(c), share=_pct(s), previous=_pct(p))
                   for n, c, s, p in zip(names, stages["count"], stages["share_of_contacts"],
                                         stages["share_of_previous"])],
        hoverinfo="text", connector=dict(fillcolor="#e8edf3", line=dict(width=0))))
    fig.update_layout(height=340, margin=dict(t=16))
    return fig


def trend(trend: pd.DataFrame, grain: str, targets: dict) -> go.Figure:
    """Contacts (bars) and conversion with its interval (line, right axis) per week or month,
    with the conversion target (marketing.marketing_trend)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=trend["period"], y=trend["contacts"], name=t("mkt_axis_contacts"),
                         marker_color="#b9d3ea", hovertemplate="%{x|%Y-%m-%d}: %{y:,}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=trend["period"], y=trend["conversion"], mode="lines+markers", name=t("mkt_axis_conversion"),
        line=dict(color=PALETTE[1]),
        error_y=dict(type="data", symmetric=False, array=trend["conversion_high"] - trend["conversion"],
                     arrayminus=trend["conversion"] - trend["conversion_low"], thickness=1, width=3),
        hovertext=[t("mkt_hover_trend", period=p.strftime("%Y-%m-%d"), value=_pct(v), low=_pct(lo), high=_pct(hi),
                     n=_count(n)) for p, v, lo, hi, n in
                   zip(pd.to_datetime(trend["period"]), trend["conversion"], trend["conversion_low"],
                       trend["conversion_high"], trend["contacts"])],
        hoverinfo="text"), secondary_y=True)
    if "conversion" in targets:
        fig.add_hline(y=targets["conversion"].value, secondary_y=True, line_dash="dash",
                      line_color=STATUS_COLOURS["bad"],
                      label=dict(text=t("mkt_target_line", value=_pct(targets["conversion"].value)),
                                 textposition="end", font=dict(size=11, color=STATUS_COLOURS["bad"])))
    top = max(0.3, math.ceil(float(trend["conversion_high"].max()) * 1.1 * 20) / 20) if len(trend) else 0.3
    fig.update_yaxes(title_text=t("mkt_axis_contacts"), secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=t("mkt_axis_conversion"), tickformat=".0%", range=[0, top], secondary_y=True,
                     showgrid=False, tickmode="linear", tick0=0, dtick=0.05 if top <= 0.3 else 0.1)
    fig.update_xaxes(title_text=t(f"mkt_axis_period_{grain}"), **period_ticks(trend["period"], grain))
    fig.update_layout(height=300)
    return fig


def conversion_axis_end(ranked: pd.DataFrame) -> float:
    """Where a conversion bar chart's axis ends: past the highest upper bound, at least 30%."""
    top = max(0.3, float(ranked["conversion_high"].max()) * 1.05) if ranked["conversion_high"].notna().any() else 0.3
    return min(1.02, top)


def product_by_activity(cells: pd.DataFrame) -> go.Figure:
    """Conversion per product (rows) × activity type (columns), with interval and n in the
    hover and low samples marked ⚠ (marketing.conversion_by_product_and_activity)."""
    grid = {column: cells.pivot(index=["product_category", "product_name"], columns="activity_type", values=column)
            for column in ("conversion", "conversion_low", "conversion_high", "contacts", "converted", "low_sample")}
    products, activities = list(grid["conversion"].index), list(grid["conversion"].columns)
    z = grid["conversion"].to_numpy(dtype=float)
    low = grid["low_sample"].fillna(False).astype(bool).to_numpy()
    text, hover = [], []
    for i, (category, product) in enumerate(products):
        text.append([("⚠ " if low[i, j] else "") + _pct(z[i, j]) if pd.notna(z[i, j]) else ""
                     for j in range(len(activities))])
        hover.append([t("mkt_hover_cell", product=product, activity=activity, value=_pct(z[i, j]),
                        low=_pct(grid["conversion_low"].iat[i, j]), high=_pct(grid["conversion_high"].iat[i, j]),
                        n=_count(grid["contacts"].iat[i, j]), converted=_count(grid["converted"].iat[i, j]))
                      for j, activity in enumerate(activities)])
    fig = go.Figure(go.Heatmap(
        z=z, x=activities, y=[f"{category} · {product}" for category, product in products], text=text,
        texttemplate="%{text}", textfont=dict(size=11), hovertext=hover, hoverinfo="text", colorscale=SEQUENTIAL,
        zmin=0, zmax=max(0.4, float(cells["conversion"].max())), xgap=2, ygap=2,
        colorbar=dict(tickformat=".0%", title=dict(text=t("mkt_axis_conversion"), side="right"))))
    fig.update_yaxes(autorange="reversed", automargin=True, title_text=t("mkt_axis_product"), type="category")
    fig.update_xaxes(side="top", title_text=t("mkt_axis_activity"), type="category")
    fig.update_layout(height=max(300, 30 * len(products) + 120), margin=dict(t=80))
    return fig
