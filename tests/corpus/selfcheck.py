"""Checks of the corpus itself, without the importer: each generated file holds the
headers, rows, encodings and sheet states its EXPECTED describes. A failure here is a bug
in the generator, not in the importer."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from ._common import KEY_COLUMNS, FileExpect, Sheet

SKIP_WORDS = ("合计", "总计", "注", "制表")


def _grid_xlsx(ws) -> dict[tuple[int, int], object]:
    """(row, col) -> value with merged ranges filled from their top-left cell."""
    grid = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    for rng in ws.merged_cells.ranges:
        top = grid.get((rng.min_row, rng.min_col))
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if top is not None:
                    grid[(r, c)] = top
    return grid


def _grid_text(data: bytes, encoding: str, delimiter: str) -> tuple[dict, list[str]]:
    problems = []
    if encoding == "utf-16":
        if not data.startswith(b"\xff\xfe"):
            problems.append("UTF-16 file without the FF FE byte-order mark")
        text = data[2:].decode("utf-16-le")
    elif encoding == "utf-8-sig":
        if not data.startswith(b"\xef\xbb\xbf"):
            problems.append("UTF-8 file without BOM, expected one")
        text = data.decode("utf-8-sig")
    elif encoding == "utf-8":
        if data.startswith(b"\xef\xbb\xbf"):
            problems.append("UTF-8 file has a BOM, expected none")
        text = data.decode("utf-8")
    else:
        try:
            data.decode("utf-8")
            problems.append(f"{encoding} file also decodes as UTF-8 (holds no Chinese?)")
        except UnicodeDecodeError:
            pass
        text = data.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    grid = {(r + 1, c + 1): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""}
    return grid, problems


def _data_rows(grid: dict, sheet: Sheet) -> list[int]:
    first_col = min(column_index_from_string(letter) for letter in sheet.columns)
    last_row = max((r for r, _ in grid), default=0)
    rows = []
    for r in range(sheet.header_row + 1, last_row + 1):
        values = [grid[(r, c)] for (rr, c) in sorted(k for k in grid if k[0] == r) if c >= first_col]
        if not values:
            continue
        if isinstance(values[0], str) and values[0].strip().startswith(SKIP_WORDS):
            continue
        rows.append(r)
    return rows


def check_sheet(grid: dict, sheet: Sheet, expect: FileExpect) -> list[str]:
    problems = []
    where = sheet.name or "(text)"
    for letter, (label, _) in sheet.columns.items():
        col = column_index_from_string(letter)
        parts = label.split(" / ")
        got = grid.get((sheet.header_row, col))
        if len(parts) == 2:
            parent = grid.get((sheet.header_row - 1, col))
            if parent != parts[0] or got != parts[1]:
                problems.append(f"{where} {letter}: header {parent!r} / {got!r}, EXPECTED says {label!r}")
        elif got != label:
            problems.append(f"{where} {letter}{sheet.header_row}: header {got!r}, EXPECTED says {label!r}")
    rows = _data_rows(grid, sheet)
    if sheet.rows() is not None and len(rows) != sheet.rows():
        problems.append(f"{where}: {len(rows)} data rows, EXPECTED says {sheet.rows()}")
    for row in sheet.rejected_rows:
        if row not in rows:
            problems.append(f"{where}: rejected row {row} is not a data row")
    letters = {f: letter for letter, (_, f) in sheet.columns.items() if isinstance(f, str)}
    problems += _references(grid, rows, letters, sheet, where)
    for check in [*expect.checks, *expect.absent]:
        if getattr(check, "key", None) is None or KEY_COLUMNS.get(check.table) not in letters:
            continue
        col = column_index_from_string(letters[KEY_COLUMNS[check.table]])
        if "hidden" in getattr(check, "note", "") or "refused" in getattr(check, "note", ""):
            continue  # in the hidden sheet / a refused file: checked elsewhere
        if check.key not in {grid.get((r, col)) for r in rows}:
            problems.append(f"{where}: key {check.key!r} is not in column {letters[KEY_COLUMNS[check.table]]}")
    return problems


def check_file(directory: Path, expect: FileExpect) -> list[str]:
    path = Path(directory) / expect.name
    if not path.is_file():
        return [f"{expect.name} was not written"]
    problems = []
    if path.suffix == ".xlsx":
        wb = load_workbook(path)
        for sheet in expect.sheets:
            if sheet.name not in wb.sheetnames:
                problems.append(f"no sheet {sheet.name!r} in {wb.sheetnames}")
                continue
            ws = wb[sheet.name]
            if ws.sheet_state != "visible":
                problems.append(f"sheet {sheet.name} is {ws.sheet_state}")
            problems += check_sheet(_grid_xlsx(ws), sheet, expect)
        for name, why in expect.ignored_sheets.items():
            if name not in wb.sheetnames:
                problems.append(f"no sheet {name!r} ({why})")
            elif "hidden" in why and wb[name].sheet_state != "hidden":
                problems.append(f"sheet {name} should be hidden")
            elif "instruction" in why and any(isinstance(c.value, (int, float)) for row in wb[name].iter_rows()
                                              for c in row):
                problems.append(f"instruction sheet {name} holds numbers")
    else:
        if expect.text is None:
            return [f"{expect.name}: a text file needs EXPECTED text=(encoding, delimiter)"]
        grid, problems = _grid_text(path.read_bytes(), *expect.text)
        for sheet in expect.sheets:
            problems += check_sheet(grid, sheet, expect)
    return problems


def _references(grid, rows, letters, sheet: Sheet, where: str) -> list[str]:
    """Hall codes and names name the corpus's halls (the one new hall of the daily report
    aside), a row's code and name agree, and staff ids are on a staff list."""
    from . import daily_marketing, hall_master, hr_roster

    halls = dict(hall_master.HALLS)
    if sheet.dataset != "halls":
        halls[daily_marketing.NEW_HALL] = "广州番禺万达营业厅"
    names = {v: k for k, v in halls.items()}
    staff = {r[1] for r in hr_roster.ROSTER_ROWS} | {r[0] for r in hr_roster.MOVES_ROWS}

    def value(r, f):
        if f not in letters:
            return None
        v = grid.get((r, column_index_from_string(letters[f])))
        return None if v in (None, "") else v

    problems = []
    for r in rows:
        code, name, person = value(r, "hall_code"), value(r, "hall_name"), value(r, "staff_id")
        if code is not None:
            code = str(code).zfill(6)  # typed as a number in the CRM ledger
            if code not in halls:
                problems.append(f"{where} row {r}: hall code {code} is no corpus hall")
        if name is not None and name not in names:
            problems.append(f"{where} row {r}: hall name {name!r} is no corpus hall")
        if code is not None and name is not None and names.get(name) != code:
            problems.append(f"{where} row {r}: hall code {code} and name {name!r} disagree")
        if person is not None and sheet.dataset != "staff" and person not in staff:
            problems.append(f"{where} row {r}: staff id {person!r} is on no staff list")
    return problems
