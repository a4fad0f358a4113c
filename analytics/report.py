"""A review as files to send round: a self-contained HTML page, an Excel workbook (one sheet
per section) and a PowerPoint deck (charts as images).

A report is a title, a few lines saying what it covers, and sections; each section has a
title and any of: lines of text, a table (shown as it stands: headers and values already
in the reader's language), a plotly figure. Nothing here knows about Streamlit or about
which review it is, so the page decides the words and this module only lays them out.

Text is always escaped in HTML and written as text in Excel (cells that a spreadsheet
would run as a formula are neutralised), so nothing from an upload can run.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import logging
from dataclasses import dataclass, field

import pandas as pd
import xlsxwriter

from .export import EXCEL_NUMBER_FORMATS, _sheet_name, _write_cell, display_width, neutralise_formula, number_text

log = logging.getLogger(__name__)

PPTX_TABLE_ROWS = 14  # rows of a table that fit on one slide at a readable size


class ImageExportUnavailable(RuntimeError):
    """Charts cannot be turned into images here (plotly's kaleido needs a Chromium)."""


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    formats: dict[str, str] = field(default_factory=dict)  # column -> percent | int | float1 | date | text
    figure: object | None = None  # a plotly Figure


@dataclass
class Report:
    title: str
    subtitle: list[str]
    sections: list[Section]
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def _cell_text(value, kind: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    number = number_text(value, kind)
    if number is not None:
        return number
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return str(value)


def _table_rows(section: Section) -> list[list[str]]:
    table = section.table
    return [[_cell_text(v, section.formats.get(c, "text")) for c, v in zip(table.columns, row)]
            for row in table.itertuples(index=False, name=None)]


# --- HTML ------------------------------------------------------------------------------

_CSS = """
body { font-family: 'Noto Sans CJK SC', 'Source Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif;
       margin: 2rem auto; max-width: 1200px; color: #262730; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #1f6fb2; }
.sub { color: #555; margin: .1rem 0; } table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
th { background: #ddebf7; } td.num { text-align: right; } ul { line-height: 1.7; }
footer { color: #888; margin-top: 3rem; font-size: .85rem; }
"""


def to_html(report: Report) -> bytes:
    """One HTML file that opens anywhere, offline: plotly.js is embedded once."""
    parts = [f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>{html.escape(report.title)}</title>"
             f"<style>{_CSS}</style></head><body>", f"<h1>{html.escape(report.title)}</h1>"]
    parts += [f"<p class='sub'>{html.escape(line)}</p>" for line in report.subtitle]
    plotly_included = False
    for section in report.sections:
        parts.append(f"<section><h2>{html.escape(section.title)}</h2>")
        if section.lines:
            parts.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in section.lines) + "</ul>")
        if section.table is not None and not section.table.empty:
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in section.table.columns)
            body = []
            for row in _table_rows(section):
                cells = [f"<td class='num'>{html.escape(v)}</td>" if section.formats.get(c) in ("percent", "int", "float1")
                         else f"<td>{html.escape(v)}</td>" for c, v in zip(section.table.columns, row)]
                body.append("<tr>" + "".join(cells) + "</tr>")
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
        if section.figure is not None:
            parts.append(section.figure.to_html(full_html=False, include_plotlyjs="inline" if not plotly_included
                                                else False, config={"displaylogo": False}))
            plotly_included = True
        parts.append("</section>")
    parts.append(f"<footer>{html.escape(report.generated_at.isoformat(sep=' '))}</footer></body></html>")
    return "".join(parts).encode("utf-8")


# --- Excel -----------------------------------------------------------------------------

def to_excel(report: Report) -> bytes:
    """A workbook with a cover sheet and one sheet per section (its lines, then its table)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    bold = wb.add_format({"bold": True, "font_size": 14})
    header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    number_formats = {kind: wb.add_format({"num_format": fmt}) for kind, fmt in EXCEL_NUMBER_FORMATS.items()}
    used: set[str] = set()

    def sheet(name: str):
        base = _sheet_name(name)
        candidate, n = base, 2
        while candidate.lower() in used:
            candidate = f"{base[:28]}({n})"
            n += 1
        used.add(candidate.lower())
        return wb.add_worksheet(candidate)

    cover = sheet(report.title)
    cover.write_string(0, 0, neutralise_formula(report.title), bold)
    for i, line in enumerate(report.subtitle, start=2):
        cover.write_string(i, 0, neutralise_formula(line))
    cover.set_column(0, 0, 80)
    for section in report.sections:
        ws = sheet(section.title)
        ws.write_string(0, 0, neutralise_formula(section.title), bold)
        row = 2
        for line in section.lines:
            ws.write_string(row, 0, neutralise_formula(line))
            row += 1
        if section.lines:
            row += 1
        widths = [12]
        if section.table is not None and not section.table.empty:
            columns = list(section.table.columns)
            widths = [display_width(str(c)) + 2 for c in columns]
            for col, name in enumerate(columns):
                ws.write_string(row, col, neutralise_formula(str(name)), header)
            for r, values in enumerate(section.table.itertuples(index=False, name=None), start=row + 1):
                for col, (name, value) in enumerate(zip(columns, values)):
                    kind = section.formats.get(name, "text")
                    _write_cell(ws, r, col, value, number_formats.get(kind))
                    widths[col] = max(widths[col], display_width(_cell_text(value, kind)) + 2)
            ws.freeze_panes(row + 1, 0)
        for col, width in enumerate(widths):
            ws.set_column(col, col, min(60, max(8, width)))
        if section.lines and (section.table is None or section.table.empty):
            ws.set_column(0, 0, 100)
    wb.close()
    return buf.getvalue()


# --- PowerPoint ------------------------------------------------------------------------

def figure_png(figure, *, width: int = 1600, height: int = 800) -> bytes:
    """A plotly figure as PNG through kaleido (which drives a local Chromium)."""
    try:
        return figure.to_image(format="png", width=width, height=height, scale=1)
    except Exception as exc:  # kaleido missing, or no Chromium for it to drive
        log.warning("the chart could not be drawn as PNG", exc_info=True)
        raise ImageExportUnavailable(f"{type(exc).__name__}: {exc}") from None


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def image_export_available() -> bool:
    """Whether charts can be rendered to images here: kaleido is installed and finds a
    Chromium (Debian's `chromium`, or $BROWSER_PATH). Cheap: starts no browser."""
    import importlib.util
    import os
    import shutil

    if importlib.util.find_spec("kaleido") is None:
        return False
    if os.environ.get("BROWSER_PATH") and os.access(os.environ["BROWSER_PATH"], os.X_OK):
        return True
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


def to_pptx(report: Report) -> bytes:
    """A 16:9 deck: a title slide, then per section a slide with its lines or table and, when
    it has a chart, a slide with the chart as an image (a note instead when charts cannot be
    rendered here)."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # 13.33 × 7.5 in
    width, height = deck.slide_width, deck.slide_height
    margin = Emu(457_200)

    def titled(title: str):
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(32)
        return slide

    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = report.title
    first.placeholders[1].text = "\n".join(report.subtitle)
    top = Emu(1_400_000)
    for section in report.sections:
        if section.lines or (section.table is not None and not section.table.empty):
            slide = titled(section.title)
            if section.lines:
                box = slide.shapes.add_textbox(margin, top, width - 2 * margin, height - top - margin)
                frame = box.text_frame
                frame.word_wrap = True
                for i, line in enumerate(section.lines[:10]):
                    paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                    paragraph.text = "• " + line
                    paragraph.font.size = Pt(20)
            else:
                rows = _table_rows(section)[:PPTX_TABLE_ROWS]
                columns = list(section.table.columns)
                shape = slide.shapes.add_table(len(rows) + 1, len(columns), margin, top, width - 2 * margin,
                                               Emu(380_000 * (len(rows) + 1)))
                for c, name in enumerate(columns):
                    shape.table.cell(0, c).text = str(name)
                for r, row in enumerate(rows, start=1):
                    for c, value in enumerate(row):
                        shape.table.cell(r, c).text = value
                for cell in (shape.table.cell(r, c) for r in range(len(rows) + 1) for c in range(len(columns))):
                    for paragraph in cell.text_frame.paragraphs:
                        paragraph.font.size = Pt(14)
        if section.figure is not None:
            slide = titled(section.title)
            try:
                picture = figure_png(section.figure)
            except ImageExportUnavailable as exc:  # the deck still goes out, saying what is missing
                box = slide.shapes.add_textbox(margin, top, width - 2 * margin, Emu(1_000_000))
                box.text_frame.text = f"（本机无法导出图表 / chart not available here: {exc}）"
            else:
                slide.shapes.add_picture(io.BytesIO(picture), margin, top, width=width - 2 * margin)
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()
