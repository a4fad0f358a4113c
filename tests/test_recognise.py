"""Contract: the recognise stage scores a column against a field from its header's parts and
from its values, and gives columns to fields as one best assignment per sheet. The find-
header stage reads a group header's scale for the columns under it, never a title block
or a data row as a group. Hand-made headers and values; the expected fields worked out
from what each column means."""
from analytics import importer, recognise

KNOWN = {"hall_code": {"020001", "020002"}, "hall_name": {"天河厅", "北京路厅"}, "staff_id": {"GZ1001", "GZ1002"}}


def test_header_endings_fold_to_one_word_per_meaning():
    assert recognise.fold_header("调查日期") == recognise.fold_header("调查时间") == "调查时间"
    assert recognise.fold_header("工单号") == recognise.fold_header("工单编码") == "工单编号"
    assert recognise.fold_header("营业收入") == "营业金额"


def test_a_header_holding_a_fields_words_scores_below_a_known_one():
    exact = recognise.header_scores("总体满意度")[("surveys", "score")].score
    holds = recognise.header_scores("3、您对本次服务的总体满意度（1-7分）")[("surveys", "score")].score
    assert exact == 1.0 and 0.45 <= holds < exact


def test_values_decide_between_two_readings_of_a_header():
    # 坐席工号 (a call centre seat) holds 工号, but none of its values is a known staff
    # member; 员工工号 of known staff is the staff column.
    headers = ["回访编号", "回访时间", "营业厅编码", "坐席工号", "员工工号", "服务满意度（满分10分）"]
    rows = [["H1", "2026-11-03 10:00", "020001", "KF0091", "GZ1001", "9"],
            ["H2", "2026-11-04 10:00", "020002", "KF0092", "GZ1002", "7"]]
    columns = [[r[i] for r in rows] for i in range(len(headers))]
    found = recognise.recognise(headers, columns, KNOWN)
    assert found.dataset == "surveys"
    assert found.assignment.columns == {0: "response_id", 1: "answered_at", 2: "hall_code", 4: "staff_id", 5: "score"}


def test_a_column_of_known_hall_codes_is_the_hall_whatever_its_header():
    headers = ["工单编号", "受理时间", "投诉类别", "组织", "工单状态"]
    rows = [["T1", "2026-11-03 10:00", "计费争议", "020001", "处理中"], ["T2", "2026-11-03 11:00", "网络", "020002", "已办结"]]
    columns = [[r[i] for r in rows] for i in range(len(headers))]
    found = recognise.recognise(headers, columns, KNOWN)
    assert found.dataset == "complaints" and found.assignment.columns[3] == "hall_code"
    assert "known" in found.assignment.chosen[3].evidence


def test_a_sheet_without_its_required_fields_names_them_and_its_nearest_dataset():
    found = recognise.recognise(["营业厅编码", "评价时间"], None)
    assert found.dataset is None and found.nearest == "surveys" and found.missing == ["score"]


def test_a_group_header_gives_its_scale_to_the_columns_under_it():
    rows = [["问卷编号", "评价时间", "营业厅编码", "满意度评价（1-5分）", "满意度评价（1-5分）", "推荐意愿（0-10分）"],
            ["问卷编号", "评价时间", "营业厅编码", "总体", "环境", "推荐意愿（0-10分）"],
            ["Q1", "2026-11-03 10:00", "020001", "5", "4", "9"]]
    header = importer.find_header(rows)
    assert header.index == 1
    assert header.names[3:5] == ["总体", "环境"] and header.parents[3:5] == ["满意度评价（1-5分）"] * 2


def test_a_title_block_and_a_data_row_are_not_group_headers():
    title = ["人员花名册（截至2026-11-30）"] * 4
    rows = [title, ["序号", "员工编号", "姓名", "所属营业厅"], ["1", "GZ1001", "张三", "天河厅"]]
    header = importer.find_header(rows)
    assert header.index == 1 and header.names == rows[1] and header.parents == [""] * 4
    # A data row under the header is never read as its lower level (组织名称 + a hall's name).
    rows = [["人员编码", "人员姓名", "组织编码", "组织名称", "入职时间"],
            ["GZ1011", "李四", "020004", "广州白云新市营业厅", "2025-03-10"]]
    assert importer.find_header(rows).names == rows[0]


def test_a_mapping_typed_in_the_editor_gives_value_maps_and_constants():
    values, constants, problems = importer.mapping_extras_from_text(
        "complaints",
        "status: Closed with explanation = resolved\n工单状态：Solved = resolved\n\n颜色: 红 = red\nstatus: x =",
        "营业厅编码 = 075501\nzz")
    assert values == {"status": {"Closed with explanation": "resolved", "Solved": "resolved"}}
    assert constants == {"hall_code": "075501"}
    assert problems == [("imp_mapping_bad_field", {"field": "颜色"}),
                        ("imp_mapping_bad_line", {"n": 5, "line": "status: x =", "form": "字段: 原值 = 标准值"}),
                        ("imp_mapping_bad_line", {"n": 2, "line": "zz", "form": "字段 = 值"})]
    mapping = importer.Mapping("complaints", {}, values=values, constants=constants)
    assert importer.mapping_extras_as_text(mapping) == \
        ("status: Closed with explanation = resolved\nstatus: Solved = resolved", "hall_code = 075501")
