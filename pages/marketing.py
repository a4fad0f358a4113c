"""Marketing: contacts, conversion and revenue against the previous period; the funnel; the
trend; halls / cities / regions compared fairly; products × activity types; staff; records."""
import streamlit as st

from analytics.metrics import marketing
from dashboard import charts, data, drill, filter_state, formats, kpis, tables
from dashboard.figures import marketing as marketing_figures
from dashboard.i18n import t

KPIS = ("contacts", "interested", "converted", "conversion", "revenue", "revenue_per_contact")
kpis.page_head("marketing", "mkt", KPIS)

filters = filter_state.current_filters()
headline, _ = kpis.kpi_section(filters, KPIS, per_row=len(KPIS))
targets = kpis.current_targets()


def pct(value) -> str:
    return formats.format_value(value, "percent")


def count(value) -> str:
    return formats.format_value(value, "int")


# --- funnel and trend ----------------------------------------------------------------------
left, right = st.columns([2, 3])
with left:
    st.subheader(t("mkt_funnel"))
    stages = data.query(marketing.funnel, filters)
    charts.chart(marketing_figures.funnel(stages), key="mkt_funnel_chart")
with right:
    st.subheader(t("mkt_trend"))
    grain = filter_state.view_choice("mkt_grain", ["week", "month"], label="mkt_grain", words="grain_")
    trend = data.query(marketing.marketing_trend, filters, grain=grain)
    charts.chart(marketing_figures.trend(trend, grain, targets), key="mkt_trend_chart")
    st.caption(t("mkt_trend_caption"))

# --- halls, cities, regions ------------------------------------------------------------------
st.subheader(t("mkt_breakdown"))
by = filter_state.view_choice("mkt_by", ["hall", "city", "region"], label="mkt_by", words="by_")
ranked = data.query(marketing.conversion_by, filters, by=by).reset_index(drop=True)
charts.rate_bars(ranked, by=by, rate="conversion", n_column="contacts", target="conversion", prefix="mkt",
                 axis_key="mkt_axis_conversion", hover_values=lambda r: {"n": count(r["contacts"])},
                 x_max=marketing_figures.conversion_axis_end(ranked))

RATE_COLUMNS = {"contacts": "mkt_col_contacts", "interested": "mkt_col_interested",
                "converted": "mkt_col_converted", "conversion": "mkt_col_conversion",
                "conversion_low": "mkt_col_conversion_low", "conversion_high": "mkt_col_conversion_high",
                "revenue": "mkt_col_revenue", "revenue_per_contact": "mkt_col_revenue_per_contact"}
RATE_FORMATS = {"rank": "int", "contacts": "int", "interested": "int", "converted": "int", "conversion": "percent",
                "conversion_low": "percent", "conversion_high": "percent", "interest_rate": "percent",
                "revenue": "int", "revenue_per_contact": "float1"}
RATE_TARGETS = {"conversion": "conversion"}
event = tables.data_table(ranked, columns={"rank": "mkt_col_rank", **tables.PLACE_COLUMNS[by], **RATE_COLUMNS},
                          formats=RATE_FORMATS, targets=RATE_TARGETS, key=f"mkt_by_table_{by}", filters=filters,
                          file_stem=f"conversion_by_{by}", selectable=by == "hall")
if by == "hall":
    st.caption(t("mkt_table_caption"))
    selected = drill.hall_from_table_selection(event, ranked)
    if selected:
        drill.hall_drill_button(selected, key="mkt_drill")

# --- products and activity types --------------------------------------------------------------
st.subheader(t("mkt_products"))
dim = filter_state.view_choice("mkt_dim", ["product_category", "product_name", "activity_type"], label="mkt_dim",
                               words="mkt_dim_")
groups = data.query(marketing.conversion_by, filters, by=dim)
tables.data_table(groups, columns={"rank": "mkt_col_rank", dim: f"mkt_col_{dim}", **RATE_COLUMNS,
                                   "interest_rate": "mkt_col_interest_rate"},
                  formats=RATE_FORMATS, targets=RATE_TARGETS, key=f"mkt_dim_table_{dim}", filters=filters,
                  file_stem=f"conversion_by_{dim}")

cells = data.query(marketing.conversion_by_product_and_activity, filters)
charts.chart_title("mkt_heatmap")
charts.chart(marketing_figures.product_by_activity(cells), key="mkt_heatmap_chart")
st.caption(t("mkt_heatmap_caption"))

# --- staff ranking ------------------------------------------------------------------------------
st.subheader(t("mkt_staff"))
by_staff = data.query(marketing.conversion_by, filters, by="staff")
staff = marketing.named_staff(by_staff)
daily_contacts = marketing.unattributed_contacts(by_staff)
st.caption(t("mkt_staff_caption", n=count(daily_contacts),
             share=pct(daily_contacts / headline.loc["contacts", "value"]))
           + ("" if filters.days > 92 else " " + t("mkt_staff_short_period")))
tables.data_table(staff, columns={"rank": "mkt_col_rank", "staff_id": "mkt_col_staff_id",
                                  "staff_name": "mkt_col_staff_name", "hall_code": "col_hall_code",
                                  "hall_name": "col_hall_name", **RATE_COLUMNS},
                  formats=RATE_FORMATS, targets=RATE_TARGETS, key="mkt_staff_table", filters=filters,
                  file_stem="conversion_by_staff")

# --- the records behind the figures ------------------------------------------------------------
DETAIL_ROWS = 500
st.subheader(t("mkt_detail"))
st.caption(t("detail_rows", n=DETAIL_ROWS) + " · " + t("mkt_detail_caption"))
detail = data.query(marketing.sales_detail, filters, limit=DETAIL_ROWS)
detail["grain"] = detail["grain"].map(lambda g: t(f"mkt_grain_{g}") if g in ("contact", "daily") else g)
detail["outcome"] = detail["outcome"].map(
    lambda o: t(f"mkt_outcome_{o}") if o in ("converted", "interested", "failed") else o)
tables.data_table(detail, columns={
    "sold_at": "mkt_col_sold_at", "region": "col_region", "city": "col_city", "hall_code": "col_hall_code",
    "hall_name": "col_hall_name", "staff_id": "mkt_col_staff_id", "activity_type": "mkt_col_activity_type",
    "product_category": "mkt_col_product_category", "product_name": "mkt_col_product_name",
    "grain": "mkt_col_grain", "outcome": "mkt_col_outcome", "contacts": "mkt_col_contacts",
    "interested": "mkt_col_interested", "converted": "mkt_col_converted", "revenue": "mkt_col_revenue",
    "record_id": "mkt_col_record_id"},
    formats={"sold_at": "datetime", "contacts": "int", "interested": "int", "converted": "int", "revenue": "float1"},
    key="mkt_detail", filters=filters, file_stem="sales_records")
