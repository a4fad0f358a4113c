"""Overview: headline KPIs against the previous period, halls needing attention, all halls."""
import plotly.graph_objects as go
import streamlit as st

import ui
from analytics.metrics import overview

ui.page_head("overview", "ov", overview.KPIS)

filters = ui.current_filters()
headline = ui.query(overview.headline, filters, compare=ui.comparison(filters) is not None).set_index("kpi")
table = ui.query(overview.hall_table, filters)
if table.empty:
    ui.empty_state("no_data")
    st.stop()
targets = ui.current_targets()
st.caption(ui.comparison_caption(filters))

ui.headline_grid(headline, kpis=overview.KPIS)

judged = overview.judge(table, targets)
attention = overview.halls_needing_attention(table, targets)
st.subheader(ui.t("ov_attention"))
st.caption(ui.t("ov_attention_caption"))
missing = attention[attention["missed"] > 0].head(8)
if missing.empty:
    st.success(ui.t("ov_no_attention"))
for record in missing.to_dict("records"):
    st.markdown(ui.t_markdown("ov_attention_line", hall=record["hall_name"], city=record["city"], missed=record["missed"],
                     kpis=ui.t("word_sep").join(ui.kpi_label(k) for k in record["missed_kpis"])))

# The trouble map: one row per hall (most targets missed on top), one column per KPI.
order = list(attention["hall_code"])
codes = {"good": 0, "warn": 1, "bad": 2}
grid = judged.pivot(index="hall_code", columns="kpi", values="status").reindex(index=order,
                                                                                columns=overview.HALL_KPIS)
values = judged.pivot(index="hall_code", columns="kpi", values="value").reindex(index=order,
                                                                                columns=overview.HALL_KPIS)
kinds = {k: ui.measure_format(k) for k in overview.HALL_KPIS}
names = dict(zip(table["hall_code"], table["hall_name"]))
# Whole rows at a time (lists, not .at per cell): at 500 halls the cell-by-cell version cost a second.
value_rows, status_rows = values.to_numpy(dtype=object).tolist(), grid.to_numpy(dtype=object).tolist()
text = [[ui.format_value(v, kinds[k]) for v, k in zip(row, overview.HALL_KPIS)] for row in value_rows]
status_words = {s: ui.t(f"ov_status_{s}") for s in ("good", "warn", "bad", "none")}
hover = [[status_words[s if isinstance(s, str) else "none"] for s in row] for row in status_rows]
fig = go.Figure(go.Heatmap(
    z=[[codes.get(s, None) for s in row] for row in status_rows],
    x=[ui.kpi_label(k) for k in overview.HALL_KPIS], y=[f"{names[h]} ({h})" for h in order],
    text=text, texttemplate="%{text}", customdata=[[[h, s] for s in row] for h, row in zip(order, hover)],
    hovertemplate="%{y}<br>%{x}: %{text} — %{customdata[1]}<extra></extra>",
    zmin=0, zmax=2, showscale=False, xgap=2, ygap=2,
    colorscale=[[0, ui.STATUS_BACKGROUNDS["good"]], [0.5, ui.STATUS_BACKGROUNDS["warn"]],
                [1, ui.STATUS_BACKGROUNDS["bad"]]]))
fig.update_layout(title=ui.t("ov_trouble_map"), height=max(320, 26 * len(order) + 120),
                  yaxis={"autorange": "reversed"}, xaxis={"side": "top"})
ui.chart(fig, key="ov_trouble", on_select=ui.drill_on_select("ov_trouble"), selection_mode="points")

st.subheader(ui.t("ov_hall_table"))
st.caption(ui.t("ov_hall_table_caption"))
shown = attention[["hall_code", "missed"]].merge(table, on="hall_code")  # worst first, as in the map
status_of = grid.reindex(shown["hall_code"])
event = ui.data_table(
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
    statuses={k: status_of[k].tolist() for k in overview.HALL_KPIS},
    key="ov_halls", filters=filters, file_stem="overview_halls", selectable=True)
selected = ui.hall_from_table_selection(event, shown)
if selected:
    ui.hall_drill_button(selected, key="ov_drill")
