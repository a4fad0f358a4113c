"""Contract: a corpus of bad files, generated here (more than 40), each gets a specific
message — the file, and where it applies the sheet, row and column — in English and in
Chinese; nothing raises; a refused file leaves the database exactly as it was (table
fingerprint before and after), and a file with bad rows stores its good rows only."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from analytics import importer, messages, schema, storage
from builders import NOW, csv_bytes, fingerprint, load_halls, xlsx


def in_chinese(message) -> bool:
    """A message of the engine (a code with parameters) whose Chinese sentence exists."""
    return isinstance(message, messages.Message) and any("\u4e00" <= ch <= "\u9fff" for ch in message.render("zh"))

COMPLAINT_HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "办结时间"]
GOOD_TICKET = ["T1", "2026-10-01 09:00", "积分兑换", "020001", "已办结", "2026-10-02 10:00"]


@pytest.fixture
def con():
    con = storage.connect(":memory:")
    load_halls(con)
    yield con
    con.close()


def tickets(*rows, header=COMPLAINT_HEADER, sheet="工单"):
    return xlsx((sheet, [["投诉工单明细"], header, *rows]))


# --- files that must be refused whole --------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _bomb() -> bytes:
    # 80 MB of one repeated cell unpack from about 80 KB: a thousandfold.
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                 "xl/worksheets/sheet1.xml": b"<c><v>0</v></c>" * 5_500_000})


def _password_protected() -> bytes:
    import msoffcrypto.format.ooxml as ooxml

    plain = io.BytesIO(tickets(GOOD_TICKET))
    encrypted = io.BytesIO()
    ooxml.OOXMLFile(plain).encrypt("secret", encrypted)
    return encrypted.getvalue()


def _over_the_row_limit() -> bytes:
    return tickets(*[[f"T{i}", "2026-10-01 09:00", "积分兑换", "020001", "处理中", None] for i in range(60)])


REFUSED = [  # (file name, bytes, words the message must hold)
    ("empty.xlsx", lambda: b"", ["empty.xlsx", "empty (0 bytes)"]),
    ("empty.csv", lambda: b"", ["empty.csv", "empty (0 bytes)"]),
    ("notes.xlsx", lambda: "这只是一段文字，不是表格。".encode(), ["notes.xlsx", "not an Excel workbook"]),
    ("archive.xlsx", lambda: _zip({"readme.txt": b"hello"}), ["archive.xlsx", "zip archive but not an Excel"]),
    ("damaged.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 200, ["damaged.xlsx", "damaged"]),
    ("locked.xlsx", _password_protected, ["locked.xlsx", "password-protected"]),
    ("bomb.xlsx", _bomb, ["bomb.xlsx", "decompression bomb"]),
    ("page.xls", lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>",
     ["page.xls", "not an Excel workbook"]),
    ("scan.pdf.csv", lambda: b"%PDF-1.7\n\x00\x01\x02binary", ["scan.pdf.csv", "binary file"]),
    ("photo.png", lambda: b"\x89PNG\r\n\x1a\n", ["photo.png", "unsupported file type .png"]),
    ("mixed.csv", lambda: "工单编号,受理时间\n".encode() + "积分兑换".encode("gbk"), ["mixed.csv", "mixes encodings", "line 2"]),
    ("garbage.csv", lambda: b"id,name\n" + b"\xff\xfe\x80\x81" * 64, ["garbage.csv", "neither UTF-8 nor GBK"]),
    ("huge_cell.csv", lambda: ",".join(COMPLAINT_HEADER).encode() + b"\nT1," + b"x" * 2_000_000 + b"\n",
     ["huge_cell.csv", "row 2", "longer than 1,048,576 characters"]),
    ("header_only.xlsx", lambda: xlsx(("工单", [COMPLAINT_HEADER])), ["header_only.xlsx", "工单", "only a header (row 1)"]),
    ("totals_only.xlsx", lambda: xlsx(("工单", [COMPLAINT_HEADER, ["合计", "0"]])),
     ["totals_only.xlsx", "工单", "only a header"]),
    ("title_only.xlsx", lambda: xlsx(("Sheet1", [["投诉工单明细（2026年10月）"]])),
     ["title_only.xlsx", "Sheet1", "not recognised"]),
    ("unknown_columns.xlsx", lambda: xlsx(("数据", [["甲", "乙", "丙"], ["1", "2", "3"]])),
     ["unknown_columns.xlsx", "数据", "not recognised"]),
    ("over_limit.xlsx", _over_the_row_limit, ["over_limit.xlsx", "工单", "60 data rows, over the limit of 50"]),
]

# Every required field of every dataset missing in turn (one good row otherwise).
TEMPLATES = {
    "halls": (["营业厅编码", "营业厅名称", "区域", "地市"], ["020009", "新厅", "珠三角", "广州"]),
    "staff": (["员工编号", "姓名", "营业厅编码", "岗位"], ["S9", "张三", "020001", "营业员"]),
    "surveys": (["评价时间", "营业厅编码", "总体满意度(1-5分)"], ["2026-10-01 09:00", "020001", "5"]),
    "complaints": (COMPLAINT_HEADER[:5], GOOD_TICKET[:5]),
    "sales": (["营销日期", "营业厅编码", "产品类别", "营销结果"], ["2026-10-01", "020001", "宽带", "成功"]),
    "training": (["员工编号", "课程名称", "培训日期"], ["S9", "服务礼仪", "2026-10-01"]),
}
MISSING = [(dataset, name) for dataset, ds in schema.DATASETS.items() for name in ds.required_fields]


def _without(dataset: str, field: str) -> bytes:
    header, row = TEMPLATES[dataset]
    label = schema.DATASETS[dataset].field(field).label_zh
    keep = [i for i, h in enumerate(header) if not h.startswith(label) and not (field == "score" and "满意度" in h)]
    return xlsx(("导出", [[header[i] for i in keep], [row[i] for i in keep]]))


def test_the_corpus_is_big_enough():
    assert len(REFUSED) + len(MISSING) + len(ROW_CASES) >= 40


@pytest.mark.parametrize("name, make, words", REFUSED, ids=[c[0] for c in REFUSED])
def test_a_refused_file_says_why_and_changes_nothing(con, name, make, words):
    before = fingerprint(con)
    result = importer.import_file(con, name, make(), now=NOW, max_rows=50)
    assert result.error and not result.committed, result.as_dict()
    for word in words:
        assert word in result.error, (word, result.error)
    assert in_chinese(result.error), repr(result.error)
    assert fingerprint(con) == before


@pytest.mark.parametrize("dataset, field", MISSING, ids=[f"{d}-{f}" for d, f in MISSING])
def test_every_required_field_missing_in_turn(con, dataset, field):
    before = fingerprint(con)
    result = importer.import_file(con, f"{dataset}_no_{field}.xlsx", _without(dataset, field), now=NOW)
    label = schema.DATASETS[dataset].field(field).label_zh
    assert result.error and label in result.error and "导出" in result.error, result.error
    assert in_chinese(result.error), repr(result.error)
    assert fingerprint(con) == before


# --- files whose bad rows are rejected and good rows kept -----------------------------------

def _formulas() -> bytes:
    wb = openpyxl.Workbook()  # openpyxl stores formulas without a computed value
    ws = wb.active
    ws.title = "工单"
    ws.append(COMPLAINT_HEADER)
    ws.append(GOOD_TICKET)
    ws.append(["=\"T\"&2", "2026-10-02 09:00", "积分兑换", "=A1", "处理中", None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


T = GOOD_TICKET
ROW_CASES = [  # (case, file bytes, stored ticket ids, [(row, column, words)], warning words or None)
    ("unreadable date", tickets(T, ["T2", "昨天下午", "积分兑换", "020001", "处理中", None]),
     ["T1"], [(4, "受理时间", "'昨天下午' is not a date")], None),
    ("future date", tickets(T, ["T2", "2030-01-01 09:00", "积分兑换", "020001", "处理中", None]),
     ["T1"], [(4, "受理时间", "is in the future")], None),
    ("negative duration", tickets(T, ["T2", "2026-10-05 09:00", "计费争议", "020001", "已办结", "2026-10-04 09:00"]),
     ["T1"], [(4, "办结时间", "before the ticket was received")], None),
    ("duplicate key", tickets(T, T), ["T1"], [(4, "工单编号", "duplicate key")], None),
    ("unknown hall", tickets(T, ["T2", "2026-10-01 09:00", "积分兑换", "099999", "处理中", None]),
     ["T1", "T2"], [], "wait for 1 hall code(s) not in the halls list: 099999"),
    ("unknown status", tickets(T, ["T2", "2026-10-01 09:00", "积分兑换", "020001", "飞走了", None]),
     ["T1"], [(4, "工单状态", "'飞走了' is not a known value")], None),
    ("not a number", tickets(T + ["abc"], ["T2", "2026-10-01 09:00", "积分兑换", "020001", "处理中", None, "5"],
                             header=COMPLAINT_HEADER + ["补偿金额(元)"]),
     ["T1", "T2"], [], "1 value(s) of 补偿金额(元) not understood, stored empty (e.g. 'abc')"),
    ("negative amount", tickets(T + ["-5"], header=COMPLAINT_HEADER + ["补偿金额(元)"]),
     ["T1"], [], "1 value(s) of 补偿金额(元) outside ≥ 0, stored empty (e.g. -5)"),
    ("yes/no not understood", tickets(T + ["也许"], header=COMPLAINT_HEADER + ["是否重复投诉"]),
     ["T1"], [], "1 value(s) of 是否重复投诉 not understood, stored empty (e.g. '也许')"),
    ("ambiguous dates", tickets(["T1", "13/10/2026", "积分兑换", "020001", "处理中", None],
                                ["T2", "10/13/2026", "积分兑换", "020001", "处理中", None]),
     [], [(3, "受理时间", "ambiguous"), (4, "受理时间", "ambiguous")], None),
    ("score out of scale", xlsx(("评价", [["评价时间", "营业厅编码", "总体满意度(1-5分)"], ["2026-10-01 09:00", "020001", "7"],
                                        ["2026-10-01 10:00", "020001", "5"]])),
     None, [(2, "总体满意度(1-5分)", "outside the declared")], None),
    ("no scale declared", xlsx(("评价", [["评价时间", "营业厅编码", "总体满意度"], ["2026-10-01 09:00", "020001", "5"]])),
     None, [(2, "总体满意度", "no scale declared")], None),
    ("formulas instead of values", _formulas(), ["T1"],
     [(3, "工单编号", "required field"), (3, "营业厅编码", "required field")], "formula cell(s)"),
    ("duplicated header", tickets(T + ["甲", "乙"], header=COMPLAINT_HEADER + ["备注", "备注"]),
     ["T1"], [], "appears twice"),
    ("merged cells down data rows", xlsx(("工单", [COMPLAINT_HEADER, T, ["T2", "2026-10-01 10:00", "积分兑换", None, "处理中"],
                                                 ["T3", "2026-10-01 11:00", "积分兑换", None, "处理中"]], [(1, 3, 3, 3)])),
     ["T1", "T2", "T3"], [], None),
    ("date before 2000", tickets(T, ["T2", "0001-01-01 09:00", "积分兑换", "020001", "处理中", None]),
     ["T1"], [(4, "受理时间", "is before 2000-01-01, too early to be real")], None),
    ("a minute before 2000", tickets(["T1", "2000-01-01 00:00", "积分兑换", "020001", "处理中", None],
                                     ["T2", "1999-12-31 23:59", "积分兑换", "020001", "处理中", None]),
     ["T1"], [(4, "受理时间", "1999-12-31 23:59:00 is before 2000-01-01")], None),
    ("infinite amount", tickets(T + ["inf"], header=COMPLAINT_HEADER + ["补偿金额(元)"]),
     [], [(3, "补偿金额(元)", "'inf' is not a finite number")], None),
    ("amount beyond any real one", tickets(T + ["1e308"], header=COMPLAINT_HEADER + ["补偿金额(元)"]),
     [], [(3, "补偿金额(元)", "1e308 is beyond ±1,000,000,000,000,000")], None),
    ("integer beyond any real one", xlsx(("厅店", [["营业厅编码", "营业厅名称", "区域", "地市", "柜台数"],
                                                 ["020009", "新厅", "珠三角", "广州", "1e30"],
                                                 ["020010", "另一新厅", "珠三角", "广州", "6"]])),
     None, [(2, "柜台数", "1e30 is beyond")], None),
    ("control characters", tickets(["T1\x07", "2026-10-01 09:00", "积分\x00兑换", "020001", "处理中", None]),
     ["T1"], [], "control characters removed"),
    ("right-to-left and emoji", tickets(T + ["مرحبا بالعالم 👋🏽 客户很生气 😡"], header=COMPLAINT_HEADER + ["投诉内容"]),
     ["T1"], [], None),
    ("staff left before hired", xlsx(("员工", [["员工编号", "姓名", "营业厅编码", "入职日期", "离职日期"],
                                            ["S1", "张三", "020001", "2026-05-01", "2026-04-01"]])),
     None, [(2, "离职日期", "before being hired")], None),
    ("a daily count beyond any real one", xlsx(("日报", [["营销日期", "营业厅编码", "产品类别", "接触客户数"],
                                                       ["2026-10-01", "020001", "宽带", "1e30"],
                                                       ["2026-10-01", "020001", "宽带", "5"]])),
     None, [(2, "接触客户数", "1e30 is beyond")], None),  # one reason: not also "no count is given"
    ("more interested than contacts", xlsx(("日报", [["营销日期", "营业厅编码", "产品类别", "接触客户数", "意向客户数"],
                                                   ["2026-10-01", "020001", "宽带", "5", "9"]])),
     None, [(2, "意向客户数", "9 interested is more than 5 contacts")], None),
]


@pytest.mark.parametrize("case, data, stored, errors, warning", ROW_CASES, ids=[c[0] for c in ROW_CASES])
def test_bad_rows_are_named_and_good_rows_kept(con, case, data, stored, errors, warning):
    result = importer.import_file(con, f"{case}.xlsx", data, now=NOW)
    assert result.ok, result.as_dict()
    sheet = next(s for s in result.sheets if s.error is None)
    found = [(e.row, e.column, e.reason) for e in sheet.errors]
    for row, column, words in errors:
        assert any(r == row and c == column and words in reason for r, c, reason in found), (row, column, words, found)
    assert len(found) == len(errors), found
    for reason in [e.reason for e in sheet.errors] + sheet.warnings:
        assert in_chinese(reason), repr(reason)
    if warning:
        assert any(warning in w for w in sheet.warnings), sheet.warnings
    if stored is not None:
        assert [r[0] for r in con.execute("SELECT ticket_id FROM complaints ORDER BY 1").fetchall()] == stored
    rejected = con.execute("SELECT row_number, column_name FROM import_rejections ORDER BY 1").fetchall()
    assert rejected == sorted((r, c) for r, c, _ in errors)


def test_a_cell_longer_than_excel_allows_rejects_its_row_in_any_column(con):
    """A shared string of 10,000,000 characters (built from raw XML: openpyxl itself cuts
    cells at 32,767) costs its row, named by row and column; the rejections list keeps the
    start of it and its length, not the ten million characters."""
    import hostile

    result = importer.import_file(con, "long.xlsx", hostile.huge_shared_string(), now=NOW)
    sheet = result.sheets[0]
    assert result.ok and sheet.accepted == 0
    assert [(e.row, e.column) for e in sheet.errors] == [(2, "投诉类别")]
    assert "10,000,000 characters, more than the 32,767" in sheet.errors[0].reason
    kept = con.execute("SELECT raw_values FROM import_rejections").fetchone()[0]
    assert len(kept) < 1_000 and "10,000,000" in kept


def test_text_from_uploads_is_stored_exactly(con):
    text = "مرحبا بالعالم 👋🏽 客户很生气 😡 <script>alert(1)</script> =HYPERLINK(\"x\")"
    data = tickets(T + [text], header=COMPLAINT_HEADER + ["投诉内容"])
    assert importer.import_file(con, "c.xlsx", data, now=NOW).ok
    assert con.execute("SELECT description FROM complaints").fetchone() == (text,)


def test_control_characters_are_removed_from_text(con):
    importer.import_file(con, "c.xlsx", tickets(["T1\x07", "2026-10-01 09:00", "积分\x00兑换", "020001", "处理中",
                                                 None]), now=NOW)
    assert con.execute("SELECT ticket_id, category FROM complaints").fetchone() == ("T1", "积分兑换")


def test_a_csv_with_a_bad_row_names_its_line(con):
    data = csv_bytes([COMPLAINT_HEADER, T, ["T2", "2026-13-45 09:00", "积分兑换", "020001", "处理中", ""]], "gbk")
    result = importer.import_file(con, "c.csv", data, now=NOW)
    sheet = result.sheets[0]
    assert [(e.row, e.column) for e in sheet.errors] == [(3, "受理时间")] and sheet.accepted == 1
    assert sheet.sheet == "c"  # a CSV's one sheet is named after the file


def test_nothing_raises_for_any_corpus_file_through_the_command_line(tmp_path):
    paths = []
    for name, make, _ in REFUSED:
        if name in ("bomb.xlsx", "huge_cell.csv"):
            continue  # large; the same code path is covered above
        path = tmp_path / name
        path.write_bytes(make())
        paths.append(str(path))
    out = subprocess.run([sys.executable, "-m", "analytics", "import", *paths, "--db", str(tmp_path / "db.duckdb")],
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 1 and "Traceback" not in out.stderr + out.stdout
    assert len([line for line in out.stderr.splitlines() if line.startswith("hall-analytics:")]) >= len(paths) - 1


# --- what uploads say is shown as text, never as markup ------------------------------------

EVIL = "<script>alert('x')</script> **粗体** [链接](http://evil.example) :red[红字] $x^2$"


def test_uploaded_text_is_shown_as_text_on_the_pages(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard import i18n

    db = tmp_path / "hall.duckdb"
    con = storage.connect(db)
    load_halls(con)
    rows = [["评价时间", "营业厅编码", "总体满意度(1-5分)", "客户留言"]] + \
        [[f"2026-10-{d:02d} 10:00", "020001", "2", EVIL] for d in range(1, 29)]
    assert importer.import_file(con, "s.xlsx", xlsx(("评价", rows)), now=NOW).ok
    con.close()
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(db))
    page = Path(__file__).resolve().parents[1] / "pages" / "satisfaction.py"
    at = AppTest.from_file(str(page), default_timeout=60)
    at.query_params.update({"from": "2026-10-01", "to": "2026-10-31"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [d.value for d in at.dataframe]
    assert any((t == EVIL).any().any() for t in tables), "the comment is shown, verbatim, in a table"
    for element in [*at.markdown, *at.caption, *at.info, *at.warning]:
        assert "<script>" not in element.value, element.value
    assert i18n.escape_markdown("**粗体** :red[x] <b>") == r"\*\*粗体\*\* \:red\[x\] \<b\>"
