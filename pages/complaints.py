"""Complaints: volume, rate, the 48-hour promise, resolution time and backlog against the
previous period; trend; categories; halls / cities / regions compared fairly; tickets."""
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from analytics.metrics import complaints

KPIS = ("tickets", "per_1000_contacts", "promise_48h", "backlog_over_48h", "reopen_rate", "repeat_rate", "compensation")
ui.page_head("complaints", "cmp", KPIS)

filters = ui.channel_filter("complaints", ui.current_filters())
# Resolution times are quantiles of the tickets (and a Kaplan–Meier curve), not counts a
# KPI declaration is made of: they come from the area summary.
summary = ui.query(complaints.complaint_summary, filters).iloc[0]
previous = ui.comparison(filters)
before = ui.query(complaints.complaint_summary, previous).iloc[0] if previous else None
targets = ui.current_targets()
PROMISE = complaints.PROMISE_HOURS


def target_text(name: str, fmt: str) -> str:
    return ui.format_value(targets[name].value, fmt) if name in targets else ui.t("cmp_no_target")


def hours(value) -> str:
    return ui.format_value(value, "float1")


def count(value) -> str:
    return ui.format_value(value, "int")


# The backlog is the state at the period's end (or now, if earlier) as the imported exports
# knew it; a ticket resolved after the last export still shows open. Both moments are named.
as_of = complaints.as_of(filters)
as_of_text = (filters.end.isoformat() + " 24:00") if as_of == filters.end_excl_ts else as_of.strftime("%Y-%m-%d %H:%M")
data_end = ui.data_bounds()[1]

NOTES = {
    "per_1000_contacts": lambda: ui.t("cmp_note_per_1000", per_responses=hours(summary["per_1000_responses"]),
                                      responses=count(summary["responses"])),
    "backlog_over_48h": lambda: ui.t("cmp_note_backlog", open=count(summary["open_backlog"]),
                                     max=hours(summary["backlog_max_age_hours"]), as_of=as_of_text),
    "repeat_rate": lambda: ui.t("cmp_note_repeat", flagged=count(summary["flagged_repeat"])),
}

_, spare = ui.kpi_section(filters, KPIS, note=lambda row, key: NOTES[key]() if key in NOTES else None)
with spare[0]:
    ui.kpi(ui.t("cmp_kpi_resolution"), summary["resolution_median_hours"],
           summary["resolution_median_hours"] - before["resolution_median_hours"]
           if before is not None and before["tickets"] else None,
           fmt="float1", delta_good="down",
           help=ui.t("cmp_help_resolution", p90=hours(summary["resolution_p90_hours"]),
                     km=hours(summary["km_median_hours"]), first=hours(summary["first_response_median_hours"])))
st.caption(ui.t("cmp_km_caption", km=hours(summary["km_median_hours"])))

# --- trend ---------------------------------------------------------------------------
st.subheader(ui.t("cmp_trend"))
grain = ui.view_choice("cmp_grain", ["week", "month"], label="cmp_grain", words="grain_")
period_format = "%Y-%m-%d" if grain == "week" else "%Y-%m"
trend = ui.query(complaints.complaint_trend, filters, grain=grain)
st.caption(ui.t("cmp_trend_caption"))
fig = make_subplots(specs=[[{"secondary_y": True}]])
fig.add_trace(go.Bar(x=trend["period"], y=trend["tickets"], name=ui.t("cmp_axis_tickets"),
                     marker_color=ui.PALETTE[0], opacity=0.8,
                     hovertemplate=f"%{{x|{period_format}}}: %{{y:,}}<extra></extra>"), secondary_y=False)
fig.add_trace(go.Scatter(
    x=trend["period"], y=trend["promise_48h"], name=ui.t("cmp_axis_promise"), mode="lines+markers",
    line=dict(color=ui.PALETTE[1], width=2),
    error_y=dict(type="data", symmetric=False, array=trend["promise_48h_high"] - trend["promise_48h"],
                 arrayminus=trend["promise_48h"] - trend["promise_48h_low"], thickness=1, width=3),
    hovertemplate=f"%{{x|{period_format}}}: %{{y:.1%}}<extra></extra>"), secondary_y=True)
if "promise_48h" in targets:
    fig.add_hline(y=targets["promise_48h"].value, secondary_y=True, line_dash="dash",
                  line_color=ui.STATUS_COLOURS["bad"])
    fig.add_annotation(xref="paper", x=0, yref="y2", y=targets["promise_48h"].value, xanchor="left",
                       yanchor="bottom", showarrow=False, font_color=ui.STATUS_COLOURS["bad"],
                       text=ui.t("cmp_target_line", value=target_text("promise_48h", "percent")))
fig.update_yaxes(title_text=ui.t("cmp_axis_tickets"), rangemode="tozero", secondary_y=False)
fig.update_yaxes(title_text=ui.t("cmp_axis_promise"), tickformat=".0%", range=[0, 1.05], dtick=0.2,
                 secondary_y=True, showgrid=False)
fig.update_xaxes(title_text=ui.t(f"cmp_axis_period_{grain}"), **ui.period_ticks(trend["period"], grain))
fig.update_layout(height=340)
ui.chart(fig, key="cmp_trend_chart")

# --- categories --------------------------------------------------------------------------
st.subheader(ui.t("cmp_categories"))
st.caption(ui.t("cmp_categories_caption"))
breakdown = ui.query(complaints.category_breakdown, filters)
over_time = ui.query(complaints.category_trend, filters, grain=grain)
categories = sorted(set(breakdown["category"]) | set(over_time["category"]))
category_colours = {c: ui.PALETTE[i % len(ui.PALETTE)] for i, c in enumerate(categories)}
left, right = st.columns([2, 3])
with left:
    fig = px.sunburst(breakdown, path=["category", "sub_category"], values="tickets", color="category",
                      color_discrete_map=category_colours)
    fig.update_traces(textinfo="label+value", insidetextorientation="horizontal",
                      hovertemplate="%{label}<br>" + ui.t("cmp_hover_tickets") + " %{value:,}<br>"
                                    + ui.t("cmp_hover_share") + " %{percentRoot:.1%}<extra></extra>")
    fig.update_layout(height=420)
    ui.chart_title("cmp_category_breakdown")
    ui.chart(fig, key="cmp_sunburst")
with right:
    fig = px.bar(over_time, x="period", y="tickets", color="category", color_discrete_map=category_colours,
                 category_orders={"category": categories})
    fig.update_traces(hovertemplate=f"%{{x|{period_format}}} · %{{fullData.name}}: %{{y:,}}<extra></extra>")
    fig.update_xaxes(title_text=ui.t(f"cmp_axis_period_{grain}"), **ui.period_ticks(over_time["period"], grain))
    fig.update_yaxes(title_text=ui.t("cmp_axis_tickets"))
    fig.update_layout(height=420, barmode="stack")
    ui.chart_title("cmp_category_trend")
    ui.chart(fig, key="cmp_category_trend")

# Where a category comes from: the halls with the most tickets × category.
HEAT_HALLS = 20
by_hall_category = ui.query(complaints.category_by_hall, filters)
busiest = list(dict.fromkeys(by_hall_category["hall_code"]))[:HEAT_HALLS]
heat = by_hall_category[by_hall_category["hall_code"].isin(busiest)].assign(
    hall=lambda f: f["hall_name"] + " (" + f["hall_code"] + ")")
ui.chart_title("cmp_category_by_hall")
st.caption(ui.t("cmp_category_by_hall_caption", n=min(HEAT_HALLS, len(busiest)),
                of=by_hall_category["hall_code"].nunique()))
ui.count_heatmap(heat, rows="hall", columns="category", counts="tickets", key="cmp_category_by_hall",
                 column_order=[c for c in categories if c in set(heat["category"])],
                 hover=lambda r: ui.t("cmp_hover_category_hall", hall=r["hall"], category=r["category"],
                                      tickets=count(r["tickets"]), share=ui.format_value(r["share"], "percent"),
                                      total=count(r["hall_tickets"])))

# Who broke the 48-hour promise most often (counts, not the rate: each is a customer let down).
BROKEN_HALLS = 15
by_hall = ui.query(complaints.complaints_by, filters, by="hall")
broken = (by_hall[by_hall["broken_48h"] > 0].sort_values(["broken_48h", "hall_code"], ascending=[False, True])
          .head(BROKEN_HALLS).assign(hall=lambda f: f["hall_name"] + " (" + f["hall_code"] + ")"))
ui.chart_title("cmp_broken")
st.caption(ui.t("cmp_broken_caption", n=len(broken), halls=int((by_hall["broken_48h"] > 0).sum()),
                total=count(by_hall["broken_48h"].sum())))
if broken.empty:
    st.caption(ui.t("cmp_no_broken"))
else:
    ui.count_bars(broken, labels="hall", counts="broken_48h", key="cmp_broken",
                  hover=lambda r: ui.t("cmp_hover_broken", hall=r["hall"], broken=count(r["broken_48h"]),
                                       due=count(r["promise_due"]),
                                       rate=ui.format_value(r["promise_48h"], "percent")))

# --- halls, cities, regions ------------------------------------------------------------
st.subheader(ui.t("cmp_breakdown"))
by = ui.view_choice("cmp_by", ["hall", "city", "region"], label="cmp_by", words="by_")
ranked = ui.query(complaints.complaints_by, filters, by=by).reset_index(drop=True)
ui.rate_bars(ranked, by=by, rate="promise_48h", n_column="promise_due", target="promise_48h", prefix="cmp",
             axis_key="cmp_axis_promise",
             hover_values=lambda r: {"within": ui.format_value(r["within_48h"], "int"),
                                     "due": ui.format_value(r["promise_due"], "int")})

place = {"hall": {"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                  "hall_name": "col_hall_name"},
         "city": {"region": "col_region", "city": "col_city"}, "region": {"region": "col_region"}}[by]
event = ui.data_table(
    ranked,
    columns={"rank": "cmp_col_rank", **place, "tickets": "cmp_col_tickets",
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
    st.caption(ui.t("cmp_table_caption"))
    selected = ui.hall_from_table_selection(event, ranked)
    if selected:
        ui.hall_drill_button(selected, key="cmp_drill")

# --- resolution time ---------------------------------------------------------------------
st.subheader(ui.t("cmp_resolution"))
left, right = st.columns(2)
with left:
    bands = ui.query(complaints.resolution_histogram, filters)
    fig = go.Figure([
        go.Bar(x=bands["band"], y=bands["resolved"], name=ui.t("cmp_resolved_in"), marker_color=ui.PALETTE[0],
               hovertemplate="%{x}: %{y:,}<extra>" + ui.t("cmp_resolved_in") + "</extra>"),
        go.Bar(x=bands["band"], y=bands["still_open"], name=ui.t("cmp_still_open"),
               marker_color=ui.STATUS_COLOURS["bad"],
               hovertemplate="%{x}: %{y:,}<extra>" + ui.t("cmp_still_open") + "</extra>")])
    boundary = int((~bands["over_promise"]).sum()) - 0.5  # between the last band under 48 h and the first over
    fig.add_vrect(x0=boundary, x1=len(bands) - 0.5, fillcolor=ui.STATUS_BACKGROUNDS["bad"], opacity=0.5,
                  line_width=0, layer="below")
    fig.add_vline(x=boundary, line_dash="dash", line_color="#262730", annotation_text=ui.t("cmp_promise_48"),
                  annotation_position="top right")
    fig.update_xaxes(type="category", title_text=ui.t("cmp_axis_band"))
    fig.update_yaxes(title_text=ui.t("cmp_axis_tickets"))
    fig.update_layout(barmode="group", height=380)
    ui.chart_title("cmp_histogram")
    ui.chart(fig, key="cmp_histogram")
with right:
    curve = ui.query(complaints.resolution_curve, filters)
    x = [0.0, *curve["hours"]]
    y = [1.0, *curve["share_open"]]
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="lines", line_shape="hv", line=dict(color=ui.PALETTE[0], width=2),
        name=ui.t("cmp_axis_share_open"),
        hovertext=[ui.t("cmp_hover_curve", hours=f"{h:,.0f}", share=ui.format_value(s, "percent"))
                   for h, s in zip(x, y)],
        hoverinfo="text"))
    fig.add_vline(x=PROMISE, line_dash="dash", line_color="#262730", annotation_text=ui.t("cmp_promise_48"),
                  annotation_position="top right")
    if pd.notna(summary["km_median_hours"]):
        fig.add_hline(y=0.5, line_dash="dot", line_color=ui.LOW_SAMPLE_TEXT,
                      annotation_text=ui.t("cmp_km_median", km=hours(summary["km_median_hours"])),
                      annotation_position="top right")
    # The first ten days, where the promise is kept or broken; the tail is a zoom-out (double-click) away.
    fig.update_xaxes(title_text=ui.t("cmp_axis_hours"), range=[0, min(max(x), 240)], dtick=24)
    fig.update_yaxes(title_text=ui.t("cmp_axis_share_open"), tickformat=".0%", range=[0, 1.02])
    fig.update_layout(height=380, showlegend=False)
    ui.chart_title("cmp_curve")
    ui.chart(fig, key="cmp_curve")


# --- backlog and tickets ------------------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(ui.t("cmp_backlog"))
st.caption(ui.t("cmp_backlog_as_of", as_of=as_of_text, data_end=data_end.isoformat()))
open_tickets = ui.query(complaints.backlog, filters, limit=DETAIL_ROWS)
if open_tickets.empty:
    st.caption(ui.t("cmp_no_backlog"))
else:
    st.caption(ui.t("cmp_backlog_caption"))
    event = ui.data_table(
        open_tickets,
        columns={"ticket_id": "cmp_col_ticket_id", "received_at": "cmp_col_received_at",
                 "age_hours": "cmp_col_age_hours", "over_promise": "cmp_col_over_promise", "region": "col_region",
                 "city": "col_city", "hall_code": "col_hall_code", "hall_name": "col_hall_name",
                 "channel": "cmp_col_channel", "category": "cmp_col_category",
                 "sub_category": "cmp_col_sub_category", "status": "cmp_col_status", "customer": "cmp_col_customer"},
        formats={"received_at": "datetime", "age_hours": "float1", "ticket_id": "text", "customer": "text"},
        statuses={"age_hours": ["bad" if over else None for over in open_tickets["over_promise"]]},
        key="cmp_backlog", filters=filters, file_stem="complaints_backlog", selectable=True)
    selected = ui.hall_from_table_selection(event, open_tickets)
    if selected:
        ui.hall_drill_button(selected, key="cmp_backlog_drill")

st.subheader(ui.t("cmp_detail"))
st.caption(ui.t("detail_rows", n=DETAIL_ROWS) + " · " + ui.t("cmp_detail_caption"))
detail = ui.query(complaints.complaint_detail, filters, limit=DETAIL_ROWS)
ui.data_table(
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
