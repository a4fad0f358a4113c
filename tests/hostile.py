"""Hostile files, built by hand from raw OOXML and bytes (not by the project's writers), for
the worker and bounds tests and for the hostile-upload walk-through
(`python tests/hostile.py DIR` writes them all to DIR).

Each entry: file name -> (bytes builder, words the refusal message must hold).
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                 b'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
                 b'formats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
                 b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 b'</Types>')
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
             b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            b'<sheet name="\xe6\x95\xb0\xe6\x8d\xae" sheetId="1" r:id="rId1"/></sheets></workbook>')  # 数据
WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
                 b'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
                 b' Target="sharedStrings.xml"/></Relationships>')


def workbook(sheet_xml: bytes, shared: list[bytes] = (), compression=zipfile.ZIP_DEFLATED) -> bytes:
    """An .xlsx of one sheet named 数据 whose worksheet part is `sheet_xml`."""
    strings = b"".join(b"<si><t>" + s + b"</t></si>" for s in shared)
    members = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/sharedStrings.xml": b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
                                b'.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(shared), len(shared))
                                + strings + b"</sst>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet(rows_xml: bytes, dimension: bytes | None = None) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">')
    if dimension:
        head += b'<dimension ref="' + dimension + b'"/>'
    return head + b"<sheetData>" + rows_xml + b"</sheetData></worksheet>"


def inline(ref: bytes, text: bytes) -> bytes:
    return b'<c r="' + ref + b'" t="inlineStr"><is><t>' + text + b"</t></is></c>"


HEADER = "工单编号,受理时间,投诉类别,营业厅编码,工单状态".split(",")


def _header_row() -> bytes:
    cells = b"".join(inline(b"%s1" % bytes([65 + i]), h.encode()) for i, h in enumerate(HEADER))
    return b'<row r="1">' + cells + b"</row>"


def far_cell() -> bytes:
    """A header and one cell at XFD1048576, the last cell a sheet can have: 1 KB."""
    return workbook(sheet(_header_row() + b'<row r="1048576">' + inline(b"XFD1048576", b"x") + b"</row>"))


def far_column() -> bytes:
    """A header and one cell at Z1048576 (27 million cells of rectangle)."""
    return workbook(sheet(_header_row() + b'<row r="1048576">' + inline(b"Z1048576", b"x") + b"</row>"))


def far_cell_in_a_large_sheet() -> bytes:
    """The far cell again, behind 17 MB of spaces (16 KB packed): too large a sheet to be
    scanned before reading, so only the worker's limits stand between it and the server."""
    padding = b" " * (17 * 1024 * 1024)
    return workbook(sheet(_header_row() + padding + b'<row r="1048576">' + inline(b"XFD1048576", b"x") + b"</row>"))


def lying_dimension() -> bytes:
    """Two real rows, but a dimension claiming the whole grid."""
    row = b'<row r="2">' + inline(b"A2", b"T1") + b"</row>"
    return workbook(sheet(_header_row() + row, dimension=b"A1:XFD1048576"))


def bomb_by_ratio() -> bytes:
    """About 100 MB of one repeated row from well under 1 MB: beyond any export's ratio."""
    row = b'<row><c t="inlineStr"><is><t>AAAAAAAAAA</t></is></c></row>'
    return workbook(sheet(_header_row() + row * 1_700_000))


def bomb_by_size() -> bytes:
    """A stored (uncompressed) member padded past 2 GB would be 2 GB on disk; the size test
    uses a zip whose directory declares more than 2 GB instead (the reader believes it)."""
    data = bytearray(workbook(sheet(_header_row())))
    # Patch the central directory's uncompressed size of the worksheet to 3 GB.
    index = data.rfind(b"xl/worksheets/sheet1.xml")
    central = data.rfind(b"PK\x01\x02", 0, index)
    data[central + 24:central + 28] = (3_000_000_000).to_bytes(4, "little")
    return bytes(data)


def huge_shared_string() -> bytes:
    """One shared string of 10,000,000 characters in an otherwise good ticket."""
    cells = b'<row r="2">' + inline(b"A2", b"T1") + inline(b"B2", b"2026-10-01 09:00") + \
        b'<c r="C2" t="s"><v>0</v></c>' + inline(b"D2", b"020001") + inline(b"E2", b"\xe5\xa4\x84\xe7\x90\x86\xe4\xb8\xad") + b"</row>"
    return workbook(sheet(_header_row() + cells), shared=[b"x" * 10_000_000])


def many_lines_csv(lines: int = 3_000_000) -> bytes:
    """More lines than the row limit allows (the limit is 2,000,000 by default)."""
    return ("工单编号,受理时间\n" + "T,2026-10-01\n" * lines).encode()


def one_line_csv(megabytes: int = 200) -> bytes:
    """One line of commas: 200 MB that a reader would split into 200 million cells."""
    return b"a," * (megabytes * 1024 * 1024 // 2)


BUILDERS = {
    "far_cell.xlsx": far_cell, "far_column.xlsx": far_column,
    "far_cell_in_a_large_sheet.xlsx": far_cell_in_a_large_sheet, "lying_dimension.xlsx": lying_dimension,
    "bomb_by_ratio.xlsx": bomb_by_ratio, "bomb_by_size.xlsx": bomb_by_size,
    "huge_shared_string.xlsx": huge_shared_string, "many_lines.csv": many_lines_csv, "one_line.csv": one_line_csv,
}



# --- hostile text: the sample with markup in every name ----------------------------------

LINK = "[链](http://evil.example/a)"
IMAGE = "![图](http://evil.example/i.png)"
BOLD = "**粗**"
COLOUR = ":red[红]"
FORMULA = "$x^2$"
BARE_ADDRESS = "www.evil.example"
HTML_LINK = '<a href="http://evil.example/b">A</a>'
MARKUP = " ".join([BOLD, LINK, IMAGE, HTML_LINK, COLOUR, FORMULA, BARE_ADDRESS])


def sample_with_markup(path: Path, repo_root: Path) -> Path:
    """The shipped sample in a database at `path` (through the real command line), then
    every hall name given MARKUP, every city an <a href> and a link, every district an
    image, every hall type bold, every complaint category an <a href> and a link."""
    import subprocess

    from analytics import storage

    subprocess.run([sys.executable, "-m", "analytics", "sample", "--db", str(path)], cwd=repo_root,
                   check=True, capture_output=True)
    con = storage.connect(path)
    try:
        con.execute("UPDATE halls SET hall_name = hall_name || ' ' || ?, city = city || ' ' || ?, "
                    "district = coalesce(district, '') || ' ' || ?, hall_type = coalesce(hall_type, '') || ' ' || ?",
                    [MARKUP, HTML_LINK + " " + LINK, IMAGE, BOLD])
        con.execute("UPDATE complaints SET category = category || ' ' || ?", [HTML_LINK + " " + LINK])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        (out / name).write_bytes(build())
    (out / "zero.csv").unlink(missing_ok=True)
    (out / "zero.csv").symlink_to("/dev/zero")
    print(f"{len(BUILDERS) + 1} files in {out}")
