"""A page of its own for tests/test_ui_filters.py: the shared sidebar filters, and (switched
on by `harness_*` session-state keys) the channel filter, a drill button, a table, a KPI
and an empty state. It prints what the filters came to as JSON."""
import streamlit as st

from dashboard import data, drill, filter_state, kpis, layout, tables
from analytics.metrics import satisfaction


def as_json(filters):
    return {"start": filters.start.isoformat(), "end": filters.end.isoformat(), "regions": list(filters.regions),
            "cities": list(filters.cities), "halls": list(filters.halls), "channels": list(filters.channels)}


filters = filter_state.global_filters()
if st.session_state.get("harness_channels"):
    filters = filter_state.channel_filter(st.session_state["harness_channels"], filters)
st.json(as_json(filters))
st.json(as_json(filter_state.current_filters()))
st.text("\n".join(filter_state.filters_description(filters)))

if st.session_state.get("harness_drill"):
    drill.hall_drill_button(st.session_state["harness_drill"])

if st.session_state.get("harness_table"):
    frame = data.query(satisfaction.satisfaction_by, filters, by="hall")
    kpis.kpi("CSAT", 0.9123, -0.012, fmt="percent", delta_good="up")
    kpis.kpi("Backlog", 7, -2, fmt="int", delta_good="down")
    tables.data_table(frame, columns={"hall_code": "col_hall_code", "hall_name": "col_hall_name",
                                      "responses": "col_responses", "csat": "col_csat"},
                      formats={"responses": "int", "csat": "percent"}, targets={"csat": "csat"},
                      key="sat_table", filters=filters, file_stem="satisfaction", selectable=True)

if st.session_state.get("harness_empty"):
    layout.empty_state(st.session_state["harness_empty"])
