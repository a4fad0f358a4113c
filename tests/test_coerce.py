"""Contract: each coercer turns one column of raw cells into typed values and names every
cell it cannot read; ambiguous day/month order is settled per column, not per cell."""
import datetime as dt

import pytest

from analytics import coerce

D = dt.datetime


@pytest.mark.parametrize("cell, expected", [
    (D(2026, 3, 19, 14, 5, 22), D(2026, 3, 19, 14, 5, 22)),
    (dt.date(2026, 3, 19), D(2026, 3, 19)),
    (46100.5, D(2026, 3, 19, 12, 0)),               # Excel serial: 46100 = 2026-03-19
    ("46100", D(2026, 3, 19)),                        # a serial written as text
    ("2026-03-19 14:05:22", D(2026, 3, 19, 14, 5, 22)),
    ("2026/3/19 14:05", D(2026, 3, 19, 14, 5)),
    ("2026.3.19", D(2026, 3, 19)),
    ("2026年3月19日", D(2026, 3, 19)),
    ("2026年3月19日 14:05", D(2026, 3, 19, 14, 5)),
    ("2026-03-19T14:05:22", D(2026, 3, 19, 14, 5, 22)),
    ("2026-03-19T14:05:22.123", D(2026, 3, 19, 14, 5, 22)),
    ("20260319", D(2026, 3, 19)),
    ("２０２６－０３－１９", D(2026, 3, 19)),            # full-width digits
])
def test_every_date_form(cell, expected):
    values, problems, warnings = coerce.coerce_datetime([cell], "受理时间")
    assert problems == {} and values == [expected]


@pytest.mark.parametrize("cell", ["明天", "2026-13-01", "2026-02-30", "12345", "14:05", "3/19"])
def test_unreadable_dates_are_named(cell):
    values, problems, _ = coerce.coerce_datetime([cell], "受理时间")
    assert values == [None]
    assert "受理时间" in problems[0] and str(cell) in problems[0]


def test_year_last_dates_are_day_first_when_a_day_above_12_appears():
    values, problems, warnings = coerce.coerce_datetime(["03/04/2026", "25/04/2026 10:00"], "d")
    assert problems == {} and warnings == []
    assert values == [D(2026, 4, 3), D(2026, 4, 25, 10, 0)]


def test_year_last_dates_are_month_first_when_a_second_part_above_12_appears():
    values, problems, _ = coerce.coerce_datetime(["03/04/2026", "04/25/2026"], "d")
    assert problems == {} and values == [D(2026, 3, 4), D(2026, 4, 25)]


def test_year_last_dates_that_cannot_tell_are_month_first_with_a_warning():
    values, problems, warnings = coerce.coerce_datetime(["03/04/2026", "05/06/2026"], "d")
    assert values == [D(2026, 3, 4), D(2026, 5, 6)] and problems == {}
    assert len(warnings) == 1 and "month/day/year" in warnings[0]


def test_a_column_mixing_both_orders_is_refused_cell_by_cell():
    values, problems, _ = coerce.coerce_datetime(["25/04/2026", "04/25/2026", "2026-01-01"], "d")
    assert set(problems) == {0, 1} and "ambiguous" in problems[0]
    assert values[2] == D(2026, 1, 1)


@pytest.mark.parametrize("cell, expected", [
    ("1,234.50", 1234.5), ("1 234", 1234.0), ("12%", 0.12), ("￥1,200", 1200.0), ("35元", 35.0),
    (7, 7.0), (7.25, 7.25), ("－3", None), ("", None), (None, None),
])
def test_numbers(cell, expected):
    values, problems = coerce.coerce_number([cell], "金额")
    if cell == "－3":  # full-width minus folds to '-3'
        assert values == [-3.0]
    else:
        assert values == [expected] and problems == {}


def test_not_a_number_is_named():
    values, problems = coerce.coerce_number(["abc", "12"], "补偿金额")
    assert values == [None, 12.0] and problems == {0: "补偿金额: 'abc' is not a number"}


def test_integers_refuse_fractions():
    values, problems = coerce.coerce_number(["3", 4.0, "2.5"], "星级", integer=True)
    assert values[:2] == [3, 4] and "whole number" in problems[2]


@pytest.mark.parametrize("cell, expected", [
    ("是", True), ("否", False), ("Y", True), ("n", False), ("Yes", True), ("NO", False),
    ("通过", True), ("未通过", False), ("合格", True), ("不合格", False), (True, True), (1, True), (0, False),
])
def test_yes_no_in_both_languages(cell, expected):
    values, problems = coerce.coerce_boolean([cell], "是否通过")
    assert values == [expected] and problems == {}


def test_codes_keep_leading_zeros_and_masked_numbers_stay_text():
    values, _ = coerce.coerce_text(["020001", "138****1234", 1001.0, "  0754001 "])
    assert values == ["020001", "138****1234", "1001", "0754001"]


def test_vocabulary_maps_chinese_and_english_words():
    from analytics.schema import COMPLAINT_STATUS
    values, problems = coerce.coerce_vocabulary(["已办结", "处理中", "Closed", "重开", "丢失"], COMPLAINT_STATUS, "状态")
    assert values == ["resolved", "open", "closed", "reopened", None]
    assert "丢失" in problems[4]
