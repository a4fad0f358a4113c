"""The weekly review as a report (analytics.report.Report): the same sections, tables and
chart as the Weekly review page, built from the database alone, in Chinese or English. The
page draws and exports it; `python -m analytics report weekly` writes its files unattended."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from . import export, measures, report
from .chart_style import period_ticks, style
from .filters import Filters
from .metrics import weekly
from .report_text import text

TREND_KPIS = ("csat", "promise_48h", "conversion")
SERVICE_FORMATS = {"wk_col_answers": "int", "wk_col_score": "float1", "wk_col_csat": "percent"}
SALES_FORMATS = {"wk_col_contacts": "int", "wk_col_converted": "int", "wk_col_conversion": "percent",
                 "wk_col_unattributed": "int"}


def interval_texts(frame: pd.DataFrame, key: str) -> list[str]:
    """A star's rate is from a few dozen answers or contacts: its 95% interval beside it."""
    kind = measures.get(key).display_format
    return [export.interval_text(lo, hi, kind) for lo, hi in zip(frame[f"{key}_low"], frame[f"{key}_high"])]


def headline_table(headline: pd.DataFrame, lang: str) -> pd.DataFrame:
    """weekly.weekly_headline as a table of text (one table mixes counts, shares and scores:
    each KPI's values in its own format; a share's change in percentage points)."""
    rows = []
    for row, kpi in zip(headline.to_dict("records"), weekly.HEADLINE_KPIS):
        kind = measures.get(kpi).display_format
        change = row["change"]
        if pd.isna(change):
            change_text = "—"
        elif kind == "percent":
            change_text = f"{change * 100:+.1f} {text('pp_unit', lang)}"
        else:
            change_text = f"{change:+,.0f}" if kind == "int" else f"{change:+,.1f}"
        rows.append({text("wk_col_kpi", lang): measures.get(kpi).label(lang),
                     text("wk_col_this", lang): export.value_text(row["this_week"], kind),
                     text("wk_col_last", lang): export.value_text(row["last_week"], kind),
                     text("wk_col_change", lang): change_text,
                     text("wk_col_avg", lang): export.value_text(row["average_4w"], kind)})
    return pd.DataFrame(rows)


def talk_kinds(row: dict, lang: str) -> str:
    """Why a hall is on the list, in words: missed a target, moved down or up, backlog growing."""
    found = [text("wk_kind_missed", lang)] if row["missed"] else []
    found += [text("wk_kind_down", lang)] if row["moved_down"] else []
    found += [text("wk_kind_up", lang)] if row["moved_up"] and not row["moved_down"] else []
    found += [text("wk_kind_backlog", lang)] if row["backlog_growing"] else []
    return text("word_sep", lang).join(found)


def talk_table(talk: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({text("wk_col_hall", lang): talk["hall_name"], text("wk_col_city", lang): talk["city"],
                         text("wk_col_kind", lang): [talk_kinds(r, lang) for r in talk.to_dict("records")],
                         text("wk_col_why", lang): talk[f"reason_{lang}"]})


def trend_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({text("wk_col_week", lang): trend["week"],
                         **{measures.get(k).label(lang): trend[k] for k in TREND_KPIS}})


def service_table(service: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({text("wk_col_hall", lang): service["hall_name"],
                         text("wk_col_staff", lang): service["staff_name"],
                         text("wk_col_answers", lang): service["responses"],
                         text("wk_col_score", lang): service["mean_score"], text("wk_col_csat", lang): service["csat"],
                         text("col_interval", lang): interval_texts(service, "csat")})


def sales_table(sales: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({text("wk_col_hall", lang): sales["hall_name"], text("wk_col_staff", lang): sales["staff_name"],
                         text("wk_col_contacts", lang): sales["contacts"],
                         text("wk_col_converted", lang): sales["converted"],
                         text("wk_col_conversion", lang): sales["conversion"],
                         text("col_interval", lang): interval_texts(sales, "conversion"),
                         text("wk_col_unattributed", lang): sales["unattributed_contacts"]})


def formats_by_header(keys: dict, lang: str) -> dict:
    """A table's column formats keyed by its headers in `lang`."""
    return {text(k, lang): v for k, v in keys.items()}


def trend_figure(trend: pd.DataFrame, lang: str, *, large: bool = False) -> go.Figure:
    """CSAT, the 48-hour promise and conversion per week, each point labelled
    (weekly.weekly_trend); `large`: thicker lines for a meeting-room screen."""
    fig = go.Figure()
    # CSAT and the 48-hour rate run close: their labels go above and below their lines.
    for key, where in zip(TREND_KPIS, ("top center", "bottom center", "top center")):
        fig.add_trace(go.Scatter(x=trend["week_start"], y=trend[key], mode="lines+markers+text",
                                 name=measures.get(key).label(lang),
                                 text=[export.value_text(v, "percent") for v in trend[key]], textposition=where,
                                 line_width=4 if large else 2, marker_size=10 if large else 6))
    fig.update_yaxes(tickformat=".0%", title_text=text("wk_trend_value", lang), rangemode="tozero")
    fig.update_xaxes(title_text=text("wk_trend_axis", lang), **period_ticks(trend["week_start"], "week"))
    fig.update_layout(height=640 if large else 420)
    return fig


def scope_label(filters: Filters, hall_names: dict[str, str], lang: str) -> str:
    """The regions, cities and halls a review covers, in words (all regions when none)."""
    names = [*filters.regions, *filters.cities, *(hall_names.get(h, h) for h in filters.halls)]
    return text("word_sep", lang).join(names) or text("wk_scope_all", lang)


def build(con, week: Filters, label: str, *, lang: str, targets: dict, scope: str,
          now: dt.datetime | None = None, figure_style=style) -> report.Report:
    """The review of ISO week `label` (`week`: weekly.week_filters) as a Report in `lang`;
    `figure_style(fig)` gives the chart its look (the page passes its own theme)."""
    headline = weekly.weekly_headline(con, week, now=now)
    talk = weekly.halls_to_talk_about(weekly.hall_week_table(con, week, now=now), targets)
    trend = weekly.weekly_trend(con, week, now=now)
    previous = week.previous()
    return report.Report(
        title=text("wk_report_title", lang, week=label),
        subtitle=[text("wk_report_period", lang, start=week.start.isoformat(), end=week.end.isoformat(),
                       last_start=previous.start.isoformat(), last_end=previous.end.isoformat()),
                  text("wk_scope", lang, scope=scope)],
        sections=[
            report.Section(text("wk_section_headline", lang), table=headline_table(headline, lang)),
            report.Section(text("wk_section_talk", lang), lines=list(talk[f"reason_{lang}"])
                           or [text("wk_talk_none", lang)], table=talk_table(talk, lang)),
            report.Section(text("wk_section_trend", lang), figure=figure_style(trend_figure(trend, lang)),
                           table=trend_table(trend, lang),
                           formats={measures.get(k).label(lang): "percent" for k in TREND_KPIS}),
            report.Section(text("wk_service_stars", lang, n=weekly.STAR_MIN_ANSWERS),
                           table=service_table(weekly.service_stars(con, week), lang),
                           formats=formats_by_header(SERVICE_FORMATS, lang)),
            report.Section(text("wk_marketing_stars", lang, n=weekly.STAR_MIN_CONTACTS),
                           table=sales_table(weekly.marketing_stars(con, week), lang),
                           formats=formats_by_header(SALES_FORMATS, lang)),
        ])
