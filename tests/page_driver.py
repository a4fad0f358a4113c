"""Driving one page file with AppTest, and reading what it drew (KPIs, plotly charts)."""
from __future__ import annotations

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest


def run_page(path: str, query: dict | None = None, **state) -> AppTest:
    """Run the page with these URL query parameters and session-state values; it must end
    without an exception or a warning."""
    at = AppTest.from_file(path, default_timeout=60)
    at.query_params.update(query or {})
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    return at


def kpis(at: AppTest) -> dict[str, str]:
    """KPI label (without its target dot) → value shown."""
    return {m.label.split("] ")[-1]: m.value for m in at.metric}


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def plotly_array(values) -> list:
    """A plotly array from a chart's JSON: plotly 6+ sends numbers as base64 typed arrays
    (2-D ones with a "shape")."""
    if isinstance(values, dict) and "bdata" in values:
        flat = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        shape = [int(n) for n in str(values.get("shape", len(flat))).split(",")]
        return flat.reshape(shape).tolist()
    return values
