"""Small files built in the tests, whose right answers are worked out by hand."""
from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter

NOW = dt.datetime(2026, 11, 1, 12, 0, 0)


def xlsx(*sheets) -> bytes:
    """sheets: (name, rows, merges) with rows a list of lists (None = empty cell) and merges
    (first_row, first_col, last_row, last_col) 0-based. datetime values become date cells."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for sheet in sheets:
        name, rows, *rest = sheet
        merges = rest[0] if rest else []
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (dt.datetime, dt.date)):
                    ws.write_datetime(r, c, value, date_format)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        for r0, c0, r1, c1 in merges:
            ws.merge_range(r0, c0, r1, c1, rows[r0][c0] if c0 < len(rows[r0]) else "")
    wb.close()
    return buf.getvalue()


def xls(name: str, rows: list[list]) -> bytes:
    """A legacy .xls workbook (BIFF8), as older operator systems still export."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(name)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue().encode(encoding)


HALL_HEADER = ["营业厅编码", "营业厅名称", "区域", "地市", "区县", "厅店类型", "星级"]
HALL_ROWS = [
    ["020001", "广州天河路沟通100服务厅", "珠三角", "广州", "天河区", "旗舰厅", 5],
    ["020002", "广州北京路沟通100服务厅", "珠三角", "广州", "越秀区", "标准厅", 4],
    ["0754001", "汕头金平沟通100服务厅", "粤东", "汕头", "金平区", "社区厅", 3],
]


def halls_file() -> bytes:
    return xlsx(("厅店清单", [["沟通100服务厅清单"], HALL_HEADER, *HALL_ROWS, ["合计", "3"]], [(0, 0, 0, 6)]))


def load_halls(con) -> None:
    from analytics import importer

    result = importer.import_file(con, "halls.xlsx", halls_file(), now=NOW)
    assert result.ok and result.sheets[0].accepted == 3, result.as_dict()


def fingerprint(con) -> dict[str, list[str]]:
    """Every table's rows, so "unchanged" can be checked exactly."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
    return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
