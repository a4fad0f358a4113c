"""沟通100 scorecard: halls × the five commitments as a heat table (with n and low-sample
marks), a hall's scores against its city and region, the scores month by month, and a
drill from a cell to the KPIs and the rows behind it."""
import plotly.graph_objects as go
import streamlit as st

import ui
from analytics.metrics import complaints, satisfaction
from analytics.metrics import scorecard as sc

card = ui.scorecard_config()
ui.page_head("scorecard", "sc", [kpi.key for kpi in card.kpis])

filters = ui.current_filters()
values, scores = ui.query(sc.scorecard, filters, card=card)  # one pass for both
if scores.empty:
    ui.empty_state("no_data")
    st.stop()
commitments = list(sc.COMMITMENTS)
halls = scores.drop_duplicates("hall_code")[["hall_code", "hall_name", "region", "city"]].reset_index(drop=True)
names = dict(zip(halls["hall_code"], halls["hall_name"]))
grid = scores.pivot(index="hall_code", columns="commitment", values="score").reindex(index=halls["hall_code"],
                                                                                       columns=commitments)
uncounted = (scores.assign(uncounted=scores["no_data"] + scores["low_sample"])
             .pivot(index="hall_code", columns="commitment", values="uncounted")
             .reindex(index=halls["hall_code"], columns=commitments))
judged = (scores.assign(judged=scores["kpis"] - scores["no_data"] - scores["low_sample"])
          .pivot(index="hall_code", columns="commitment", values="judged")
          .reindex(index=halls["hall_code"], columns=commitments))

# --- the heat table ----------------------------------------------------------------------
st.subheader(ui.t("sc_heat"))
score_rows, extra_rows, judged_rows = grid.to_numpy().tolist(), uncounted.to_numpy().tolist(), judged.to_numpy().tolist()
text = [[("" if v != v else f"{v:.0f}") + (" ⚠" if extra else "") for v, extra in zip(row, extras)]
        for row, extras in zip(score_rows, extra_rows)]
fig = go.Figure(go.Heatmap(
    z=score_rows, x=[ui.commitment_name(c) for c in commitments],
    y=[f"{names[h]} ({h})" for h in halls["hall_code"]], text=text, texttemplate="%{text}", zmin=0, zmax=100,
    colorscale=[[0, ui.STATUS_BACKGROUNDS["bad"]], [0.5, ui.STATUS_BACKGROUNDS["warn"]],
                [1, ui.STATUS_BACKGROUNDS["good"]]], showscale=False, xgap=2, ygap=2,
    customdata=[[[h, c, n] for c, n in zip(commitments, row)] for h, row in zip(halls["hall_code"], judged_rows)],
    hovertemplate="%{y}<br>%{x}: %{text}<br>n = %{customdata[2]}<extra></extra>"))
fig.update_layout(height=max(320, 24 * len(halls) + 120), yaxis={"autorange": "reversed"}, xaxis={"side": "top"})


def pick_cell() -> None:
    points = ((st.session_state.get("sc_heat") or {}).get("selection") or {}).get("points") or []
    if points and isinstance(points[0].get("customdata"), (list, tuple)) and len(points[0]["customdata"]) >= 2:
        hall, commitment = (ui.chart_point_code(v) for v in points[0]["customdata"][:2])
        st.session_state["sc_drill_hall"], st.session_state["sc_drill_commitment"] = hall, commitment


ui.chart(fig, key="sc_heat", on_select=pick_cell, selection_mode="points")
st.caption(ui.t("sc_heat_caption"))

table = halls.copy()
for c in commitments:
    table[c] = table["hall_code"].map(grid[c])
ui.data_table(table, columns={"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                              "hall_name": "col_hall_name",
                              **{c: f"sc_commitment_{c}" for c in commitments}},
              formats={c: "float1" for c in commitments}, key="sc_table", filters=filters, file_stem="scorecard")

# --- one hall against its city and region -------------------------------------------------
st.subheader(ui.t("sc_compare"))
labels = {h: f"{names[h]} ({h})" for h in halls["hall_code"]}
if st.session_state.get("sc_drill_hall") not in labels:
    st.session_state["sc_drill_hall"] = next(iter(labels))
left, right = st.columns(2)
hall_code = left.selectbox(ui.t("sc_pick_hall"), list(labels), format_func=labels.get, key="sc_drill_hall")
if st.session_state.get("sc_drill_commitment") not in commitments:
    st.session_state["sc_drill_commitment"] = commitments[0]
commitment = right.selectbox(ui.t("sc_pick_commitment"), commitments, format_func=ui.commitment_name,
                             key="sc_drill_commitment")
ui.scorecard_comparison(ui.query(sc.hall_comparison, filters, hall_code=hall_code, card=card), key="sc_compare_chart")

# --- month by month ------------------------------------------------------------------------
st.subheader(ui.t("sc_trend"))
trend = ui.query(sc.monthly_scores, filters, card=card)
fig = go.Figure()
for c in commitments:
    part = trend[trend["commitment"] == c]
    fig.add_trace(go.Scatter(x=part["month"], y=part["score"], mode="lines+markers", name=ui.commitment_name(c),
                             connectgaps=False))
fig.update_yaxes(range=[0, 105], title_text=ui.t("sc_axis_score"))
fig.update_xaxes(title_text=ui.t("sc_axis_month"), **ui.period_ticks(trend["month"], "month"))
fig.update_layout(height=380)
ui.chart(fig, key="sc_trend_chart")

# --- the drill: a cell's KPIs and the rows behind them ---------------------------------------
st.subheader(ui.t_markdown("sc_drill", hall=names[hall_code], commitment=ui.commitment_name(commitment)), anchor=False)
st.caption(ui.t("sc_drill_hint"))
cell = values[(values["hall_code"] == hall_code) & (values["commitment"] == commitment)]
ui.scorecard_kpi_table(cell, key="sc_drill_kpis", filters=filters.with_halls((hall_code,)), file_stem="scorecard_kpis")
st.markdown(f"**{ui.t('sc_rows_behind')}**")
one_hall = filters.with_halls((hall_code,))
if commitment in ("experience", "care"):
    rows = ui.query(satisfaction.survey_detail, one_hall, limit=200)
    ui.data_table(rows, columns={"answered_at": "sat_col_answered_at", "channel": "sat_col_channel",
                                 "score": "sat_col_score", "top_box": "sat_col_top_box",
                                 "recommend_score": "sat_col_recommend", "wait_minutes": "sat_col_wait_minutes",
                                 "comment": "sat_col_comment"},
                  formats={"answered_at": "datetime", "score": "int", "wait_minutes": "float1"},
                  key="sc_rows", filters=one_hall, file_stem="scorecard_rows")
elif commitment == "professional":
    st.caption(ui.t("hp_staff"))
    from analytics.metrics import overview

    people = ui.query(overview.staff_table, one_hall, hall_code=hall_code)
    ui.data_table(people, columns={"staff_id": "col_staff_id", "staff_name": "col_staff_name", "role": "col_role",
                                   "hired_on": "col_hired_on", "trainings": "col_trainings"},
                  formats={"hired_on": "date", "trainings": "int"}, key="sc_rows", filters=one_hall,
                  file_stem="scorecard_rows")
else:
    rows = ui.query(complaints.complaint_detail, one_hall, limit=200)
    ui.data_table(rows, columns={"ticket_id": "cmp_col_ticket_id", "received_at": "cmp_col_received_at",
                                 "category": "cmp_col_category", "sub_category": "cmp_col_sub_category",
                                 "status": "cmp_col_status", "resolution_hours": "cmp_col_resolution_hours"},
                  formats={"received_at": "datetime", "resolution_hours": "float1"}, key="sc_rows",
                  filters=one_hall, file_stem="scorecard_rows")
