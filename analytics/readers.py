"""Reading uploaded files into plain rows of cell values, one `RawSheet` per sheet.

Excel goes through python-calamine (Rust): an order of magnitude faster than openpyxl on
large sheets (see docs/performance.md). openpyxl stays available as `engine="openpyxl"`
so the two can be measured in the same run. CSV bytes are decoded as UTF-8 (with or
without BOM), then GB18030 (a superset of GBK, what Excel writes on a Chinese Windows),
then whatever charset-normalizer is confident about.
"""
from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .messages import Items, Label, Message

log = logging.getLogger(__name__)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
MAX_UNPACKED_BYTES = 2_000_000_000  # what an .xlsx may unpack to
MAX_UNPACK_RATIO = 200              # unpacked ÷ packed, past 50 MB unpacked
CSV_MAX_CELL = 1_048_576            # characters in one CSV cell (Excel holds at most 32,767)
CSV_MAX_LINE = 16 * 1024 * 1024     # bytes in one CSV line (a real row is a few kilobytes)
# Lines a CSV may have beyond the row limit before it is refused unread: title, notes and
# totals rows, and cells that hold line breaks.
CSV_LINE_SLACK = 1_000
# A sheet spanning more cells than this, a thousand times more than it holds, is refused
# unread: readers allocate the whole rectangle (a 1 KB workbook with one cell at
# XFD1048576 asks for 17 billion cells).
SPARSE_AREA = 5_000_000
SPARSE_RATIO = 1_000
SCANNED_SHEET_BYTES = 16 * 1024 * 1024  # sheets up to this size are scanned for their real extent
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES + CSV_SUFFIXES


class FileReadError(Exception):
    """A file that cannot be read at all. `message` says why, as a Message naming the
    file (`code` and `params` name the reason itself)."""

    def __init__(self, name: str, code: str, **params):
        self.code, self.params = code, params
        self.message = Message("in_file", file=name, msg=Message(code, **params))
        super().__init__(self.message)


@dataclass
class RawSheet:
    name: str
    # rows[i] is spreadsheet row i+1; cells are str, float, int, bool, date/datetime or "".
    rows: list[list]
    # Merged ranges as ((first_row, first_col), (last_row, last_col)), 0-based, inclusive.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    encoding: str | None = None
    # Hidden (or very hidden) in the workbook: often a stale copy, left out unless asked for.
    hidden: bool = False


def read_file(name: str, data: bytes, *, engine: str = "calamine", max_rows: int | None = None) -> list[RawSheet]:
    """Every sheet of the file `name` whose bytes are `data`. With `max_rows`, a file
    that cannot fit it (by its line count, or the rows a sheet declares) is refused before
    it is read."""
    suffix = Path(name).suffix.lower()
    if not data:
        raise FileReadError(name, "file_empty")
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(name, data, engine, max_rows)
    if suffix in CSV_SUFFIXES:
        _check_csv_size(name, data, max_rows)
        return [_read_csv(name, data)]
    raise FileReadError(name, "file_type_unsupported", suffix=suffix or Label("（无扩展名）", "(none)"),
                        suffixes=Items(SUPPORTED_SUFFIXES))


def _looks_like(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"  # legacy .xls, or an encrypted .xlsx
    return "other"


def _read_excel(name: str, data: bytes, engine: str, max_rows: int | None = None) -> list[RawSheet]:
    kind = _looks_like(data)
    if kind == "other":
        raise FileReadError(name, "not_excel")
    if kind == "zip":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = archive.infolist()
        except zipfile.BadZipFile:
            raise FileReadError(name, "workbook_damaged") from None
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise FileReadError(name, "zip_not_workbook")
        # A decompression bomb unpacks a few kilobytes into gigabytes: refuse it before any
        # reader inflates it. Real exports unpack to 5-20 times their size.
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED_BYTES or (unpacked > 50_000_000 and unpacked > MAX_UNPACK_RATIO * len(data)):
            raise FileReadError(name, "workbook_bomb", unpacked_mb=unpacked / 1e6, packed_mb=len(data) / 1e6,
                                ratio=MAX_UNPACK_RATIO, limit_gb=MAX_UNPACKED_BYTES / 1e9)
        _check_sheet_extents(name, archive, members, max_rows)
    if engine == "openpyxl":
        return _read_openpyxl(name, data)
    import python_calamine as pc

    try:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise FileReadError(name, "workbook_password") from None
    except Exception as exc:  # calamine raises several types for damaged files
        log.info("calamine could not open %r", name, exc_info=True)  # the user gets a message; the log the why
        if kind == "ole" and Path(name).suffix.lower() == ".xlsx":
            raise FileReadError(name, "workbook_encrypted") from None
        raise FileReadError(name, "workbook_unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    sheets = []
    for meta in workbook.sheets_metadata:
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
            continue  # chart sheets and macro sheets hold no rows
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except Exception as exc:
            log.info("calamine could not read sheet %r of %r", meta.name, name, exc_info=True)
            raise FileReadError(name, "sheet_unreadable", sheet=meta.name, detail=str(exc)) from None
        hidden = not str(meta.visible).endswith("Visible")  # Hidden and VeryHidden
        sheets.append(RawSheet(meta.name, rows, merged, hidden=hidden))
    return sheets


def _read_openpyxl(name: str, data: bytes) -> list[RawSheet]:
    import openpyxl

    try:
        # read_only mode streams rows; it cannot report merged cells, which only
        # matter in the header rows, so those are read from a normal load of nothing else.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        log.info("openpyxl could not open %r", name, exc_info=True)
        raise FileReadError(name, "workbook_unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    sheets = []
    for ws in workbook.worksheets:
        rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        sheets.append(RawSheet(ws.title, rows, [], hidden=ws.sheet_state != "visible"))
    workbook.close()
    return sheets


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """(text, encoding name) for CSV bytes; FileReadError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            last_error = exc
            if encoding == "utf-8" and _valid_utf8_text_before(data, exc.start):
                # Chinese text that is valid UTF-8 up to here, then bytes that are not: two
                # encodings in one file. GB18030 would "decode" it all into mojibake.
                line = data[: exc.start].count(b"\n") + 1
                raise FileReadError(name, "text_mixed_encodings", line=line) from None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        return str(best), best.encoding
    line = data[: last_error.start].count(b"\n") + 1
    raise FileReadError(name, "text_undecodable", line=line)


def _valid_utf8_text_before(data: bytes, position: int) -> bool:
    """Whether the bytes before `position` hold multi-byte UTF-8 (CJK) text."""
    head = data[:position]
    if head.isascii():
        return False
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) > 0x2E7F for ch in decoded)


def formulas_without_values(data: bytes) -> int:
    """How many formula cells of an .xlsx have no stored result (files written by tools
    that never calculated them): readers see those cells as empty."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return 0
    count = 0
    for member in archive.namelist():
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            xml = archive.read(member)
            if b"<f" in xml:
                count += len(_FORMULA_NO_VALUE.findall(xml))
    return count


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=\"([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?\"")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_ATTRIBUTE = re.compile(rb"([\w:]+)=\"([^\"]*)\"")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet member path -> sheet name, from the workbook and its relationships (read
    with patterns, not an XML parser: nothing in them is expanded)."""
    try:
        workbook = archive.read("xl/workbook.xml")[:1_000_000]
        relations = archive.read("xl/_rels/workbook.xml.rels")[:1_000_000]
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", relations):
        attributes = dict(_ATTRIBUTE.findall(tag))
        target = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[attributes.get(b"Id")] = target if target.startswith("xl/") else "xl/" + target
    names = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", workbook):
        attributes = {key.split(b":")[-1] if key != b"r:id" else key: value for key, value in _ATTRIBUTE.findall(tag)}
        target = targets.get(attributes.get(b"r:id") or attributes.get(b"id"))
        if target and b"name" in attributes:
            names[target] = attributes[b"name"].decode("utf-8", "replace")
    return names


def _check_sheet_extents(name: str, archive: zipfile.ZipFile, members, max_rows: int | None) -> None:
    """Refuse, before any reader allocates it, a sheet whose declared or real extent is far
    beyond the row limit or far beyond what it holds."""
    sheet_names = _sheet_names(archive)
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        sheet = sheet_names.get(member.filename, Path(member.filename).stem)
        with archive.open(member) as stream:
            head = stream.read(65_536)
            whole = head + stream.read() if member.file_size <= SCANNED_SHEET_BYTES else None
        last_row = last_column = 0
        declared = _DIMENSION.search(head)
        if declared:
            first_letters, first_row, letters, row = declared.groups()
            last_row = int(row or first_row or 0)
            last_column = _column_number(letters or first_letters or b"")
        if whole is not None:
            # A small sheet is scanned whole: its real extent, and how many cells it holds.
            cells = len(_CELL.findall(whole))
            for letters, row in _CELL_REF.findall(whole):
                last_row, last_column = max(last_row, int(row)), max(last_column, _column_number(letters))
            rows = [int(r) for r in _ROW_REF.findall(whole)]
            last_row = max([last_row, *rows])
        else:
            cells = member.file_size // 10  # no cell is written in fewer than about ten bytes
        ref = f"A1:{_column_letters(max(last_column, 1))}{max(last_row, 1)}"
        area = last_row * last_column
        if area > SPARSE_AREA and area > SPARSE_RATIO * max(cells, 1):
            raise FileReadError(name, "sheet_too_sparse", sheet=sheet, ref=ref, area=area, cells=cells)
        if max_rows is not None and last_row > max_rows + CSV_LINE_SLACK:
            raise FileReadError(name, "sheet_declares_too_many_rows", sheet=sheet, rows=last_row, ref=ref,
                                limit=max_rows)


def _check_csv_size(name: str, data: bytes, max_rows: int | None) -> None:
    """Refuse, before decoding, a CSV with more lines than the row limit allows, or a line
    longer than any export writes (a 200 MB one-line file)."""
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if max_rows is not None and lines > max_rows + CSV_LINE_SLACK:
        raise FileReadError(name, "csv_too_many_lines", lines=lines, limit=max_rows)
    if len(data) <= CSV_MAX_LINE:
        return
    import numpy as np

    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    bounds = np.concatenate(([-1], ends, [len(data)]))
    lengths = np.diff(bounds) - 1
    longest = int(lengths.argmax())
    if lengths[longest] > CSV_MAX_LINE:
        raise FileReadError(name, "csv_line_too_long", line=longest + 1, size_mb=lengths[longest] / 2**20,
                            limit_mb=CSV_MAX_LINE / 2**20)


_FORMULA_NO_VALUE = re.compile(rb"<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v>\s*</v>\s*)?</c>")


def _read_csv(name: str, data: bytes) -> RawSheet:
    text, encoding = decode_text(name, data)
    if "\x00" in text:
        raise FileReadError(name, "binary_not_csv")
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    csv.field_size_limit(CSV_MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [list(r) for r in reader]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileReadError(name, "csv_cell_too_long", row=reader.line_num, limit=CSV_MAX_CELL) from None
        raise FileReadError(name, "csv_unparsable", detail=str(exc)) from None
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return RawSheet(Path(name).stem, rows, [], encoding)
