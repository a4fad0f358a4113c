"""Contract: every message the import engine shows a user (file errors, sheet errors and
warnings, row rejection reasons, undo refusals) has a complete Chinese version, with its
variable parts (file and sheet names, headers, cell values, numbers, dates) kept.

The messages are produced by running the real importer on small bad files, so a new or
reworded English message fails here until analytics/messages.py covers it."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter

from analytics import importer, messages, storage
from analytics.messages import to_chinese, translate, untranslated
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
    """Every user-facing text of an import: file error, sheet errors, warnings, reasons
    (one by one, and joined per row as in the rejected-rows download)."""
    found = [result.error] if result.error else []
    for sheet in result.sheets:
        found += [sheet.error] if sheet.error else []
        found += sheet.warnings
        found += [e.reason for e in sheet.errors]
        if sheet.rejected_rows is not None:
            found += list(sheet.rejected_rows["reason"])
    return found


def one(found: list[str], fragment: str) -> str:
    """The first message holding `fragment` (the test fails when the importer no longer
    produces that form)."""
    hits = [m for m in found if fragment in m]
    assert hits, f"no message contains {fragment!r}: {found}"
    return hits[0]


def check(message: str, *kept) -> str:
    """The Chinese version of `message` is complete and keeps the variable parts `kept`."""
    zh = to_chinese(message)
    assert untranslated(zh) == [], (message, zh)
    assert untranslated(message) == [], (message, zh)
    assert zh != message and CJK.search(zh), (message, zh)
    for part in kept:
        assert str(part) in zh, (part, zh)
    return zh


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
    with pytest.raises(ValueError) as err:
        importer.Mapping.from_dict(data, source="m.toml")
    check(str(err.value), "m.toml", *kept)


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
    ("is not a known value", ["工单状态", "飞了", "closed, open, reopened, resolved"]),
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
    check(one(found, "scale '百分制'"), "百分制", "sms3, five, ten")
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
            refusals[refused.code] = str(refused)
    assert set(refusals) == {"overwritten", "unknown", "already_undone"}
    zh = check(refusals["overwritten"], f"导入批次 {first.batch_id}", f"导入批次 {second.batch_id}", "投诉工单")
    assert "Complaint" not in zh
    check(refusals["unknown"], "999")
    check(refusals["already_undone"], str(second.batch_id), "已经撤销")


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
    check(str(err.value), str(path), "HALL_ANALYTICS_DB", "另一个程序")


# --- direct checks -----------------------------------------------------------------------------
# One English example of every pattern, the forms the tests above cannot easily produce included.
EXAMPLES = {
    # recognition evidence (one per pattern), as the Import page shows it
    "'营业厅编码' is a known header; 3/3 values are known halls": "“营业厅编码”是已知的表头；3/3 个值是已知的营业厅编码",
    "'回访日期' reads as a known header; 6/6 values are dates": "“回访日期”与已知表头同义；6/6 个值是日期",
    "'所属营业厅' holds 营业厅; 13/13 values are known hall names": "“所属营业厅”含有“营业厅”；13/13 个值是已知的营业厅名称",
    "'服务人员工号' is a known header; 12/12 values are known staff": "“服务人员工号”是已知的表头；12/12 个值是已知的员工编号",
    "4/4 values are known codes": "4/4 个值是已知的编码",
    "'人员状态' is a known header; 13/13 values are words of its vocabulary":
        "“人员状态”是已知的表头；13/13 个值属于该字段的取值词表",
    "'受理台席数' is a known header; 9/9 values are numbers in range": "“受理台席数”是已知的表头；9/9 个值是范围内的数字",
    "'总体' is a known header; 12/12 values are scores or satisfaction words":
        "“总体”是已知的表头；12/12 个值是评分或满意度用语",
    "'是否通过' is a known header; 5/5 values are yes/no": "“是否通过”是已知的表头；5/5 个值是“是/否”",
    "'员工编号' is a known header; 13/13 values look like codes": "“员工编号”是已知的表头；13/13 个值像编码",
    "'姓名' is a known header; 13/13 values are text": "“姓名”是已知的表头；13/13 个值是文字",
    "given by the mapping": "由列映射指定",
    "'离职日期' is a known header; no values": "“离职日期”是已知的表头；没有值",
    "bomb.xlsx: the workbook would unpack to 5,000 MB from 0.1 MB (more than 200× or 2 GB); refused as a possible "
    "decompression bomb. Export the data again, or split it.":
        "bomb.xlsx：工作簿解压后将达 5,000 MB（文件本身 0.1 MB，超过 200 倍或 2 GB），疑为“解压炸弹”，已拒绝。请重新导出，或拆分后再导入。",
    "big.csv: row 3 has a cell longer than 1,048,576 characters; an export cell holds at most 32,767 (Excel's "
    "limit), so the file is damaged or not an export.":
        "big.csv：第 3 行有一个单元格超过 1,048,576 个字符；导出文件的单元格最多 32767 个字符（Excel 的上限），文件可能已损坏或并非系统导出。",
    "m.csv: the file mixes encodings — UTF-8 Chinese text up to line 2, then bytes in another encoding (GBK?); "
    "save it again from Excel as 'CSV UTF-8'.": None,
    "only a header (row 2): no data rows below it": "只有表头（第 2 行），下面没有数据行",
    "the sheet could not be checked (TypeError: x); nothing from it is imported — please report this file":
        "无法检查此工作表（TypeError: x）；其中的数据均未导入——请把这个文件反馈给我们",
    "营业厅名称: control characters removed from 3 cell(s), first on row 5":
        "营业厅名称：已从 3 个单元格中删除控制字符，首次出现在第 5 行",
    "the workbook has 12 formula cell(s) with no stored result, read as empty: open it in Excel and save it (or "
    "paste values), then import again": None,
    "sheet 'S1': empty sheet": "工作表“S1”：空工作表",
    "a.xlsx: the file has no data": "a.xlsx：文件中没有数据",
    "a.xlsx: nothing was imported — the write failed (IOException: disk full)":
        "a.xlsx：未导入任何数据——写入数据库失败（IOException: disk full）",
    "/data/a.xlsx: cannot be opened (Permission denied)": "/data/a.xlsx：无法打开文件（Permission denied）",
    "a.xlsx: the file is empty (0 bytes).": "a.xlsx：文件是空的（0 字节）。",
    "a.pdf: unsupported file type .pdf; expected one of .xlsx, .csv.":
        "a.pdf：文件类型不受支持：.pdf；应为以下类型之一：.xlsx, .csv。",
    "a.xlsx: this is not an Excel workbook (the file does not start like .xlsx or .xls); if it is a CSV "
    "export, save it with the .csv extension.": None,
    "a.xlsx: the workbook is damaged (not a valid zip archive).": "a.xlsx：工作簿已损坏（不是有效的 zip 压缩包）。",
    "a.xlsx: this is a zip archive but not an Excel workbook.": "a.xlsx：这是一个 zip 压缩包，但不是 Excel 工作簿。",
    "a.xlsx: the workbook is password-protected; remove the password and export again.":
        "a.xlsx：工作簿设有密码保护；请取消密码后重新导出。",
    "a.xlsx: the workbook is encrypted or password-protected; remove the password and export again.": None,
    "a.xls: the workbook cannot be read (CalamineError: Cannot detect file format).":
        "a.xls：无法读取工作簿（CalamineError: Cannot detect file format）。",
    "a.xlsx, sheet 明细: cannot be read (bad cell).": "a.xlsx，工作表“明细”：无法读取（bad cell）。",
    "a.csv: the text is neither UTF-8 nor GBK/GB18030 (first undecodable byte on line 7); the file may mix "
    "encodings — save it again from Excel as 'CSV UTF-8'.": None,
    "a.csv: this is a binary file, not a CSV text export.": "a.csv：这是二进制文件，不是 CSV 文本导出文件。",
    "a.csv: the CSV cannot be parsed (field larger than field limit (131072)).":
        "a.csv：无法解析 CSV 文件（field larger than field limit (131072)）。",
    "not recognised: no row in the first 30 looks like a header with known columns (e.g. 营业厅编码, 工单编号, "
    "评价时间). Give a column mapping.": None,
    "not recognised: the headers look most like 厅店 (Halls) but lack 区域/Region; found no known field. Rename "
    "the columns, or give a column mapping.":
        "无法识别：表头最接近“厅店”，但缺少必填字段 区域；已找到：无已知字段。请修改列名，或指定列映射。",
    "the mapping leaves required fields unmapped: 营业厅编码/Hall code, 地市/City":
        "列映射没有对应以下必填字段：营业厅编码、地市",
    "mapping names columns not in this sheet: 单号, 日期": "列映射中的这些列在本工作表中不存在：单号, 日期",
    "column '备注' appears twice; the first one (column AB) is used": "列“备注”出现了两次；使用第一次出现的那一列（第 AB 列）",
    "the sheet has 250,001 data rows, over the limit of 200,000 rows per sheet; split the export into "
    "smaller files": None,
    "m.json: 'dataset' must be one of halls, staff, got 'x'": "m.json：“dataset”必须是 halls, staff 之一，实际为 'x'",
    "m.json: unknown field(s) for sales: foo, bar": "m.json：数据集 sales 没有这些字段：foo, bar",
    "m.json: unknown scale 'seven'; use one of sms3, five, ten": "m.json：未知的量表 'seven'；请使用 sms3, five, ten 之一",
    "12 row(s) replaced an earlier import of the same 员工编号 + 课程名称 + 培训日期 (latest import wins)":
        "12 行替换了之前导入的同一员工编号 + 课程名称 + 培训日期的记录（以最新导入为准）",
    "日期: dates such as '03/04/2026' were read as month/day/year (no day above 12 in the column tells otherwise)": None,
    "状态: 'x' is not a known value (expected one of a, b or their Chinese words)":
        "状态：“x”不是可识别的取值（应为 a, b 或对应的中文词）",
    "营业厅编码: 'abc' is not a number": "营业厅编码：“abc”不是数字",
    "人数: '2.5' should be a whole number": "人数：“2.5”应为整数",
    "是否通过: 'maybe' is not yes/no (是/否, Y/N, 通过/未通过 …)": None,
    "日期: 99 is not a date (numbers in a date column must be Excel date serials)": None,
    "日期: '09:30:00' is a time without a date": "日期：“09:30:00”只有时间，没有日期",
    "日期: 'x' is not a date (expected e.g. 2026-03-19 14:05, 2026/3/19 or an Excel date)":
        "日期：“x”不是日期（应为 2026-03-19 14:05, 2026/3/19 这样的格式，或 Excel 日期）",
    "日期: '13/02/2026' is ambiguous — this column mixes day/month/year and month/day/year dates": None,
    "日期: '02/30/2026' is not a valid date": "日期：“02/30/2026”不是有效的日期",
    "3 row(s) older than what is stored: kept the stored": "3 行比数据库中已有的记录更旧：保留已有记录",
    "2 value(s) of 星级 not understood, stored empty (e.g. '待定', 'NA?')":
        "星级 有 2 个值无法识别，已存为空值（例如 '待定', 'NA?'）",
    "1 value(s) of 柜台数 outside ≥ 0, stored empty (e.g. -2)": "柜台数 有 1 个值超出允许范围（≥ 0），已存为空值（例如 -2）",
    "1,500 row(s) wait for 20 hall code(s) not in the halls list: 0101, 0102 …; they are kept and counted once "
    "the halls list has them": None,
    "考核成绩: 3 value(s) written as percentages were read as points of the 0–100 scale (e.g. '85%' → 85)": None,
    "星级: 2 value(s) written as words were read as numbers (e.g. '五星' → 5)": None,
    "营业厅编码: 4 code(s) had lost their leading zeros and were matched to known halls (e.g. 20003 → 020003)": None,
    "推荐意愿: every value is between 1 and 5, but the field is on the 0–10 scale; answers on a 1–5 scale would "
    "give a wrong NPS. Map the column to another field, or confirm that the values are on the 0–10 scale": None,
    "成绩: every value is between 0.5 and 0.9, but the field is on the 0–100 scale; fractions would all fail. "
    "Confirm that the values are points, or correct the file": None,
    "总体满意度: the sheet declares the 0–10 scale but every answer is between 1 and 5; confirm the scale, or "
    "declare the 5-point scale": None,
    "x.xlsx: nothing was imported — values need to be confirmed: 推荐意愿: every value is between 1 and 5, but the "
    "field is on the 0–10 scale; answers on a 1–5 scale would give a wrong NPS. Map the column to another field, "
    "or confirm that the values are on the 0–10 scale (confirm on the Import page, or run the import with "
    "--confirm-doubts)": None,
    "x.xlsx: only hidden sheets hold data (旧数据); include hidden sheets to import them": None,
    "unknown hall code '020009' (not in the halls list; import the halls list first)":
        "未知的营业厅编码“020009”（不在厅店清单中；请先导入厅店清单）",
    "unknown hall name '火星厅' (not in the halls list)": "未知的营业厅名称“火星厅”（不在厅店清单中）",
    "no hall for staff 'E9': the export has no hall column and the staff list does not know this person": None,
    "required field 工单编号 (Ticket ID) is empty": "必填字段“工单编号”为空",
    "score 7 is outside the declared 5-point (1–5) scale (1–5)": "评分 7 超出所声明量表“五分制(1-5)”的范围（1–5）",
    "等候时长 2000 is outside 0–1440": "等候时长 2000 超出允许范围（0–1440）",
    "评价时间 2027-01-01 00:00:00 is in the future": "评价时间 2027-01-01 00:00:00 晚于导入时间，是未来的时间",
    "scale '7' is not one of sms3, five, ten (三分制/五分制/十分制)": None,
    "no scale declared for the score: add a 量表 column (三分制/五分制/十分制), a header such as 总体满意度(1-5分), "
    "or a mapping with a scale; scales are never guessed": None,
    "resolution time 2026-10-01 08:00:00 is before the ticket was received (2026-10-02 09:00:00)":
        "办结时间 2026-10-01 08:00:00 早于工单受理时间（2026-10-02 09:00:00）",
    "2 ticket(s) resolved/closed without a resolution time (办结时间): kept as resolved, outside the 48-hour rate":
        "2 张工单状态为已办结/已关闭但没有办结时间：按已办结保留，不计入48小时办结率",
    "left on 2026-04-01 before being hired on 2026-05-01": "离职日期 2026-04-01 早于入职日期 2026-05-01",
    "neither an outcome (营销结果: 成功/意向/失败, one contact) nor a contact count (接触客户数, a daily report) "
    "is given": None,
    "7 interested is more than 5 contacts": "意向客户数 7 大于接触客户数 5",
    "3 converted is more than 2 interested": "成功办理数 3 大于意向客户数 2",
    "duplicate key: the same 工单编号 (T1) as row 5": "主键重复：工单编号（T1）与第 5 行相同",
    "There is no import batch 9.": "没有导入批次 9。",
    "Batch 4 was already undone.": "导入批次 4 已经撤销过了。",
    "Batch 4 cannot be undone: batch 6 later updated some of its rows (Staff). Undo batch 6 first.":
        "导入批次 4 不能撤销：之后的导入批次 6 更新了它的部分记录（员工）。请先撤销导入批次 6。",
    "The database data/x.duckdb is in use by another program (process 42). Stop the running app (or use its "
    "Import page), or point --db / HALL_ANALYTICS_DB at another file, then try again.": None,
    "The database data/x.duckdb is in use by another program. Stop the running app (or use its Import page), "
    "or point --db / HALL_ANALYTICS_DB at another file, then try again.": None,
}


@pytest.mark.parametrize("english, chinese", EXAMPLES.items(), ids=range(len(EXAMPLES)))
def test_literal_messages(english, chinese):
    zh = check(english)
    if chinese is not None:
        assert zh == chinese


def test_every_pattern_has_an_example():
    def candidates(text):  # the text, what follows each ": ", and each "; " part
        yield text
        yield from text.split("; ")
        at = text.find(": ")
        while at > 0:
            yield text[at + 2:]
            at = text.find(": ", at + 1)

    unused = [regex.pattern for regex, _ in messages.PATTERNS
              if not any(regex.fullmatch(c) for m in EXAMPLES for c in candidates(m))]
    assert unused == []


def test_templates_use_chinese_punctuation():
    for _, template in messages.PATTERNS:
        literal = re.sub(r"\{\w+\}", "", template)
        literal = re.sub(r"[\w.-]+(?:/[\w.-]+)+|\.\w+|e\.g\.", "", literal)  # GBK/GB18030, .csv
        assert not re.search(r"[;:,()]", literal), template


def test_compound_file_error_literal():
    english = ("月报.xlsx: sheet '投诉': 营业厅编码: 'abc' is not a number; sheet 'Sheet2': not recognised: the "
               "headers look most like 投诉工单 (Complaint tickets) but lack 投诉类别/Category, 工单状态/Status; "
               "found 工单编号(单号). Rename the columns, or give a column mapping.; sheet 'x: y': empty sheet")
    assert to_chinese(english) == (
        "月报.xlsx：工作表“投诉”：营业厅编码：“abc”不是数字；工作表“Sheet2”：无法识别：表头最接近“投诉工单”，"
        "但缺少必填字段 投诉类别、工单状态；已找到：工单编号(单号)。请修改列名，或指定列映射。；工作表“x: y”：空工作表")
    assert untranslated(english) == []


def test_reasons_joined_and_prefixed():
    english = ("营业厅编码: unknown hall code '0200; 09' (not in the halls list; import the halls list first); "
               "duplicate key: the same 工单编号, 受理时间 (T1 / 2026-10-01) as row 12")
    zh = to_chinese(english)
    assert zh == ("营业厅编码：未知的营业厅编码“0200; 09”（不在厅店清单中；请先导入厅店清单）；"
                  "主键重复：工单编号, 受理时间（T1 / 2026-10-01）与第 12 行相同")
    assert untranslated(zh) == []


def test_english_headers_and_values_are_carried_over():
    zh = check("hall code: 'n/a' is not a number", "hall code", "n/a")
    assert zh == "hall code：“n/a”不是数字"


def test_chinese_and_unknown_text_is_returned_unchanged():
    assert to_chinese("已导入 3 行") == "已导入 3 行"
    assert untranslated("已导入 3 行") == []
    assert to_chinese("") == ""
    unknown = "Something nobody wrote a pattern for."
    assert to_chinese(unknown) == unknown


def test_untranslated_reports_what_no_pattern_covers():
    unknown = "This sentence is not known to any pattern"
    assert untranslated(unknown) == [unknown]
    assert untranslated(to_chinese(unknown)) == [unknown]
    # Inside a compound message only the unknown part is reported, the rest is translated.
    compound = f"a.xlsx: sheet 'S': {unknown}; duplicate key: the same 工单编号 (T1) as row 5"
    zh = to_chinese(compound)
    assert zh.startswith("a.xlsx：工作表“S”：") and zh.endswith("主键重复：工单编号（T1）与第 5 行相同")
    assert untranslated(zh) == [unknown]
    # A message ending in a carried-over value does not swallow an unknown reason after it.
    assert untranslated(f"mapping names columns not in this sheet: 单号; {unknown}") == [unknown]
    # An English label that should have become Chinese is reported.
    assert untranslated("score 9 is outside the declared Weird scale (1–5)") == ["Weird"]
    # A half-translated text, as a new English phrase would leave it.
    assert untranslated("营业厅编码：“abc” is not a number") != []


def test_translate_by_language():
    english = "营业厅编码: 'abc' is not a number"
    assert translate(english, "en") == english
    assert translate(english, "zh") == "营业厅编码：“abc”不是数字"
