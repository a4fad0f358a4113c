"""Contract: the Import data page drives the real import engine. A file is checked before
anything is written (dataset, counts, preview, rejected rows with reasons), bad files get a
message naming the file, the problem and what to do, a column mapping can be chosen and
saved as a profile that the next file with the same headers gets automatically, a commit
writes exactly what the check said, and undo takes a batch back. The database is checked
after every step."""
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from analytics import storage
from builders import HALL_HEADER, HALL_ROWS, halls_file, xlsx
from builders import fingerprint as table_fingerprint
from page_driver import Downloads, as_read

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "import_data.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "办结时间"]
T1 = ["T1", "2026-10-01 09:00", "积分兑换", "020001", "已办结", "2026-10-02 10:00"]
T2 = ["T2", "2026-10-03 09:00", "计费争议", "020002", "处理中", None]
T3 = ["T3", "2026-10-04 09:00", "网络质量", "0754001", "处理中", None]


def tickets(*rows, title="投诉工单明细"):
    return xlsx(("工单", [[title], HEADER, *rows, ["合计", str(len(rows))]]))


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(path))
    return path


def table(db, sql):
    con = storage.connect(db)  # the app's own instance (same process): sees what it committed
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def fingerprint(db):
    con = storage.connect(db)
    try:
        return table_fingerprint(con)
    finally:
        con.close()


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, *files) -> AppTest:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> list[dict[str, str]]:
    """The count panels of the checked sheets, one dict per sheet, in page order."""
    panels, current = [], None
    for m in at.metric:
        if m.label == "读取行数":
            current = {}
            panels.append(current)
        current[m.label] = m.value
    return panels


def texts(at: AppTest) -> str:
    return as_read("\n".join([*(e.value for e in at.error), *(w.value for w in at.warning),
                               *(s.value for s in at.success), *(m.value for m in at.markdown),
                               *(c.value for c in at.caption), *(i.value for i in at.info)]))


def test_empty_database_offers_the_sample_and_states_the_upload_limit(db):
    at = page()
    assert "数据库是空的" in at.info[0].value
    assert "每个文件最大 50 MB" in texts(at)  # .streamlit/config.toml: server.maxUploadSize = 50
    assert at.file_uploader[0].accept_multiple_files
    click(at, "imp_load_sample")
    counts = dict(table(db, "SELECT 'surveys', count(*) FROM surveys UNION ALL SELECT 'halls', count(*) FROM halls"))
    assert counts == {"surveys": 26_134, "halls": 40}
    assert "imp_load_sample" not in [b.key for b in at.button], "the button is for an empty database only"
    assert {r[0] for r in table(db, "SELECT DISTINCT source FROM import_batches")} == {"sample"}


def test_clean_files_are_checked_without_writing_then_committed(db):
    at = page()
    before = fingerprint(db)
    upload(at, ("complaints.xlsx", tickets(T1, T2, T3)), ("halls.xlsx", halls_file()))
    # Halls first, whatever the upload order; the tickets may name halls of the same upload.
    assert [as_read(m.value) for m in at.markdown if m.value.startswith("#### :material")] == \
        ["#### :material/description: halls.xlsx", "#### :material/description: complaints.xlsx"]
    halls, complaints = metrics(at)
    assert (halls["读取行数"], halls["将接受"], halls["跳过合计行"]) == ("3", "3", "1")
    assert (complaints["读取行数"], complaints["将接受"], complaints["其中新增"], complaints["将拒绝"]) == \
        ("3", "3", "3", "0")
    preview = next(d.value for d in at.dataframe if "工单编号" in d.value.columns)  # the complaints preview
    assert list(preview["工单编号"]) == ["T1", "T2", "T3"] and list(preview["营业厅编码"])[2] == "0754001"
    status = next(c for c in preview.columns if c.startswith("状态") or c.startswith("工单状态"))
    assert list(preview[status]) == ["已办结", "处理中", "处理中"]  # codes as words, as the pages show them
    assert fingerprint(db) == before, "checking must not write"

    click(at, "imp_commit")
    assert "complaints.xlsx：批次" in texts(at) and "新增 3 行" in texts(at)
    assert table(db, "SELECT ticket_id, status FROM complaints ORDER BY 1") == \
        [("T1", "resolved"), ("T2", "open"), ("T3", "open")]
    assert table(db, "SELECT file_name, source, status FROM import_batches ORDER BY batch_id") == \
        [("halls.xlsx", "app", "committed"), ("complaints.xlsx", "app", "committed")]
    assert not at.file_uploader[0].value, "the uploader is emptied after a commit"
    history = at.dataframe[0].value
    assert list(history["文件"]) == ["complaints.xlsx", "halls.xlsx"] and list(history["来源"]) == ["页面上传"] * 2

    # The same file again: nothing new, nothing written but an empty batch.
    upload(at, ("complaints.xlsx", tickets(T1, T2, T3)))
    (again,) = metrics(at)
    assert (again["其中新增"], again["将更新"], again["已存在且未变"]) == ("0", "0", "3")


def test_a_messy_export_is_recognised_and_its_skipped_rows_counted(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    click(at, "imp_commit")
    rows = [["广州分公司投诉工单明细（2026年10月）"], ["导出时间：2026-11-01 08:00:00", None, None, "导出人：系统管理员"], [None],
            ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "处理时效", None, "坐席"],
            [None, None, None, None, None, "首次响应时间", "办结时间", None],
            ["GD0001", "2026-10-01 09:00:00", "积分兑换", "020001", "已办结", "2026/10/1 9:30", "2026/10/2 9:00", "甲"],
            [None] * 8,
            ["GD0002", "2026年10月2日", "计费争议", "020002", "处理中", "2026.10.2", None, "乙"],
            ["小计", None, None, None, None, None, None, None],
            ["GD0003", "2026-10-03T10:00:00", "服务态度", "0754001", "已关闭", None, "2026-10-05T10:00:00", "丙"],
            ["合计", "3", None, None, None, None, None, None]]
    merges = [(0, 0, 0, 7)] + [(3, c, 4, c) for c in (0, 1, 2, 3, 4, 7)] + [(3, 5, 3, 6)]
    upload(at, ("工单明细.xlsx", xlsx(("工单明细", rows, merges))))
    (sheet,) = metrics(at)
    assert (sheet["读取行数"], sheet["将接受"], sheet["将拒绝"], sheet["跳过合计行"], sheet["跳过空行/备注行"]) == \
        ("3", "3", "0", "2", "1")
    assert "表头在第 5 行" in texts(at) and "未使用的列：坐席" in texts(at)
    click(at, "imp_commit")
    assert table(db, "SELECT ticket_id, status FROM complaints ORDER BY 1") == \
        [("GD0001", "resolved"), ("GD0002", "open"), ("GD0003", "closed")]


@pytest.mark.parametrize("name, data, words", [
    ("notes.xlsx", "这不是表格，只是一段文字。".encode(), ["notes.xlsx", "不是 Excel 工作簿"]),
    ("empty.csv", b"", ["empty.csv", "空"]),
])
def test_a_file_that_is_not_a_spreadsheet_gets_a_message_not_a_traceback(db, name, data, words):
    at = page()
    before = fingerprint(db)
    upload(at, (name, data))
    error = as_read(at.error[0].value)
    assert all(w in error for w in words), error
    assert "请上传系统导出的原始" in texts(at)  # what to do
    assert at.button(key="imp_commit").disabled
    assert fingerprint(db) == before


def test_rejected_rows_are_listed_with_reasons_and_download_as_excel(db, monkeypatch):
    downloads = Downloads().capture(monkeypatch)
    at = page()
    bad = ["T9", "昨天", "积分兑换", "020001", "处理中", None]   # unreadable received time
    late = ["T8", "2026-10-05 09:00", "计费争议", "020001", "已办结", "2026-10-04 09:00"]  # resolved before received
    waiting = ["T7", "2026-10-05 09:00", "计费争议", "099999", "处理中", None]  # hall not listed yet: kept
    upload(at, ("halls.xlsx", halls_file()), ("complaints.xlsx", tickets(T1, bad, late, T2, waiting)))
    _, complaints = metrics(at)
    assert (complaints["将接受"], complaints["将拒绝"]) == ("3", "2")
    assert "1 行数据所属的 1 个营业厅编码不在厅店清单中：099999" in texts(at)
    reasons = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert list(reasons["行号"]) == [4, 5]
    assert "昨天" in reasons["原因"].iloc[0] and "日期" in reasons["原因"].iloc[0]
    assert reasons["列"].iloc[0] == "受理时间"

    assert any(b.label == "下载被拒绝的行（Excel）" for b in at.download_button)
    workbook = openpyxl.load_workbook(io.BytesIO(downloads.get("complaints_工单_rejected.xlsx")))
    sheet = workbook.active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(values) if row and row[0] == "行号")
    assert list(values[header_at]) == ["行号", *HEADER, "原因"]
    assert [row[0] for row in values[header_at + 1:]] == [4, 5]
    assert values[header_at + 1][2] == "昨天" and "昨天" in values[header_at + 1][-1]

    click(at, "imp_commit")
    assert table(db, "SELECT ticket_id FROM complaints ORDER BY 1") == [("T1",), ("T2",), ("T7",)]
    assert table(db, "SELECT row_number, column_name FROM import_rejections ORDER BY 1") == \
        [(4, "受理时间"), (5, "办结时间")]


# Headers that say nothing (the ones a system's own report writer gives): only a mapping can
# tell what they are. (单号/登记时间/问题分类/门店/进度/完结时间 are now recognised by meaning.)
ODD_HEADER = ["字段1", "字段2", "字段3", "字段4", "字段5", "字段6"]


def odd_tickets(*rows):
    return xlsx(("Sheet1", [ODD_HEADER, *rows]))


def test_a_column_mapping_saved_as_a_profile_is_applied_to_the_next_file(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    click(at, "imp_commit")
    before = fingerprint(db)
    upload(at, ("export_1.xlsx", odd_tickets(T1, T2)))
    assert "工作表“Sheet1”：未识别" in texts(at)
    assert at.button(key="imp_commit").disabled
    at.selectbox(key="imp_map_0_Sheet1_dataset").set_value("complaints")
    at.run()
    for header, field in zip(ODD_HEADER, ["ticket_id", "received_at", "category", "hall_code", "status",
                                          "resolved_at"]):
        at.selectbox(key=f"imp_map_0_Sheet1_complaints_{header}").set_value(field)
    at.text_input(key="imp_map_0_Sheet1_complaints_name").input("工单系统导出")
    save = next(b for b in at.button if b.label == "保存为方案并重新检查")
    save.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "映射方案“工单系统导出”已保存" in texts(at)
    (sheet,) = metrics(at)
    assert (sheet["将接受"], sheet["将拒绝"]) == ("2", "0")
    assert table(db, "SELECT name, dataset FROM mapping_profiles") == [("工单系统导出", "complaints")]
    assert {k: v for k, v in fingerprint(db).items() if k != "mapping_profiles"} == \
        {k: v for k, v in before.items() if k != "mapping_profiles"}
    click(at, "imp_commit")
    assert table(db, "SELECT ticket_id FROM complaints ORDER BY 1") == [("T1",), ("T2",)]

    # A week later, the same system's export: the profile is applied without asking.
    fresh = page()
    upload(fresh, ("export_2.xlsx", odd_tickets(T3)))
    assert "已自动套用映射方案“工单系统导出”" in texts(fresh)
    click(fresh, "imp_commit")
    assert table(db, "SELECT ticket_id FROM complaints ORDER BY 1") == [("T1",), ("T2",), ("T3",)]


def test_undo_takes_back_a_batch_and_restores_what_it_updated(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()), ("complaints.xlsx", tickets(T1, T2)))
    click(at, "imp_commit")
    t2_done = ["T2", "2026-10-03 09:00", "计费争议", "020002", "已办结", "2026-10-04 09:00"]
    upload(at, ("complaints_v2.xlsx", tickets(T1, t2_done, T3)))
    (v2,) = metrics(at)
    assert (v2["其中新增"], v2["将更新"], v2["已存在且未变"]) == ("1", "1", "1")
    assert any("1 行替换了" in w.value or "1 row(s)" in w.value for w in at.warning)
    click(at, "imp_commit")
    assert table(db, "SELECT ticket_id, status FROM complaints ORDER BY 1") == \
        [("T1", "resolved"), ("T2", "resolved"), ("T3", "open")]
    batches = dict(table(db, "SELECT file_name, batch_id FROM import_batches"))

    # Undoing the first complaints batch is refused while v2 holds an update of it.
    at.selectbox(key="imp_undo_batch").set_value(batches["complaints.xlsx"])
    click(at, "imp_undo")
    assert "确定吗" in at.warning[0].value
    click(at, "imp_undo_confirm")
    assert f"请先撤销批次 {batches['complaints_v2.xlsx']}" in as_read(at.error[0].value)
    assert len(table(db, "SELECT * FROM complaints")) == 3

    at.selectbox(key="imp_undo_batch").set_value(batches["complaints_v2.xlsx"])
    click(at, "imp_undo")
    click(at, "imp_undo_confirm")
    assert f"批次 {batches['complaints_v2.xlsx']} 已撤销：删除 2 行，恢复 1 行" in at.success[0].value
    assert table(db, "SELECT ticket_id, status FROM complaints ORDER BY 1") == [("T1", "resolved"), ("T2", "open")]
    assert table(db, "SELECT status FROM import_batches WHERE file_name = 'complaints_v2.xlsx'") == [("undone",)]

    at.selectbox(key="imp_undo_batch").set_value(batches["complaints.xlsx"])
    click(at, "imp_undo")
    click(at, "imp_undo_cancel")
    assert len(table(db, "SELECT * FROM complaints")) == 2, "cancel leaves the batch alone"
    click(at, "imp_undo")
    click(at, "imp_undo_confirm")
    assert table(db, "SELECT count(*) FROM complaints") == [(0,)]
    assert table(db, "SELECT count(*) FROM halls") == [(len(HALL_ROWS),)]


def test_the_page_speaks_english_too(db):
    at = page(lang="en")
    upload(at, ("notes.xlsx", b"plain text"))
    assert "notes.xlsx: cannot be imported" in as_read(at.error[0].value)
    assert at.title[0].value == "Import data"


def tab_text(rows) -> str:
    return "".join("\t".join("" if v is None else str(v) for v in row) + "\r\n" for row in rows)


def test_unicode_text_and_tsv_exports_are_accepted_checked_and_committed(db):
    """Excel's "Unicode text" (.txt: UTF-16 LE with a BOM, tab-separated) and a .tsv are taken
    by the uploader, as by the command line (the types are the readers' own list)."""
    from analytics import readers
    from builders import HALL_HEADER

    at = page()
    assert sorted(at.file_uploader[0].allowed_type) == sorted(readers.SUPPORTED_SUFFIXES)
    assert {".txt", ".tsv"} <= set(at.file_uploader[0].allowed_type)
    halls_txt = b"\xff\xfe" + tab_text([["沟通100服务厅清单"], HALL_HEADER, *HALL_ROWS, ["合计", "3"]]).encode("utf-16-le")
    tickets_tsv = tab_text([HEADER, T1, T2, T3]).encode("utf-8")
    before = fingerprint(db)
    upload(at, ("tickets.tsv", tickets_tsv), ("厅店清单.txt", halls_txt))
    assert not at.error, [e.value for e in at.error]
    assert [as_read(m.value) for m in at.markdown if m.value.startswith("#### :material")] == \
        ["#### :material/description: 厅店清单.txt", "#### :material/description: tickets.tsv"]
    halls, complaints = metrics(at)
    assert (halls["读取行数"], halls["将接受"], halls["其中新增"], halls["将拒绝"], halls["跳过合计行"]) == \
        ("3", "3", "3", "0", "1")
    assert (complaints["读取行数"], complaints["将接受"], complaints["其中新增"], complaints["将拒绝"]) == \
        ("3", "3", "3", "0")
    assert fingerprint(db) == before, "checking must not write"

    click(at, "imp_commit")
    assert not at.error, [e.value for e in at.error]
    assert table(db, "SELECT hall_code, hall_name, region, city, district, hall_type, star_level "
                     "FROM halls ORDER BY hall_code") == sorted(tuple(r) for r in HALL_ROWS)
    assert table(db, "SELECT ticket_id, hall_code, category, status, CAST(received_at AS VARCHAR), "
                     "CAST(resolved_at AS VARCHAR) FROM complaints ORDER BY 1") == [
        ("T1", "020001", "积分兑换", "resolved", "2026-10-01 09:00:00", "2026-10-02 10:00:00"),
        ("T2", "020002", "计费争议", "open", "2026-10-03 09:00:00", None),
        ("T3", "0754001", "网络质量", "open", "2026-10-04 09:00:00", None)]
    assert table(db, "SELECT file_name, source, status FROM import_batches ORDER BY batch_id") == \
        [("厅店清单.txt", "app", "committed"), ("tickets.tsv", "app", "committed")]


def test_hidden_sheets_are_named_and_left_out_until_included(db):
    workbook = openpyxl.Workbook()
    shown = workbook.active
    shown.title = "厅店清单"
    for row in (HALL_HEADER, *HALL_ROWS[:2]):
        shown.append(row)
    stale = workbook.create_sheet("旧清单")
    stale.append(HALL_HEADER)
    stale.append(["029999", "旧厅", *HALL_ROWS[1][2:]])
    stale.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    at = page()
    upload(at, ("halls.xlsx", buffer.getvalue()))
    assert "隐藏的工作表未导入：旧清单" in texts(at)
    assert len(metrics(at)) == 1
    at.checkbox(key="imp_include_hidden").check()
    at.run()
    assert "隐藏的工作表未导入" not in texts(at)
    assert len(metrics(at)) == 2
    click(at, "imp_commit")
    assert ("029999",) in table(db, "SELECT hall_code FROM halls")


def test_doubtful_values_wait_for_a_confirmation_before_the_commit(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    click(at, "imp_commit")
    header = ["问卷编号", "评价时间", "营业厅编码", "总体满意度(1-5分)", "推荐意愿"]
    answers = [[f"Q{i}", f"2026-10-0{i} 10:00", "020001", str(i), str(i)] for i in range(1, 6)]
    upload(at, ("surveys.xlsx", xlsx(("回访", [header, *answers]))))
    assert "以下数值需要确认后才能导入" in texts(at)
    assert at.button(key="imp_commit").disabled
    at.checkbox(key="imp_confirm_doubts").check()
    at.run()
    assert not at.button(key="imp_commit").disabled
    click(at, "imp_commit")
    assert table(db, "SELECT response_id, recommend_score FROM surveys ORDER BY 1") == \
        [(f"Q{i}", float(i)) for i in range(1, 6)]


def test_halls_missing_from_the_list_can_be_added_from_the_file(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    click(at, "imp_commit")
    header = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "营业厅名称", "工单状态"]
    rows = [["T1", "2026-10-01 09:00", "积分兑换", "099001", "新开厅", "处理中"],
            ["T2", "2026-10-02 09:00", "计费争议", "099001", "新开厅", "处理中"],
            ["T3", "2026-10-02 09:00", "计费争议", "099002", "", "处理中"]]
    upload(at, ("tickets.xlsx", xlsx(("工单", [header, *rows]))))
    assert "2 个营业厅编码不在厅店清单中：099001 新开厅、099002" in texts(at)
    at.text_input(key="imp_add_region").input("珠三角")
    at.text_input(key="imp_add_city").input("广州")
    click(at, "imp_add_halls")
    assert "已新增 2 个营业厅" in texts(at)
    assert table(db, "SELECT hall_code, hall_name, region, city FROM halls WHERE hall_code LIKE '099%' ORDER BY 1") == \
        [("099001", "新开厅", "珠三角", "广州"), ("099002", "099002", "珠三角", "广州")]
    assert "不在厅店清单中" not in texts(at)   # checked again: nothing waits now
    click(at, "imp_commit")
    assert table(db, "SELECT count(*) FROM complaints") == [(3,)]


def test_a_mapping_translates_values_and_supplies_a_missing_field(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    click(at, "imp_commit")
    header = ["字段1", "字段2", "字段3", "字段4"]   # no hall column: a one-hall export
    rows = [["P1", "2026-10-01 09:00", "计费争议", "Solved"], ["P2", "2026-10-02 09:00", "服务态度", "Pending"]]
    upload(at, ("portal.xlsx", xlsx(("Sheet1", [header, *rows]))))
    at.selectbox(key="imp_map_0_Sheet1_dataset").set_value("complaints")
    at.run()
    for column, field in zip(header, ["ticket_id", "received_at", "category", "status"]):
        at.selectbox(key=f"imp_map_0_Sheet1_complaints_{column}").set_value(field)
    at.text_area(key="imp_map_0_Sheet1_complaints_values").input("status: Solved = closed\n工单状态: Pending = open")
    at.text_area(key="imp_map_0_Sheet1_complaints_constants").input("营业厅编码 = 020001")
    next(b for b in at.button if b.label == "按此映射重新检查").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (sheet,) = metrics(at)
    assert (sheet["将接受"], sheet["将拒绝"]) == ("2", "0")
    click(at, "imp_commit")
    assert table(db, "SELECT ticket_id, hall_code, status FROM complaints ORDER BY 1") == \
        [("P1", "020001", "closed"), ("P2", "020001", "open")]


def test_a_bad_line_in_the_value_map_is_named_not_applied(db):
    at = page()
    upload(at, ("portal.xlsx", xlsx(("Sheet1", [["字段1", "字段2"], ["P1", "x"]]))))
    at.selectbox(key="imp_map_0_Sheet1_dataset").set_value("complaints")
    at.run()
    at.text_area(key="imp_map_0_Sheet1_complaints_values").input("颜色: 红 = red")
    next(b for b in at.button if b.label == "按此映射重新检查").click()
    at.run()
    assert "“颜色”不是该数据集的字段" in texts(at)


def test_the_recognition_shows_each_fields_column_confidence_and_evidence_in_chinese(db):
    at = page()
    upload(at, ("halls.xlsx", halls_file()))
    shown = next(d.value for d in at.dataframe if "依据" in d.value.columns)
    row = shown.set_index("字段").loc["营业厅编码"]
    assert list(shown.columns) == ["字段", "来源列", "置信度", "依据"], list(shown.columns)
    assert row["来源列"] == "A · 营业厅编码" and row["置信度"] == 1.0
    assert row["依据"] == "“营业厅编码”是已知的表头；3/3 个值像编码"
    assert not any("known" in text or "values" in text for text in shown["依据"])
