"""Shared pieces of the corpus: what a file is expected to give, and plain writers.

Nothing here knows how the importer recognises anything: the header words, layouts and
values are written the way the operator's systems write them, and every expectation is
worked out by hand from the canonical field list (see docs/import.md).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

# Runs of the command line, in order, on one database (see runner.py):
#   main      every file that imports on its own, the halls list given last
#   older     an older export of complaint tickets, re-imported after `main`
#   doubt     the recommend-1–5 file without --confirm-doubts (refused, nothing written)
#   confirmed the same file with --confirm-doubts
#   mapping   the English export with its mapping file (--mapping)
RUNS = ("main", "older", "doubt", "confirmed", "mapping")


@dataclass
class Sheet:
    """One sheet (a CSV/TXT file is one sheet, name None) and what it must give."""
    name: str | None
    dataset: str
    # Excel column letter -> (header as written, the canonical field it IS or None).
    # A field may be a tuple of acceptable answers, e.g. ("channel", None) for a column
    # an importer may fairly read either way; such columns are not counted in the rate.
    columns: dict[str, tuple[str, object]]
    accepted: int | None          # None: not checked (e.g. an older export's rows)
    rejected: int
    rejected_rows: dict[int, str] = field(default_factory=dict)  # Excel row -> why
    header_row: int = 1           # the (lowest) header row, as Excel numbers it
    data_rows: int | None = None  # data rows below it (not blank/totals/notes); default accepted + rejected

    def rows(self) -> int | None:
        if self.data_rows is not None:
            return self.data_rows
        return None if self.accepted is None else self.accepted + self.rejected

    def fields(self) -> dict[str, object]:
        return {letter: f for letter, (_, f) in self.columns.items()}


@dataclass
class Check:
    """Stored values to compare after the expectation's run.

    Either `key` (the value of the table's key column, see KEY_COLUMNS) or `where`
    (an SQL condition with ? placeholders and `params`) picks exactly one row."""
    table: str
    key: object = None
    values: dict = field(default_factory=dict)
    where: str | None = None
    params: tuple = ()
    note: str = ""

    def label(self) -> str:
        if self.key is not None:
            return f"{self.table}[{self.key}]"
        return f"{self.table}[{self.where} | {', '.join(map(str, self.params))}]"


@dataclass
class Absent:
    """A row that must NOT be stored (hidden sheet, refused file, rejected row)."""
    table: str
    key: object
    note: str = ""


@dataclass
class FileExpect:
    system: str                   # the source system (module) that writes it
    name: str                     # file name in the corpus directory
    run: str                      # one of RUNS
    exercises: str                # one line: what this file is about
    sheets: list[Sheet] = field(default_factory=list)
    ignored_sheets: dict[str, str] = field(default_factory=dict)  # sheet -> why it must not import
    checks: list[Check] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    file_error: bool = False      # the whole file must be refused in this run (read, recognised, not written)
    refused_for: str = ""         # a header the refusal must name
    mapping: str | None = None    # mapping file (in the corpus directory) given with --mapping
    flags: tuple[str, ...] = ()   # extra command-line flags of this run
    counts_in_rate: bool = True   # False for files read through a mapping file
    text: tuple[str, str] | None = None  # a text file's (encoding, delimiter) as written
    tag: str = ""                 # ASCII, tells a system's expectations apart in test ids

    @property
    def test_id(self) -> str:
        return f"{self.system}-{self.tag}" if self.tag else self.system

    @property
    def id(self) -> str:
        return f"{self.name}@{self.run}"


KEY_COLUMNS = {"halls": "hall_code", "staff": "staff_id", "surveys": "response_id",
               "complaints": "ticket_id", "sales": "record_id"}


def columns(headers: list[tuple[str, object]], first: str = "A") -> dict[str, tuple[str, object]]:
    """[(header, field), ...] laid out from column `first` -> {letter: (header, field)}."""
    start = column_index_from_string(first)
    return {get_column_letter(start + i): hf for i, hf in enumerate(headers)}


def header_words(headers: list[tuple[str, object]]) -> list[str]:
    return [h for h, _ in headers]


# --- writers ------------------------------------------------------------------------

def text_bytes(rows: list[list], *, encoding: str, delimiter: str = ",", newline: str = "\r\n") -> bytes:
    """A delimited text export. encoding: 'gbk', 'utf-8', 'utf-8-sig' (BOM) or
    'utf-16' (little-endian with BOM, as Excel's "Unicode text")."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    text = buf.getvalue()
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


def put(ws, top: int, left: str, rows: list[list], *, date_format: str = "yyyy-mm-dd",
        datetime_format: str = "yyyy-mm-dd hh:mm:ss") -> None:
    """Write rows into an openpyxl sheet from cell (left, top); None leaves a cell empty.
    Python dates and datetimes become Excel date cells; str stays text (codes keep zeros)."""
    import datetime as dt

    col0 = column_index_from_string(left)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            cell = ws.cell(row=top + r, column=col0 + c, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = datetime_format
            elif isinstance(value, dt.date):
                cell.number_format = date_format
            elif isinstance(value, str):
                cell.number_format = "@"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
