"""Contract: the importer recognises each dataset from its headers (Chinese or English,
below title rows, one or two header levels), drops blank/totals/note rows and counts them,
coerces types, and rejects each bad row with its sheet, row number, column and a specific
reason, while every good row of the file is stored."""
import datetime as dt
import json

import pytest

from analytics import importer, storage
from builders import NOW, HALL_ROWS, csv_bytes, halls_file, load_halls, xls, xlsx


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


def only_sheet(result):
    assert result.ok, result.as_dict()
    sheets = [s for s in result.sheets if s.error is None]
    assert len(sheets) == 1
    return sheets[0]


# --- headers and recognition ---------------------------------------------------------------
def test_halls_list_below_a_merged_title_with_totals_row(con):
    sheet = only_sheet(run(con, "halls.xlsx", halls_file()))
    assert (sheet.dataset, sheet.header_row, sheet.rows_read, sheet.accepted, sheet.skipped_totals) == \
        ("halls", 2, 3, 3, 1)
    stored = con.execute("SELECT hall_code, star_level FROM halls ORDER BY hall_code").fetchall()
    assert stored == [("020001", 5), ("020002", 4), ("0754001", 3)]  # leading zeros kept


def test_headers_with_spaces_line_breaks_full_width_brackets_and_units(con_with_halls):
    header = ["工单\n编号", " 受理 时间 ", "投诉类别", "营业厅编码", "工单状态", "补偿金额（元）", "处理时长(小时)"]
    rows = [["投诉工单明细表"], ["导出时间：2026-11-01 08:00  导出人：admin"], [], header,
            ["T1", "2026-10-01 09:00", "计费争议", "020001", "处理中", "12.5", "3"]]
    sheet = only_sheet(run(con_with_halls, "c.xlsx", xlsx(("Sheet1", rows))))
    assert sheet.dataset == "complaints" and sheet.header_row == 4
    assert sheet.column_map["补偿金额（元）"] == "compensation_amount"
    assert sheet.column_map["工单\n编号"] == "ticket_id"
    assert sheet.ignored_columns == ["处理时长(小时)"]  # an extra column is reported, not fatal
    assert con_with_halls.execute("SELECT compensation_amount FROM complaints").fetchone() == (12.5,)


def test_two_level_merged_header(con_with_halls):
    rows = [["投诉工单明细"],
            ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "处理时效", None],
            [None, None, None, None, None, "首次响应时间", "办结时间"],
            ["T1", "2026/10/1 9:00", "积分兑换", "020001", "已办结", "2026/10/1 10:30", "2026/10/2 9:00"]]
    merges = [(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 2, 4), (1, 5, 1, 6)]
    sheet = only_sheet(run(con_with_halls, "c.xlsx", xlsx(("工单", rows, merges))))
    assert sheet.header_row == 3 and sheet.accepted == 1
    got = con_with_halls.execute("SELECT first_response_at, resolved_at, status FROM complaints").fetchone()
    assert got == (dt.datetime(2026, 10, 1, 10, 30), dt.datetime(2026, 10, 2, 9, 0), "resolved")


def test_english_headers_are_recognised(con_with_halls):
    rows = [["Ticket ID", "Received at", "Category", "Hall code", "Status", "Resolved at"],
            ["T9", "2026-10-01T08:00:00", "billing", "020002", "Resolved", "2026-10-02T08:00:00"]]
    sheet = only_sheet(run(con_with_halls, "tickets.xlsx", xlsx(("export", rows))))
    assert sheet.dataset == "complaints" and sheet.accepted == 1


@pytest.mark.parametrize("dataset, header", [
    ("staff", ["员工编号", "姓名", "营业厅编码", "岗位", "入职日期", "在职状态"]),
    ("surveys", ["评价时间", "营业厅编码", "评价渠道", "总体满意度(1-5分)"]),
    ("sales", ["营销日期", "营业厅编码", "产品类别", "营销结果"]),
    ("training", ["员工编号", "姓名", "课程名称", "课程类型", "培训日期", "学时"]),
    ("halls", ["厅店编码", "厅店名称", "大区", "城市"]),
])
def test_each_dataset_is_recognised_without_being_told(dataset, header):
    name, _, explanation = importer.recognise_headers(header)
    assert name == dataset and explanation is None


def test_unrecognised_headers_say_what_was_found_and_what_is_missing(con):
    rows = [["工单编号", "投诉类别", "备注"], ["T1", "计费争议", ""]]
    result = run(con, "odd.xlsx", xlsx(("Sheet1", rows)))
    assert not result.ok
    sheet = result.sheets[0]
    assert sheet.dataset is None
    assert "投诉工单" in sheet.error and "受理时间" in sheet.error and "工单编号" in sheet.error
    assert set(sheet.missing_fields) == {"received_at", "hall_code", "status"}
    assert storage.row_counts(con)["complaints"] == 0


def test_every_sheet_of_a_workbook_is_imported_and_empty_sheets_are_ignored(con):
    staff = [["员工编号", "姓名", "营业厅编码", "岗位"], ["E001", "张三", "020001", "营业员"]]
    data = xlsx(("厅店", [["营业厅编码", "营业厅名称", "区域", "地市"], *[r[:2] + r[2:4] for r in HALL_ROWS]]),
                ("员工", staff), ("Sheet3", []))
    result = run(con, "both.xlsx", data)
    assert result.ok
    assert [(s.sheet, s.dataset, s.accepted) for s in result.sheets if s.error is None] == \
        [("厅店", "halls", 3), ("员工", "staff", 1)]
    assert storage.row_counts(con)["staff"] == 1


# --- rows dropped and counted --------------------------------------------------------------
def test_blank_totals_subtotal_and_note_rows_are_dropped_and_counted(con):
    rows = [["营业厅编码", "营业厅名称", "区域", "地市"],
            ["020001", "天河", "珠三角", "广州"], [None, None, None, None],
            ["小计", None, None, None], ["020002", "北京路", "珠三角", "广州"],
            [None, "总计：", None, None], ["Total", "2", None, None], ["合 计", None, None, None],
            ["制表人：张三"], ["注：数据截至10月31日"]]
    sheet = only_sheet(run(con, "h.xlsx", xlsx(("s", rows))))
    assert (sheet.rows_read, sheet.accepted, sheet.skipped_blank, sheet.skipped_totals, sheet.skipped_notes) == \
        (2, 2, 1, 4, 2)


def test_merged_cells_down_data_rows_fill_every_row(con):
    rows = [["营业厅编码", "营业厅名称", "区域", "地市"],
            ["020001", "天河", "珠三角", "广州"], ["020002", "北京路", None, None]]
    sheet = only_sheet(run(con, "h.xlsx", xlsx(("s", rows, [(1, 2, 2, 2), (1, 3, 2, 3)]))))
    assert sheet.accepted == 2
    assert con.execute("SELECT DISTINCT region, city FROM halls").fetchall() == [("珠三角", "广州")]


# --- rejections -----------------------------------------------------------------------------
def test_each_rejection_names_sheet_row_column_and_reason(con_with_halls):
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "首次响应时间", "办结时间"]
    rows = [["工单明细"], header,
            ["T1", "2026-10-01 09:00", "计费争议", "020001", "已办结", "2026-10-01 10:00", "2026-10-02 09:00"],  # ok
            ["T2", "", "计费争议", "020001", "处理中", None, None],                               # required empty
            ["T3", "2026-10-01 09:00", "计费争议", "999999", "处理中", None, None],              # hall not listed yet: kept
            ["T4", "2026-10-05 09:00", "计费争议", "020001", "已办结", None, "2026-10-04 09:00"],  # resolved before
            ["T5", "2027-01-01 09:00", "计费争议", "020001", "处理中", None, None],              # future
            ["T6", "2026-10-01 09:00", "计费争议", "020001", "丢了", None, None],                # bad status
            ["T7", "昨天", "计费争议", "020001", "处理中", None, None],                           # bad date
            ["T1", "2026-10-01 09:00", "计费争议", "020001", "处理中", None, None],              # duplicate key
            ["T8", "2026-10-01 09:00", "计费争议", "020001", "已办结", None, None]]              # resolved, no time: kept
    result = run(con_with_halls, "c.xlsx", xlsx(("十月", rows)))
    sheet = only_sheet(result)
    assert (sheet.rows_read, sheet.accepted, sheet.rejected) == (9, 3, 6)
    assert any("1 ticket(s) resolved/closed without a resolution time" in w for w in sheet.warnings)
    assert (sheet.waiting_rows, sheet.waiting_halls) == (1, ["999999"])
    by_row = {}
    for e in sheet.errors:
        by_row.setdefault(e.row, []).append((e.column, e.reason))
    assert by_row[4] == [("受理时间", "required field 受理时间 (Received at) is empty")]
    assert 5 not in by_row
    assert by_row[6][0][0] == "办结时间" and "before the ticket was received" in by_row[6][0][1]
    assert by_row[7][0][0] == "受理时间" and "in the future" in by_row[7][0][1]
    assert by_row[8][0][0] == "工单状态" and "'丢了' is not a known value" in by_row[8][0][1]
    assert by_row[9][0][0] == "受理时间" and "'昨天' is not a date" in by_row[9][0][1]
    assert by_row[10][0][0] == "工单编号" and "duplicate key" in by_row[10][0][1] and "row 3" in by_row[10][0][1]
    assert 11 not in by_row
    # The rejected rows are kept in the database with file, sheet, row and reason.
    kept = con_with_halls.execute(
        "SELECT file_name, sheet, row_number, column_name, reason, raw_values FROM import_rejections "
        "WHERE row_number = 6").fetchone()
    assert kept[:4] == ("c.xlsx", "十月", 6, "办结时间")
    assert json.loads(kept[5])["工单编号"] == "T4"
    assert con_with_halls.execute("SELECT ticket_id FROM complaints ORDER BY 1").fetchall() == \
        [("T1",), ("T3",), ("T8",)]


def test_an_optional_cell_not_understood_costs_the_value_never_the_row(con_with_halls):
    rows = [["营业厅编码", "营业厅名称", "区域", "地市", "星级", "柜台数"],
            ["020009", "新厅", "珠三角", "广州", "五星", "NA"], ["020010", "新厅二", "珠三角", "广州", 4, "很多"],
            ["020011", "新厅三", "珠三角", "广州", "待定", 6]]
    sheet = only_sheet(run(con_with_halls, "h.xlsx", xlsx(("s", rows))))
    assert (sheet.accepted, sheet.rejected) == (3, 0) and sheet.errors == []
    assert sheet.unread == {"star_level": 1, "counters": 1}  # 'NA' is empty, not a value not understood
    assert "1 value(s) of 星级 not understood, stored empty (e.g. '待定')" in sheet.warnings
    assert any("written as words were read as numbers (e.g. '五星' → 5)" in w for w in sheet.warnings)
    stored = con_with_halls.execute("SELECT hall_code, star_level, counters, _raw FROM halls "
                                    "WHERE hall_code IN ('020009', '020010', '020011') ORDER BY 1").fetchall()
    assert [r[:3] for r in stored] == [("020009", 5, None), ("020010", 4, None), ("020011", None, 6)]
    assert json.loads(stored[1][3]) == ["020010", "新厅二", "珠三角", "广州", 4, "很多"]  # nothing is lost


# --- surveys and scales -------------------------------------------------------------------------
def survey_rows(score_header, scores, extra_header=(), extra=()):
    header = ["评价时间", "营业厅编码", "评价渠道", score_header, *extra_header]
    rows = [header]
    for i, score in enumerate(scores):
        rows.append([dt.datetime(2026, 10, 1, 9, i), "020001", "评价器", score, *(extra[i] if extra else ())])
    return rows


def test_five_point_scale_from_the_header(con_with_halls):
    sheet = only_sheet(run(con_with_halls, "s.xlsx", xlsx(("评价器", survey_rows("总体满意度(1-5分)", [5, 4, 3, 1, "满意", "非常不满意"])))))
    assert sheet.accepted == 6
    got = con_with_halls.execute("SELECT score, scale, score_100, top_box FROM surveys ORDER BY _source_row").fetchall()
    assert got == [(5, "five", 100, True), (4, "five", 75, True), (3, "five", 50, False),
                   (1, "five", 0, False), (4, "five", 75, True), (1, "five", 0, False)]


def test_ten_point_scale_and_out_of_scale_answers(con_with_halls):
    sheet = only_sheet(run(con_with_halls, "s.xlsx", xlsx(("外呼", survey_rows("总体满意度（0-10分）", [10, 9, 0, 11, -1])))))
    assert (sheet.accepted, sheet.rejected) == (3, 2)
    assert "outside the declared 10-point" in sheet.errors[0].reason and sheet.errors[0].row == 5
    got = con_with_halls.execute("SELECT score_100, top_box FROM surveys ORDER BY _source_row").fetchall()
    assert got == [(100, True), (90, True), (0, False)]


def test_sms_three_point_counts_down_and_comes_from_the_channel(con_with_halls):
    rows = [["评价时间", "营业厅编码", "评价渠道", "总体满意度"],
            [dt.datetime(2026, 10, 1), "020001", "短信", 1], [dt.datetime(2026, 10, 1), "020001", "短信", 2],
            [dt.datetime(2026, 10, 1), "020001", "短信", 3], [dt.datetime(2026, 10, 1), "020001", "短信", 4]]
    sheet = only_sheet(run(con_with_halls, "sms.xlsx", xlsx(("短信", rows))))
    assert (sheet.accepted, sheet.rejected) == (3, 1)
    got = con_with_halls.execute("SELECT score, score_100, top_box FROM surveys ORDER BY _source_row").fetchall()
    assert got == [(1, 100, True), (2, 50, False), (3, 0, False)]


def test_scale_column_per_row(con_with_halls):
    rows = survey_rows("总体满意度", [5, 3, 9], ["量表"], [["五分制"], ["三分制"], ["10分制"]])
    sheet = only_sheet(run(con_with_halls, "mix.xlsx", xlsx(("s", rows))))
    assert sheet.accepted == 3
    got = con_with_halls.execute("SELECT scale, score_100 FROM surveys ORDER BY _source_row").fetchall()
    assert got == [("five", 100), ("sms3", 0), ("ten", 90)]


def test_a_score_with_no_declared_scale_is_rejected_not_guessed(con_with_halls):
    sheet = only_sheet(run(con_with_halls, "s.xlsx", xlsx(("s", survey_rows("总体满意度", [5, 4])))))
    assert sheet.accepted == 0 and sheet.rejected == 2
    assert "never guessed" in sheet.errors[0].reason


def test_surveys_without_ids_are_keyed_by_content_and_identical_answers_both_kept(con_with_halls):
    rows = survey_rows("满意度(1-5分)", [5, 5])
    rows[2][0] = rows[1][0]  # two identical answers in the same minute
    data = xlsx(("s", rows))
    assert only_sheet(run(con_with_halls, "s.xlsx", data)).inserted == 2
    again = only_sheet(run(con_with_halls, "s.xlsx", data))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)


# --- sales at two grains -------------------------------------------------------------------
def test_contact_rows_and_daily_report_rows_add_up(con_with_halls):
    contacts = [["营销日期", "营业厅编码", "员工编号", "营销活动类型", "产品类别", "营销结果", "营收金额"],
                ["2026-10-01 10:00", "020001", "E1", "现场营销", "宽带", "成功", "1,200"],
                ["2026-10-01 10:30", "020001", "E1", "现场营销", "宽带", "意向", None],
                ["2026-10-01 11:00", "020001", "E1", "现场营销", "宽带", "失败", None]]
    daily = [["统计日期", "营业厅编码", "营销活动类型", "产品类别", "接触客户数", "意向客户数", "成功办理数", "营收金额"],
             ["2026.10.1", "020001", "社区活动", "宽带", "1,000", "100", "20", "24,000"],
             ["2026.10.2", "020001", "社区活动", "宽带", "10", "20", "5", "0"]]          # interested > contacts
    first = only_sheet(run(con_with_halls, "contacts.xlsx", xlsx(("明细", contacts))))
    second = only_sheet(run(con_with_halls, "daily.csv", csv_bytes(daily)))
    assert (first.accepted, second.accepted, second.rejected) == (3, 1, 1)
    assert "more than 10 contacts" in second.errors[0].reason
    totals = con_with_halls.execute(
        "SELECT grain, sum(contacts), sum(interested), sum(converted), sum(revenue) FROM sales GROUP BY grain ORDER BY grain"
    ).fetchall()
    assert totals == [("contact", 3, 2, 1, 1200.0), ("daily", 1000, 100, 20, 24000.0)]


# --- staff and training -------------------------------------------------------------------
def test_training_without_a_hall_column_takes_the_hall_from_the_staff_list(con_with_halls):
    staff = [["员工编号", "姓名", "营业厅编码", "岗位", "入职日期", "在职状态", "离职日期"],
             ["E001", "张三", "020001", "营业员", "2026-01-05", "在职", None],
             ["E002", "李四", "020002", "导购", "2026-03-01", "离职", "2026-02-01"]]     # left before hired
    sheet = only_sheet(run(con_with_halls, "staff.xlsx", xlsx(("s", staff))))
    assert (sheet.accepted, sheet.rejected) == (1, 1) and "before being hired" in sheet.errors[0].reason
    training = [["员工编号", "课程名称", "课程类型", "培训日期", "学时", "考核成绩", "是否通过"],
                ["E001", "新员工岗前培训", "岗前培训", "2026年1月20日", "40", "88", "通过"],
                ["E001", "服务礼仪", "服务礼仪", "2026年3月2日", "4", "55", None],
                ["E999", "服务礼仪", "服务礼仪", "2026年3月2日", "4", "90", "是"]]
    sheet = only_sheet(run(con_with_halls, "training.xlsx", xlsx(("s", training))))
    assert (sheet.accepted, sheet.rejected) == (2, 1) and "E999" in sheet.errors[0].reason
    got = con_with_halls.execute("SELECT hall_code, trained_on, passed FROM training ORDER BY trained_on").fetchall()
    assert got == [("020001", dt.date(2026, 1, 20), True), ("020001", dt.date(2026, 3, 2), False)]


def test_a_hall_named_instead_of_coded_is_resolved(con_with_halls):
    rows = [["工单编号", "受理时间", "投诉类别", "营业厅名称", "工单状态"],
            ["T1", "2026-10-01 09:00", "计费争议", "广州北京路沟通100服务厅", "处理中"],
            ["T2", "2026-10-01 09:00", "计费争议", "不存在的厅", "处理中"]]
    sheet = only_sheet(run(con_with_halls, "c.xlsx", xlsx(("s", rows))))
    assert (sheet.accepted, sheet.rejected) == (1, 1) and "unknown hall name" in sheet.errors[0].reason
    assert con_with_halls.execute("SELECT hall_code FROM complaints").fetchone() == ("020002",)


# --- file formats -------------------------------------------------------------------------
CSV_ROWS = [["营业厅编码", "营业厅名称", "区域", "地市"], ["020001", "天河路厅", "珠三角", "广州"],
            ["020003", "体育西厅", "珠三角", "广州"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_writes(con, encoding):
    sheet = only_sheet(run(con, "halls.csv", csv_bytes(CSV_ROWS, encoding)))
    assert sheet.accepted == 2
    assert con.execute("SELECT hall_name FROM halls ORDER BY hall_code").fetchall() == [("天河路厅",), ("体育西厅",)]


def test_legacy_xls_workbook(con_with_halls):
    rows = [["投诉工单"], ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"],
            ["T1", dt.datetime(2026, 10, 1, 9, 30), "网络质量", "020001", "处理中"]]
    sheet = only_sheet(run(con_with_halls, "old.xls", xls("工单", rows)))
    assert sheet.accepted == 1
    assert con_with_halls.execute("SELECT received_at FROM complaints").fetchone() == (dt.datetime(2026, 10, 1, 9, 30),)


@pytest.mark.parametrize("name, data, words", [
    ("empty.xlsx", b"", "empty"),
    ("notes.xlsx", b"just some text, not a workbook", "not an Excel workbook"),
    ("data.pdf", b"%PDF-1.4", "unsupported file type"),
])
def test_unreadable_files_get_one_clear_message(con, name, data, words):
    result = run(con, name, data)
    assert not result.ok and words in result.error and name in result.error


# --- mapping ------------------------------------------------------------------------------
def test_explicit_mapping_for_unknown_headers_and_its_saved_profile_is_reused(con_with_halls):
    rows = [["单号", "时间", "问题", "门店", "进度"], ["X1", "2026-10-01 09:00", "网络质量", "020001", "处理中"]]
    data = xlsx(("s", rows))
    assert not run(con_with_halls, "odd.xlsx", data).ok
    mapping = importer.Mapping.from_dict({"dataset": "complaints", "columns": {
        "单号": "ticket_id", "时间": "received_at", "问题": "category", "门店": "hall_code", "进度": "status"}})
    result = run(con_with_halls, "odd.xlsx", data, mapping=mapping)
    sheet = only_sheet(result)
    assert sheet.accepted == 1 and sheet.mapping_profile == "explicit mapping"
    storage.save_mapping_profile(con_with_halls, name="门店工单导出", dataset="complaints",
                                 header_signature=sheet.header_signature, columns=mapping.columns, scale=None)
    rows.append(["X2", "2026-10-02 09:00", "网络质量", "020002", "处理中"])
    again = only_sheet(run(con_with_halls, "odd2.xlsx", xlsx(("s", rows))))
    assert again.mapping_profile == "门店工单导出" and again.inserted == 1 and again.unchanged == 1


def test_mapping_files_are_checked(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"dataset": "complaints", "columns": {"a": "no_such_field"}}))
    with pytest.raises(ValueError, match="no_such_field"):
        importer.Mapping.from_file(bad)
    toml = tmp_path / "m.toml"
    toml.write_text('dataset = "surveys"\nscale = "五分制"\n[columns]\n"打分" = "score"\n', encoding="utf-8")
    mapping = importer.Mapping.from_file(toml)
    assert (mapping.dataset, mapping.scale, mapping.columns) == ("surveys", "five", {"打分": "score"})


def test_a_messy_export_is_imported_exactly(con_with_halls):
    """Title and export-info rows, a two-level merged header, extra columns, blank rows, a
    subtotal and a totals row, three date forms, thousands separators, yes/no words — and
    the same ticket list as a GBK CSV gives the same table."""
    rows = [["广州分公司投诉工单明细（2026年10月）"],
            ["导出时间：2026-11-01 08:00:00", None, None, "导出人：系统管理员"],
            [None],
            ["工单编号", "受理时间", "投诉类别", "投诉子类", "营业厅编码", "客户号码", "工单状态", "处理时效", None,
             "是否重复投诉", "补偿金额(元)", "坐席"],
            [None, None, None, None, None, None, None, "首次响应时间", "办结时间", None, None, None],
            ["GD0001", "2026-10-01 09:00:00", "积分兑换", "兑换失败", "020001", "138****0001", "已办结",
             "2026/10/1 9:30", "2026/10/2 9:00", "否", "1,000", "甲"],
            [None] * 12,
            ["GD0002", "2026年10月2日", "计费争议", "收费误差", "020002", "139****0002", "处理中",
             "2026.10.2", None, "是", None, "乙"],
            ["小计", None, None, None, None, None, None, None, None, None, "1,000", None],
            ["GD0003", "2026-10-03T10:00:00", "服务态度", None, "0754001", "137****0003", "已关闭",
             None, "2026-10-05T10:00:00", "N", "0", "丙"],
            ["合计", "3", None, None, None, None, None, None, None, None, "1,000", None]]
    merges = [(0, 0, 0, 11)] + [(3, c, 4, c) for c in (0, 1, 2, 3, 4, 5, 6, 9, 10, 11)] + [(3, 7, 3, 8)]
    sheet = only_sheet(run(con_with_halls, "messy.xlsx", xlsx(("工单明细", rows, merges))))
    assert (sheet.header_row, sheet.rows_read, sheet.accepted, sheet.rejected) == (5, 3, 3, 0)
    assert (sheet.skipped_blank, sheet.skipped_totals) == (1, 2)
    assert sheet.ignored_columns == ["坐席"]
    expected = [
        ("GD0001", dt.datetime(2026, 10, 1, 9), "兑换失败", "020001", "138****0001", dt.datetime(2026, 10, 1, 9, 30),
         dt.datetime(2026, 10, 2, 9), "resolved", False, 1000.0),
        ("GD0002", dt.datetime(2026, 10, 2), "收费误差", "020002", "139****0002", dt.datetime(2026, 10, 2),
         None, "open", True, None),
        ("GD0003", dt.datetime(2026, 10, 3, 10), None, "0754001", "137****0003", None,
         dt.datetime(2026, 10, 5, 10), "closed", False, 0.0),
    ]
    query = ("SELECT ticket_id, received_at, sub_category, hall_code, customer, first_response_at, resolved_at, "
             "status, is_repeat, compensation_amount FROM complaints ORDER BY ticket_id")
    assert con_with_halls.execute(query).fetchall() == expected

    # The same list flattened to one header row and saved by Excel as a GBK CSV.
    flat = [rows[3][:7] + ["首次响应时间", "办结时间"] + rows[3][9:]] + [r for r in rows[5:]]
    other = storage.connect(":memory:")
    load_halls(other)
    csv_sheet = only_sheet(run(other, "messy.csv", csv_bytes(flat, "gbk")))
    assert (csv_sheet.accepted, csv_sheet.skipped_totals, csv_sheet.skipped_blank) == (3, 2, 1)
    assert other.execute(query).fetchall() == expected


def test_a_staff_status_not_understood_stays_empty_and_free_text_is_kept_as_written(con_with_halls):
    # 在职 → active; blank with a leaving date → left; blank → active; '借调中' is no known
    # status: stored empty, as the warning says (no default fills it).
    rows = [["员工编号", "姓名", "营业厅编码", "岗位", "人员状态", "离职日期"],
            ["S1", "张三", "020001", "营业员（兼职）", "在职", None],
            ["S2", "李四", "020001", "营业员", None, "2026-09-30"],
            ["S3", "王五", "020001", "营业员", None, None],
            ["S4", "赵六", "020001", "营业员", "借调中", None]]
    sheet = only_sheet(run(con_with_halls, "s.xlsx", xlsx(("人员", rows))))
    assert (sheet.accepted, sheet.rejected) == (4, 0)
    assert any("1 value(s) of 人员状态 not understood, stored empty (e.g. '借调中')" in w for w in sheet.warnings)
    assert con_with_halls.execute("SELECT staff_id, status, role FROM staff WHERE staff_id LIKE 'S_' ORDER BY 1"
                                  ).fetchall() == [("S1", "active", "营业员（兼职）"), ("S2", "left", "营业员"),
                                                   ("S3", "active", "营业员"), ("S4", None, "营业员")]


def test_the_check_reports_its_progress_from_the_read_to_the_last_column(con_with_halls):
    # One file of two sheets: READ_SHARE after the read, then each sheet's share by its
    # columns, ending at 1.0; never backwards.
    rows = [["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态"], ["T1", "2026-10-01 09:00", "计费", "020001", "处理中"]]
    seen = []
    importer.preview_files(con_with_halls, [("c.xlsx", xlsx(("一", rows), ("二", rows)))],
                           on_progress=lambda name, fraction: seen.append((name, fraction)))
    fractions = [f for _, f in seen]
    assert {name for name, _ in seen} == {"c.xlsx"}
    assert fractions[0] == importer.READ_SHARE and fractions[-1] == pytest.approx(1.0)
    assert fractions == sorted(fractions) and len(fractions) > 4
