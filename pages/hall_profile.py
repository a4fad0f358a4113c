"""Hall profile: one hall's four areas, its rank in city and region, its staff and backlog."""
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from analytics import measures
from analytics.filters import Filters
from analytics.metrics import complaints, marketing, overview, satisfaction
from analytics.metrics import scorecard as sc

ui.page_head("hall_profile", "hp", overview.KPIS)

filters = ui.current_filters()
halls = ui.hall_directory()
in_scope = ui.halls_of(filters)
if in_scope.empty:
    ui.empty_state("no_data")
    st.stop()
labels = dict(zip(in_scope["hall_code"], in_scope["hall_name"] + " (" + in_scope["hall_code"] + ")"))
# The hall chosen in the sidebar, else the one picked here before, else the manager picks:
# opening on whichever hall sorts first would answer a question nobody asked.
if len(filters.halls) == 1 and st.session_state.get("hp_hall") != filters.halls[0]:
    st.session_state["hp_hall"] = filters.halls[0]
elif st.session_state.get("hp_hall") not in labels:
    st.session_state["hp_hall"] = None
code = st.selectbox(ui.t("hp_pick_hall"), list(labels), format_func=labels.get, key="hp_hall",
                    placeholder=ui.t("hp_pick_placeholder"))
if code is None:
    st.info(ui.t("hp_pick_first"))
    st.stop()
hall = halls.set_index("hall_code").loc[code]
st.subheader(ui.escape_markdown(hall["hall_name"]), anchor=False)
st.caption(ui.t_markdown("hp_facts", region=hall["region"], city=hall["city"], district=hall["district"] or "—",
                hall_type=hall["hall_type"] or "—", code=code))

one_hall = filters.with_halls((code,))
headline = ui.query(overview.headline, one_hall, compare=ui.comparison(one_hall) is not None).set_index("kpi")
# Beside each rate, the same KPI over the hall's city and region (their counts pooled): is
# the hall's figure its own or its area's?
around = {"city": ui.query(overview.headline, Filters(filters.start, filters.end, cities=(hall["city"],)),
                          compare=False).set_index("kpi"),
          "region": ui.query(overview.headline, Filters(filters.start, filters.end, regions=(hall["region"],)),
                            compare=False).set_index("kpi")}


def peer_note(row, key: str) -> str | None:
    if measures.get(key).n_column is None:  # a count: the city's total is not comparable
        return None
    fmt = ui.measure_format(key)
    return ui.t("hp_peer_note", city=ui.format_value(around["city"].loc[key, "value"], fmt),
                region=ui.format_value(around["region"].loc[key, "value"], fmt))


ui.headline_grid(headline, kpis=overview.KPIS, with_n=False, note=peer_note)

# Rank among the halls of its region (and city), whatever the sidebar's hall choice.
peers = ui.query(overview.hall_table, Filters(filters.start, filters.end, regions=(hall["region"],)))
ranking = overview.hall_ranking(peers, code)
ranking["kpi_label"] = ranking["kpi"].map(lambda k: ui.kpi_label(k))
ranking["city_place"] = [ui.t("hp_rank_of", rank=r, of=n) for r, n in zip(ranking["city_rank"], ranking["city_halls"])]
ranking["region_place"] = [ui.t("hp_rank_of", rank=r, of=n)
                           for r, n in zip(ranking["region_rank"], ranking["region_halls"])]
ranking["value_text"] = [ui.format_value(v, ui.measure_format(k)) for k, v in zip(ranking["kpi"], ranking["value"])]
ranking["interval_text"] = [ui.interval_text(lo, hi, ui.measure_format(k))
                            for k, lo, hi in zip(ranking["kpi"], ranking["low"], ranking["high"])]
st.markdown(f"#### {ui.t('hp_ranking')}")
ui.data_table(ranking, columns={"kpi_label": "hp_col_kpi", "value_text": "hp_col_value", "interval_text": "col_interval",
                                "n": "hp_col_n",
                                "city_place": "hp_col_city_rank", "region_place": "hp_col_region_rank"},
              formats={"n": "int"}, key="hp_ranking", filters=one_hall, file_stem=f"hall_{code}_ranking")

# A year of months ending with the period, for the hall's trends.
year = overview.training_window(one_hall)
st.markdown(f"#### {ui.t('hp_trends')}")
sat = ui.query(satisfaction.satisfaction_trend, year, grain="month")
cmp = ui.query(complaints.complaint_trend, year, grain="month")
mkt = ui.query(marketing.marketing_trend, year, grain="month")
fig = make_subplots(rows=1, cols=3, subplot_titles=[ui.t("hp_trend_csat"), ui.t("hp_trend_promise"),
                                                    ui.t("hp_trend_conversion")])
for col, (frame, column) in enumerate(((sat, "csat"), (cmp, "promise_48h"), (mkt, "conversion")), start=1):
    if not frame.empty:
        fig.add_trace(go.Scatter(x=frame["period"], y=frame[column], mode="lines+markers", showlegend=False,
                                 hovertemplate="%{x|%Y-%m}: %{y:.1%}<extra></extra>"), row=1, col=col)
fig.update_yaxes(tickformat=".0%", rangemode="tozero")
fig.update_xaxes(title_text=ui.t("hp_axis_month"), tickformat="%Y-%m")
fig.update_layout(height=320)
ui.chart(fig, key="hp_trends")

st.markdown(f"#### {ui.t('hp_staff')}")
staff = ui.query(overview.staff_table, one_hall, hall_code=code)
ui.data_table(staff, columns={"staff_id": "col_staff_id", "staff_name": "col_staff_name", "role": "col_role",
                              "hired_on": "col_hired_on", "status": "col_staff_status",
                              "trainings": "col_trainings", "hours": "col_hours", "has_pre_job": "col_has_pre_job",
                              "elective_12m": "col_elective_12m", "contacts": "col_contacts",
                              "converted": "col_converted", "conversion": "col_conversion",
                              "responses": "col_responses", "csat": "col_csat"},
              formats={"hired_on": "date", "trainings": "int", "hours": "float1", "contacts": "int",
                       "converted": "int", "conversion": "percent", "responses": "int", "csat": "percent"},
              key="hp_staff", filters=one_hall, file_stem=f"hall_{code}_staff")

st.markdown(f"#### {ui.t('hp_backlog')}")
open_tickets = ui.query(complaints.backlog, one_hall)
if open_tickets.empty:
    st.caption(ui.t("hp_no_backlog"))
else:
    ui.data_table(open_tickets, columns={"ticket_id": "col_ticket_id", "received_at": "col_received_at",
                                         "category": "col_category", "age_hours": "col_age_hours"},
                  formats={"received_at": "datetime", "age_hours": "float1"}, key="hp_backlog", filters=one_hall,
                  file_stem=f"hall_{code}_backlog")

# The hall's 沟通100 scorecard: its five commitments against its city and region, and the KPIs.
st.subheader(ui.t("sc_profile"))
card = ui.scorecard_config()
ui.scorecard_comparison(ui.query(sc.hall_comparison, filters, hall_code=code, card=card), key="hp_scorecard")
hall_values = ui.query(sc.hall_kpis, one_hall, card=card)
with st.expander(ui.t("sc_col_kpi")):
    ui.scorecard_kpi_table(hall_values[hall_values["hall_code"] == code], key="hp_scorecard_kpis", filters=one_hall,
                           file_stem="hall_scorecard")
