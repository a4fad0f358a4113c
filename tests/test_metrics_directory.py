"""Contract: the directory lists every hall in region → city → name order, the data period
spans every dataset's dates (NULLs when there is none), channel options come only from
the allowed datasets, and the default period is the last complete calendar month."""
import datetime as dt

import pytest

from analytics.metrics import directory as d
from metric_data import at, fresh_db, insert


@pytest.fixture
def con():
    con = fresh_db()
    yield con
    con.close()


def test_hall_directory_is_ordered_region_city_name(con):
    insert(con, "halls", [{"hall_code": "H0", "hall_name": "零号厅", "region": "R1", "city": "C1",
                           "district": "D", "hall_type": "旗舰厅"}])
    frame = d.hall_directory(con)
    assert list(frame.columns) == ["hall_code", "hall_name", "region", "city", "district", "hall_type"]
    assert list(frame["hall_code"]) == ["H1", "H0", "H2", "H3"]  # 一号厅 < 零号厅 in code-point order
    assert frame.loc[frame["hall_code"] == "H0", "hall_type"].item() == "旗舰厅"


def test_data_period_is_null_without_data(con):
    frame = d.data_period(con)
    assert list(frame.columns) == ["first_date", "last_date"] and len(frame) == 1
    assert frame.loc[0, "first_date"] is None and frame.loc[0, "last_date"] is None


def test_data_period_spans_every_dataset(con):
    insert(con, "surveys", [{"hall_code": "H1", "answered_at": at(5, 9)}])
    insert(con, "complaints", [{"hall_code": "H1", "received_at": at(30, 23, 59, month=9)}])
    insert(con, "sales", [{"hall_code": "H2", "sold_at": at(2, 10, month=11)}])
    insert(con, "training", [{"hall_code": "H2", "staff_id": "S1", "trained_on": dt.date(2026, 11, 15)}])
    frame = d.data_period(con)
    assert frame.loc[0, "first_date"] == dt.date(2026, 9, 30)
    assert frame.loc[0, "last_date"] == dt.date(2026, 11, 15)


def test_channel_options_are_distinct_and_most_used_first(con):
    insert(con, "surveys", [{"hall_code": "H1", "answered_at": at(1), "channel": c}
                            for c in ["短信", "评价器", "评价器", None, "10086外呼", "评价器", "短信"]])
    insert(con, "complaints", [{"hall_code": "H1", "received_at": at(1), "channel": "微博"}])
    assert d.channel_options(con, "surveys") == ["评价器", "短信", "10086外呼"]
    assert d.channel_options(con, "complaints") == ["微博"]


@pytest.mark.parametrize("dataset", ["sales", "halls", "surveys; DROP TABLE halls", ""])
def test_channel_options_refuse_other_datasets(con, dataset):
    with pytest.raises(ValueError, match="dataset must be one of"):
        d.channel_options(con, dataset)


@pytest.mark.parametrize("last_date, expected", [
    (dt.date(2026, 10, 31), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),   # last day: that month
    (dt.date(2026, 10, 30), (dt.date(2026, 9, 1), dt.date(2026, 9, 30))),     # otherwise the month before
    (dt.date(2026, 11, 1), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
    (dt.date(2026, 1, 15), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),    # across the year
    (dt.date(2028, 2, 29), (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),      # leap day ends February
    (dt.date(2026, 3, 1), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
    (dt.datetime(2026, 10, 31, 20, 44), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
])
def test_default_period_is_the_last_complete_month(last_date, expected):
    assert d.default_period(last_date) == expected
