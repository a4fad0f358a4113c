"""Drawing a Plotly figure the same way everywhere (theme, defused text, no toolbar clutter),
and the shared chart widgets: ranked rate bars, count bars, count heat maps, period ticks."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.drill import drill_on_select
from dashboard.formats import format_value, hall_labels
from dashboard.i18n import t
from dashboard.kpis import current_targets, judged
from dashboard.theme import LOW_SAMPLE_TEXT, STATUS_COLOURS, apply_chart_theme


@st.cache_resource(show_spinner=False)
def image_export_available() -> bool:
    from analytics import report

    return report.image_export_available()


def count_heatmap(frame: pd.DataFrame, *, rows: str, columns: str, counts: str, hover: Callable[[dict], str],
                  key: str, row_order=None, column_order=None) -> None:
    """Counts of `rows` × `columns` (long format) as a heat grid, each cell with its count
    and `hover(record)` as its hover text; empty cells stay blank. Rows top to bottom in
    `row_order` (default: as they come), columns in `column_order` (default: largest total
    first)."""
    import plotly.graph_objects as go

    row_order = list(dict.fromkeys(frame[rows])) if row_order is None else list(row_order)
    column_order = (list(frame.groupby(columns)[counts].sum().sort_values(ascending=False).index)
                    if column_order is None else list(column_order))
    cells = {(r[rows], r[columns]): r for r in frame.to_dict("records")}
    z = [[cells[(y, x)][counts] if (y, x) in cells else None for x in column_order] for y in row_order]
    fig = go.Figure(go.Heatmap(
        z=z, x=column_order, y=row_order, colorscale="Reds", xgap=2, ygap=2, showscale=False,
        text=[["" if v is None else f"{v:,.0f}" for v in row] for row in z], texttemplate="%{text}",
        hovertext=[[hover(cells[(y, x)]) if (y, x) in cells else "" for x in column_order] for y in row_order],
        hoverinfo="text"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category")
    fig.update_layout(height=max(260, 26 * len(row_order) + 120), margin=dict(t=60))
    chart(fig, key=key)


def count_bars(frame: pd.DataFrame, *, labels: str, counts: str, hover: Callable[[dict], str], key: str,
               colour: str = STATUS_COLOURS["bad"]) -> None:
    """A ranked count (most first, as `frame` orders it) as horizontal bars with the count
    written on each; `hover(record)` is each bar's hover text."""
    import plotly.graph_objects as go

    records = frame.to_dict("records")
    fig = go.Figure(go.Bar(x=frame[counts], y=frame[labels], orientation="h", marker_color=colour,
                           text=[f"{v:,.0f}" for v in frame[counts]], textposition="outside",
                           hovertext=[hover(r) for r in records], hoverinfo="text"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(240, 28 * len(frame) + 80), margin=dict(t=20), showlegend=False)
    chart(fig, key=key)


def chart(fig, *, large: bool = False, **kwargs):
    """`st.plotly_chart` with the chart theme; kwargs as st.plotly_chart (key, on_select…)."""
    return st.plotly_chart(apply_chart_theme(fig, large=large), theme=None, width="stretch", **kwargs)


def chart_title(key: str) -> None:
    """A chart's title above it (a title inside the figure would collide with its legend)."""
    st.markdown(f"**{t(key)}**")


def rate_bars(ranked: pd.DataFrame, *, by: str, rate: str, n_column: str, target: str, prefix: str,
              axis_key: str, hover_values: Callable[[pd.Series], dict], x_max: float = 1.02,
              target_position: str = "top", text_outside_below: float | None = None) -> None:
    """A rate per hall, city or region as horizontal bars, best first as `ranked` orders
    them: Wilson whiskers, bars coloured by their verdict against `target` (grey when too
    few to judge, ⚠ on low samples), the target as a dashed line, and — per hall — a click
    that narrows the filter to the hall. Strings come from the page's `prefix`:
    `{prefix}_status_*`, `{prefix}_hover_rate` (name, value, low, high + `hover_values(row)`),
    `{prefix}_target_line`, `{prefix}_breakdown_chart`, `{prefix}_breakdown_caption`; the
    axis title is `axis_key`."""
    import plotly.graph_objects as go

    names = hall_labels(ranked) if by == "hall" else ranked[by]
    labels = [("⚠ " if low else "") + name for name, low in zip(names, ranked["low_sample"])]
    statuses = [judged(target, v, lo, hi, n) for v, lo, hi, n in
                zip(ranked[rate], ranked[f"{rate}_low"], ranked[f"{rate}_high"], ranked[n_column])]
    colours = {**STATUS_COLOURS, None: LOW_SAMPLE_TEXT}
    fig = go.Figure()
    for status in ("good", "warn", "bad", None):
        rows = [i for i, s in enumerate(statuses) if s == status]
        if not rows:
            continue
        part = ranked.iloc[rows]
        fig.add_trace(go.Bar(
            x=part[rate], y=[labels[i] for i in rows], orientation="h", marker_color=colours[status],
            name=t(f"{prefix}_status_{status or 'none'}"),
            text=[format_value(v, "percent") for v in part[rate]], insidetextanchor="start", textfont_size=10,
            textposition="auto" if text_outside_below is None else
            ["inside" if v >= text_outside_below else "outside" for v in part[rate].fillna(0)],
            constraintext="none",
            error_x=dict(type="data", symmetric=False, array=part[f"{rate}_high"] - part[rate],
                         arrayminus=part[rate] - part[f"{rate}_low"], color="#555555", thickness=1, width=3),
            customdata=part[["hall_code"]].to_numpy() if by == "hall" else None,
            hovertext=[t(f"{prefix}_hover_rate", name=names.iloc[i], value=format_value(r[rate], "percent"),
                         low=format_value(r[f"{rate}_low"], "percent"), high=format_value(r[f"{rate}_high"], "percent"),
                         **hover_values(r)) for i, r in zip(rows, part.to_dict("records"))],
            hoverinfo="text"))
    goal = current_targets().get(target)
    if goal is not None:
        fig.add_vline(x=goal.value, line_dash="dash", line_color="#262730",
                      annotation_text=t(f"{prefix}_target_line", value=format_value(goal.value, "percent")),
                      annotation_position=target_position)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%", range=[0, x_max], title_text=t(axis_key))
    fig.update_layout(height=max(260, 22 * len(ranked) + 140), bargap=0.25)
    chart_title(f"{prefix}_breakdown_chart")
    if by == "hall":
        key = f"{prefix}_by_chart"
        chart(fig, key=key, on_select=drill_on_select(key), selection_mode="points")
    else:
        chart(fig, key=f"{prefix}_by_chart_{by}")
    st.caption(t(f"{prefix}_breakdown_caption") + (" " + t("click_to_drill") if by == "hall" else ""))
