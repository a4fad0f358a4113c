"""Weekly review: this week against last week and the 4-week average, the halls to talk
about with a reason each, the week's staff stars; a presentation mode for the meeting-room
screen, and the week's review as HTML, Excel and PowerPoint to send round afterwards."""
import pandas as pd
import streamlit as st

from analytics import report
from analytics.metrics import weekly
from dashboard import charts, data, filter_state, formats, i18n, kpis, layout, presentation, tables, theme
from dashboard.figures import weekly as weekly_figures
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
scope = t("word_sep").join([*filters.regions, *filters.cities, *(hall_names.get(h, h) for h in filters.halls)]) \
    or t("wk_scope_all")
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

def headline_table() -> pd.DataFrame:
    rows = []
    for row, kpi in zip(headline.to_dict("records"), weekly.HEADLINE_KPIS):
        rows.append({t("wk_col_kpi"): kpis.kpi_label(kpi), t("wk_col_this"): row["this_week"],
                     t("wk_col_last"): row["last_week"], t("wk_col_change"): row["change"],
                     t("wk_col_avg"): row["average_4w"]})
    return pd.DataFrame(rows)


def headline_export_table() -> pd.DataFrame:
    # One table mixes kinds (counts, shares, scores): each KPI's values as text in its format.
    table = headline_table()
    for column in table.columns[1:]:
        table[column] = [shown(kpi, v) if column != t("wk_col_change") or pd.isna(v) else
                         (f"{v * 100:+.1f} {t('pp_unit')}" if formats.measure_format(kpi) == "percent"
                          else f"{v:+,.1f}")
                         for kpi, v in zip(weekly.HEADLINE_KPIS, table[column])]
    return table


def draw_headline() -> None:
    st.subheader(t("wk_section_headline"))
    by_key = headline.rename(columns={"this_week": "value"}).set_index("kpi")
    shown_kpis = [k for k in weekly.HEADLINE_KPIS if k in PRESENT_KPIS] if present else weekly.HEADLINE_KPIS
    kpis.headline_grid(by_key, kpis=shown_kpis, with_n=not present,
                       note=lambda row, kpi: t("wk_note", last=shown(kpi, row["last_week"]),
                                               average=shown(kpi, row["average_4w"])))


def kinds(row) -> str:
    found = [t("wk_kind_missed")] if row["missed"] else []
    found += [t("wk_kind_down")] if row["moved_down"] else []
    found += [t("wk_kind_up")] if row["moved_up"] and not row["moved_down"] else []
    found += [t("wk_kind_backlog")] if row["backlog_growing"] else []
    return t("word_sep").join(found)


def talk_table() -> pd.DataFrame:
    return pd.DataFrame({t("wk_col_hall"): talk["hall_name"], t("wk_col_city"): talk["city"],
                         t("wk_col_kind"): [kinds(r) for r in talk.to_dict("records")],
                         t("wk_col_why"): talk[f"reason_{lang}"]})


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
        st.markdown(f":{colours[kind]}-badge[{kinds(row)}] " + i18n.escape_markdown(row[f"reason_{lang}"]))
    if not present:
        st.caption(t("wk_talk_rule"))


def draw_trend() -> None:
    st.subheader(t("wk_section_trend"))
    charts.chart(weekly_figures.trend(trend, large=present), key="wk_trend_chart", large=present)


def interval_texts(frame: pd.DataFrame, key: str) -> list[str]:
    """A star's rate is from a few dozen answers or contacts: its 95% interval beside it."""
    return [formats.interval_text(lo, hi, formats.measure_format(key))
            for lo, hi in zip(frame[f"{key}_low"], frame[f"{key}_high"])]


def service_table() -> pd.DataFrame:
    return pd.DataFrame({t("wk_col_hall"): service["hall_name"], t("wk_col_staff"): service["staff_name"],
                         t("wk_col_answers"): service["responses"], t("wk_col_score"): service["mean_score"],
                         t("wk_col_csat"): service["csat"],
                         t("col_interval"): interval_texts(service, "csat")})


def sales_table() -> pd.DataFrame:
    return pd.DataFrame({t("wk_col_hall"): sales_stars["hall_name"], t("wk_col_staff"): sales_stars["staff_name"],
                         t("wk_col_contacts"): sales_stars["contacts"],
                         t("wk_col_converted"): sales_stars["converted"],
                         t("wk_col_conversion"): sales_stars["conversion"],
                         t("col_interval"): interval_texts(sales_stars, "conversion"),
                         t("wk_col_unattributed"): sales_stars["unattributed_contacts"]})


SERVICE_FORMATS = {"wk_col_answers": "int", "wk_col_score": "float1", "wk_col_csat": "percent"}
SALES_FORMATS = {"wk_col_contacts": "int", "wk_col_converted": "int", "wk_col_conversion": "percent",
                 "wk_col_unattributed": "int"}


def formats_by_header(keys: dict) -> dict:
    return {t(k): v for k, v in keys.items()}


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
            (left, t("wk_service_stars", n=weekly.STAR_MIN_ANSWERS), service_table(), SERVICE_FORMATS),
            (right, t("wk_marketing_stars", n=weekly.STAR_MIN_CONTACTS), sales_table(), SALES_FORMATS)):
        with column:
            st.markdown(f"**{title}**")
            if frame.empty:
                st.caption(t("wk_no_stars"))
            elif present:  # a table's canvas text cannot grow: one line each, a screenful at a time
                lines = star_lines(frame, column_formats)[first:first + STARS_PER_SCREEN]
                st.markdown("\n".join(f"{rank}. {line}" for rank, line in enumerate(lines, start=first + 1))
                            if lines else t("wk_no_more_stars"))
            else:
                tables.plain_table(frame, formats_by_header(column_formats), key=f"wk_stars_{len(title)}")


DRAW = {"headline": draw_headline, "talk": draw_talk, "trend": draw_trend, "stars": draw_stars}


def build_report() -> report.Report:
    return report.Report(
        title=t("wk_report_title", week=chosen),
        subtitle=[t("wk_report_period", start=week.start.isoformat(), end=week.end.isoformat(),
                    last_start=last_start.isoformat(), last_end=last_end.isoformat()),
                  t("wk_scope", scope=scope)],
        sections=[
            report.Section(t("wk_section_headline"), table=headline_export_table()),
            report.Section(t("wk_section_talk"), lines=list(talk[f"reason_{lang}"]) or [t("wk_talk_none")],
                           table=talk_table()),
            report.Section(t("wk_section_trend"), figure=theme.apply_chart_theme(weekly_figures.trend(trend)),
                           table=trend_export_table(), formats={t(f"kpi_{k}"): "percent"
                                                                for k in ("csat", "promise_48h", "conversion")}),
            report.Section(t("wk_service_stars", n=weekly.STAR_MIN_ANSWERS), table=service_table(),
                           formats=formats_by_header(SERVICE_FORMATS)),
            report.Section(t("wk_marketing_stars", n=weekly.STAR_MIN_CONTACTS), table=sales_table(),
                           formats=formats_by_header(SALES_FORMATS)),
        ])


def trend_export_table() -> pd.DataFrame:
    return pd.DataFrame({t("wk_col_week"): trend["week"],
                         **{t(f"kpi_{k}"): trend[k] for k in ("csat", "promise_48h", "conversion")}})


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
