"""Weekly review: this week against last week and the 4-week average, the halls to talk
about with a reason each, the week's staff stars; a presentation mode for the meeting-room
screen, and the week's review as HTML, Excel and PowerPoint to send round afterwards."""
from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import report, weekly_report
from analytics.metrics import weekly
from dashboard import (access, charts, connection, data, filter_state, formats, i18n, kpis, layout, presentation,
                       tables, theme)
from dashboard.i18n import t, t_markdown

SECTIONS = ("headline", "talk", "trend", "stars")
# On the meeting-room screen, two KPIs per area: what fits one screen in large type.
TALK_PER_SCREEN = 8  # halls to talk about that fit one screen in large type
STARS_PER_SCREEN = 5  # stars per side and screen on the shared screen, one line each in large type
PRESENT_KPIS = ("csat", "nps", "promise_48h", "carried_over_48h", "conversion", "revenue", "coverage_12m",
                "onboarding_rate_12m")

present = presentation.presentation_mode()
if not present:
    st.title(t("page_weekly"))
    st.caption(t("wk_intro"))

bounds = data.data_bounds()
weeks = weekly.complete_weeks(*bounds) if bounds else []
if not weeks:
    if bounds is None:
        layout.empty_state("empty_database")
    else:
        st.info(t("wk_no_week"))
    st.stop()

# --- the week: ?week=2026-W43, default the last complete week --------------------------
labels = {weekly.week_label(*w): w for w in weeks}
filters = filter_state.current_filters()
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
    return t("wk_week_option", label=label, start=start.isoformat(), end=end.isoformat())


picker, toggle = st.columns([3, 1], vertical_alignment="bottom")
chosen = picker.selectbox(t("wk_week"), list(labels), format_func=week_option, key="wk_week")
st.query_params["week"] = chosen
toggle.toggle(t("wk_present"), key=presentation.PRESENT_KEY, help=t("wk_present_help"))

week = weekly.week_filters(filters, *labels[chosen])
last_start, last_end = week.previous().start, week.previous().end
directory = data.hall_directory()
hall_names = dict(zip(directory["hall_code"], directory["hall_name"]))
scope = weekly_report.scope_label(filters, hall_names, i18n.language())
if not present:
    period_text = {"start": filters.start.isoformat(), "end": filters.end.isoformat()}
    st.caption(t("wk_follows_period" if chosen == period_week and follows_period else
                    "wk_own_week" if follows_period else "wk_no_week_in_period", **period_text))
targets = kpis.current_targets()

headline = data.query(weekly.weekly_headline, week)
hall_weeks = data.query(weekly.hall_week_table, week)
talk = weekly.halls_to_talk_about(hall_weeks, targets)
trend = data.query(weekly.weekly_trend, week)
service = data.query(weekly.service_stars, week)
sales_stars = data.query(weekly.marketing_stars, week)
lang = i18n.language()


def shown(kpi: str, value) -> str:
    return formats.format_value(value, formats.measure_format(kpi))


# --- the sections, each drawn on the page and laid out for the exports --------------------

def draw_headline() -> None:
    st.subheader(t("wk_section_headline"))
    by_key = headline.rename(columns={"this_week": "value"}).set_index("kpi")
    shown_kpis = [k for k in weekly.HEADLINE_KPIS if k in PRESENT_KPIS] if present else weekly.HEADLINE_KPIS
    kpis.headline_grid(by_key, kpis=shown_kpis, with_n=not present,
                       note=lambda row, kpi: t("wk_note", last=shown(kpi, row["last_week"]),
                                               average=shown(kpi, row["average_4w"])))


def draw_talk(part: int | None = None) -> None:
    """All the halls, or (presentation mode) the `part`-th screenful of them."""
    rows = talk.to_dict("records")
    title = t("wk_section_talk")
    if part is not None and len(rows) > TALK_PER_SCREEN:
        pages = -(-len(rows) // TALK_PER_SCREEN)
        title += f" ({part + 1}/{pages})"
        rows = rows[part * TALK_PER_SCREEN:(part + 1) * TALK_PER_SCREEN]
    st.subheader(title)
    if talk.empty:
        st.success(t("wk_talk_none"))
        return
    colours = {"missed": "red", "down": "orange", "up": "green", "backlog": "red"}
    for row in rows:
        kind = ("missed" if row["missed"] else "down" if row["moved_down"] else "up" if row["moved_up"]
                else "backlog")
        # The reason holds hall names and complaint categories from uploads: shown as text.
        st.markdown(f":{colours[kind]}-badge[{weekly_report.talk_kinds(row, lang)}] "
                    + i18n.escape_markdown(row[f"reason_{lang}"]))
    if not present:
        st.caption(t("wk_talk_rule"))


def draw_trend() -> None:
    st.subheader(t("wk_section_trend"))
    charts.chart(weekly_report.trend_figure(trend, lang, large=present), key="wk_trend_chart", large=present)


def star_lines(frame: pd.DataFrame, column_formats: dict) -> list[str]:
    """Each star as "hall · name — figures" (uploaded names escaped: the line is Markdown)."""
    hall, staff = t("wk_col_hall"), t("wk_col_staff")
    figures = [(t(key), kind) for key, kind in column_formats.items() if key != "wk_col_unattributed"]
    return [f"**{i18n.escape_markdown(row[hall])} · {i18n.escape_markdown(row[staff])}** — "
            + t("list_sep").join(f"{label} {formats.format_value(row[label], kind)}" for label, kind in figures)
            for row in frame.to_dict("records")]


def star_screens() -> int:
    """How many screens the stars take on the shared screen, STARS_PER_SCREEN a side each."""
    return max(1, -(-max(len(service), len(sales_stars)) // STARS_PER_SCREEN))


def draw_stars(part: int | None = None) -> None:
    """All the stars, or (presentation mode) the `part`-th screenful of each kind."""
    title = t("wk_section_stars")
    if part is not None and star_screens() > 1:
        title += f" ({part + 1}/{star_screens()})"
    st.subheader(title)
    first = (part or 0) * STARS_PER_SCREEN
    left, right = st.columns(2)
    for column, title, frame, column_formats in (
            (left, t("wk_service_stars", n=weekly.STAR_MIN_ANSWERS), weekly_report.service_table(service, lang),
             weekly_report.SERVICE_FORMATS),
            (right, t("wk_marketing_stars", n=weekly.STAR_MIN_CONTACTS), weekly_report.sales_table(sales_stars, lang),
             weekly_report.SALES_FORMATS)):
        with column:
            st.markdown(f"**{title}**")
            if frame.empty:
                st.caption(t("wk_no_stars"))
            elif present:  # a table's canvas text cannot grow: one line each, a screenful at a time
                lines = star_lines(frame, column_formats)[first:first + STARS_PER_SCREEN]
                st.markdown("\n".join(f"{rank}. {line}" for rank, line in enumerate(lines, start=first + 1))
                            if lines else t("wk_no_more_stars"))
            else:
                tables.plain_table(frame, weekly_report.formats_by_header(column_formats, lang),
                                  key=f"wk_stars_{len(title)}")


DRAW = {"headline": draw_headline, "talk": draw_talk, "trend": draw_trend, "stars": draw_stars}


def build_report() -> report.Report:
    """The week's report, as the report command writes it, in the page's chart look; the
    signed-in user's scope applies to it as to every query of the page."""
    return weekly_report.build(connection.cursor(), scoped_week, chosen, lang=lang, targets=targets, scope=scope,
                               figure_style=theme.apply_chart_theme)


# Read while the page runs: a download's data is made later, outside this run and its session.
scoped_week = replace(week, scope=access.current_scope())


def exports() -> None:
    st.subheader(t("wk_export"))
    stem = f"weekly_review_{chosen}"
    row = st.container(horizontal=True)
    row.download_button(t("wk_export_html"), key="wk_export_html", on_click="ignore", icon=":material/html:",
                        file_name=f"{stem}.html", mime="text/html", data=lambda: report.to_html(build_report()))
    row.download_button(t("wk_export_excel"), key="wk_export_excel", on_click="ignore", icon=":material/table:",
                        file_name=f"{stem}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        data=lambda: report.to_excel(build_report()))
    if charts.image_export_available():
        row.download_button(t("wk_export_pptx"), key="wk_export_pptx", on_click="ignore",
                            icon=":material/slideshow:", file_name=f"{stem}.pptx",
                            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            data=lambda: report.to_pptx(build_report()))
    else:
        st.caption(t("wk_export_no_pptx"))


if present:
    # One screen per section; the halls to talk about take as many screens as they need.
    screens = [("headline", None), *(("talk", part) for part in range(max(1, -(-len(talk) // TALK_PER_SCREEN)))),
               ("trend", None), *(("stars", part) for part in range(star_screens()))]
    page = presentation.presentation_page(len(screens))
    st.markdown(f"## {t('wk_report_title', week=chosen)} · {i18n.escape_markdown(scope)}")
    name, part = screens[page]
    if name in ("talk", "stars"):
        DRAW[name](part)
    else:
        DRAW[name]()
    presentation.presentation_controls(len(screens), page)
else:
    st.caption(t("wk_report_period", start=week.start.isoformat(), end=week.end.isoformat(),
                 last_start=last_start.isoformat(), last_end=last_end.isoformat()) + " · "
               + t_markdown("wk_scope", scope=scope))
    for name in SECTIONS:
        DRAW[name]()
    st.divider()
    exports()
