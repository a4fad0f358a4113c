"""The scorecard page's figures: the heat table and the scores month by month."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.chart_style import period_ticks
from dashboard.i18n import t
from dashboard.scorecard import commitment_name
from dashboard.theme import STATUS_BACKGROUNDS


def heat_table(halls: pd.DataFrame, grids: dict[str, pd.DataFrame], hall_labels: list[str]) -> go.Figure:
    """Halls × commitments coloured by score, ⚠ where KPIs went uncounted; each cell carries
    (hall, commitment, n judged) for a click (scorecard.hall_grids)."""
    commitments = list(grids["score"].columns)
    score_rows, extra_rows = grids["score"].to_numpy().tolist(), grids["uncounted"].to_numpy().tolist()
    judged_rows = grids["judged"].to_numpy().tolist()
    text = [[("" if v != v else f"{v:.0f}") + (" ⚠" if extra else "") for v, extra in zip(row, extras)]
            for row, extras in zip(score_rows, extra_rows)]
    fig = go.Figure(go.Heatmap(
        z=score_rows, x=[commitment_name(c) for c in commitments], y=hall_labels, text=text, texttemplate="%{text}",
        zmin=0, zmax=100, colorscale=[[0, STATUS_BACKGROUNDS["bad"]], [0.5, STATUS_BACKGROUNDS["warn"]],
                                      [1, STATUS_BACKGROUNDS["good"]]], showscale=False, xgap=2, ygap=2,
        customdata=[[[h, c, n] for c, n in zip(commitments, row)] for h, row in zip(halls["hall_code"], judged_rows)],
        hovertemplate="%{y}<br>%{x}: %{text}<br>n = %{customdata[2]}<extra></extra>"))
    fig.update_layout(height=max(320, 24 * len(halls) + 120), yaxis={"autorange": "reversed"}, xaxis={"side": "top"})
    return fig


def monthly(trend: pd.DataFrame, commitments) -> go.Figure:
    """Each commitment's score per month (scorecard.monthly_scores)."""
    fig = go.Figure()
    for c in commitments:
        part = trend[trend["commitment"] == c]
        fig.add_trace(go.Scatter(x=part["month"], y=part["score"], mode="lines+markers", name=commitment_name(c),
                                 connectgaps=False))
    fig.update_yaxes(range=[0, 105], title_text=t("sc_axis_score"))
    fig.update_xaxes(title_text=t("sc_axis_month"), **period_ticks(trend["month"], "month"))
    fig.update_layout(height=380)
    return fig
