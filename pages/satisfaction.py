"""Satisfaction: responses, mean score, CSAT and NPS against the previous period; trend;
halls / cities / regions compared fairly; score distribution, dimensions, waiting; answers."""
from dataclasses import replace

import streamlit as st

from analytics.metrics import satisfaction
from dashboard import charts, data, drill, filter_state, formats, kpis, tables, words
from dashboard.figures import satisfaction as satisfaction_figures
from dashboard.i18n import t

KPIS = ("responses", "mean_score", "csat", "nps", "wait_minutes")
kpis.page_head("satisfaction", "sat", KPIS)

filters = filter_state.channel_filter("surveys", filter_state.current_filters())
kpis.kpi_section(filters, KPIS, per_row=len(KPIS))
targets = kpis.current_targets()


# --- trend ---------------------------------------------------------------------------
st.subheader(t("sat_trend"))
grain = filter_state.view_choice("sat_grain", ["week", "month"], label="sat_grain", words="grain_")
trend = data.query(satisfaction.satisfaction_trend, filters, grain=grain)
st.caption(t("sat_trend_caption"))
charts.chart(satisfaction_figures.trend(trend, grain, targets), key="sat_trend_chart")

# --- halls, cities, regions ------------------------------------------------------------
st.subheader(t("sat_breakdown"))
by = filter_state.view_choice("sat_by", ["hall", "city", "region"], label="sat_by", words="by_")
ranked = data.query(satisfaction.satisfaction_by, filters, by=by).reset_index(drop=True)
charts.rate_bars(ranked, by=by, rate="csat", n_column="responses", target="csat", prefix="sat",
                 axis_key="sat_axis_csat", hover_values=lambda r: {"n": formats.format_value(r["responses"], "int")})

RATE_COLUMNS = {"responses": "col_responses", "mean_score": "sat_col_mean_score", "csat": "col_csat",
                "csat_low": "sat_col_csat_low", "csat_high": "sat_col_csat_high", "nps": "sat_col_nps",
                "nps_responses": "sat_col_nps_responses", "wait_minutes": "sat_col_wait"}
RATE_FORMATS = {"responses": "int", "mean_score": "float1", "csat": "percent", "csat_low": "percent",
                "csat_high": "percent", "nps": "float1", "nps_responses": "int", "wait_minutes": "float1",
                "rank": "int"}
RATE_TARGETS = {"csat": "csat", "nps": "nps", "mean_score": "mean_score"}
event = tables.data_table(ranked, columns={"rank": "sat_col_rank", **tables.PLACE_COLUMNS[by], **RATE_COLUMNS},
                          formats=RATE_FORMATS, targets=RATE_TARGETS, key=f"sat_by_table_{by}", filters=filters,
                          file_stem=f"satisfaction_by_{by}", selectable=by == "hall")
if by == "hall":
    st.caption(t("sat_table_caption"))
    selected = drill.hall_from_table_selection(event, ranked)
    if selected:
        drill.hall_drill_button(selected, key="sat_drill")

# --- distributions and drivers ---------------------------------------------------------
st.subheader(t("sat_distributions"))
scores = data.query(satisfaction.score_distribution, filters)
fig = satisfaction_figures.score_distribution(scores)
if fig is not None:
    charts.chart_title("sat_score_distribution")
    charts.chart(fig, key="sat_scores")

left, right = st.columns(2)
with left:
    # The scope's dimensions beside its region's and all halls' when a region, city or hall is
    # chosen: is a low "效率" this city's, or everyone's?
    in_scope = filter_state.halls_of(filters)
    everyone = replace(filters, regions=(), cities=(), halls=())
    levels = [("scope", filters)]
    if filters.cities or filters.halls:
        levels.append(("region", replace(everyone, regions=tuple(sorted(in_scope["region"].unique())))))
    if filters.regions or filters.cities or filters.halls:
        levels.append(("all", everyone))
    fig = satisfaction_figures.dimensions(
        [(level, data.query(satisfaction.satisfaction_dimensions, level_filters)) for level, level_filters in levels])
    charts.chart_title("sat_dimensions")
    charts.chart(fig, key="sat_dimensions")
with right:
    waits = data.query(satisfaction.wait_vs_satisfaction, filters)
    fig = satisfaction_figures.waiting(waits, targets)
    charts.chart_title("sat_wait")
    charts.chart(fig, key="sat_wait")

st.markdown(f"**{t('sat_by_channel')}**")
channels = data.query(satisfaction.satisfaction_by_channel, filters)
tables.data_table(channels, columns={"channel": "sat_col_channel", **RATE_COLUMNS}, formats=RATE_FORMATS,
                  targets=RATE_TARGETS, key="sat_channels", filters=filters, file_stem="satisfaction_by_channel")

# --- the answers behind the figures ------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(t("sat_detail"))
st.caption(t("detail_rows", n=DETAIL_ROWS) + " · " + t("sat_detail_caption"))
detail = data.query(satisfaction.survey_detail, filters, limit=DETAIL_ROWS)
detail["scale"] = detail["scale"].map(words.scale_name)
tables.data_table(detail, columns={
    "answered_at": "sat_col_answered_at", "region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
    "hall_name": "col_hall_name", "channel": "sat_col_channel", "staff_id": "sat_col_staff_id",
    "business_type": "sat_col_business_type", "scale": "sat_col_scale", "score": "sat_col_score",
    "score_100": "sat_col_score_100", "top_box": "sat_col_top_box", "recommend_score": "sat_col_recommend",
    "wait_minutes": "sat_col_wait_minutes", "comment": "sat_col_comment"},
    formats={"answered_at": "datetime", "score": "int", "score_100": "float1", "recommend_score": "int",
             "wait_minutes": "float1", "comment": "text"},
    key="sat_detail", filters=filters, file_stem="satisfaction_answers")
