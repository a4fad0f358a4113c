"""The training page's figures: coverage against satisfaction, course types, the trend."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.chart_style import period_ticks
from analytics.stats import LOW_SAMPLE
from dashboard.formats import format_value
from dashboard.i18n import t
from dashboard.kpis import judged
from dashboard.theme import PALETTE, STATUS_COLOURS


def _pct(value) -> str:
    return format_value(value, "percent")


def _count(value) -> str:
    return format_value(value, "int")


def coverage_vs_satisfaction(halls: pd.DataFrame, measure: str, targets: dict) -> go.Figure:
    """One bubble per hall (training.coverage_vs_satisfaction, rows with both values), sized
    by its responses, coloured by region; the halls that miss both targets are named. Halls
    without both values are left out."""
    halls = halls[halls["coverage"].notna() & halls[measure].notna()].reset_index(drop=True)
    shown = _pct if measure == "csat" else (lambda v: format_value(v, "float1"))
    largest = max(1, int(halls["responses"].max())) if len(halls) else 1
    sizes = 8 + 26 * (halls["responses"] / largest) ** 0.5
    coverage_bad = [judged("coverage", v, lo, hi, n) == "bad" for v, lo, hi, n in
                    zip(halls["coverage"], halls["coverage_low"], halls["coverage_high"], halls["active_staff"])]
    measure_bad = [n >= LOW_SAMPLE and judged(measure, v) == "bad" for v, n in zip(halls[measure], halls["responses"])]
    named = [c and m for c, m in zip(coverage_bad, measure_bad)]
    # Named halls alternate their label above and below (by satisfaction), so neighbours don't collide.
    ordered = sorted((i for i in halls.index if named[i]),
                     key=lambda i: (halls.at[i, measure], halls.at[i, "coverage"]))
    positions = {i: "bottom right" if k % 2 == 0 else "top right" for k, i in enumerate(ordered)}
    fig = go.Figure()
    for colour, region in zip(PALETTE, halls["region"].unique()):
        part = halls[halls["region"] == region]
        fig.add_trace(go.Scatter(
            x=part["coverage"], y=part[measure], mode="markers+text", name=region,
            marker=dict(size=sizes[part.index], color=colour, opacity=0.75, line=dict(width=1, color="white")),
            text=[name if named[i] else "" for i, name in zip(part.index, part["hall_name"])],
            textposition=[positions.get(i, "top right") for i in part.index], textfont=dict(size=11),
            customdata=part[["hall_code"]].to_numpy(),
            hovertext=[t("trn_hover_cvs", name=r["hall_name"], region=r["region"], coverage=_pct(r["coverage"]),
                         staff=_count(r["active_staff"]), measure=t(f"trn_cvs_{measure}"), value=shown(r[measure]),
                         n=_count(r["responses"])) for _, r in part.iterrows()],
            hoverinfo="text"))
    for name, axis in (("coverage", "x"), (measure, "y")):
        if name in targets:
            label = t("trn_target_line", value=_pct(targets[name].value) if name != "mean_score"
                      else format_value(targets[name].value, "float1"))
            line = dict(line_dash="dash", line_color=STATUS_COLOURS["bad"], line_width=1,
                        annotation_text=label, annotation_font_size=11)
            if axis == "x":
                fig.add_vline(x=targets[name].value, annotation_position="bottom left", **line)
            else:
                fig.add_hline(y=targets[name].value, annotation_position="bottom right", **line)
    fig.update_xaxes(tickformat=".0%", range=[-0.04, 1.08], title_text=t("trn_axis_coverage"))
    fig.update_yaxes(tickformat=".0%" if measure == "csat" else None, title_text=t(f"trn_cvs_{measure}"))
    fig.update_layout(height=460)
    return fig


def course_types(courses: pd.DataFrame) -> go.Figure:
    """Attendances per course type (training.training_by_course_type)."""
    fig = go.Figure(go.Bar(
        x=courses["attendances"], y=courses["course_type"], orientation="h", marker_color=PALETTE[0],
        text=[_count(v) for v in courses["attendances"]], textposition="outside", cliponaxis=False,
        hovertext=[t("trn_hover_course", course=r["course_type"], attendances=_count(r["attendances"]),
                     sessions=_count(r["sessions"]), hours=format_value(r["hours"], "float1"),
                     pass_rate=_pct(r["pass_rate"])) for _, r in courses.iterrows()],
        hoverinfo="text"))
    fig.update_yaxes(autorange="reversed", automargin=True, title_text=t("trn_axis_course_type"))
    fig.update_xaxes(title_text=t("trn_axis_attendances"))
    fig.update_layout(height=320)
    return fig


def trend(trend: pd.DataFrame, grain: str) -> go.Figure:
    """Attendances (bars) and staff trained (line) per week or month (training.training_trend)."""
    hover = [t("trn_hover_trend", period=pd.Timestamp(p).strftime("%Y-%m-%d"), attendances=_count(a),
               staff=_count(s), hours=format_value(h, "float1"))
             for p, a, s, h in zip(trend["period"], trend["attendances"], trend["staff_trained"], trend["hours"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=trend["period"], y=trend["attendances"], name=t("trn_trend_attendances"),
                         marker_color="#b9d3ea", hovertext=hover, hoverinfo="text"))
    fig.add_trace(go.Scatter(x=trend["period"], y=trend["staff_trained"], mode="lines+markers",
                             name=t("trn_trend_staff"), line=dict(color=PALETTE[1]), hovertext=hover,
                             hoverinfo="text"))
    fig.update_yaxes(title_text=t("trn_axis_people"), rangemode="tozero")
    fig.update_xaxes(title_text=t(f"trn_axis_period_{grain}"), **period_ticks(trend["period"], grain))
    fig.update_layout(height=320)
    return fig
