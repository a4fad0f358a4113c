"""Complaints: volume, rate, the 48-hour promise, resolution time and backlog against the
previous period; trend; categories; halls / cities / regions compared fairly; tickets."""
import streamlit as st

from analytics.metrics import complaints
from dashboard import charts, data, drill, filter_state, formats, kpis, tables
from dashboard.figures import complaints as complaint_figures
from dashboard.i18n import t

KPIS = ("tickets", "per_1000_contacts", "promise_48h", "backlog_over_48h", "reopen_rate", "repeat_rate", "compensation")
kpis.page_head("complaints", "cmp", KPIS)

filters = filter_state.channel_filter("complaints", filter_state.current_filters())
# Resolution times are quantiles of the tickets (and a Kaplan–Meier curve), not counts a
# KPI declaration is made of: they come from the area summary.
summary = data.query(complaints.complaint_summary, filters).iloc[0]
previous = data.comparison(filters)
before = data.query(complaints.complaint_summary, previous).iloc[0] if previous else None
targets = kpis.current_targets()


def hours(value) -> str:
    return formats.format_value(value, "float1")


def count(value) -> str:
    return formats.format_value(value, "int")


# The backlog is the state at the period's end (or now, if earlier) as the imported exports
# knew it; a ticket resolved after the last export still shows open. Both moments are named.
as_of = complaints.as_of(filters)
as_of_text = (filters.end.isoformat() + " 24:00") if as_of == filters.end_excl_ts else as_of.strftime("%Y-%m-%d %H:%M")
data_end = data.data_bounds()[1]

NOTES = {
    "per_1000_contacts": lambda: t("cmp_note_per_1000", per_responses=hours(summary["per_1000_responses"]),
                                   responses=count(summary["responses"])),
    "backlog_over_48h": lambda: t("cmp_note_backlog", open=count(summary["open_backlog"]),
                                  max=hours(summary["backlog_max_age_hours"]), as_of=as_of_text),
    "repeat_rate": lambda: t("cmp_note_repeat", flagged=count(summary["flagged_repeat"])),
}

_, spare = kpis.kpi_section(filters, KPIS, note=lambda row, key: NOTES[key]() if key in NOTES else None)
with spare[0]:
    kpis.kpi(t("cmp_kpi_resolution"), summary["resolution_median_hours"],
             summary["resolution_median_hours"] - before["resolution_median_hours"]
             if before is not None and before["tickets"] else None,
             fmt="float1", delta_good="down",
             help=t("cmp_help_resolution", p90=hours(summary["resolution_p90_hours"]),
                    km=hours(summary["km_median_hours"]), first=hours(summary["first_response_median_hours"])))
st.caption(t("cmp_km_caption", km=hours(summary["km_median_hours"])))

# --- trend ---------------------------------------------------------------------------
st.subheader(t("cmp_trend"))
grain = filter_state.view_choice("cmp_grain", ["week", "month"], label="cmp_grain", words="grain_")
trend = data.query(complaints.complaint_trend, filters, grain=grain)
st.caption(t("cmp_trend_caption"))
charts.chart(complaint_figures.trend(trend, grain, targets), key="cmp_trend_chart")

# --- categories --------------------------------------------------------------------------
st.subheader(t("cmp_categories"))
st.caption(t("cmp_categories_caption"))
breakdown = data.query(complaints.category_breakdown, filters)
over_time = data.query(complaints.category_trend, filters, grain=grain)
colours = complaint_figures.category_colours(breakdown, over_time)
left, right = st.columns([2, 3])
with left:
    charts.chart_title("cmp_category_breakdown")
    charts.chart(complaint_figures.category_breakdown(breakdown, colours), key="cmp_sunburst")
with right:
    charts.chart_title("cmp_category_trend")
    charts.chart(complaint_figures.category_trend(over_time, grain, colours), key="cmp_category_trend")

# Where a category comes from: the halls with the most tickets × category.
HEAT_HALLS = 20
by_hall_category = data.query(complaints.category_by_hall, filters)
heat = complaints.busiest_halls(by_hall_category, HEAT_HALLS)
heat["hall"] = formats.hall_labels(heat)
charts.chart_title("cmp_category_by_hall")
st.caption(t("cmp_category_by_hall_caption", n=heat["hall_code"].nunique(),
             of=by_hall_category["hall_code"].nunique()))
charts.count_heatmap(heat, rows="hall", columns="category", counts="tickets", key="cmp_category_by_hall",
                     column_order=[c for c in colours if c in set(heat["category"])],
                     hover=lambda r: t("cmp_hover_category_hall", hall=r["hall"], category=r["category"],
                                       tickets=count(r["tickets"]), share=formats.format_value(r["share"], "percent"),
                                       total=count(r["hall_tickets"])))

# Who broke the 48-hour promise most often (counts, not the rate: each is a customer let down).
BROKEN_HALLS = 15
by_hall = data.query(complaints.complaints_by, filters, by="hall")
broken = complaints.most_broken_promises(by_hall, BROKEN_HALLS)
broken["hall"] = formats.hall_labels(broken)
charts.chart_title("cmp_broken")
st.caption(t("cmp_broken_caption", n=len(broken), halls=int((by_hall["broken_48h"] > 0).sum()),
             total=count(by_hall["broken_48h"].sum())))
if broken.empty:
    st.caption(t("cmp_no_broken"))
else:
    charts.count_bars(broken, labels="hall", counts="broken_48h", key="cmp_broken",
                      hover=lambda r: t("cmp_hover_broken", hall=r["hall"], broken=count(r["broken_48h"]),
                                        due=count(r["promise_due"]),
                                        rate=formats.format_value(r["promise_48h"], "percent")))

# --- halls, cities, regions ------------------------------------------------------------
st.subheader(t("cmp_breakdown"))
by = filter_state.view_choice("cmp_by", ["hall", "city", "region"], label="cmp_by", words="by_")
ranked = data.query(complaints.complaints_by, filters, by=by).reset_index(drop=True)
charts.rate_bars(ranked, by=by, rate="promise_48h", n_column="promise_due", target="promise_48h", prefix="cmp",
                 axis_key="cmp_axis_promise",
                 hover_values=lambda r: {"within": formats.format_value(r["within_48h"], "int"),
                                         "due": formats.format_value(r["promise_due"], "int")})

event = tables.data_table(
    ranked,
    columns={"rank": "cmp_col_rank", **tables.PLACE_COLUMNS[by], "tickets": "cmp_col_tickets",
             "per_1000_contacts": "cmp_col_per_1000_contacts", "promise_48h": "cmp_col_promise",
             "promise_48h_low": "cmp_col_promise_low", "promise_48h_high": "cmp_col_promise_high",
             "promise_due": "cmp_col_promise_due", "open_backlog": "cmp_col_open_backlog",
             "backlog_over_48h": "cmp_col_backlog_over_48h", "resolution_median_hours": "cmp_col_resolution_median",
             "resolution_p90_hours": "cmp_col_resolution_p90", "reopen_rate": "cmp_col_reopen_rate",
             "repeat_rate": "cmp_col_repeat_rate", "compensation": "cmp_col_compensation"},
    formats={"rank": "int", "tickets": "int", "per_1000_contacts": "float1", "promise_48h": "percent",
             "promise_48h_low": "percent", "promise_48h_high": "percent", "promise_due": "int",
             "open_backlog": "int", "backlog_over_48h": "int", "resolution_median_hours": "float1",
             "resolution_p90_hours": "float1", "reopen_rate": "percent", "repeat_rate": "percent",
             "compensation": "float1"},
    targets={"promise_48h": "promise_48h", "backlog_over_48h": "backlog_over_48h",
             "per_1000_contacts": "per_1000_contacts"},
    key=f"cmp_by_table_{by}", filters=filters, file_stem=f"complaints_by_{by}", selectable=by == "hall")
if by == "hall":
    st.caption(t("cmp_table_caption"))
    selected = drill.hall_from_table_selection(event, ranked)
    if selected:
        drill.hall_drill_button(selected, key="cmp_drill")

# --- resolution time ---------------------------------------------------------------------
st.subheader(t("cmp_resolution"))
left, right = st.columns(2)
with left:
    bands = data.query(complaints.resolution_histogram, filters)
    charts.chart_title("cmp_histogram")
    charts.chart(complaint_figures.resolution_histogram(bands), key="cmp_histogram")
with right:
    curve = data.query(complaints.resolution_curve, filters)
    charts.chart_title("cmp_curve")
    charts.chart(complaint_figures.resolution_curve(curve, summary["km_median_hours"]), key="cmp_curve")


# --- backlog and tickets ------------------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(t("cmp_backlog"))
st.caption(t("cmp_backlog_as_of", as_of=as_of_text, data_end=data_end.isoformat()))
open_tickets = data.query(complaints.backlog, filters, limit=DETAIL_ROWS)
if open_tickets.empty:
    st.caption(t("cmp_no_backlog"))
else:
    st.caption(t("cmp_backlog_caption"))
    event = tables.data_table(
        open_tickets,
        columns={"ticket_id": "cmp_col_ticket_id", "received_at": "cmp_col_received_at",
                 "age_hours": "cmp_col_age_hours", "over_promise": "cmp_col_over_promise", "region": "col_region",
                 "city": "col_city", "hall_code": "col_hall_code", "hall_name": "col_hall_name",
                 "channel": "cmp_col_channel", "category": "cmp_col_category",
                 "sub_category": "cmp_col_sub_category", "status": "cmp_col_status", "customer": "cmp_col_customer"},
        formats={"received_at": "datetime", "age_hours": "float1", "ticket_id": "text", "customer": "text"},
        statuses={"age_hours": ["bad" if over else None for over in open_tickets["over_promise"]]},
        key="cmp_backlog", filters=filters, file_stem="complaints_backlog", selectable=True)
    selected = drill.hall_from_table_selection(event, open_tickets)
    if selected:
        drill.hall_drill_button(selected, key="cmp_backlog_drill")

st.subheader(t("cmp_detail"))
st.caption(t("detail_rows", n=DETAIL_ROWS) + " · " + t("cmp_detail_caption"))
detail = data.query(complaints.complaint_detail, filters, limit=DETAIL_ROWS)
tables.data_table(
    detail,
    columns={"ticket_id": "cmp_col_ticket_id", "received_at": "cmp_col_received_at", "region": "col_region",
             "city": "col_city", "hall_code": "col_hall_code", "hall_name": "col_hall_name",
             "channel": "cmp_col_channel", "category": "cmp_col_category", "sub_category": "cmp_col_sub_category",
             "status": "cmp_col_status", "first_response_hours": "cmp_col_first_response",
             "resolution_hours": "cmp_col_resolution_hours", "age_hours": "cmp_col_age_hours",
             "repeat_30d": "cmp_col_repeat", "resolution_satisfaction": "cmp_col_resolution_satisfaction",
             "compensation_amount": "cmp_col_compensation", "description": "cmp_col_description"},
    formats={"received_at": "datetime", "first_response_hours": "float1", "resolution_hours": "float1",
             "age_hours": "float1", "compensation_amount": "float1", "ticket_id": "text", "description": "text"},
    key="cmp_detail", filters=filters, file_stem="complaints_tickets")
