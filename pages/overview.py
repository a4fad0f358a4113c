"""Overview: headline KPIs against the previous period, halls needing attention, all halls."""
import streamlit as st

from analytics.metrics import overview
from dashboard import charts, data, drill, filter_state, kpis, layout, tables
from dashboard.figures import overview as overview_figures
from dashboard.i18n import t, t_markdown

kpis.page_head("overview", "ov", overview.KPIS)

filters = filter_state.current_filters()
headline = data.query(overview.headline, filters, compare=data.comparison(filters) is not None).set_index("kpi")
table = data.query(overview.hall_table, filters)
if table.empty:
    layout.empty_state("no_data")
    st.stop()
targets = kpis.current_targets()
st.caption(data.comparison_caption(filters))

kpis.headline_grid(headline, kpis=overview.KPIS)

judged = overview.judge(table, targets)
attention = overview.halls_needing_attention(table, targets)
st.subheader(t("ov_attention"))
st.caption(t("ov_attention_caption"))
missing = attention[attention["missed"] > 0].head(8)
if missing.empty:
    st.success(t("ov_no_attention"))
for record in missing.to_dict("records"):
    st.markdown(t_markdown("ov_attention_line", hall=record["hall_name"], city=record["city"], missed=record["missed"],
                           kpis=t("word_sep").join(kpis.kpi_label(k) for k in record["missed_kpis"])))

# The trouble map: one row per hall (most targets missed on top), one column per KPI.
order = attention["hall_code"]
status_grid = overview.judged_grid(judged, "status", order)
fig = overview_figures.trouble_map(overview.judged_grid(judged, "value", order), status_grid,
                                   dict(zip(table["hall_code"], table["hall_name"])))
charts.chart(fig, key="ov_trouble", on_select=drill.drill_on_select("ov_trouble"), selection_mode="points")

st.subheader(t("ov_hall_table"))
st.caption(t("ov_hall_table_caption"))
shown = overview.worst_first(table, attention)  # as in the map
event = tables.data_table(
    shown,
    columns={"region": "col_region", "city": "col_city", "hall_code": "col_hall_code", "hall_name": "col_hall_name",
             "missed": "col_missed", "responses": "col_responses", "csat": "col_csat", "nps": "col_nps",
             "tickets": "col_tickets", "promise_48h": "col_promise_48h", "backlog_over_48h": "col_backlog_over_48h",
             "per_1000_contacts": "col_per_1000_contacts", "contacts": "col_contacts",
             "conversion": "col_conversion", "revenue": "col_revenue", "active_staff": "col_active_staff",
             "coverage_12m": "col_coverage"},
    formats={"missed": "int", "responses": "int", "csat": "percent", "nps": "float1", "tickets": "int",
             "promise_48h": "percent", "backlog_over_48h": "int", "per_1000_contacts": "float1", "contacts": "int",
             "conversion": "percent", "revenue": "int", "active_staff": "int", "coverage_12m": "percent"},
    statuses={k: status_grid[k].tolist() for k in overview.HALL_KPIS},
    key="ov_halls", filters=filters, file_stem="overview_halls", selectable=True)
selected = drill.hall_from_table_selection(event, shown)
if selected:
    drill.hall_drill_button(selected, key="ov_drill")
