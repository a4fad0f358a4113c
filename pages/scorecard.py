"""沟通100 scorecard: halls × the five commitments as a heat table (with n and low-sample
marks), a hall's scores against its city and region, the scores month by month, and a
drill from a cell to the KPIs and the rows behind it."""
import streamlit as st

from analytics.metrics import complaints, overview, satisfaction
from analytics.metrics import scorecard as sc
from dashboard import charts, data, filter_state, formats, kpis, layout, scorecard, tables
from dashboard.figures import scorecard as scorecard_figures
from dashboard.i18n import t, t_markdown

card = scorecard.scorecard_config()
kpis.page_head("scorecard", "sc", [kpi.key for kpi in card.kpis])

filters = filter_state.current_filters()
values, scores = data.query(sc.scorecard, filters, card=card)  # one pass for both
if scores.empty:
    layout.empty_state("no_data")
    st.stop()
commitments = list(sc.COMMITMENTS)
halls, grids = sc.hall_grids(scores)
names = dict(zip(halls["hall_code"], halls["hall_name"]))
labels = dict(zip(halls["hall_code"], formats.hall_labels(halls)))

# --- the heat table ----------------------------------------------------------------------
st.subheader(t("sc_heat"))

charts.chart(scorecard_figures.heat_table(halls, grids, list(labels.values())), key="sc_heat",
             on_select=scorecard.cell_picker("sc_heat", hall_key="sc_drill_hall", commitment_key="sc_drill_commitment"),
             selection_mode="points")
st.caption(t("sc_heat_caption"))

table = sc.score_table(halls, grids["score"])
tables.data_table(table, columns={"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                                  "hall_name": "col_hall_name",
                                  **{c: f"sc_commitment_{c}" for c in commitments}},
                  formats={c: "float1" for c in commitments}, key="sc_table", filters=filters, file_stem="scorecard")

# --- one hall against its city and region -------------------------------------------------
st.subheader(t("sc_compare"))
if st.session_state.get("sc_drill_hall") not in labels:
    st.session_state["sc_drill_hall"] = next(iter(labels))
left, right = st.columns(2)
hall_code = left.selectbox(t("sc_pick_hall"), list(labels), format_func=labels.get, key="sc_drill_hall")
if st.session_state.get("sc_drill_commitment") not in commitments:
    st.session_state["sc_drill_commitment"] = commitments[0]
commitment = right.selectbox(t("sc_pick_commitment"), commitments, format_func=scorecard.commitment_name,
                             key="sc_drill_commitment")
scorecard.scorecard_comparison(data.query(sc.hall_comparison, filters, hall_code=hall_code, card=card),
                               key="sc_compare_chart")

# --- month by month ------------------------------------------------------------------------
st.subheader(t("sc_trend"))
trend = data.query(sc.monthly_scores, filters, card=card)
charts.chart(scorecard_figures.monthly(trend, commitments), key="sc_trend_chart")

# --- the drill: a cell's KPIs and the rows behind them ---------------------------------------
st.subheader(t_markdown("sc_drill", hall=names[hall_code], commitment=scorecard.commitment_name(commitment)),
             anchor=False)
st.caption(t("sc_drill_hint"))
cell = values[(values["hall_code"] == hall_code) & (values["commitment"] == commitment)]
scorecard.scorecard_kpi_table(cell, key="sc_drill_kpis", filters=filters.with_halls((hall_code,)),
                              file_stem="scorecard_kpis")
st.markdown(f"**{t('sc_rows_behind')}**")
one_hall = filters.with_halls((hall_code,))
if commitment in ("experience", "care"):
    rows = data.query(satisfaction.survey_detail, one_hall, limit=200)
    tables.data_table(rows, columns={"answered_at": "sat_col_answered_at", "channel": "sat_col_channel",
                                     "score": "sat_col_score", "top_box": "sat_col_top_box",
                                     "recommend_score": "sat_col_recommend", "wait_minutes": "sat_col_wait_minutes",
                                     "comment": "sat_col_comment"},
                      formats={"answered_at": "datetime", "score": "int", "wait_minutes": "float1"},
                      key="sc_rows", filters=one_hall, file_stem="scorecard_rows")
elif commitment == "professional":
    st.caption(t("hp_staff"))
    people = data.query(overview.staff_table, one_hall, hall_code=hall_code)
    tables.data_table(people, columns={"staff_id": "col_staff_id", "staff_name": "col_staff_name", "role": "col_role",
                                       "hired_on": "col_hired_on", "trainings": "col_trainings"},
                      formats={"hired_on": "date", "trainings": "int"}, key="sc_rows", filters=one_hall,
                      file_stem="scorecard_rows")
else:
    rows = data.query(complaints.complaint_detail, one_hall, limit=200)
    tables.data_table(rows, columns={"ticket_id": "cmp_col_ticket_id", "received_at": "cmp_col_received_at",
                                     "category": "cmp_col_category", "sub_category": "cmp_col_sub_category",
                                     "status": "cmp_col_status", "resolution_hours": "cmp_col_resolution_hours"},
                      formats={"received_at": "datetime", "resolution_hours": "float1"}, key="sc_rows",
                      filters=one_hall, file_stem="scorecard_rows")
