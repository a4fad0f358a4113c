"""Text from uploads (hall names, categories) drawn in a chart is defused first: Plotly
renders a few HTML tags in labels and hover texts, so a hall named `<a href=…>` must show as
written, never as a link."""
from __future__ import annotations

import re

import numpy as np

# Plotly draws a little HTML in every text it shows (trace names, tick labels, hover and bar
# text): `<a href>` in an uploaded hall name became a live link on seven pages, and `<span
# style>` restyles. Text keeps the harmless tags our own templates write (<br>, <b>, <i>, <em>,
# <sup>, <sub>, and <extra> of a hover template); every other "<" becomes "&lt;", which plotly
# shows as "<". Names go through the same change wherever they are matched (legend groups, the
# order of a category axis), so they still match.
_PLOTLY_TAG = re.compile(r"<(?!(?:br|/?b|/?i|/?em|/?sup|/?sub|/?extra)\s*/?>)", re.IGNORECASE)
_PLOTLY_ESCAPED_TAG = "&lt;"
_TRACE_TEXT = ("x", "y", "text", "hovertext", "hovertemplate", "texttemplate", "name", "legendgroup", "labels",
               "parents", "ids", "customdata")


def _defused(value):
    """`value` (a text, or nested lists / arrays of them) with plotly's tags made text;
    the same object when nothing changed."""
    if isinstance(value, str):
        return _PLOTLY_TAG.sub(_PLOTLY_ESCAPED_TAG, value) if "<" in value else value
    if isinstance(value, np.ndarray):
        if value.dtype.kind != "O":
            return value
        items = [_defused(v) for v in value.ravel()]
        if all(new is old for new, old in zip(items, value.ravel())):
            return value
        out = np.empty(value.shape, dtype=object)
        out.ravel()[:] = items
        return out
    if isinstance(value, (list, tuple)):
        items = [_defused(v) for v in value]
        return value if all(new is old for new, old in zip(items, value)) else type(value)(items)
    return value


def defuse_chart_text(fig):
    """Every text of `fig` that plotly would read as HTML, made plain (see _PLOTLY_TAG)."""
    for trace in fig.data:
        for attr in _TRACE_TEXT:
            value = getattr(trace, attr, None)
            if value is not None and (new := _defused(value)) is not value:
                trace[attr] = new
    for annotation in fig.layout.annotations or ():
        if annotation.text and (new := _defused(annotation.text)) is not annotation.text:
            annotation.text = new
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        for attr in ("ticktext", "categoryarray"):
            value = getattr(axis, attr)
            if value is not None and (new := _defused(value)) is not value:
                axis[attr] = new
    return fig


def chart_point_code(value) -> str:
    """A code read back from a selected point's customdata, as it was before defuse_chart_text."""
    return str(value).replace(_PLOTLY_ESCAPED_TAG, "<")
