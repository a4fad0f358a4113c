"""The 沟通100 scorecard widgets shared by its page and the hall profile."""
from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics.filters import Filters
from dashboard.chart_text import chart_point_code
from dashboard.charts import chart
from dashboard.data import comparison
from dashboard.formats import format_value, interval_text, is_missing, measure_format
from dashboard.i18n import language, t
from dashboard.kpis import kpi_label
from dashboard.tables import data_table

logger = logging.getLogger(__name__)


def scorecard_config():
    """config/scorecard.toml, or the page stops with the file's problem."""
    from analytics.metrics import scorecard

    try:
        return scorecard.load_scorecard()
    except ValueError as exc:
        logger.error("the scorecard file cannot be read: %s", exc)
        st.error(t("sc_broken", detail=str(exc)))
        st.stop()


def commitment_name(code: str) -> str:
    from analytics.metrics.scorecard import COMMITMENTS

    zh, en = COMMITMENTS[code]
    return zh if language() == "zh" else f"{zh} {en.split()[0]}"


def scorecard_comparison(comparison: pd.DataFrame, *, key: str) -> None:
    """A hall's five scores beside its city's and region's (analytics.metrics.scorecard.
    hall_comparison) as grouped bars."""
    import plotly.graph_objects as go

    from analytics.metrics.scorecard import COMMITMENTS

    fig = go.Figure()
    for level in ("hall", "city", "region"):
        part = comparison[comparison["level"] == level].set_index("commitment").reindex(list(COMMITMENTS))
        if part["name"].isna().all():
            continue
        name = part["name"].dropna().iloc[0]
        fig.add_trace(go.Bar(x=[commitment_name(c) for c in COMMITMENTS], y=part["score"],
                             name=t("sc_level_hall") if level == "hall" else t(f"sc_level_{level}", name=name),
                             text=[format_value(v, "float1") if not is_missing(v) else t("sc_no_score")
                                   for v in part["score"]], textposition="outside"))
    fig.update_yaxes(range=[0, 110], title_text=t("sc_axis_score"))
    fig.update_layout(barmode="group", height=360)
    chart(fig, key=key)


def scorecard_kpi_table(values: pd.DataFrame, *, key: str, filters: Filters, file_stem: str) -> None:
    """The KPIs behind scores: value, target, n, weight and verdict, under translated
    headers, with downloads."""
    def shown(row, column):
        value = row[column]
        return "—" if is_missing(value) else format_value(value, measure_format(row["kpi"]))

    records = values.to_dict("records")
    table = values.assign(
        commitment_name=values["commitment"].map(commitment_name), kpi_name=values["kpi"].map(kpi_label),
        value_text=[shown(r, "value") for r in records],
        interval_text=[interval_text(r["low"], r["high"], measure_format(r["kpi"])) for r in records],
        target_text=[("≥ " if r["direction"] == "min" else "≤ ") + shown(r, "target") for r in records],
        floor_text=[shown(r, "floor") for r in records],
        state_text=values["state"].map(lambda s: t(f"sc_state_{s}")))
    data_table(table, columns={"commitment_name": "sc_pick_commitment", "kpi_name": "sc_col_kpi",
                               "value_text": "sc_col_value", "interval_text": "col_interval", "n": "sc_col_n",
                               "target_text": "sc_col_target", "floor_text": "sc_col_floor",
                               "score": "sc_col_kpi_score", "weight": "sc_col_weight", "state_text": "sc_col_state"},
               formats={"n": "int", "weight": "float1", "score": "float1"}, key=key, filters=filters,
               file_stem=file_stem,
               statuses={"state_text": [{"met": "good", "missed": "bad"}.get(s) for s in values["state"]]})


def cell_picker(chart_key: str, *, hall_key: str, commitment_key: str) -> Callable[[], None]:
    """An on_select callback for the heat table `chart_key`: a clicked cell's hall and
    commitment go to the widgets `hall_key` and `commitment_key` (its drill)."""
    def pick() -> None:
        points = ((st.session_state.get(chart_key) or {}).get("selection") or {}).get("points") or []
        if points and isinstance(points[0].get("customdata"), (list, tuple)) and len(points[0]["customdata"]) >= 2:
            hall, commitment = (chart_point_code(v) for v in points[0]["customdata"][:2])
            st.session_state[hall_key], st.session_state[commitment_key] = hall, commitment

    return pick
