"""Marketing: contacts, conversion and revenue against the previous period; the funnel; the
trend; halls / cities / regions compared fairly; products × activity types; staff; records."""
import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from analytics.metrics import marketing

KPIS = ("contacts", "interested", "converted", "conversion", "revenue", "revenue_per_contact")
ui.page_head("marketing", "mkt", KPIS)

filters = ui.current_filters()
headline, _ = ui.kpi_section(filters, KPIS, per_row=len(KPIS))
targets = ui.current_targets()


def pct(value) -> str:
    return ui.format_value(value, "percent")


def count(value) -> str:
    return ui.format_value(value, "int")


def target_text() -> str:
    return pct(targets["conversion"].value) if "conversion" in targets else ui.t("mkt_no_target")


# --- funnel and trend ----------------------------------------------------------------------
left, right = st.columns([2, 3])
with left:
    st.subheader(ui.t("mkt_funnel"))
    stages = ui.query(marketing.funnel, filters)
    names = [ui.t(f"mkt_stage_{s}") for s in stages["stage"]]
    fig = go.Figure(go.Funnel(
        y=names, x=stages["count"], marker_color=list(ui.PALETTE[:3]), textinfo="text", textposition="inside",
        text=[f"{count(c)}<br>{pct(s)}" for c, s in zip(stages["count"], stages["share_of_contacts"])],
        textfont=dict(size=12, color="white"), constraintext="none",
        hovertext=[ui.t("mkt_funnel_hover", stage=n, count=count(c), share=pct(s), previous=pct(p))
                   for n, c, s, p in zip(names, stages["count"], stages["share_of_contacts"],
                                         stages["share_of_previous"])],
        hoverinfo="text", connector=dict(fillcolor="#e8edf3", line=dict(width=0))))
    fig.update_layout(height=340, margin=dict(t=16))
    ui.chart(fig, key="mkt_funnel_chart")
with right:
    st.subheader(ui.t("mkt_trend"))
    grain = ui.view_choice("mkt_grain", ["week", "month"], label="mkt_grain", words="grain_")
    trend = ui.query(marketing.marketing_trend, filters, grain=grain)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=trend["period"], y=trend["contacts"], name=ui.t("mkt_axis_contacts"),
                         marker_color="#b9d3ea", hovertemplate="%{x|%Y-%m-%d}: %{y:,}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=trend["period"], y=trend["conversion"], mode="lines+markers", name=ui.t("mkt_axis_conversion"),
        line=dict(color=ui.PALETTE[1]),
        error_y=dict(type="data", symmetric=False, array=trend["conversion_high"] - trend["conversion"],
                     arrayminus=trend["conversion"] - trend["conversion_low"], thickness=1, width=3),
        hovertext=[ui.t("mkt_hover_trend", period=p.strftime("%Y-%m-%d"), value=pct(v), low=pct(lo), high=pct(hi),
                        n=count(n)) for p, v, lo, hi, n in
                   zip(pd.to_datetime(trend["period"]), trend["conversion"], trend["conversion_low"],
                       trend["conversion_high"], trend["contacts"])],
        hoverinfo="text"), secondary_y=True)
    if "conversion" in targets:
        fig.add_hline(y=targets["conversion"].value, secondary_y=True, line_dash="dash",
                      line_color=ui.STATUS_COLOURS["bad"],
                      label=dict(text=ui.t("mkt_target_line", value=target_text()), textposition="end",
                                 font=dict(size=11, color=ui.STATUS_COLOURS["bad"])))
    top = max(0.3, math.ceil(float(trend["conversion_high"].max()) * 1.1 * 20) / 20) if len(trend) else 0.3
    fig.update_yaxes(title_text=ui.t("mkt_axis_contacts"), secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=ui.t("mkt_axis_conversion"), tickformat=".0%", range=[0, top], secondary_y=True,
                     showgrid=False, tickmode="linear", tick0=0, dtick=0.05 if top <= 0.3 else 0.1)
    fig.update_xaxes(title_text=ui.t(f"mkt_axis_period_{grain}"), **ui.period_ticks(trend["period"], grain))
    fig.update_layout(height=300)
    ui.chart(fig, key="mkt_trend_chart")
    st.caption(ui.t("mkt_trend_caption"))

# --- halls, cities, regions ------------------------------------------------------------------
st.subheader(ui.t("mkt_breakdown"))
by = ui.view_choice("mkt_by", ["hall", "city", "region"], label="mkt_by", words="by_")
ranked = ui.query(marketing.conversion_by, filters, by=by).reset_index(drop=True)
top = max(0.3, float(ranked["conversion_high"].max()) * 1.05) if ranked["conversion_high"].notna().any() else 0.3
ui.rate_bars(ranked, by=by, rate="conversion", n_column="contacts", target="conversion", prefix="mkt",
             axis_key="mkt_axis_conversion", hover_values=lambda r: {"n": count(r["contacts"])},
             x_max=min(1.02, top))

PLACE = {"hall": {"region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
                  "hall_name": "col_hall_name"},
         "city": {"region": "col_region", "city": "col_city"}, "region": {"region": "col_region"}}
RATE_COLUMNS = {"contacts": "mkt_col_contacts", "interested": "mkt_col_interested",
                "converted": "mkt_col_converted", "conversion": "mkt_col_conversion",
                "conversion_low": "mkt_col_conversion_low", "conversion_high": "mkt_col_conversion_high",
                "revenue": "mkt_col_revenue", "revenue_per_contact": "mkt_col_revenue_per_contact"}
RATE_FORMATS = {"rank": "int", "contacts": "int", "interested": "int", "converted": "int", "conversion": "percent",
                "conversion_low": "percent", "conversion_high": "percent", "interest_rate": "percent",
                "revenue": "int", "revenue_per_contact": "float1"}
RATE_TARGETS = {"conversion": "conversion"}
event = ui.data_table(ranked, columns={"rank": "mkt_col_rank", **PLACE[by], **RATE_COLUMNS}, formats=RATE_FORMATS,
                      targets=RATE_TARGETS, key=f"mkt_by_table_{by}", filters=filters,
                      file_stem=f"conversion_by_{by}", selectable=by == "hall")
if by == "hall":
    st.caption(ui.t("mkt_table_caption"))
    selected = ui.hall_from_table_selection(event, ranked)
    if selected:
        ui.hall_drill_button(selected, key="mkt_drill")

# --- products and activity types --------------------------------------------------------------
st.subheader(ui.t("mkt_products"))
dim = ui.view_choice("mkt_dim", ["product_category", "product_name", "activity_type"], label="mkt_dim", words="mkt_dim_")
groups = ui.query(marketing.conversion_by, filters, by=dim)
ui.data_table(groups, columns={"rank": "mkt_col_rank", dim: f"mkt_col_{dim}", **RATE_COLUMNS,
                               "interest_rate": "mkt_col_interest_rate"},
              formats=RATE_FORMATS, targets=RATE_TARGETS, key=f"mkt_dim_table_{dim}", filters=filters,
              file_stem=f"conversion_by_{dim}")

cells = ui.query(marketing.conversion_by_product_and_activity, filters)
grid = {column: cells.pivot(index=["product_category", "product_name"], columns="activity_type", values=column)
        for column in ("conversion", "conversion_low", "conversion_high", "contacts", "converted", "low_sample")}
products, activities = list(grid["conversion"].index), list(grid["conversion"].columns)
z = grid["conversion"].to_numpy(dtype=float)
low = grid["low_sample"].fillna(False).astype(bool).to_numpy()
text, hover = [], []
for i, (category, product) in enumerate(products):
    text.append([("⚠ " if low[i, j] else "") + pct(z[i, j]) if pd.notna(z[i, j]) else ""
                 for j in range(len(activities))])
    hover.append([ui.t("mkt_hover_cell", product=product, activity=activity, value=pct(z[i, j]),
                       low=pct(grid["conversion_low"].iat[i, j]), high=pct(grid["conversion_high"].iat[i, j]),
                       n=count(grid["contacts"].iat[i, j]), converted=count(grid["converted"].iat[i, j]))
                  for j, activity in enumerate(activities)])
fig = go.Figure(go.Heatmap(
    z=z, x=activities, y=[f"{category} · {product}" for category, product in products], text=text,
    texttemplate="%{text}", textfont=dict(size=11), hovertext=hover, hoverinfo="text", colorscale=ui.SEQUENTIAL,
    zmin=0, zmax=max(0.4, float(cells["conversion"].max())), xgap=2, ygap=2,
    colorbar=dict(tickformat=".0%", title=dict(text=ui.t("mkt_axis_conversion"), side="right"))))
fig.update_yaxes(autorange="reversed", automargin=True, title_text=ui.t("mkt_axis_product"), type="category")
fig.update_xaxes(side="top", title_text=ui.t("mkt_axis_activity"), type="category")
fig.update_layout(height=max(300, 30 * len(products) + 120), margin=dict(t=80))
ui.chart_title("mkt_heatmap")
ui.chart(fig, key="mkt_heatmap_chart")
st.caption(ui.t("mkt_heatmap_caption"))

# --- staff ranking ------------------------------------------------------------------------------
st.subheader(ui.t("mkt_staff"))
staff = ui.query(marketing.conversion_by, filters, by="staff")
unnamed = staff[staff["staff_id"].isna()]
staff = staff[staff["staff_id"].notna()].reset_index(drop=True)
staff["rank"] = range(1, len(staff) + 1)  # the same order, numbered without the daily-report row
hall_names = ui.hall_directory().set_index("hall_code")["hall_name"]
staff["hall_name"] = staff["hall_code"].map(hall_names)
daily_contacts = int(unnamed["contacts"].sum())
st.caption(ui.t("mkt_staff_caption", n=count(daily_contacts), share=pct(daily_contacts / headline.loc["contacts", "value"]))
           + ("" if filters.days > 92 else " " + ui.t("mkt_staff_short_period")))
ui.data_table(staff, columns={"rank": "mkt_col_rank", "staff_id": "mkt_col_staff_id",
                              "staff_name": "mkt_col_staff_name", "hall_code": "col_hall_code",
                              "hall_name": "col_hall_name", **RATE_COLUMNS},
              formats=RATE_FORMATS, targets=RATE_TARGETS, key="mkt_staff_table", filters=filters,
              file_stem="conversion_by_staff")

# --- the records behind the figures ------------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(ui.t("mkt_detail"))
st.caption(ui.t("detail_rows", n=DETAIL_ROWS) + " · " + ui.t("mkt_detail_caption"))
detail = ui.query(marketing.sales_detail, filters, limit=DETAIL_ROWS)
detail["grain"] = detail["grain"].map(lambda g: ui.t(f"mkt_grain_{g}") if g in ("contact", "daily") else g)
detail["outcome"] = detail["outcome"].map(
    lambda o: ui.t(f"mkt_outcome_{o}") if o in ("converted", "interested", "failed") else o)
ui.data_table(detail, columns={
    "sold_at": "mkt_col_sold_at", "region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
    "hall_name": "col_hall_name", "staff_id": "mkt_col_staff_id", "activity_type": "mkt_col_activity_type",
    "product_category": "mkt_col_product_category", "product_name": "mkt_col_product_name",
    "grain": "mkt_col_grain", "outcome": "mkt_col_outcome", "contacts": "mkt_col_contacts",
    "interested": "mkt_col_interested", "converted": "mkt_col_converted", "revenue": "mkt_col_revenue",
    "record_id": "mkt_col_record_id"},
    formats={"sold_at": "datetime", "contacts": "int", "interested": "int", "converted": "int", "revenue": "float1"},
    key="mkt_detail", filters=filters, file_stem="sales_records")
