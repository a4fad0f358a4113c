"""Turning raw cell values into typed column values, one column at a time.

Each `coerce_*` function takes the raw cells of one column (a list, any Python types as
the readers give them) and returns `(values, problems)`: the typed values (None where
the cell is empty or unreadable) and {position: reason} for the cells that could not be
read. Column-at-a-time matters twice: it is fast (pandas does the common case in C), and
some questions only have a column-wide answer, such as whether 03/04/2026 is day-first.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from .messages import Items, Message
from .schema import LARGEST_NUMBER

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# What a date cell may look like, as the message about an unreadable one says.
DATE_EXAMPLES = Items(["2026-03-19 14:05", "2026/3/19", "2026.3.19", "2026年3月19日"])
# Excel serials from 1950 to 2100: anything else in a date column is not a date.
SERIAL_MIN, SERIAL_MAX = 18264, 73051

TRUE_WORDS = {"是", "y", "yes", "true", "t", "1", "√", "✓", "对", "通过", "合格", "已通过", "重复"}
FALSE_WORDS = {"否", "n", "no", "false", "f", "0", "×", "✗", "x", "未通过", "不合格", "不通过", "非重复", "无"}


def is_blank(value) -> bool:
    # Called for every cell of every file: exact type checks first, they are the cheap ones.
    if value is None or value == "":
        return True
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is float:
        return math.isnan(value)
    return False


def clean_text(value) -> str | None:
    """Cell text as a user wrote it: trimmed, NFKC-folded, None when blank."""
    if type(value) is str:
        text = value.strip() if value.isascii() or unicodedata.is_normalized("NFKC", value) \
            else unicodedata.normalize("NFKC", value).strip()
        return text or None
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code stored as a number reads back as 1001.0
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def coerce_text(cells: list, *, fold: bool = True) -> tuple[list, dict]:
    """Text cells, stripped; `fold` also brings them to NFKC (half-width digits and
    punctuation: for codes). Without it a text cell is kept as written."""
    if not fold:
        return [(v.strip() or None) if v.__class__ is str else clean_text(v) for v in cells], {}
    # Text already in NFKC form (ids, codes, almost every Chinese name) inline: no call per cell.
    normalised = unicodedata.is_normalized
    return [(v.strip() or None) if v.__class__ is str and (v.isascii() or normalised("NFKC", v)) else clean_text(v)
            for v in cells], {}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(values: list) -> tuple[list, list[int]]:
    """Text values without C0 control characters (tab and line breaks stay); the positions
    that had some. Cheap for clean text: only non-printable strings are searched."""
    cleaned = []
    for i, v in enumerate(values):
        if v is not None and not v.isprintable() and _CONTROL.search(v):
            values[i] = _CONTROL.sub("", v).strip() or None
            cleaned.append(i)
    return values, cleaned


# Cells that say "no value" in words: read as empty, never as a value not understood.
NULL_WORDS = frozenset({"na", "n/a", "n.a.", "null", "none", "nan", "-", "--", "---", "—", "——", "/", "无", "暂无",
                        "空", "(空)", "（空）", "[空]", "缺失", "未知", "不详", "#n/a", "(跳过)", "（跳过）"})


def is_null_word(value) -> bool:
    return value.__class__ is str and value.strip().lower() in NULL_WORDS


def vocabulary_lookup(vocabulary: dict[str, str]) -> dict[str, str]:
    """Normalised word -> canonical value, for comparing cells with a vocabulary."""
    return _vocabulary_lookup(tuple(vocabulary.items()))


@lru_cache(maxsize=64)
def _vocabulary_lookup(items: tuple) -> dict[str, str]:
    return {unicodedata.normalize("NFKC", k).strip().lower(): v for k, v in items}


def coerce_vocabulary(cells: list, vocabulary: dict[str, str], label: str) -> tuple[list, dict]:
    lookup = vocabulary_lookup(vocabulary)
    allowed = sorted({v for v in vocabulary.values()})
    values, problems = [], {}
    for i, cell in enumerate(cells):
        text = clean_text(cell)
        if text is None or text.lower() in NULL_WORDS:
            values.append(None)
            continue
        canonical = lookup.get(text.lower())
        if canonical is None:
            problems[i] = Message("not_a_known_value", label=label, value=text, allowed=Items(allowed))
        values.append(canonical)
    return values, problems


def restore_code(value, codes: set[str], widths: tuple[int, ...] | None = None) -> str | None:
    """The known code a cell means once the leading zeros a spreadsheet dropped are put
    back (20003 -> '020003'); None when no known code fits."""
    text = clean_text(value)
    if text is None or not text.isdigit() or text in codes:
        return None
    for width in widths if widths is not None else sorted({len(c) for c in codes}):
        if width > len(text):
            candidate = text.zfill(width)
            if candidate in codes:
                return candidate
    return None


_NUMBER_NOISE = re.compile(r"[,\s￥¥$元人次分钟小时个件%]")
_MULTIPLIERS = (("亿", 1e8), ("万", 1e4), ("千", 1e3))


def _number_from_text(text: str, percent_as_points: bool = False) -> float | None:
    percent = "%" in text
    stripped = _NUMBER_NOISE.sub("", text)
    factor = 1.0
    for word, value in _MULTIPLIERS:
        if stripped.endswith(word):
            stripped, factor = stripped[: -len(word)], value
            break
    if stripped in ("", "-", "--"):
        return None
    try:
        number = float(stripped) * factor
    except ValueError:
        return None
    return number / 100.0 if percent and not percent_as_points else number


def coerce_number(cells: list, label: str, *, integer: bool = False, words: dict[str, float] | None = None,
                  percent_as_points: bool = False) -> tuple[list, dict]:
    """Numbers, from numeric cells or text with thousands separators, currency, 万/亿, or %.

    `words` reads words as numbers (五星 -> 5). A percent is a fraction (12% -> 0.12)
    unless `percent_as_points`, for fields on a 0-100 scale, where 85% is 85 points.
    """
    series = pd.Series(cells, dtype=object)
    fast = pd.to_numeric(series, errors="coerce")
    values: list = fast.astype(object).where(fast.notna(), None).tolist()
    problems = {}
    lookup = {unicodedata.normalize("NFKC", k).strip().lower(): v for k, v in (words or {}).items()}
    for i in np.flatnonzero(fast.isna().to_numpy()):
        cell = cells[i]
        if is_blank(cell) or is_null_word(cell):
            values[i] = None
            continue
        if isinstance(cell, bool):
            values[i] = float(cell)
            continue
        text = unicodedata.normalize("NFKC", str(cell)).strip()
        if text.lower() in lookup:
            values[i] = lookup[text.lower()]
            continue
        number = _number_from_text(text, percent_as_points)
        if number is None:
            problems[i] = Message("not_a_number", label=label, value=cell)
        values[i] = number
    for i, v in enumerate(values):
        if v is None:
            continue
        if not math.isfinite(v):
            problems[i] = Message("number_not_finite", label=label, value=cells[i])
            values[i] = None
        elif abs(v) > LARGEST_NUMBER:
            problems[i] = Message("number_too_large", label=label, value=cells[i], limit=LARGEST_NUMBER)
            values[i] = None
    if integer:
        for i, v in enumerate(values):
            if v is None:
                continue
            if float(v).is_integer():
                values[i] = int(v)
            elif i not in problems:
                problems[i] = Message("not_whole_number", label=label, value=cells[i])
                values[i] = None
    return values, problems


# Problems that cost the row even in an optional field: the value is not damaged data but
# no data at all, and storing the row without it would hide that.
ROW_REJECTING = frozenset({"number_not_finite", "number_too_large"})


def coerce_boolean(cells: list, label: str) -> tuple[list, dict]:
    values, problems = [], {}
    for i, cell in enumerate(cells):
        if is_blank(cell) or is_null_word(cell):
            values.append(None)
            continue
        if isinstance(cell, bool):
            values.append(cell)
            continue
        text = clean_text(cell).lower()
        if text in TRUE_WORDS:
            values.append(True)
        elif text in FALSE_WORDS:
            values.append(False)
        else:
            values.append(None)
            problems[i] = Message("not_yes_no", label=label, value=cell)
    return values, problems


# --- dates --------------------------------------------------------------------------
# A text date is read in two steps: a date (one of the forms below, matched from the start
# of the text) and then what is left, which must be empty or a time of day. Every form is
# checked by building the datetime, so 2026-02-30 or 32-Nov-26 is a problem, never a guess.
# The plain forms, tried first as whole-text matches: most cells are one of them.
_PLAIN_YEAR_FIRST = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?")
_PLAIN_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)(?:\s*(日))?")
_YEAR_FIRST_SHORT = re.compile(r"(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?!\d)(?:\s*(日))?")  # 26年11月3日
# 19/03/2026, 03/19/2026, 03-11-26: day/month order settled per column (see coerce_datetime).
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)")
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_DAY = r"(\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_SEP = r"[\s\-/.]*"
# (pattern, positions of the year, month and day groups); the first for texts starting with a letter
_MONTH_FIRST = (re.compile(_MONTH + _SEP + _DAY + r"\s*[,\s\-/.]\s*(\d{4}|\d{2})(?!\d)", re.I), (2, 0, 1))  # Nov 03, 2026
_NAMED_FORMS = (
    (re.compile(_DAY + _SEP + _MONTH + r"[\s\-/.,]*(\d{4}|\d{2})(?!\d)", re.I), (2, 1, 0)),  # 3 Nov 2026, 04-Nov-26
    (re.compile(r"(\d{4})" + _SEP + _MONTH + _SEP + _DAY, re.I), (0, 1, 2)),                  # 2026-Nov-03
)
_MONTH_NUMBER = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# The time of day after a date: 14:05, 14:05:22.123, 9时30分, 3点, 3点半, 09.30.00 (Oracle),
# with 上午/下午 (or AM/PM, a.m./p.m., any case) before or after it.
_CN_MERIDIEM = "上午|下午|早上|早晨|凌晨|中午|晚上|傍晚"
_MERIDIEM = _CN_MERIDIEM + r"|[ap]\.?m\.?(?![a-z])"
_TIME = re.compile(
    r"(?:(?P<pre>" + _MERIDIEM + r")\s*)?"
    r"(?:(?P<h>\d{1,2})[:时点](?P<m>\d{1,2})(?:[:分](?P<s>\d{1,2})(?:[.,]\d+)?秒?|分)?"
    r"|(?P<hd>\d{1,2})\.(?P<md>\d{2})\.(?P<sd>\d{2})(?:[.,]\d+)?"
    r"|(?P<ho>\d{1,2})(?:[时点](?P<half>半)?|(?=\s*[ap]\.?m)))"
    r"(?:\s*(?P<post>" + _MERIDIEM + r"))?", re.I)
_STARTS_WITH_CN_MERIDIEM = re.compile(_CN_MERIDIEM)
# Meridiem word -> how it moves an hour written on a 12-hour clock (hours 13-23 after a
# PM-like word are taken as written; anything that does not fit is not a time).
_MERIDIEM_KIND = {"上午": "am", "早上": "am", "早晨": "am", "凌晨": "am", "am": "am",
                  "下午": "pm", "pm": "pm", "中午": "noon", "晚上": "evening", "傍晚": "evening"}


def _meridiem_hour(hour: int, word: str | None) -> int:
    """The 24-hour hour, or -1 (which no datetime accepts) when the word and hour disagree.
    上午/AM 12 is midnight, 下午/PM 12 is noon; 晚上 12 (midnight or noon?) is refused."""
    if word is None:
        return hour
    kind = _MERIDIEM_KIND[word.lower().replace(".", "")]
    if kind == "am":
        return 0 if hour == 12 else hour if hour <= 11 else -1
    if kind == "pm":
        return hour if 12 <= hour <= 23 else hour + 12 if 1 <= hour <= 11 else -1
    if kind == "noon":  # 中午 11:30, 中午12点, 中午1点 (13:00)
        return hour if hour in (11, 12, 13, 14) else hour + 12 if hour in (1, 2) else -1
    return hour + 12 if 5 <= hour <= 11 else hour if 17 <= hour <= 23 else -1  # 晚上 / 傍晚


def _time_of_day(rest: str, loose: bool) -> tuple | None:
    """(hour, minute, second) read from what follows a date; () when nothing follows; None
    when it is not a time. A time needs a space, 'T' or comma before it, unless the date ended
    in 日 or the time starts with 上午/下午 (`loose`)."""
    if not rest:
        return ()
    body = rest.lstrip(" \t,T")
    if len(body) == len(rest) and not (loose or _STARTS_WITH_CN_MERIDIEM.match(body)):
        return None
    match = _TIME.fullmatch(body.rstrip())
    if match is None:
        return None
    pre, h, m, s, hd, md, sd, ho, half, post = match.groups()
    if pre and post:
        return None
    if h is not None:
        hour, minute, second = h, m, s
    elif hd is not None:
        hour, minute, second = hd, md, sd
    else:
        hour, minute, second = ho, (30 if half else None), None
    return _meridiem_hour(int(hour), pre or post), minute, second


def _full_year(text: str) -> int:
    # Two-digit years use a fixed pivot, not one that moves with today's date (a file must read
    # the same next year): 00-69 are 2000-2069, 70-99 are 1970-1999.
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _parse_date_text(text: str) -> tuple:
    """One cell's text -> ('done', datetime or None) for a form that settles itself, or
    ('year_last', (first, second, year, hour, minute, second)) for a numeric form whose
    day/month order only the column can settle."""
    if (match := _PLAIN_YEAR_FIRST.fullmatch(text)) is not None:
        return "done", _build(*match.groups())
    if (match := _PLAIN_YEAR_LAST.fullmatch(text)) is not None:
        a, b, y, hh, mm, ss = match.groups()
        return "year_last", (int(a), int(b), int(y), hh, mm, ss)
    match = _YEAR_FIRST.match(text) or ("年" in text and _YEAR_FIRST_SHORT.match(text))
    if match:
        time = _time_of_day(text[match.end():], bool(match.group(4)))
        y, m, d, _ = match.groups()
        return "done", (_build(_full_year(y), m, d, *time) if time is not None else None)
    if (match := _YEAR_LAST.match(text)) is not None:
        time = _time_of_day(text[match.end():], False)
        if time is None:
            return "done", None
        a, b, y = match.groups()
        if len(y) == 2 and int(a) > 31:  # 99-11-03: a two-digit year can only come first here
            return "done", _build(_full_year(a), b, y, *time)
        return "year_last", (int(a), int(b), _full_year(y), *(time or (None, None, None)))
    if (match := _COMPACT.match(text)) is not None:
        time = _time_of_day(text[match.end():], False)
        return "done", (_build(*match.groups(), *time) if time is not None else None)
    for pattern, (iy, im, iday) in (_MONTH_FIRST,) if text[:1].isalpha() else _NAMED_FORMS:
        if (match := pattern.match(text)) is not None:
            time = _time_of_day(text[match.end():], False)
            if time is None:
                return "done", None
            parts = match.groups()
            month = _MONTH_NUMBER[parts[im][:3].lower()]
            return "done", _build(_full_year(parts[iy]), month, parts[iday], *time)
    try:
        return "done", _serial_to_datetime(float(text))
    except ValueError:
        return "done", None


def _serial_to_datetime(number: float) -> dt.datetime | None:
    if not (SERIAL_MIN <= number <= SERIAL_MAX):
        return None
    # Round to the second: serials carry float noise (46082.42013888889).
    return EXCEL_EPOCH + dt.timedelta(seconds=round(number * 86400))


def _build(y, m, d, hh=None, mm=None, ss=None) -> dt.datetime | None:
    try:
        return dt.datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


# Year-first texts the vectorised path reads: 2026-03-19, 2026/3/19 14:05, 2026.3.19 14:05:22,
# 2026-03-19T14:05 (one group per number of time parts, each one pandas format).
_VECTOR_FORMS = {
    0: (r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", "%Y-%m-%d"),
    2: (r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}", "%Y-%m-%d %H:%M"),
    3: (r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}", "%Y-%m-%d %H:%M:%S"),
}


def _iso_fast_path(cells: list, values: list) -> list[bool]:
    """Parse the plain year-first texts of a column (2026-03-19, 2026/3/19 14:05,
    2026.3.19 14:05:22, 2026-03-19T14:05) in vectorised steps, into `values`; returns which
    cells it settled. A text that is no real date (2026-02-30) is left to the per-cell path
    below, which names it; that path also handles everything else (Excel dates, serials,
    年月日, year-last forms, month names, AM/PM) at about seven times the cost per cell."""
    settled = [False] * len(cells)
    series = pd.Series(cells, dtype=object)
    # Arrow strings: the pattern tests below run in C++, not once per cell in Python.
    text = series.where(series.map(type).eq(str)).astype("string[pyarrow]").str.strip()
    for pattern, form in _VECTOR_FORMS.values():
        matches = text.str.fullmatch(pattern).fillna(False).astype(bool)
        if not matches.any():
            continue
        uniform = text[matches].str.replace(r"[/.]", "-", regex=True).str.replace("T", " ", regex=False)
        parsed = pd.to_datetime(uniform, format=form, errors="coerce")
        good = parsed.notna()
        for position, stamp in zip(parsed.index[good].tolist(), parsed[good].dt.to_pydatetime().tolist()):
            values[position] = stamp
            settled[position] = True
    return settled


def coerce_datetime(cells: list, label: str) -> tuple[list, dict, list[str]]:
    """Datetimes from Excel date cells, Excel serials and the text forms exports use.

    Text forms: 2026-03-19 14:05:22, 2026/3/19 14:05, 2026.3.19, 2026年3月19日 (26年3月19日),
    2026-03-19T14:05:22, 20260319, month names (Nov 3, 2026; 3 Nov 2026; 03-NOV-26;
    2026-Nov-03), and year-last forms 19/03/2026, 03/19/2026, 19/03/26. A time may follow:
    14:05, 9时30分, 3点, 下午 3:05, 3:05 PM, 3pm, 09.30.00 AM. A two-digit year is 2000-2069
    for 00-69 and 1970-1999 for 70-99; 99-11-03 (first part above 31) is year-first.
    Whether a year-last column is day-first or month-first is decided for the whole
    column: a first part above 12 anywhere means day-first, a second part above 12 means
    month-first; when neither appears the column is read month-first and a warning says so.
    Returns (values, problems, warnings).
    """
    values: list = [None] * len(cells)
    problems: dict[int, str] = {}
    warnings: list[str] = []
    year_last: list[tuple[int, tuple]] = []
    done = _iso_fast_path(cells, values)
    parsed: dict[str, tuple] = {}  # exports repeat their dates: each distinct text is read once
    for i, cell in enumerate(cells):
        if done[i] or is_blank(cell):
            continue
        if isinstance(cell, dt.datetime):
            values[i] = cell.replace(microsecond=0, tzinfo=None)
            continue
        if isinstance(cell, dt.date):
            values[i] = dt.datetime(cell.year, cell.month, cell.day)
            continue
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            values[i] = _serial_to_datetime(float(cell))
            if values[i] is None:
                problems[i] = Message("number_not_date", label=label, value=cell)
            continue
        if isinstance(cell, dt.time):
            problems[i] = Message("time_without_date", label=label, value=cell)
            continue
        raw = cell if cell.__class__ is str else str(cell)
        result = parsed.get(raw)
        if result is None:
            text = unicodedata.normalize("NFKC", raw).strip()
            result = parsed[raw] = (*_parse_date_text(text), text)
        kind, value, text = result
        if kind == "year_last":
            year_last.append((i, value))
            continue
        values[i] = value
        if value is None:
            problems[i] = Message("not_a_date", label=label, value=text, examples=DATE_EXAMPLES)
    if year_last:
        day_first_seen = any(g[0] > 12 for _, g in year_last)
        month_first_seen = any(g[1] > 12 for _, g in year_last)
        if day_first_seen and month_first_seen:
            for i, g in year_last:
                problems[i] = Message("date_ambiguous", label=label, value=cells[i])
            return values, problems, warnings
        day_first = day_first_seen
        if not day_first_seen and not month_first_seen:
            warnings.append(Message("dates_month_first", label=label, value=cells[year_last[0][0]]))
        for i, (a, b, y, hh, mm, ss) in year_last:
            day, month = (a, b) if day_first else (b, a)
            values[i] = _build(y, month, day, hh, mm, ss)
            if values[i] is None:
                problems[i] = Message("invalid_date", label=label, value=cells[i])
    return values, problems, warnings


def coerce_date(cells: list, label: str) -> tuple[list, dict, list[str]]:
    values, problems, warnings = coerce_datetime(cells, label)
    return [v.date() if v is not None else None for v in values], problems, warnings
