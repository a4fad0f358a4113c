"""Contract: a review's HTML escapes every text (nothing from an upload can run), its Excel
workbook neutralises formula-like cells and has one sheet per section, and the PowerPoint
deck still goes out, with a note, when charts cannot be rendered as images here."""
import io

import openpyxl
import pandas as pd
import plotly.graph_objects as go

from analytics import report

EVIL = "<script>alert(1)</script>"


def sample_report(figure=None):
    table = pd.DataFrame({"厅店": [EVIL, "=HYPERLINK(\"http://x\")"], "满意度": [0.912, None]})
    return report.Report("周回顾 2026-W43", ["2026-10-19 至 2026-10-25"], [
        report.Section("需要讨论的厅店", lines=[f"{EVIL}：48小时办结率 0%"], table=table, formats={"满意度": "percent"}),
        report.Section("近 8 周走势", figure=figure),
    ])


def test_html_escapes_text_and_formats_numbers():
    page = report.to_html(sample_report(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))).decode("utf-8")
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<td class='num'>91.2%</td>" in page
    assert page.count("Plotly.newPlot") == 1


def test_excel_one_sheet_per_section_and_formulas_neutralised():
    book = openpyxl.load_workbook(io.BytesIO(report.to_excel(sample_report())))
    assert book.sheetnames == ["周回顾 2026-W43", "需要讨论的厅店", "近 8 周走势"]
    values = [c for row in book["需要讨论的厅店"].iter_rows(values_only=True) for c in row if c is not None]
    assert "'=HYPERLINK(\"http://x\")" in values and 0.912 in values
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)


def test_pptx_without_image_export_still_has_every_section(monkeypatch):
    from pptx import Presentation

    def unavailable(*args, **kwargs):
        raise report.ImageExportUnavailable("no Chromium")

    monkeypatch.setattr(report, "figure_png", unavailable)
    deck = Presentation(io.BytesIO(report.to_pptx(sample_report(go.Figure()))))
    texts = [shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame]
    assert "周回顾 2026-W43" in texts and "需要讨论的厅店" in texts and "近 8 周走势" in texts
    assert any("本机无法导出图表 / chart not available here: no Chromium" in t for t in texts)
