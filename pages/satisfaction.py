"""Satisfaction: responses, mean score, CSAT and NPS against the previous period; trend;
halls / cities / regions compared fairly; score distribution, dimensions, waiting; answers."""
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import i18n
import ui
from analytics.metrics import satisfaction

KPIS = ("responses", "mean_score", "csat", "nps", "wait_minutes")
ui.page_head("satisfaction", "sat", KPIS)

filters = ui.channel_filter("surveys", ui.current_filters())
ui.kpi_section(filters, KPIS, per_row=len(KPIS))
targets = ui.current_targets()


def target_text(name: str, fmt: str) -> str:
    return ui.format_value(targets[name].value, fmt) if name in targets else ui.t("sat_no_target")


def scale_name(scale: str) -> str:
    key = f"sat_scale_{scale}"
    return ui.t(key) if key in i18n.TEXT else scale


# --- trend ---------------------------------------------------------------------------
st.subheader(ui.t("sat_trend"))
grain = ui.view_choice("sat_grain", ["week", "month"], label="sat_grain", words="grain_")
trend = ui.query(satisfaction.satisfaction_trend, filters, grain=grain)
st.caption(ui.t("sat_trend_caption"))
fig = make_subplots(rows=1, cols=2, subplot_titles=[ui.t("sat_trend_csat"), ui.t("sat_trend_mean")],
                    horizontal_spacing=0.12)
n_text = [ui.t("sat_col_responses_short", n=ui.format_value(n, "int")) for n in trend["responses"]]
fig.add_trace(go.Scatter(
    x=trend["period"], y=trend["csat"], mode="lines+markers", name=ui.kpi_label("csat"), showlegend=False,
    error_y=dict(type="data", symmetric=False, array=trend["csat_high"] - trend["csat"],
                 arrayminus=trend["csat"] - trend["csat_low"], thickness=1, width=3),
    text=n_text, hovertemplate="%{x|%Y-%m-%d}: %{y:.1%}<br>%{text}<extra></extra>"), row=1, col=1)
fig.add_trace(go.Scatter(
    x=trend["period"], y=trend["mean_score"], mode="lines+markers", name=ui.kpi_label("mean_score"),
    showlegend=False, line=dict(color=ui.PALETTE[1]), text=n_text,
    hovertemplate="%{x|%Y-%m-%d}: %{y:.1f}<br>%{text}<extra></extra>"), row=1, col=2)
if "csat" in targets:
    fig.add_hline(y=targets["csat"].value, line_dash="dash", line_color=ui.STATUS_COLOURS["bad"], row=1, col=1,
                  annotation_text=ui.t("sat_target_line", value=target_text("csat", "percent")),
                  annotation_position="bottom left")
if "mean_score" in targets:
    fig.add_hline(y=targets["mean_score"].value, line_dash="dash", line_color=ui.STATUS_COLOURS["bad"], row=1,
                  col=2, annotation_text=ui.t("sat_target_line", value=target_text("mean_score", "float1")),
                  annotation_position="bottom left")
fig.update_yaxes(tickformat=".0%", title_text=ui.t("sat_axis_csat"), row=1, col=1)
fig.update_yaxes(title_text=ui.t("sat_axis_mean_score"), row=1, col=2)
fig.update_xaxes(title_text=ui.t(f"sat_axis_period_{grain}"), **ui.period_ticks(trend["period"], grain))
fig.update_layout(height=340)
ui.chart(fig, key="sat_trend_chart")

# --- halls, cities, regions ------------------------------------------------------------
st.subheader(ui.t("sat_breakdown"))
by = ui.view_choice("sat_by", ["hall", "city", "region"], label="sat_by", words="by_")
ranked = ui.query(satisfaction.satisfaction_by, filters, by=by).reset_index(drop=True)
ui.rate_bars(ranked, by=by, rate="csat", n_column="responses", target="csat", prefix="sat",
             axis_key="sat_axis_csat", hover_values=lambda r: {"n": ui.format_value(r["responses"], "int")})

place = {"hall": {"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                  "hall_name": "col_hall_name"},
         "city": {"region": "col_region", "city": "col_city"}, "region": {"region": "col_region"}}[by]
RATE_COLUMNS = {"responses": "col_responses", "mean_score": "sat_col_mean_score", "csat": "col_csat",
                "csat_low": "sat_col_csat_low", "csat_high": "sat_col_csat_high", "nps": "sat_col_nps",
                "nps_responses": "sat_col_nps_responses", "wait_minutes": "sat_col_wait"}
RATE_FORMATS = {"responses": "int", "mean_score": "float1", "csat": "percent", "csat_low": "percent",
                "csat_high": "percent", "nps": "float1", "nps_responses": "int", "wait_minutes": "float1",
                "rank": "int"}
RATE_TARGETS = {"csat": "csat", "nps": "nps", "mean_score": "mean_score"}
event = ui.data_table(ranked, columns={"rank": "sat_col_rank", **place, **RATE_COLUMNS}, formats=RATE_FORMATS,
                      targets=RATE_TARGETS, key=f"sat_by_table_{by}", filters=filters,
                      file_stem=f"satisfaction_by_{by}", selectable=by == "hall")
if by == "hall":
    st.caption(ui.t("sat_table_caption"))
    selected = ui.hall_from_table_selection(event, ranked)
    if selected:
        ui.hall_drill_button(selected, key="sat_drill")

# --- distributions and drivers ---------------------------------------------------------
st.subheader(ui.t("sat_distributions"))
scores = ui.query(satisfaction.score_distribution, filters)
scales = list(dict.fromkeys(scores["scale"]))
if scales:
    fig = make_subplots(rows=1, cols=len(scales), horizontal_spacing=0.05, shared_yaxes=True,
                        subplot_titles=[scale_name(s) for s in scales])
    for col, scale in enumerate(scales, start=1):
        part = scores[scores["scale"] == scale]
        x = [ui.t(f"sat_sms_{s:.0f}") if scale == "sms3" and s in (1, 2, 3) else f"{s:g}" for s in part["score"]]
        fig.add_trace(go.Bar(
            x=x, y=part["share"], marker_color=ui.PALETTE[0], showlegend=False,
            text=[ui.format_value(a, "int") for a in part["answers"]], textposition="outside", textfont_size=11,
            constraintext="none", cliponaxis=False,
            hovertext=[ui.t("sat_hover_score", score=xi, answers=ui.format_value(a, "int"),
                            share=ui.format_value(s, "percent")) for xi, a, s in
                       zip(x, part["answers"], part["share"])], hoverinfo="text"), row=1, col=col)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.08])
    fig.update_yaxes(title_text=ui.t("sat_axis_share"), row=1, col=1)
    fig.update_xaxes(type="category", title_text=ui.t("sat_axis_score"))
    fig.update_annotations(font_size=13)
    fig.update_layout(height=340)
    ui.chart_title("sat_score_distribution")
    ui.chart(fig, key="sat_scores")

left, right = st.columns(2)
with left:
    # The scope's dimensions beside its region's and all halls' when a region, city or hall is
    # chosen: is a low "效率" this city's, or everyone's?
    in_scope = ui.halls_of(filters)
    everyone = replace(filters, regions=(), cities=(), halls=())
    levels = [("scope", filters)]
    if filters.cities or filters.halls:
        levels.append(("region", replace(everyone, regions=tuple(sorted(in_scope["region"].unique())))))
    if filters.regions or filters.cities or filters.halls:
        levels.append(("all", everyone))
    fig = go.Figure()
    for (level, level_filters), colour in zip(levels, ui.PALETTE):
        dims = ui.query(satisfaction.satisfaction_dimensions, level_filters)
        dim_names = [ui.t(f"sat_{d}") for d in dims["dimension"]]
        fig.add_trace(go.Bar(
            x=dims["mean_score"], y=dim_names, orientation="h", marker_color=colour, name=ui.t(f"sat_dim_{level}"),
            text=[ui.format_value(v, "float1") for v in dims["mean_score"]], textposition="outside",
            hovertext=[ui.t("sat_hover_dimension", name=f"{ui.t(f'sat_dim_{level}')} · {name}",
                            value=ui.format_value(v, "float1"), n=ui.format_value(n, "int"))
                       for name, v, n in zip(dim_names, dims["mean_score"], dims["answers"])],
            hoverinfo="text"))
    fig.update_xaxes(range=[0, 108], title_text=ui.t("sat_axis_mean_score"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=360 if len(levels) == 1 else 460, barmode="group", showlegend=len(levels) > 1)
    ui.chart_title("sat_dimensions")
    ui.chart(fig, key="sat_dimensions")
with right:
    waits = ui.query(satisfaction.wait_vs_satisfaction, filters)
    fig = go.Figure(go.Bar(
        x=waits["wait_band"], y=waits["csat"],
        marker_color=[ui.LOW_SAMPLE_TEXT if low else ui.PALETTE[0] for low in waits["low_sample"]],
        error_y=dict(type="data", symmetric=False, array=waits["csat_high"] - waits["csat"],
                     arrayminus=waits["csat"] - waits["csat_low"], color="#555555", thickness=1, width=4),
        text=[("⚠ " if low else "") + "n=" + ui.format_value(n, "int") for n, low in
              zip(waits["responses"], waits["low_sample"])], textposition="inside", insidetextanchor="start",
        textangle=0, textfont=dict(size=11, color="white"),
        hovertext=[ui.t("sat_hover_rate", name=band, value=ui.format_value(r, "percent"),
                        low=ui.format_value(lo, "percent"), high=ui.format_value(hi, "percent"),
                        n=ui.format_value(n, "int")) for band, r, lo, hi, n in
                   zip(waits["wait_band"], waits["csat"], waits["csat_low"], waits["csat_high"], waits["responses"])],
        hoverinfo="text"))
    if "csat" in targets:
        fig.add_hline(y=targets["csat"].value, line_dash="dash", line_color="#262730",
                      annotation_text=ui.t("sat_target_line", value=target_text("csat", "percent")),
                      annotation_position="top right")
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text=ui.t("sat_axis_csat"))
    fig.update_xaxes(type="category", title_text=ui.t("sat_axis_wait"))
    fig.update_layout(height=360)
    ui.chart_title("sat_wait")
    ui.chart(fig, key="sat_wait")

st.markdown(f"**{ui.t('sat_by_channel')}**")
channels = ui.query(satisfaction.satisfaction_by_channel, filters)
ui.data_table(channels, columns={"channel": "sat_col_channel", **RATE_COLUMNS}, formats=RATE_FORMATS,
              targets=RATE_TARGETS, key="sat_channels", filters=filters, file_stem="satisfaction_by_channel")

# --- the answers behind the figures ------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(ui.t("sat_detail"))
st.caption(ui.t("detail_rows", n=DETAIL_ROWS) + " · " + ui.t("sat_detail_caption"))
detail = ui.query(satisfaction.survey_detail, filters, limit=DETAIL_ROWS)
detail["scale"] = detail["scale"].map(scale_name)
ui.data_table(detail, columns={
    "answered_at": "sat_col_answered_at", "region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
    "hall_name": "col_hall_name", "channel": "sat_col_channel", "staff_id": "sat_col_staff_id",
    "business_type": "sat_col_business_type", "scale": "sat_col_scale", "score": "sat_col_score",
    "score_100": "sat_col_score_100", "top_box": "sat_col_top_box", "recommend_score": "sat_col_recommend",
    "wait_minutes": "sat_col_wait_minutes", "comment": "sat_col_comment"},
    formats={"answered_at": "datetime", "score": "int", "score_100": "float1", "recommend_score": "int",
             "wait_minutes": "float1", "comment": "text"},
    key="sat_detail", filters=filters, file_stem="satisfaction_answers")
