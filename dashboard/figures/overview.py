"""The overview's trouble map."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.formats import format_value, measure_format
from dashboard.i18n import t
from dashboard.kpis import kpi_label
from dashboard.theme import STATUS_BACKGROUNDS

_STATUS_LEVEL = {"good": 0, "warn": 1, "bad": 2}


def trouble_map(values: pd.DataFrame, statuses: pd.DataFrame, hall_names: dict[str, str]) -> go.Figure:
    """One row per hall (in the grids' order), one column per KPI, each cell coloured by its
    status and showing its value; `values` and `statuses` are overview.judged_grid frames."""
    kpis = list(values.columns)
    order = list(values.index)
    kinds = {k: measure_format(k) for k in kpis}
    # Whole rows at a time (lists, not .at per cell): at 500 halls the cell-by-cell version cost a second.
    value_rows, status_rows = values.to_numpy(dtype=object).tolist(), statuses.to_numpy(dtype=object).tolist()
    text = [[format_value(v, kinds[k]) for v, k in zip(row, kpis)] for row in value_rows]
    status_words = {s: t(f"ov_status_{s}") for s in ("good", "warn", "bad", "none")}
    hover = [[status_words[s if isinstance(s, str) else "none"] for s in row] for row in status_rows]
    fig = go.Figure(go.Heatmap(
        z=[[_STATUS_LEVEL.get(s, None) for s in row] for row in status_rows],
        x=[kpi_label(k) for k in kpis], y=[f"{hall_names[h]} ({h})" for h in order],
        text=text, texttemplate="%{text}", customdata=[[[h, s] for s in row] for h, row in zip(order, hover)],
        hovertemplate="%{y}<br>%{x}: %{text} — %{customdata[1]}<extra></extra>",
        zmin=0, zmax=2, showscale=False, xgap=2, ygap=2,
        colorscale=[[0, STATUS_BACKGROUNDS["good"]], [0.5, STATUS_BACKGROUNDS["warn"]],
                    [1, STATUS_BACKGROUNDS["bad"]]]))
    fig.update_layout(title=t("ov_trouble_map"), height=max(320, 26 * len(order) + 120),
                      yaxis={"autorange": "reversed"}, xaxis={"side": "top"})
    return fig
