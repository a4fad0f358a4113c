"""KPI widgets: the page head, the KPI strip and its tiles, the "指标口径" explainer, and
each KPI's status against the targets file; every label and definition comes from
analytics.measures."""
from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics import measures
from analytics.filters import Filters
from analytics.stats import LOW_SAMPLE
from analytics.targets import judge, load_targets
from dashboard.data import comparison_caption, has_data, headline
from dashboard.formats import format_value, interval_text, is_missing, measure_format
from dashboard.i18n import language, t
from dashboard.layout import empty_state
from dashboard.theme import STATUS_DOT

logger = logging.getLogger(__name__)


def kpi_label(key: str) -> str:
    """A KPI's name in the user's language, from its declaration (analytics.measures)."""
    return measures.get(key).label(language())


def judged(name: str, value, low=None, high=None, n=None) -> str | None:
    """good / warn / bad against target `name` of config/targets.toml (see targets.judge)."""
    return judge(current_targets().get(name), value, n=n, low=low, high=high, min_n=LOW_SAMPLE)


def page_head(page: str, prefix: str, kpis) -> None:
    """Every analysis page's head: its title (`page_<page>`), its intro (`<prefix>_intro`),
    its "指标口径" (`how_computed` with the notes `<prefix>_definitions`), and the
    empty-database message — where the page stops."""
    st.title(t(f"page_{page}"))
    st.caption(t(f"{prefix}_intro"))
    how_computed(kpis, f"{prefix}_definitions")
    if not has_data():
        empty_state("empty_database")
        st.stop()


def kpi_section(filters: Filters, kpis, *, per_row: int = 4,
                note: Callable[[pd.Series, str], str | None] | None = None) -> tuple[pd.DataFrame, list]:
    """An area page's KPIs for `filters`: what they are compared with, written out, then the
    `kpi_strip`; the no-data message instead (and the page stops) when the first KPI, the
    page's count, is zero. Returns (the headline, the last row's unused columns)."""
    figures = headline(filters, kpis)
    if not figures.loc[kpis[0], "value"]:
        empty_state("no_data")
        st.stop()
    st.caption(comparison_caption(filters))
    return figures, kpi_strip(figures, kpis=kpis, per_row=per_row, note=note)


def how_computed(kpis, notes_key: str | None = None) -> None:
    """A page's "指标口径": each KPI of `kpis` with its definition, interval and target, from
    its declaration (so it cannot go stale), then the page's notes on its charts and tables
    (`notes_key`, a locale entry) and the comparison rule every change follows."""
    targets = current_targets()
    lines = []
    for key in dict.fromkeys(kpis):
        measure = measures.get(key)
        facts = [t(f"how_interval_{measure.interval}", n=measure.min_n)] if measure.interval else []
        target = targets.get(measure.target) if measure.target else None
        if target is not None:
            facts.append(t(f"kpi_target_{target.direction}", target=format_value(target.value, measure_format(key))))
        lines.append(t("how_line", label=kpi_label(key), definition=measure.definition(language())))
        if facts:
            lines[-1] += " " + t("how_facts", facts=t("word_sep").join(facts))
    with st.expander(t("how_computed")):
        st.markdown("\n".join(lines))
        if notes_key:
            st.markdown(t(notes_key))
        st.markdown(t("how_change"))


def headline_grid(headline: pd.DataFrame, *, kpis, with_n: bool = True,
                  note: Callable[[pd.Series, str], str | None] | None = None) -> None:
    """The four areas side by side, each KPI key of `kpis` from `headline` (indexed by kpi,
    from analytics.metrics.overview.headline) as a `kpi_tile`."""
    targets = current_targets()
    for area, column in zip(measures.AREAS, st.columns(len(measures.AREAS))):
        with column.container(border=True):
            st.markdown(f"**{t('ov_area_' + area)}**")
            for key in kpis:
                if measures.get(key).area == area:
                    kpi_tile(headline.loc[key], key, targets, with_n=with_n, note=note)


def kpi_strip(headline: pd.DataFrame, *, kpis, per_row: int = 4,
              note: Callable[[pd.Series, str], str | None] | None = None) -> list:
    """An area page's KPIs: each key of `kpis` from `headline` (indexed by kpi) as a
    `kpi_tile`, `per_row` to a row. Returns the last row's unused columns (for a figure
    that is not a declared KPI, such as a median)."""
    targets, spare = current_targets(), []
    for first in range(0, len(kpis), per_row):
        slots = st.columns(per_row)
        for key, slot in zip(kpis[first:first + per_row], slots):
            with slot:
                kpi_tile(headline.loc[key], key, targets, note=note)
        spare = slots[len(kpis[first:first + per_row]):]
    return spare


def kpi_tile(row: pd.Series, key: str, targets: dict, *, with_n: bool = True,
             note: Callable[[pd.Series, str], str | None] | None = None) -> None:
    """One KPI, the same on every page: its label from the declaration after a dot for its
    target status (none when it cannot be judged) and ⚠ when its n is below the KPI's
    minimum; the value and its change (grey unless the measures layer's test calls it
    significant); the definition and target as help; under it n, the 95% interval and the
    change's verdict. `row` is a headline row (value, low, high, n, change, verdict),
    `targets` those of `current_targets` (read once per grid); `note(row, key)` adds a line
    (the weekly review's last week and 4-week average)."""
    measure = measures.get(key)
    fmt = measure_format(key)
    n = row.get("n")
    target = targets.get(measure.target) if measure.target else None
    status = judge(target, row["value"], n=n if measure.n_column else None, low=row.get("low"),
                   high=row.get("high"), min_n=measure.min_n)
    warning = "⚠" if measure.n_column and measures.too_few(measure, n) and not is_missing(row["value"]) else ""
    verdict = row.get("verdict")
    label = " ".join(p for p in (STATUS_DOT.get(status, ""), warning, kpi_label(key)) if p)
    help_text = measure.definition(language())
    if target is not None:
        help_text += "\n\n" + t(f"kpi_target_{target.direction}", target=format_value(target.value, fmt))
    kpi(label, row["value"], row.get("change"), fmt=fmt, delta_good="up" if measure.higher_is_better else "down",
        significant=None if is_missing(verdict) else verdict == measures.SIGNIFICANT, help=help_text)
    facts = []
    if with_n and measure.n_column and not is_missing(n):
        # a rate's n is its exposure (contacts, answers), not a sample size
        facts.append(t("kpi_base_help" if measure.kind == "rate" else "kpi_n_help", n=f"{n:,.0f}"))
    if with_n and not is_missing(row.get("low")):
        facts.append(interval_text(row["low"], row["high"], fmt))
    if not is_missing(verdict) and not is_missing(row.get("change")):
        facts.append(t(f"kpi_verdict_{verdict}"))
    extra = note(row, key) if note else None
    if extra:
        facts.append(extra)
    if facts:
        st.caption(t("list_sep").join(facts))


def kpi(label: str, value, delta=None, *, fmt: str, help: str | None = None, delta_good: str = "up",
        significant: bool | None = None) -> None:
    """st.metric with formatted value and delta; the delta is green when it moves the good
    way (`delta_good` "up" or "down"), grey when it rounds to zero or when a test called it
    noise or could not be made (`significant` False). Percent deltas are in percentage points."""
    text, colour, arrow = None, "normal" if delta_good == "up" else "inverse", "auto"
    if not is_missing(delta):
        shown, digits = (delta * 100, 1) if fmt == "percent" else (delta, 0 if fmt == "int" else 1)
        text = f"{shown:+,.{digits}f}" + (f" {t('pp_unit')}" if fmt == "percent" else "")
        if round(shown, digits) == 0:
            colour, arrow = "off", "off"
        elif significant is False:
            colour = "off"
    st.metric(label, format_value(value, fmt), text, delta_color=colour, delta_arrow=arrow, help=help)


def current_targets() -> dict:
    """The targets of config/targets.toml (read on every call, so edits apply at once); a
    broken file is reported on the page and colours nothing."""
    try:
        return load_targets()
    except ValueError as exc:
        logger.warning("the targets file cannot be read: %s", exc)
        st.warning(t("targets_unreadable", detail=str(exc)))
        return {}


def ranking_rows(ranking: pd.DataFrame) -> pd.DataFrame:
    """overview.hall_ranking with its values written out for a table: the KPI's label, the
    value, its interval, the best in the region, and "3 / 12" for each rank."""
    kinds = [measure_format(k) for k in ranking["kpi"]]
    return ranking.assign(
        kpi_label=[kpi_label(k) for k in ranking["kpi"]],
        city_place=[t("hp_rank_of", rank=r, of=n) for r, n in zip(ranking["city_rank"], ranking["city_halls"])],
        region_place=[t("hp_rank_of", rank=r, of=n) for r, n in zip(ranking["region_rank"], ranking["region_halls"])],
        value_text=[format_value(v, kind) for v, kind in zip(ranking["value"], kinds)],
        interval_text=[interval_text(lo, hi, kind) for lo, hi, kind in zip(ranking["low"], ranking["high"], kinds)],
        region_best_text=[format_value(v, kind) for v, kind in zip(ranking["region_best"], kinds)])
