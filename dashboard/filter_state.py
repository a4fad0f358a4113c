"""The shared filters: sidebar widgets whose state lives in keys prefixed `flt_` (so they
survive page switches), mirrored into the URL (`from`, `to`, `region`, `city`, `hall`,
`channel`; lists joined by commas), so a link reproduces the view: a fresh session starts
from the URL. Also the per-section view toggles (`view_choice`), kept in the URL too."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics.filters import Filters
from analytics.metrics import directory
from dashboard.access import current_scope
from dashboard.connection import cached
from dashboard.data import data_bounds, hall_directory
from dashboard.formats import hall_labels
from dashboard.i18n import join, t

PERIOD_KEY, REGION_KEY, CITY_KEY, HALL_KEY = "flt_period", "flt_region", "flt_city", "flt_hall"
PRESET_KEY = "flt_period_preset"
# The filters' multiselects show no "Select all": choosing none already means all (全部), and
# Streamlit writes that option in English only.


def _url_list(name: str) -> list[str]:
    return [v.strip() for v in st.query_params.get(name, "").split(",") if v.strip()]


def _url_date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def set_url(name: str, value: str) -> None:
    """Mirror one filter into the URL; an empty value removes the parameter."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def _default_period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    start, end = directory.default_period(last)
    if end < first:  # less than one complete month of data: all of it
        return first, last
    return max(start, first), end


def _url_period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
    start, end = _url_date("from"), _url_date("to")
    if start is None or end is None:
        return None
    start, end = max(start, first), min(end, last)
    return (start, end) if start <= end else None


def _period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The chosen period; while a range is half picked, the last complete one (the URL)."""
    value = tuple(st.session_state.get(PERIOD_KEY) or ())
    if len(value) == 2:
        start, end = max(value[0], first), min(value[1], last)
        if start <= end:
            return start, end
    return _url_period(first, last) or _default_period(first, last)


def _chosen(key: str, options, url_name: str) -> list[str]:
    """The widget's selection (on a fresh session: the URL's), keeping only valid options."""
    raw = st.session_state[key] if key in st.session_state else _url_list(url_name)
    allowed = set(options)
    return [v for v in raw if v in allowed]


def _prepare(key: str, options, url_name: str) -> None:
    """Before drawing a multiselect: seed it from the URL, drop selections no longer offered."""
    chosen = _chosen(key, options, url_name)
    if st.session_state.get(key) != chosen:
        st.session_state[key] = chosen


def halls_of(filters: Filters) -> pd.DataFrame:
    """The directory's halls that `filters` choose (by region, city and hall)."""
    halls = hall_directory()
    for column, chosen in (("region", filters.regions), ("city", filters.cities), ("hall_code", filters.halls)):
        halls = _narrowed(halls, column, list(chosen))
    return halls


def _narrowed(halls: pd.DataFrame, column: str, chosen: list[str]) -> pd.DataFrame:
    return halls[halls[column].isin(chosen)] if chosen else halls


def current_filters() -> Filters:
    """The filters as they stand (no widgets drawn): what `global_filters` returned this
    run, or, on a page run on its own, the URL's choice or the defaults."""
    bounds = data_bounds()
    if bounds is None:
        return Filters(*directory.default_period(dt.date.today()), scope=current_scope())
    halls = hall_directory()
    regions = _chosen(REGION_KEY, halls["region"].unique(), "region")
    in_regions = _narrowed(halls, "region", regions)
    cities = _chosen(CITY_KEY, in_regions["city"].unique(), "city")
    hall_codes = _chosen(HALL_KEY, _narrowed(in_regions, "city", cities)["hall_code"], "hall")
    return Filters(*_period(*bounds), regions=tuple(regions), cities=tuple(cities), halls=tuple(hall_codes),
                   scope=current_scope())


def _apply_preset() -> None:
    """A preset was clicked: its days become the period (the date input shows them)."""
    name, bounds = st.session_state.get(PRESET_KEY), data_bounds()
    if name and bounds is not None:
        st.session_state[PERIOD_KEY] = directory.preset_period(name, *bounds)


def _period_presets(sidebar, first: dt.date, last: dt.date) -> None:
    """One-click periods above the date input (本月 … 全部). The highlighted one is the
    preset whose days the period is (none after dates typed by hand), the one clicked when
    two presets give the same days."""
    period = _period(first, last)
    clicked = st.session_state.get(PRESET_KEY)
    matching = [p for p in directory.PERIOD_PRESETS if directory.preset_period(p, first, last) == period]
    shown = clicked if clicked in matching else (matching[0] if matching else None)
    if st.session_state.get(PRESET_KEY) != shown:
        st.session_state[PRESET_KEY] = shown
    sidebar.pills(t("filter_preset"), directory.PERIOD_PRESETS, format_func=lambda p: t(f"preset_{p}"),
                  key=PRESET_KEY, on_change=_apply_preset)


def global_filters() -> Filters:
    """Draw the period → region → city → hall filters in the sidebar and return them.
    Options narrow down the cascade; the choice is mirrored into the URL."""
    sidebar = st.sidebar
    sidebar.subheader(t("filters"))
    bounds = data_bounds()
    if bounds is None:
        sidebar.caption(t("filters_no_data"))
        return current_filters()
    first, last = bounds
    _period_presets(sidebar, first, last)
    # The value comes from the session once a preset (or the user) has set it; passing a
    # default as well would make Streamlit warn about two sources.
    default = {} if PERIOD_KEY in st.session_state else {
        "value": _url_period(first, last) or _default_period(first, last)}
    sidebar.date_input(t("filter_period"), min_value=first, max_value=last, key=PERIOD_KEY, format="YYYY-MM-DD",
                       **default)
    if len(st.session_state[PERIOD_KEY]) < 2:
        sidebar.caption(t("filter_period_incomplete"))

    halls = hall_directory()
    options = list(halls["region"].unique())
    _prepare(REGION_KEY, options, "region")
    sidebar.multiselect(t("filter_region"), options, key=REGION_KEY, placeholder=t("filter_all"), select_all=False)
    halls = _narrowed(halls, "region", st.session_state[REGION_KEY])
    options = list(halls["city"].unique())
    _prepare(CITY_KEY, options, "city")
    sidebar.multiselect(t("filter_city"), options, key=CITY_KEY, placeholder=t("filter_all"), select_all=False)
    halls = _narrowed(halls, "city", st.session_state[CITY_KEY])
    labels = dict(zip(halls["hall_code"], hall_labels(halls)))
    _prepare(HALL_KEY, list(labels), "hall")
    sidebar.multiselect(t("filter_hall"), list(labels), key=HALL_KEY, format_func=labels.get,
                        placeholder=t("filter_all"), select_all=False)

    filters = current_filters()
    for name, value in (("from", filters.start.isoformat()), ("to", filters.end.isoformat()),
                        ("region", ",".join(filters.regions)), ("city", ",".join(filters.cities)),
                        ("hall", ",".join(filters.halls))):
        set_url(name, value)
    return filters


def view_choice(key: str, options, *, label: str, words: str):
    """A segmented control for how a section is shown (time grain, level, dimension), the
    first option by default, kept in the URL under `key` so a copied link shows the same
    view. `label` is its locale key, `words` the prefix of its options' (`words + option`)."""
    options = list(options)
    if key not in st.session_state:
        from_url = st.query_params.get(key)
        st.session_state[key] = from_url if from_url in options else options[0]
    chosen = st.segmented_control(t(label), options, required=True, format_func=lambda o: t(words + o), key=key)
    set_url(key, "" if chosen == options[0] else chosen)
    return chosen


def channel_filter(dataset: str, filters: Filters | None = None) -> Filters:
    """A sidebar multiselect of `dataset`'s channels ('surveys' or 'complaints'); returns
    the filters (default: the current ones) with those channels. Mirrored in the URL."""
    key = f"flt_channel_{dataset}"
    options = cached(directory.channel_options, dataset, current_scope())
    _prepare(key, options, "channel")
    st.sidebar.multiselect(t("filter_channel"), options, key=key, placeholder=t("filter_all"),
                           persist_state="session", select_all=False)
    chosen = tuple(st.session_state[key])
    set_url("channel", ",".join(chosen))
    return replace(filters or current_filters(), channels=chosen)


def filters_description(filters: Filters) -> list[str]:
    """The filters in words, one line each, in the current language (for exports)."""
    everything = t("filter_all")
    names = dict(zip(hall_directory()["hall_code"], hall_directory()["hall_name"]))
    lines = [t("desc_period", start=filters.start.isoformat(), end=filters.end.isoformat()),
             t("desc_regions", values=join(filters.regions) or everything),
             t("desc_cities", values=join(filters.cities) or everything),
             t("desc_halls", values=join(names.get(c, c) for c in filters.halls) or everything)]
    if filters.channels:
        lines.append(t("desc_channels", values=join(filters.channels)))
    return lines
