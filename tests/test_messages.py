"""Contract: every message the import engine shows a user (file errors, sheet errors and
warnings, row rejection reasons, evidence, undo refusals) is a code with parameters
(analytics.messages.Message) whose sentence is in analytics/message_text.py in Chinese and English;
rendered, it keeps its variable parts (file and sheet names, headers, cell values, numbers,
dates) and names datasets, fields and scales in the reader's language.

The messages are produced by running the real importer on small bad files, so an engine
message written as plain text, or a code without its sentences, fails here."""
from __future__ import annotations

import io
import json
import pickle
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from analytics import importer, messages, storage
from analytics.messages import Clauses, Items, Label, Message, clauses, render
from analytics.message_text import TEXT
from builders import NOW, csv_bytes, load_halls, xlsx

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def con():
    con = storage.connect(":memory:")
    yield con
    con.close()


@pytest.fixture
def con_with_halls(con):
    load_halls(con)
    return con


def run(con, name, data, **kw):
    kw.setdefault("now", NOW)
    return importer.import_file(con, name, data, **kw)


def all_messages(result: importer.FileResult) -> list[str]:
    """Every user-facing text of an import: file error, sheet errors, warnings, doubts,
    evidence, reasons (one by one, and joined per row as in the rejected-rows download)."""
    found = [result.error] if result.error else []
    for sheet in result.sheets:
        found += [sheet.error] if sheet.error else []
        found += sheet.warnings + sheet.doubts
        found += [e["evidence"] for e in sheet.evidence.values()]
        found += [e.reason for e in sheet.errors]
        by_row: dict[int, list] = {}
        for e in sheet.errors:
            by_row.setdefault(e.row, []).append(e.reason)
        found += [clauses(reasons) for reasons in by_row.values() if len(reasons) > 1]
    return found


def one(found: list[str], fragment: str) -> str:
    """The first message holding `fragment` (the test fails when the importer no longer
    produces that form)."""
    hits = [m for m in found if fragment in m]
    assert hits, f"no message contains {fragment!r}: {found}"
    return hits[0]


def check(message: str, *kept) -> str:
    """`message` is a code with parameters, every message inside it too, and its Chinese
    keeps the variable parts `kept`."""
    assert isinstance(message, Message), repr(message)
    for inner in _inner_messages(message):
        assert isinstance(inner, Message), (message.code, repr(inner))
    zh = message.render("zh")
    assert CJK.search(zh), (message, zh)
    for part in kept:
        assert str(part) in zh, (part, zh)
    return zh


def _inner_messages(message: Message):
    """The parameters that are messages (a file's sheets, a row's reasons)."""
    for name, value in message.params.items():
        if name in ("msg", "doubts") or isinstance(value, Message):
            yield value
            if isinstance(value, Message):
                yield from _inner_messages(value)
        if isinstance(value, Clauses):
            for part in value:
                yield part
                if isinstance(part, Message):
                    yield from _inner_messages(part)


def check_all(result: importer.FileResult) -> None:
    for message in all_messages(result):
        check(message)


# --- files that cannot be read ------------------------------------------------------------
def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    return buf.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600


@pytest.mark.parametrize("name, data, fragment, zh_fragment", [
    ("空文件.xlsx", b"", "the file is empty", "文件是空的"),
    ("report.doc", b"x", "unsupported file type .doc", "文件类型不受支持"),
    ("noext", b"x", "unsupported file type (none)", "无扩展名"),
    ("text.xlsx", b"hello,world\n", "not an Excel workbook", "不是 Excel 工作簿"),
    ("archive.xlsx", _zip_without_workbook(), "zip archive but not an Excel workbook", "zip 压缩包"),
    ("broken.xlsx", b"PK\x03\x04garbage", "damaged", "已损坏"),
    ("locked.xlsx", OLE, "encrypted or password-protected", "已加密"),
    ("old.xls", OLE, "cannot be read", "无法读取工作簿"),
    ("binary.csv", b"a,b\n\x00\x01", "binary file", "二进制文件"),
    ("garbage.csv", b"hall,name\n" + b"\xff\xfe\x80\x81" * 50, "neither UTF-8 nor GBK", "无法解码"),
    ("mixed.csv", "营业厅编码,名称\n".encode() + "天河厅".encode("gbk") * 3, "mixes encodings", "混用了两种编码"),
])
def test_file_read_errors(con, name, data, fragment, zh_fragment):
    result = run(con, name, data)
    assert fragment in result.error
    zh = check(result.error, name, zh_fragment)
    assert zh.startswith(name + "：")


def test_undecodable_csv_keeps_the_line_number(con):
    error = run(con, "garbage.csv", b"hall,name\n" + b"\xff\xfe\x80\x81" * 50).error
    line = re.search(r"on line (\d+)", error).group(1)
    assert f"第 {line} 行" in check(error)


def test_a_file_that_cannot_be_opened(con, tmp_path):
    missing = tmp_path / "missing.xlsx"
    [result] = importer.import_paths(con, [missing])
    assert "cannot be opened" in result.error
    check(result.error, str(missing), "无法打开")


# --- sheets that are not recognised -----------------------------------------------------
def test_compound_file_error_names_every_sheet(con):
    data = xlsx(("工单", [["工单编号", "受理时间", "营业厅编码"], ["T1", "2026-10-01 09:00", "020001"]]),
                ("杂项", [["a", "b"], ["1", "2"]]),
                ("空表", []))
    result = run(con, "bad.xlsx", data)
    assert result.error.startswith("bad.xlsx: sheet '工单': not recognised: the headers look most like")
    assert "; sheet '杂项': not recognised: no row in the first 30" in result.error
    zh = check(result.error, "bad.xlsx", "工作表“工单”", "工作表“杂项”", "投诉工单", "投诉类别", "工单状态",
               "受理时间", "30")
    assert "Category" not in zh and "Complaint tickets" not in zh
    assert zh.count("；工作表“") == 1  # the two sheets stay two sentences
    assert check(result.sheets[0].error).startswith("无法识别：")
    assert check(result.sheets[2].error) == "空工作表"


def test_unrecognised_english_headers_are_carried_over(con):
    rows = [["Ticket ID", "Received at", "hall code"], ["T1", "2026-10-01 09:00", "020001"]]
    result = run(con, "tickets.csv", csv_bytes(rows))
    zh = check(result.error, "tickets.csv", "工作表“tickets”", "(Ticket ID)", "(Received at)", "(hall code)")
    assert "Category" not in zh


def test_a_file_with_only_empty_sheets(con):
    result = run(con, "blank.xlsx", xlsx(("Sheet1", [])))
    assert result.error == "blank.xlsx: the file has no data"
    assert check(result.error) == "blank.xlsx：文件中没有数据"


def test_too_many_rows(con_with_halls):
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"]
    rows = [header] + [[f"T{i}", "2026-10-01 09:00", "计费", "020001", "处理中"] for i in range(1200)]
    result = run(con_with_halls, "big.csv", csv_bytes(rows), max_rows=1000)
    sheet_error = one(all_messages(result), "over the limit")
    check(sheet_error, "1,200", "1,000")
    check(result.error, "big.csv", "工作表“big”", "1,200")


def test_mapping_that_leaves_required_fields_unmapped(con_with_halls):
    mapping = importer.Mapping("complaints", {"单号": "ticket_id", "没有这列": None})
    rows = [["单号", "受理时间", "营业厅编码"], ["T1", "2026-10-01 09:00", "020001"]]
    found = all_messages(run(con_with_halls, "m.xlsx", xlsx(("S", rows)), mapping=mapping))
    zh = check(one(found, "the mapping leaves required fields unmapped"), "投诉类别", "工单状态")
    assert "Status" not in zh
    check(one(found, "mapping names columns not in this sheet"), "没有这列")
    check(one(found, "m.xlsx: sheet 'S'"), "m.xlsx", "工作表“S”")


@pytest.mark.parametrize("data, kept", [
    ({"dataset": "tickets"}, ["tickets", "complaints"]),
    ({"dataset": "complaints", "columns": {"单号": "nope"}}, ["nope", "complaints"]),
    ({"dataset": "surveys", "scale": "twelve"}, ["twelve", "sms3"]),
])
def test_mapping_file_errors(data, kept):
    with pytest.raises(importer.MappingError) as err:
        importer.Mapping.from_dict(data, source="m.toml")
    check(err.value.message, "m.toml", *kept)


# --- rejected rows -------------------------------------------------------------------------
COMPLAINT_HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "首次响应时间", "办结时间",
                    "是否重复投诉", "补偿金额", "投诉内容", "投诉内容"]


def _ticket(ticket, received="2026-10-01 09:00", *, category="计费", hall="020001", status="处理中",
            first="", resolved="", repeat="否", amount=""):
    return [ticket, received, category, hall, status, first, resolved, repeat, amount, "", ""]


COMPLAINT_ROWS = [
    _ticket("T1"),                                   # row 2: ok
    _ticket("T1"),                                   # row 3: duplicate of row 2
    _ticket("T2", hall="020009"),                    # unknown hall code
    _ticket("T3", amount="abc"),                     # not a number
    _ticket("T4", received="xyz"),                   # not a date
    _ticket("T5", received="2027-01-01 09:00"),      # in the future
    _ticket("T6", amount="-5"),                      # outside ≥ 0
    _ticket("T7", received="2026-10-02 09:00", status="已办结", first="2026-10-01 09:00",
            resolved="2026-10-01 08:00"),            # response and resolution before receipt
    _ticket("T8", status="已办结"),                  # resolved without a resolution time
    _ticket("T9", category=""),                      # required field empty
    _ticket("T10", repeat="maybe"),                  # yes/no not understood
    _ticket("T11", status="飞了"),                   # unknown vocabulary value
    _ticket("T12", received=5),                      # a number that is no date serial
    _ticket(""),                                     # required key empty
]


@pytest.fixture
def complaint_messages(con_with_halls):
    result = run(con_with_halls, "工单.xlsx", xlsx(("工单", [COMPLAINT_HEADER, *COMPLAINT_ROWS])))
    assert result.ok
    return all_messages(result)


@pytest.mark.parametrize("fragment, kept", [
    ("duplicate key", ["工单编号", "T1", "第 2 行", "主键重复"]),
    ("wait for 1 hall code", ["020009", "厅店清单"]),
    ("of 补偿金额 not understood", ["补偿金额", "abc", "空值"]),
    ("'xyz' is not a date", ["受理时间", "xyz", "2026-03-19 14:05", "2026年3月19日"]),
    ("is in the future", ["受理时间", "2027-01-01 09:00:00", "未来"]),
    ("of 补偿金额 outside ≥ 0", ["补偿金额", "-5", "≥ 0"]),
    ("first response time", ["首次响应时间", "2026-10-01 09:00:00", "2026-10-02 09:00:00"]),
    ("resolution time 2026", ["办结时间", "2026-10-01 08:00:00", "受理时间"]),
    ("resolved/closed without a resolution time", ["办结时间", "48小时"]),
    ("required field 投诉类别", ["必填字段", "投诉类别"]),
    ("required field 工单编号", ["工单编号"]),
    ("of 是否重复投诉 not understood", ["是否重复投诉", "maybe"]),
    ("is not a known value", ["工单状态", "飞了", "closed、open、reopened、resolved"]),
    ("5.0 is not a date", ["受理时间", "5.0", "Excel 日期序列值"]),
    ("appears twice", ["投诉内容", "J"]),
])
def test_complaint_rejections_and_warnings(complaint_messages, fragment, kept):
    zh = check(one(complaint_messages, fragment), *kept)
    assert "Ticket ID" not in zh and "Category" not in zh


def test_reasons_joined_for_one_row(complaint_messages):
    joined = one(complaint_messages, "; resolution time")
    zh = check(joined)
    assert zh.count("；") == 1 and zh.startswith("首次响应时间") and "办结时间" in zh


def test_reasons_of_other_datasets(con_with_halls):
    found = []
    halls = [["营业厅编码", "营业厅名称", "区域", "地市", "星级"],
             ["020003", "新厅", "珠三角", "广州", 4.5], ["020004", "另一厅", "珠三角", "广州", 7]]
    found += all_messages(run(con_with_halls, "厅店.xlsx", xlsx(("厅店", halls))))
    staff = [["员工编号", "姓名", "营业厅编码", "入职日期", "离职日期"],
             ["S1", "张三", "020001", "2026-05-01", "2026-04-01"]]
    found += all_messages(run(con_with_halls, "员工.csv", csv_bytes(staff)))
    training = [["员工编号", "课程名称", "培训日期"], ["S999", "服务礼仪", "2026-10-01"]]
    found += all_messages(run(con_with_halls, "培训.csv", csv_bytes(training)))
    sales = [["营销日期", "营业厅编码", "营业厅名称", "产品类别", "营销结果", "接触客户数", "意向客户数", "成功办理数"],
             ["2026-10-01", "", "火星厅", "宽带", "成功", "", "", ""],
             ["2026-10-01", "020001", "", "宽带", "", "", "", ""],
             ["2026-10-01", "020001", "", "宽带", "", "5", "7", "0"],
             ["2026-10-01", "020001", "", "宽带", "", "10", "2", "3"],
             ["2026-10-01", "020001", "", "宽带", "", "2.5", "", ""]]
    found += all_messages(run(con_with_halls, "营销.csv", csv_bytes(sales)))
    surveys = [["评价时间", "营业厅编码", "量表", "总体满意度"],
               ["2026-10-01 10:00", "020001", "五分制", "7"],
               ["2026-10-01 10:00", "020001", "十分制", "11"],
               ["2026-10-01 10:00", "020001", "短信", "4"],
               ["2026-10-01 10:00", "020001", "百分制", "3"],
               ["2026-10-01 10:00", "020001", "", "3"]]
    found += all_messages(run(con_with_halls, "满意度.csv", csv_bytes(surveys)))

    check(one(found, "value(s) of 星级 not understood"), "星级", "4.5", "空值")
    check(one(found, "value(s) of 星级 outside"), "星级", "7", "1–5")
    check(one(found, "left on"), "2026-04-01", "2026-05-01", "离职日期")
    check(one(found, "no hall for staff"), "S999", "员工名单")
    check(one(found, "unknown hall name"), "火星厅")
    check(one(found, "neither an outcome"), "营销结果", "接触客户数")
    check(one(found, "interested is more than"), "7", "5", "意向客户数")
    check(one(found, "converted is more than"), "3", "2", "成功办理数")
    check(one(found, "value(s) of 接触客户数 not understood"), "接触客户数", "2.5")
    check(one(found, "score 7 is outside"), "7", "五分制(1-5)", "1–5")
    check(one(found, "score 11 is outside"), "11", "十分制(0-10)", "0–10")
    check(one(found, "score 4 is outside"), "4", "短信三级", "1–3")
    check(one(found, "scale '百分制'"), "百分制", "sms3、five、ten")
    check(one(found, "no scale declared"), "量表", "总体满意度(1-5分)")
    for message in found:
        check(message)


def test_date_order_in_a_column(con_with_halls):
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"]
    found = []
    for name, dates in [("mixed.csv", ["13/02/2026", "02/13/2026"]), ("mdy.csv", ["03/04/2026"]),
                        ("invalid.csv", ["02/30/2026", "02/13/2026"])]:
        rows = [header] + [[f"{name}{i}", d, "计费", "020001", "处理中"] for i, d in enumerate(dates)]
        found += all_messages(run(con_with_halls, name, csv_bytes(rows)))
    check(one(found, "is ambiguous"), "13/02/2026", "日/月/年")
    check(one(found, "were read as month/day/year"), "受理时间", "03/04/2026", "月/日/年")
    check(one(found, "is not a valid date"), "02/30/2026", "有效")


def test_a_time_without_a_date(con_with_halls):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("S")
    for c, v in enumerate(["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"]):
        ws.write_string(0, c, v)
    for c, v in enumerate(["E1", None, "计费", "020001", "处理中"]):
        if v:
            ws.write_string(1, c, v)
    ws.write_number(1, 1, 0.5, wb.add_format({"num_format": "hh:mm:ss"}))
    wb.close()
    found = all_messages(run(con_with_halls, "time.xlsx", buf.getvalue()))
    check(one(found, "is a time without a date"), "受理时间", "12:00:00")


# --- re-imports and undo ---------------------------------------------------------------
def test_updated_rows_warning_and_undo_refusals(con_with_halls):
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"]
    first = run(con_with_halls, "c1.csv", csv_bytes([header, ["T1", "2026-10-01 09:00", "计费", "020001", "处理中"]]))
    second = run(con_with_halls, "c2.csv", csv_bytes([header, ["T1", "2026-10-01 09:00", "网络", "020001", "处理中"]]))
    warning = one(all_messages(second), "replaced an earlier import")
    assert check(warning, "1", "工单编号") == "1 行替换了之前导入的同一工单编号的记录（以最新导入为准）"

    refusals = {}
    for batch in (first.batch_id, 999, second.batch_id, second.batch_id):
        try:
            storage.undo_batch(con_with_halls, batch)
        except storage.UndoRefused as refused:
            refusals[refused.code] = refused.message
    assert set(refusals) == {"undo_overwritten", "undo_unknown", "undo_already_undone"}
    zh = check(refusals["undo_overwritten"], f"批次 {first.batch_id}", f"批次 {second.batch_id}", "投诉工单")
    assert "Complaint" not in zh and "Complaint tickets" in refusals["undo_overwritten"]
    check(refusals["undo_unknown"], "999")
    check(refusals["undo_already_undone"], str(second.batch_id), "已经撤销")


def test_database_busy(tmp_path):
    path = tmp_path / "busy.duckdb"
    storage.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(storage.DatabaseBusyError) as err:
            storage.connect(path)
    finally:
        holder.kill()
        holder.wait()
    zh = check(err.value.message, str(path), "HALL_ANALYTICS_DB", "另一个程序", "进程")
    assert "process" not in zh


# --- the locale table and the rendering ---------------------------------------------------------
PLACEHOLDER = re.compile(r"\{(\w+)[^}]*\}")
# Parameters only the English sentence shows (the Chinese one names the thing once).
ENGLISH_ONLY = {"field_en", "dataset_en"}


@pytest.mark.parametrize("code", sorted(TEXT))
def test_every_code_has_both_sentences_with_the_same_parameters(code):
    assert set(TEXT[code]) == {"zh", "en"}
    zh, en = (set(PLACEHOLDER.findall(TEXT[code][lang])) for lang in ("zh", "en"))
    assert zh == en - ENGLISH_ONLY, (code, zh, en)


# Codes that only put other messages together: no words of their own.
JOINS = {"clauses", "in_file"}


@pytest.mark.parametrize("code", sorted(set(TEXT) - JOINS))
def test_chinese_sentences_are_chinese(code):
    assert CJK.search(TEXT[code]["zh"]), TEXT[code]["zh"]


@pytest.mark.parametrize("code", sorted(TEXT))
def test_chinese_sentences_use_chinese_punctuation(code):
    literal = PLACEHOLDER.sub("", TEXT[code]["zh"])
    literal = re.sub(r"[\w.-]+(?:/[\w.-]+)+|\.\w+|--[\w-]+", "", literal)  # GBK/GB18030, .csv, --confirm-doubts
    assert not re.search(r"[;:,()]", literal), TEXT[code]["zh"]


ENGINE = [Path(messages.__file__).parent / name for name in
          ("readers.py", "coerce.py", "recognise.py", "importer.py", "storage.py", "worker.py")]
# How the engine names a code: Message("code", ...), or an exception built from one.
CODE_IN_SOURCE = re.compile(r'(?:Message|MappingError|UndoRefused)\(\s*"(\w+)"|FileReadError\([^,()]+(?:\(\w+\))?, "(\w+)"')


def _codes_in_source() -> set[str]:
    found = set()
    for path in ENGINE:
        for match in CODE_IN_SOURCE.finditer(path.read_text(encoding="utf-8")):
            found.add(next(g for g in match.groups() if g))
    return found


def test_every_code_the_engine_uses_has_its_sentences_and_every_sentence_is_used():
    used = _codes_in_source() | {"clauses"}  # clauses(): built by analytics.messages itself
    assert used - set(TEXT) == set()
    assert set(TEXT) - used == set()


def test_the_engine_writes_no_sentence_of_its_own():
    """No f-string or literal sentence reaches a user: every message site builds a Message."""
    sites = re.compile(r"(?:warnings|doubts)\.append\(f?\"|\.error = f?\"|error=f\"|problems\[i\] = f\"|"
                       r"raise (?:FileReadError|UndoRefused|DatabaseBusyError|MappingError)\(f\"")
    for path in ENGINE:
        text = path.read_text(encoding="utf-8")
        assert not sites.search(text), (path.name, sites.search(text).group(0))


def test_rendering_by_kind_of_parameter():
    inner = Message("not_a_number", label="补偿金额", value="abc")
    joined = clauses([inner, Message("required_empty", field_zh="投诉类别", field_en="Category")])
    assert str(joined) == "补偿金额: 'abc' is not a number; required field 投诉类别 (Category) is empty"
    assert joined.render("zh") == "补偿金额：“abc”不是数字；必填字段“投诉类别”为空"
    assert clauses([inner]) is inner
    listed = Message("only_hidden", sheets=Items(["旧数据", "备份"]))
    assert listed.render("zh") == "只有隐藏的工作表中有数据（旧数据、备份）；如需导入，请选择包含隐藏工作表"
    assert "(旧数据, 备份)" in listed
    labelled = Message("score_outside_scale", value=7.0, scale=Label("五分制(1-5)", "5-point (1–5)"), low=1.0,
                       high=5.0)
    assert labelled == "score 7 is outside the declared 5-point (1–5) scale (1–5)"
    assert labelled.render("zh") == "评分 7 超出所声明量表“五分制(1-5)”的范围（1–5）"
    in_file = Message("in_file", file="a.xlsx", msg=Message("in_sheet", sheet="S", msg=joined))
    assert in_file.render("zh") == "a.xlsx：工作表“S”：补偿金额：“abc”不是数字；必填字段“投诉类别”为空"
    assert in_file.render("en") == str(in_file)


def test_plain_text_renders_as_it_is_and_a_message_survives_pickling():
    assert render("已导入 3 行", "en") == "已导入 3 行" and render(None, "zh") == ""
    message = Message("rows_waiting", n=1500, halls=20, codes=Items(["0101", "0102"]), more=" …")
    copy = pickle.loads(pickle.dumps(message))
    assert (copy.code, copy.params, str(copy)) == (message.code, message.params, str(message))
    assert copy.render("zh").startswith("1,500 行数据所属的 20 个营业厅编码不在厅店清单中：0101、0102 …")
    assert json.loads(json.dumps({"m": message})) == {"m": str(message)}


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError, match="no message 'no_such_code'"):
        Message("no_such_code")


def test_render_escapes_what_came_from_outside_and_nothing_else():
    """`escape` (the page's Markdown escape) reaches the values a message quotes, inside lists
    and nested messages too, never the sentence or the engine's own words (labels)."""
    from analytics.messages import Items, Label, Message, clauses, render

    def mark(text: str) -> str:
        return f"«{text}»"

    inner = Message("mapping_bad_dataset", source="*a*", names=Items(["x", "y"]), value=Label("甲", "A"))
    outer = clauses([inner, Message("mapping_unknown_scale", source="s", value="v", names="n")])
    assert render(inner, "en", escape=mark) == "«*a*»: 'dataset' must be one of «x», «y», got A"
    assert render(outer, "zh", escape=mark) == ("«*a*»：“dataset”必须是 «x»、«y» 之一，实际为 甲；"
                                               "«s»：未知的量表 «v»；请使用 «n» 之一")
    assert render(inner, "en") == str(inner) == "*a*: 'dataset' must be one of x, y, got A"
    assert render("plain text", "en", escape=mark) == "«plain text»"
