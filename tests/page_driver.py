"""Driving one page file with AppTest, and reading what it drew (KPIs, plotly charts)."""
from __future__ import annotations

import base64
import json
import re

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


def as_read(markdown: str) -> str:
    """A Markdown text as the reader sees it: without the backslashes and word joiners that
    escape uploaded text (ui.escape_markdown)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>$:])", r"\1", markdown.replace("\u2060", ""))


def kpis(at: AppTest) -> dict[str, str]:
    """KPI label (without its target dot and its ⚠ for a low n) → value shown."""
    return {m.label.split("] ")[-1].removeprefix("⚠ "): m.value for m in at.metric}


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


class Downloads:
    """What the download buttons of an AppTest run would hand the browser, by file name.

    AppTest has no server to fetch a download from, so `capture()` records the data (or
    the callable that makes it) as the page registers each button."""

    def __init__(self):
        self.files: dict[str, object] = {}

    def capture(self, monkeypatch) -> "Downloads":
        from streamlit.runtime.media_file_manager import MediaFileManager

        add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

        def record(manager, data, mimetype, coordinates, file_name=None, *args, **kwargs):
            if file_name:
                self.files[file_name] = data
            return add(manager, data, mimetype, coordinates, file_name, *args, **kwargs)

        def record_deferred(manager, data_callable, mimetype, coordinates, file_name=None, **kwargs):
            if file_name:
                self.files[file_name] = data_callable
            return add_deferred(manager, data_callable, mimetype, coordinates, file_name, **kwargs)

        monkeypatch.setattr(MediaFileManager, "add", record)
        monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
        return self

    def get(self, file_name: str) -> bytes:
        data = self.files[file_name]
        data = data() if callable(data) else data
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
