"""Contract: exported CSV opens in Excel with Chinese intact (UTF-8 BOM), starts with the
filter lines, then the table under the UI's headers; the Excel file carries the same, with
a bold frozen header row, an autofilter, number/percent/date formats and widths that fit
CJK text; no exported cell can run as a formula."""
import csv
import datetime as dt
import io
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from analytics.export import display_width, neutralise_formula, table_to_csv, table_to_excel

FRAME = pd.DataFrame({
    "hall_code": ["020001", "0754001", "X"],
    "hall_name": ["广州天河路沟通100服务厅", "=1+1", "@SUM(A1)"],
    "csat": [0.9123, 0.5, np.nan],
    "responses": [1234, 8, 0],
    "mean_score": [88.25, 61.0, np.nan],
    "day": [dt.date(2026, 10, 1), dt.date(2026, 10, 31), None],
    "at": [pd.Timestamp("2026-10-01 09:30"), pd.NaT, pd.Timestamp("2026-10-31 23:59")],
    "unused": [1, 2, 3],
})
HEADERS = {"hall_code": "营业厅编码", "hall_name": "营业厅名称", "csat": "满意度", "responses": "样本量",
           "mean_score": "平均得分", "day": "日期", "at": "时间"}
FORMATS = {"csat": "percent", "responses": "int", "mean_score": "float1", "day": "date", "at": "datetime",
           "hall_code": "text", "hall_name": "text"}
FILTERS = ["期间：2026-10-01 至 2026-10-31", "区域：粤东", "营业厅：全部"]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+86 138", "'+86 138"), ("-5", "'-5"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("广州", "广州"), ("a=b", "a=b"), ("", ""), (-5, -5), (0.5, 0.5), (None, None),
])
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_csv_has_bom_filters_blank_line_headers_and_values():
    rows = read_csv(table_to_csv(FRAME, headers=HEADERS, filters_text=FILTERS))
    assert rows[:3] == [["筛选条件", line] for line in FILTERS]
    assert rows[3] == []
    assert rows[4] == list(HEADERS.values())
    assert rows[5] == ["020001", "广州天河路沟通100服务厅", "0.9123", "1234", "88.25", "2026-10-01",
                       "2026-10-01 09:30:00"]
    assert rows[6] == ["0754001", "'=1+1", "0.5", "8", "61.0", "2026-10-31", ""]
    assert rows[7] == ["X", "'@SUM(A1)", "", "0", "", "", "2026-10-31 23:59:00"]
    assert len(rows) == 8  # the unused column is not exported


def test_csv_title_follows_the_language_and_no_filters_means_no_preamble():
    rows = read_csv(table_to_csv(FRAME.head(1), headers={"hall_code": "Hall code"},
                                 filters_text=["Period: all"], filters_title="Filters"))
    assert rows == [["Filters", "Period: all"], [], ["Hall code"], ["020001"]]
    rows = read_csv(table_to_csv(FRAME.head(1), headers={"hall_code": "Hall code"}, filters_text=[]))
    assert rows == [["Hall code"], ["020001"]]


def test_csv_refuses_unknown_columns():
    with pytest.raises(KeyError, match="nope"):
        table_to_csv(FRAME, headers={"nope": "x"}, filters_text=[])


@pytest.fixture(scope="module")
def xlsx_bytes():
    return table_to_excel(FRAME, headers=HEADERS, filters_text=FILTERS, sheet_name="满意度/营业厅", formats=FORMATS)


def test_excel_values_round_trip(xlsx_bytes):
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx_bytes))
    assert book.sheet_names == ["满意度_营业厅"]  # "/" is not allowed in a sheet name
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert rows[0][0] == "筛选条件"
    assert [r[0] for r in rows[1:4]] == FILTERS
    assert all(v == "" for v in rows[4])
    assert rows[5] == list(HEADERS.values())
    first = rows[6]
    assert first[:2] == ["020001", "广州天河路沟通100服务厅"]  # codes stay text: leading zeros survive
    assert math.isclose(first[2], 0.9123) and first[3] == 1234 and first[4] == 88.25
    assert first[5] in (dt.date(2026, 10, 1), dt.datetime(2026, 10, 1))
    assert first[6] == dt.datetime(2026, 10, 1, 9, 30)
    assert rows[7][1] == "'=1+1" and rows[8][1] == "'@SUM(A1)"
    assert rows[8][2] == "" and rows[8][4] == ""  # NaN → empty cell


def test_excel_formats_header_and_layout(xlsx_bytes):
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes)).active
    assert ws["A1"].value == "筛选条件" and ws["A1"].font.b
    header = [c for c in ws[6]]
    assert [c.value for c in header] == list(HEADERS.values())
    assert all(c.font.b for c in header)
    assert header[0].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws.freeze_panes == "A7"
    assert ws.auto_filter.ref == "A6:G9"
    assert ws["C7"].number_format == "0.0%"
    assert ws["D7"].number_format == "#,##0"
    assert ws["E7"].number_format == "#,##0.0"
    assert ws["F7"].number_format == "yyyy-mm-dd"
    assert ws["G7"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["B8"].value == "'=1+1" and ws["B8"].data_type == "s"  # text, not a formula
    # Widths fit the CJK text: the hall name column is wider than the code column.
    width_b = ws.column_dimensions["B"].width
    assert width_b >= display_width("广州天河路沟通100服务厅") > ws.column_dimensions["A"].width


def test_display_width_counts_cjk_double():
    assert display_width("abc") == 3 and display_width("满意度") == 6 and display_width("沟通100") == 7


def test_excel_refuses_unknown_formats():
    with pytest.raises(ValueError, match="unknown export formats"):
        table_to_excel(FRAME, headers=HEADERS, filters_text=[], sheet_name="x", formats={"csat": "percentage"})


def test_excel_without_filters_starts_with_the_header():
    data = table_to_excel(FRAME.head(1), headers={"hall_code": "营业厅编码"}, filters_text=[], sheet_name="s")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "营业厅编码" and ws["A2"].value == "020001" and ws.freeze_panes == "A2"
