"""Contract: the date and time forms real operator exports use are read to the datetime a
person reading the cell would write down — 上午/下午 and AM/PM, two-digit years, English
month names, full-width characters — and anything that is not a real date stays a named
problem. Day/month order of numeric year-last dates is settled per column, as for 4-digit years."""
import datetime as dt
import random

import pytest

from analytics import coerce

D = dt.datetime
NOT_A_DATE = "is not a date (expected e.g. 2026-03-19 14:05, 2026/3/19, 2026.3.19, 2026年3月19日 or an Excel date)"


def one(cell):
    values, problems, warnings = coerce.coerce_datetime([cell], "受理时间")
    return values[0], problems, warnings


# --- 上午/下午 and the other Chinese parts of the day ---------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("2026-11-03 下午 3:05", D(2026, 11, 3, 15, 5)),
    ("2026/11/03 下午03:05:00", D(2026, 11, 3, 15, 5, 0)),
    ("2026年11月3日 上午9时30分", D(2026, 11, 3, 9, 30)),
    ("2026-11-03 下午3点", D(2026, 11, 3, 15, 0)),
    ("2026-11-03 上午 9:30", D(2026, 11, 3, 9, 30)),
    ("2026/11/3 下午 11:59:59", D(2026, 11, 3, 23, 59, 59)),
    ("2026年11月3日下午3点半", D(2026, 11, 3, 15, 30)),        # no space after 日; 半 = :30
    ("2026年11月3日 下午3时05分20秒", D(2026, 11, 3, 15, 5, 20)),
    ("2026-11-03下午3:05", D(2026, 11, 3, 15, 5)),             # 下午 right after the date
    ("2026-11-03 3:05 下午", D(2026, 11, 3, 15, 5)),           # 下午 after the time
    ("2026-11-03 早上8:15", D(2026, 11, 3, 8, 15)),
    ("2026-11-03 凌晨2点", D(2026, 11, 3, 2, 0)),
    ("2026-11-03 中午12:30", D(2026, 11, 3, 12, 30)),
    ("2026-11-03 中午1点", D(2026, 11, 3, 13, 0)),
    ("2026-11-03 晚上8点", D(2026, 11, 3, 20, 0)),
    ("2026-11-03 晚上 21:10", D(2026, 11, 3, 21, 10)),
    ("2026-11-03 下午 15:05", D(2026, 11, 3, 15, 5)),          # a 24-hour hour that agrees with 下午
    ("2026年3月19日 14时05分", D(2026, 3, 19, 14, 5)),          # 分 at the end, no seconds
    ("2026-11-03 15点", D(2026, 11, 3, 15, 0)),
    ("26年11月3日", D(2026, 11, 3)),
    ("26年11月3日 下午3点", D(2026, 11, 3, 15, 0)),
])
def test_chinese_parts_of_the_day(cell, expected):
    value, problems, warnings = one(cell)
    assert (value, problems, warnings) == (expected, {}, [])


# --- AM/PM -------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("2026-11-03 3:05pm", D(2026, 11, 3, 15, 5)),
    ("2026-11-03 3:05 PM", D(2026, 11, 3, 15, 5)),
    ("2026-11-03 3:05 Pm", D(2026, 11, 3, 15, 5)),
    ("2026-11-03 03:05:09 p.m.", D(2026, 11, 3, 15, 5, 9)),
    ("2026-11-03 9:30 a.m.", D(2026, 11, 3, 9, 30)),
    ("2026-11-03 9:30 A.M.", D(2026, 11, 3, 9, 30)),
    ("2026-11-03 9:30am", D(2026, 11, 3, 9, 30)),
    ("2026-11-03 3pm", D(2026, 11, 3, 15, 0)),                 # an hour alone is a time with am/pm
    ("2026-11-03 3 PM", D(2026, 11, 3, 15, 0)),
    ("2026-11-03 PM 3:05", D(2026, 11, 3, 15, 5)),             # AM/PM before the time
    ("2026/11/03 11:59:59.250 PM", D(2026, 11, 3, 23, 59, 59)),
    ("03-Nov-2026 9:30 AM", D(2026, 11, 3, 9, 30)),
    ("03-NOV-26 09.30.00.000000 PM", D(2026, 11, 3, 21, 30, 0)),  # Oracle's default timestamp
    ("２０２６－１１－０３ ３：０５ ＰＭ", D(2026, 11, 3, 15, 5)),   # full-width
])
def test_am_pm(cell, expected):
    value, problems, warnings = one(cell)
    assert (value, problems, warnings) == (expected, {}, [])


def test_am_pm_with_a_year_last_date_is_settled_with_its_column():
    values, problems, warnings = coerce.coerce_datetime(["11/03/2026 03:05 PM", "11/25/2026 12:10 AM"], "d")
    assert problems == {} and warnings == []
    assert values == [D(2026, 11, 3, 15, 5), D(2026, 11, 25, 0, 10)]
    # alone, 11/03 cannot tell: month first, with the usual warning
    values, problems, warnings = coerce.coerce_datetime(["11/03/2026 03:05 PM"], "d")
    assert values == [D(2026, 11, 3, 15, 5)] and problems == {}
    assert len(warnings) == 1 and "month/day/year" in warnings[0]


# --- 12 o'clock ------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("2026-11-03 12:00 AM", D(2026, 11, 3, 0, 0)),      # midnight
    ("2026-11-03 12:30 am", D(2026, 11, 3, 0, 30)),
    ("2026-11-03 12 AM", D(2026, 11, 3, 0, 0)),
    ("2026-11-03 12:00 PM", D(2026, 11, 3, 12, 0)),     # noon
    ("2026-11-03 12:45 p.m.", D(2026, 11, 3, 12, 45)),
    ("2026-11-03 12pm", D(2026, 11, 3, 12, 0)),
    ("2026-11-03 上午 12:30", D(2026, 11, 3, 0, 30)),
    ("2026-11-03 上午12点", D(2026, 11, 3, 0, 0)),
    ("2026-11-03 下午 12:30", D(2026, 11, 3, 12, 30)),
    ("2026-11-03 下午12点", D(2026, 11, 3, 12, 0)),
    ("2026-11-03 11:59 AM", D(2026, 11, 3, 11, 59)),
    ("2026-11-03 1:00 PM", D(2026, 11, 3, 13, 0)),
    ("2026-11-03 0:30 AM", D(2026, 11, 3, 0, 30)),
    ("2026-11-03 13:00 PM", D(2026, 11, 3, 13, 0)),     # agrees with PM: taken as written
])
def test_twelve_o_clock_and_the_edges_of_the_12_hour_clock(cell, expected):
    value, problems, _ = one(cell)
    assert (value, problems) == (expected, {})


@pytest.mark.parametrize("cell", [
    "2026-11-03 0:30 PM",        # there is no hour 0 after noon
    "2026-11-03 13:00 AM",       # 13 o'clock is not in the morning
    "2026-11-03 上午 15:00",
    "2026-11-03 晚上12点",        # midnight or noon? refused rather than guessed
    "2026-11-03 晚上3点",         # 3 in the evening is not a time
    "2026-11-03 下午 3:05 PM",    # two parts of the day
    "2026-11-03 下午",            # a part of the day without a time
    "2026-11-03 下午3",           # an hour alone needs 点/时 or am/pm
    "2026-11-03 3",
    "2026-11-03 3:65 PM",
    "2026-11-03 25:00",
])
def test_times_that_do_not_fit_are_problems(cell):
    value, problems, _ = one(cell)
    assert value is None and problems == {0: f"受理时间: '{cell}' {NOT_A_DATE}"}


# --- two-digit years -------------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("26-11-03", D(2003, 11, 26)),   # first part ≤ 31: day-month-year, and 26 > 12 settles day-first
    ("99-11-03", D(1999, 11, 3)),    # first part > 31: year-first
    ("45/01/02", D(2045, 1, 2)),
    ("70.12.31", D(1970, 12, 31)),
    ("25/12/69", D(2069, 12, 25)),   # pivot: 69 is 2069 ...
    ("25/12/70", D(1970, 12, 25)),   # ... 70 is 1970
    ("25/12/00", D(2000, 12, 25)),
    ("25-12-26 14:05", D(2026, 12, 25, 14, 5)),
    ("25-12-26 下午2:05", D(2026, 12, 25, 14, 5)),
])
def test_two_digit_years(cell, expected):
    value, problems, warnings = one(cell)
    assert (value, problems, warnings) == (expected, {}, [])


def test_two_digit_year_columns_are_settled_like_four_digit_ones():
    # nothing above 12: month/day/year, with the warning
    values, problems, warnings = coerce.coerce_datetime(["03-11-26", "03/11/26"], "d")
    assert values == [D(2026, 3, 11), D(2026, 3, 11)] and problems == {}
    assert len(warnings) == 1 and "'03-11-26'" in warnings[0] and "month/day/year" in warnings[0]
    # a first part above 12 anywhere: day/month/year for the whole column
    values, problems, warnings = coerce.coerce_datetime(["03-11-26", "25-11-26"], "d")
    assert values == [D(2026, 11, 3), D(2026, 11, 25)] and problems == {} and warnings == []
    # a second part above 12 anywhere: month/day/year, no warning
    values, problems, warnings = coerce.coerce_datetime(["03-11-26", "11-25-26"], "d")
    assert values == [D(2026, 3, 11), D(2026, 11, 25)] and problems == {} and warnings == []
    # both: every year-last cell is ambiguous
    values, problems, _ = coerce.coerce_datetime(["25-11-26", "11-25-26", "99-11-03"], "d")
    assert set(problems) == {0, 1} and "ambiguous" in problems[0]
    assert values[2] == D(1999, 11, 3)   # a year-first cell is not part of the question


def test_two_and_four_digit_years_in_one_column_share_the_day_month_order():
    values, problems, warnings = coerce.coerce_datetime(["03/11/26", "25/12/2026", "04/01/2027 09:00"], "d")
    assert problems == {} and warnings == []
    assert values == [D(2026, 11, 3), D(2026, 12, 25), D(2027, 1, 4, 9, 0)]


def test_an_impossible_two_digit_year_date_is_not_valid():
    values, problems, _ = coerce.coerce_datetime(["30/02/26", "25/12/26"], "d")
    assert values == [None, D(2026, 12, 25)] and problems == {0: "d: '30/02/26' is not a valid date"}


# --- English month names -----------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("Nov 03, 2026", D(2026, 11, 3)),
    ("Nov 3 2026", D(2026, 11, 3)),
    ("3 Nov 2026", D(2026, 11, 3)),
    ("04-Nov-26", D(2026, 11, 4)),
    ("22-Apr-15", D(2015, 4, 22)),
    ("November 3, 2026 14:05", D(2026, 11, 3, 14, 5)),
    ("03-NOV-2026 09:30:00", D(2026, 11, 3, 9, 30)),
    ("03-nov-2026", D(2026, 11, 3)),
    ("03NOV2026", D(2026, 11, 3)),                      # SAS's DATE9
    ("3 november 2026", D(2026, 11, 3)),
    ("Sept. 3rd, 2026", D(2026, 9, 3)),
    ("Sep 30, 2026 11:45 PM", D(2026, 9, 30, 23, 45)),
    ("1st Jan 2027 12:00 AM", D(2027, 1, 1, 0, 0)),
    ("May 5, 2026, 8:00 a.m.", D(2026, 5, 5, 8, 0)),
    ("June 30 2026", D(2026, 6, 30)),
    ("JUL-04-2026", D(2026, 7, 4)),
    ("2026-Nov-03", D(2026, 11, 3)),
    ("2026 Dec 31 23:59:59", D(2026, 12, 31, 23, 59, 59)),
    ("29-Feb-28", D(2028, 2, 29)),                      # 2028 is a leap year
    ("０３－Ｎｏｖ－２６", D(2026, 11, 3)),                    # full-width
])
def test_english_month_names(cell, expected):
    value, problems, warnings = one(cell)
    assert (value, problems, warnings) == (expected, {}, [])


def test_month_names_do_not_need_the_column_to_settle_the_order():
    values, problems, warnings = coerce.coerce_datetime(["04-Nov-26", "11-Apr-26", "Dec 03, 2026"], "d")
    assert values == [D(2026, 11, 4), D(2026, 4, 11), D(2026, 12, 3)] and problems == {} and warnings == []


# --- full-width characters -----------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("２０２６／１１／０３　１５：０５", D(2026, 11, 3, 15, 5)),
    ("２０２６－１１－０３ 下午３：０５", D(2026, 11, 3, 15, 5)),
    ("２０２６年１１月３日　上午９时３０分", D(2026, 11, 3, 9, 30)),
    ("２０２６．１１．０３", D(2026, 11, 3)),
])
def test_full_width_digits_and_separators(cell, expected):
    value, problems, _ = one(cell)
    assert (value, problems) == (expected, {})


# --- what is still not a date ---------------------------------------------------------------------
@pytest.mark.parametrize("cell", [
    "2026-02-30", "32-Nov-26", "31-Apr-2026", "Feb 30, 2026", "29-Feb-27", "Nov 2026", "3 Foo 2026",
    "3 Mayo 2026", "Nov 32, 2026", "2026-11-0315:05", "2026-03-19 14:05:22 +08:00", "45/13/01", "03/11/2",
    "03/11/202", "明天", "昨天下午", "xyz", "14:05", "3/19", "下午3点", "Nov", "2026年11月3日 下午3点 后",
])
def test_not_dates_are_named_as_before(cell):
    value, problems, _ = one(cell)
    assert value is None and problems == {0: f"受理时间: '{cell}' {NOT_A_DATE}"}


def test_a_year_last_cell_with_an_impossible_time_is_not_a_valid_date():
    values, problems, _ = coerce.coerce_datetime(["25/12/2026 上午 13:00", "25/12/2026 下午 1:00"], "d")
    assert values == [None, D(2026, 12, 25, 13, 0)]
    assert problems == {0: "d: '25/12/2026 上午 13:00' is not a valid date"}


def test_problems_name_every_cell_of_a_repeated_text():
    values, problems, _ = coerce.coerce_datetime(["xyz", "2026-11-03 下午3点", "xyz", "2026-11-03 下午3点"], "d")
    assert values == [None, D(2026, 11, 3, 15), None, D(2026, 11, 3, 15)]
    assert set(problems) == {0, 2}


# --- mixed columns ---------------------------------------------------------------------------------
def test_a_column_mixing_forms():
    cells = ["2026-11-03 14:05", "2026/11/03 下午 3:05", "Nov 3, 2026 4:05 PM", "03-Nov-26", None, "",
             D(2026, 11, 3, 17, 5), dt.date(2026, 11, 3), 46329.75, "2026年11月3日 晚上8点", "25/11/2026 9:30 pm",
             "03/11/26", "20261103", "不是日期"]
    values, problems, warnings = coerce.coerce_datetime(cells, "受理时间")
    assert values == [
        D(2026, 11, 3, 14, 5), D(2026, 11, 3, 15, 5), D(2026, 11, 3, 16, 5), D(2026, 11, 3), None, None,
        D(2026, 11, 3, 17, 5), D(2026, 11, 3), D(2026, 11, 3, 18, 0), D(2026, 11, 3, 20, 0), D(2026, 11, 25, 21, 30),
        D(2026, 11, 3),           # day-first: 25/11/2026 settles the column
        D(2026, 11, 3), None]
    assert problems == {13: f"受理时间: '不是日期' {NOT_A_DATE}"} and warnings == []


def test_coerce_date_drops_the_time():
    values, problems, warnings = coerce.coerce_date(["2026-11-03 下午 11:05", "Nov 4, 2026 12:30 AM", "05-11-26"], "d")
    assert values == [dt.date(2026, 11, 3), dt.date(2026, 11, 4), dt.date(2026, 5, 11)] and problems == {}
    assert len(warnings) == 1   # 05-11-26 alone cannot tell: read month first


def test_a_column_mixing_the_new_forms_reads_every_cell_exactly():
    # Speed is measured by the benchmarks, not here: this checks every value of a column
    # of 600 random moments written in three of the new forms.
    rng = random.Random(7)
    base = D(2026, 1, 1)
    stamps = [base + dt.timedelta(seconds=rng.randrange(0, 86400 * 300)) for _ in range(600)]
    forms = ("%m/%d/%Y %I:%M:%S %p", "%d-%b-%y %I:%M:%S %p", "%Y/%m/%d %p %I:%M:%S")
    cells = [s.strftime(forms[i % 3]).replace("AM", "上午").replace("PM", "下午") if i % 3 == 2
             else s.strftime(forms[i % 3]) for i, s in enumerate(stamps)]
    values, problems, _ = coerce.coerce_datetime(cells, "d")
    assert problems == {} and values == stamps
