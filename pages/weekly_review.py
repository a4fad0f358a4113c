"""Weekly review: this week against last week and the 4-week average, the halls to talk
about with a reason each, the week's staff stars; a presentation mode for the meeting-room
screen, and the week's review as HTML, Excel and PowerPoint to send round afterwards."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from analytics import report
from analytics.metrics import weekly

SECTIONS = ("headline", "talk", "trend", "stars")
# On the meeting-room screen, two KPIs per area: what fits one screen in large type.
TALK_PER_SCREEN = 8  # halls to talk about that fit one screen in large type
PRESENT_KPIS = ("csat", "nps", "promise_48h", "carried_over_48h", "conversion", "revenue", "coverage_12m",
                "onboarding_rate_12m")

present = ui.presentation_mode()
if not present:
    st.title(ui.t("page_weekly"))
    st.caption(ui.t("wk_intro"))

bounds = ui.data_bounds()
weeks = weekly.complete_weeks(*bounds) if bounds else []
if not weeks:
    if bounds is None:
        ui.empty_state("empty_database")
    else:
        st.info(ui.t("wk_no_week"))
    st.stop()

# --- the week: ?week=2026-W43, default the last complete week --------------------------
labels = {weekly.week_label(*w): w for w in weeks}
filters = ui.current_filters()
# The week follows the sidebar period: its last complete week (the data's last one when the
# period holds none). A ?week= link, or a week picked here, wins until the period changes.
in_period = weekly.complete_weeks(filters.start, filters.end)
follows_period = bool(in_period)
period_week = weekly.week_label(*(in_period or weeks)[0])
from_url = st.query_params.get("week")
period = (filters.start, filters.end)
if st.session_state.get("wk_period") != period:
    if "wk_period" in st.session_state or from_url not in labels:  # a new period (or a fresh link without a week)
        st.session_state["wk_week"] = period_week
    st.session_state["wk_period"] = period
if st.session_state.get("wk_week") not in labels:
    st.session_state["wk_week"] = from_url if from_url in labels else period_week


def week_option(label: str) -> str:
    start, end = weekly.week_bounds(*labels[label])
    return ui.t("wk_week_option", label=label, start=start.isoformat(), end=end.isoformat())


picker, toggle = st.columns([3, 1], vertical_alignment="bottom")
chosen = picker.selectbox(ui.t("wk_week"), list(labels), format_func=week_option, key="wk_week")
st.query_params["week"] = chosen
toggle.toggle(ui.t("wk_present"), key=ui.PRESENT_KEY, help=ui.t("wk_present_help"))

week = weekly.week_filters(filters, *labels[chosen])
last_start, last_end = week.previous().start, week.previous().end
directory = ui.hall_directory()
hall_names = dict(zip(directory["hall_code"], directory["hall_name"]))
scope = ui.t("word_sep").join([*filters.regions, *filters.cities, *(hall_names.get(h, h) for h in filters.halls)]) \
    or ui.t("wk_scope_all")
if not present:
    period_text = {"start": filters.start.isoformat(), "end": filters.end.isoformat()}
    st.caption(ui.t("wk_follows_period" if chosen == period_week and follows_period else
                    "wk_own_week" if follows_period else "wk_no_week_in_period", **period_text))
targets = ui.current_targets()

headline = ui.query(weekly.weekly_headline, week)
hall_weeks = ui.query(weekly.hall_week_table, week)
talk = weekly.halls_to_talk_about(hall_weeks, targets)
trend = ui.query(weekly.weekly_trend, week)
service = ui.query(weekly.service_stars, week)
sales_stars = ui.query(weekly.marketing_stars, week)
lang = ui.language()


def shown(kpi: str, value) -> str:
    return ui.format_value(value, ui.measure_format(kpi))


# --- the sections, each drawn on the page and laid out for the exports --------------------

def headline_table() -> pd.DataFrame:
    rows = []
    for row, kpi in zip(headline.to_dict("records"), weekly.HEADLINE_KPIS):
        rows.append({ui.t("wk_col_kpi"): ui.kpi_label(kpi), ui.t("wk_col_this"): row["this_week"],
                     ui.t("wk_col_last"): row["last_week"], ui.t("wk_col_change"): row["change"],
                     ui.t("wk_col_avg"): row["average_4w"]})
    return pd.DataFrame(rows)


def headline_export_table() -> pd.DataFrame:
    # One table mixes kinds (counts, shares, scores): each KPI's values as text in its format.
    table = headline_table()
    for column in table.columns[1:]:
        table[column] = [shown(kpi, v) if column != ui.t("wk_col_change") or pd.isna(v) else
                         (f"{v * 100:+.1f} {ui.t('pp_unit')}" if ui.measure_format(kpi) == "percent" else f"{v:+,.1f}")
                         for kpi, v in zip(weekly.HEADLINE_KPIS, table[column])]
    return table


def draw_headline() -> None:
    st.subheader(ui.t("wk_section_headline"))
    by_key = headline.rename(columns={"this_week": "value"}).set_index("kpi")
    shown_kpis = [k for k in weekly.HEADLINE_KPIS if k in PRESENT_KPIS] if present else weekly.HEADLINE_KPIS
    ui.headline_grid(by_key, kpis=shown_kpis, with_n=not present,
                     note=lambda row, kpi: ui.t("wk_note", last=shown(kpi, row["last_week"]),
                                                average=shown(kpi, row["average_4w"])))


def kinds(row) -> str:
    found = [ui.t("wk_kind_missed")] if row["missed"] else []
    found += [ui.t("wk_kind_down")] if row["moved_down"] else []
    found += [ui.t("wk_kind_up")] if row["moved_up"] and not row["moved_down"] else []
    found += [ui.t("wk_kind_backlog")] if row["backlog_growing"] else []
    return ui.t("word_sep").join(found)


def talk_table() -> pd.DataFrame:
    return pd.DataFrame({ui.t("wk_col_hall"): talk["hall_name"], ui.t("wk_col_city"): talk["city"],
                         ui.t("wk_col_kind"): [kinds(r) for r in talk.to_dict("records")],
                         ui.t("wk_col_why"): talk[f"reason_{lang}"]})


def draw_talk(part: int | None = None) -> None:
    """All the halls, or (presentation mode) the `part`-th screenful of them."""
    rows = talk.to_dict("records")
    title = ui.t("wk_section_talk")
    if part is not None and len(rows) > TALK_PER_SCREEN:
        pages = -(-len(rows) // TALK_PER_SCREEN)
        title += f" ({part + 1}/{pages})"
        rows = rows[part * TALK_PER_SCREEN:(part + 1) * TALK_PER_SCREEN]
    st.subheader(title)
    if talk.empty:
        st.success(ui.t("wk_talk_none"))
        return
    colours = {"missed": "red", "down": "orange", "up": "green", "backlog": "red"}
    for row in rows:
        kind = ("missed" if row["missed"] else "down" if row["moved_down"] else "up" if row["moved_up"]
                else "backlog")
        # The reason holds hall names and complaint categories from uploads: shown as text.
        st.markdown(f":{colours[kind]}-badge[{kinds(row)}] " + ui.escape_markdown(row[f"reason_{lang}"]))
    if not present:
        st.caption(ui.t("wk_talk_rule"))


def trend_figure() -> go.Figure:
    fig = go.Figure()
    # CSAT and the 48-hour rate run close: their labels go above and below their lines.
    for key, where in (("csat", "top center"), ("promise_48h", "bottom center"), ("conversion", "top center")):
        fig.add_trace(go.Scatter(x=trend["week_start"], y=trend[key], mode="lines+markers+text", name=ui.kpi_label(key),
                                 text=[ui.format_value(v, "percent") for v in trend[key]], textposition=where,
                                 line_width=4 if present else 2, marker_size=10 if present else 6))
    fig.update_yaxes(tickformat=".0%", title_text=ui.t("wk_trend_value"), rangemode="tozero")
    fig.update_xaxes(title_text=ui.t("wk_trend_axis"), **ui.period_ticks(trend["week_start"], "week"))
    fig.update_layout(height=640 if present else 420)
    return fig


def draw_trend() -> None:
    st.subheader(ui.t("wk_section_trend"))
    ui.chart(trend_figure(), key="wk_trend_chart", large=present)


def interval_texts(frame: pd.DataFrame, key: str) -> list[str]:
    """A star's rate is from a few dozen answers or contacts: its 95% interval beside it."""
    return [ui.interval_text(lo, hi, ui.measure_format(key)) for lo, hi in zip(frame[f"{key}_low"], frame[f"{key}_high"])]


def service_table() -> pd.DataFrame:
    return pd.DataFrame({ui.t("wk_col_hall"): service["hall_name"], ui.t("wk_col_staff"): service["staff_name"],
                         ui.t("wk_col_answers"): service["responses"], ui.t("wk_col_score"): service["mean_score"],
                         ui.t("wk_col_csat"): service["csat"],
                         ui.t("col_interval"): interval_texts(service, "csat")})


def sales_table() -> pd.DataFrame:
    return pd.DataFrame({ui.t("wk_col_hall"): sales_stars["hall_name"], ui.t("wk_col_staff"): sales_stars["staff_name"],
                         ui.t("wk_col_contacts"): sales_stars["contacts"],
                         ui.t("wk_col_converted"): sales_stars["converted"],
                         ui.t("wk_col_conversion"): sales_stars["conversion"],
                         ui.t("col_interval"): interval_texts(sales_stars, "conversion"),
                         ui.t("wk_col_unattributed"): sales_stars["unattributed_contacts"]})


SERVICE_FORMATS = {"wk_col_answers": "int", "wk_col_score": "float1", "wk_col_csat": "percent"}
SALES_FORMATS = {"wk_col_contacts": "int", "wk_col_converted": "int", "wk_col_conversion": "percent",
                 "wk_col_unattributed": "int"}


def formats(keys: dict) -> dict:
    return {ui.t(k): v for k, v in keys.items()}


def draw_stars() -> None:
    st.subheader(ui.t("wk_section_stars"))
    left, right = st.columns(2)
    for column, title, frame, column_formats in (
            (left, ui.t("wk_service_stars", n=weekly.STAR_MIN_ANSWERS), service_table(), SERVICE_FORMATS),
            (right, ui.t("wk_marketing_stars", n=weekly.STAR_MIN_CONTACTS), sales_table(), SALES_FORMATS)):
        with column:
            st.markdown(f"**{title}**")
            if frame.empty:
                st.caption(ui.t("wk_no_stars"))
            else:
                ui.plain_table(frame, formats(column_formats), key=f"wk_stars_{len(title)}")


DRAW = {"headline": draw_headline, "talk": draw_talk, "trend": draw_trend, "stars": draw_stars}


def build_report() -> report.Report:
    return report.Report(
        title=ui.t("wk_report_title", week=chosen),
        subtitle=[ui.t("wk_report_period", start=week.start.isoformat(), end=week.end.isoformat(),
                       last_start=last_start.isoformat(), last_end=last_end.isoformat()),
                  ui.t("wk_scope", scope=scope)],
        sections=[
            report.Section(ui.t("wk_section_headline"), table=headline_export_table()),
            report.Section(ui.t("wk_section_talk"), lines=list(talk[f"reason_{lang}"]) or [ui.t("wk_talk_none")],
                           table=talk_table()),
            report.Section(ui.t("wk_section_trend"), figure=ui.apply_chart_theme(trend_figure()),
                           table=trend_export_table(), formats={ui.t(f"kpi_{k}"): "percent"
                                                                for k in ("csat", "promise_48h", "conversion")}),
            report.Section(ui.t("wk_service_stars", n=weekly.STAR_MIN_ANSWERS), table=service_table(),
                           formats=formats(SERVICE_FORMATS)),
            report.Section(ui.t("wk_marketing_stars", n=weekly.STAR_MIN_CONTACTS), table=sales_table(), formats=formats(SALES_FORMATS)),
        ])


def trend_export_table() -> pd.DataFrame:
    return pd.DataFrame({ui.t("wk_col_week"): trend["week"],
                         **{ui.t(f"kpi_{k}"): trend[k] for k in ("csat", "promise_48h", "conversion")}})


def exports() -> None:
    st.subheader(ui.t("wk_export"))
    stem = f"weekly_review_{chosen}"
    row = st.container(horizontal=True)
    row.download_button(ui.t("wk_export_html"), key="wk_export_html", on_click="ignore", icon=":material/html:",
                        file_name=f"{stem}.html", mime="text/html", data=lambda: report.to_html(build_report()))
    row.download_button(ui.t("wk_export_excel"), key="wk_export_excel", on_click="ignore", icon=":material/table:",
                        file_name=f"{stem}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        data=lambda: report.to_excel(build_report()))
    if ui.image_export_available():
        row.download_button(ui.t("wk_export_pptx"), key="wk_export_pptx", on_click="ignore",
                            icon=":material/slideshow:", file_name=f"{stem}.pptx",
                            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            data=lambda: report.to_pptx(build_report()))
    else:
        st.caption(ui.t("wk_export_no_pptx"))


if present:
    # One screen per section; the halls to talk about take as many screens as they need.
    screens = [("headline", None), *(("talk", part) for part in range(max(1, -(-len(talk) // TALK_PER_SCREEN)))),
               ("trend", None), ("stars", None)]
    page = ui.presentation_page(len(screens))
    st.markdown(f"## {ui.t('wk_report_title', week=chosen)} · {ui.escape_markdown(scope)}")
    name, part = screens[page]
    if name == "talk":
        draw_talk(part)
    else:
        DRAW[name]()
    ui.presentation_controls(len(screens), page)
else:
    st.caption(ui.t("wk_report_period", start=week.start.isoformat(), end=week.end.isoformat(),
                    last_start=last_start.isoformat(), last_end=last_end.isoformat()) + " · "
               + ui.t_markdown("wk_scope", scope=scope))
    for name in SECTIONS:
        DRAW[name]()
    st.divider()
    exports()
