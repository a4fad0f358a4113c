"""Contract of analytics.metrics.marketing: every figure is a SUM of the measures (contacts,
interested, converted, revenue), so contact rows and daily report rows add up; the period
is start ≤ sold_at < midnight after the last day; every scoped hall appears in the hall /
city / region views (zeros and NaN rates when it has no sales) and larger areas sum hall
counts; conversion carries a Wilson interval and rankings never put a tiny sample first.

The numbers in the asserts are worked out by hand from the rows below."""
from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from analytics import storage
from analytics.filters import Filters
from analytics.metrics import marketing

OCT = Filters(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
_row_numbers = itertools.count(1)

HALLS = [
    # hall_code, hall_name, region, city
    ("020001", "广州一厅", "珠三角", "广州"),
    ("020002", "广州二厅", "珠三角", "广州"),
    ("0754001", "汕头一厅", "粤东", "汕头"),   # never sells anything
]
STAFF = [("S1", "张三", "020001"), ("S2", "李四", "020002")]


def insert(con, table: str, **values) -> None:
    """One hand-made row, bookkeeping columns filled with placeholders."""
    n = next(_row_numbers)
    values = {**values, "_key": f"k{n}", "_row_hash": f"h{n}", "_batch_id": 0, "_source_row": n}
    columns = ", ".join(storage.quote_ident(c) for c in values)
    con.execute(f"INSERT INTO {storage.quote_ident(table)} ({columns}) VALUES "
                f"({', '.join('?' for _ in values)})", list(values.values()))


def contact(con, when, hall, outcome, *, staff=None, activity="现场营销", category="宽带",
            product="千兆宽带", revenue=0.0):
    """A contact-level row as the importer stores it (1 contact, interested/converted 0/1)."""
    insert(con, "sales", record_id=f"R{next(_row_numbers)}", sold_at=when, hall_code=hall, staff_id=staff,
           activity_type=activity, product_category=category, product_name=product, outcome=outcome,
           contacts=1, interested=int(outcome in ("interested", "converted")),
           converted=int(outcome == "converted"), revenue=revenue, grain="contact")


def daily(con, when, hall, contacts, interested, converted, revenue, *, activity="现场营销",
          category="宽带", product="千兆宽带"):
    insert(con, "sales", record_id=f"R{next(_row_numbers)}", sold_at=when, hall_code=hall,
           activity_type=activity, product_category=category, product_name=product,
           contacts=contacts, interested=interested, converted=converted, revenue=revenue, grain="daily")


def base(con) -> None:
    for code, name, region, city in HALLS:
        insert(con, "halls", hall_code=code, hall_name=name, region=region, city=city)
    for staff_id, name, hall in STAFF:
        insert(con, "staff", staff_id=staff_id, staff_name=name, hall_code=hall)


@pytest.fixture(scope="module")
def con():
    con = storage.connect(":memory:")
    base(con)
    t = dt.datetime
    # 020001: three contacts (1 converted, 1 interested, 1 failed) + a daily row 17/3/1.
    contact(con, t(2026, 10, 1, 9), "020001", "converted", staff="S1", revenue=100.0)
    contact(con, t(2026, 10, 15, 10), "020001", "interested", staff="S1")
    contact(con, t(2026, 10, 31, 23, 30), "020001", "failed", staff="S1", activity="社区活动")  # last day
    daily(con, t(2026, 10, 10), "020001", 17, 3, 1, 50.0, activity="社区活动")
    # Outside October: neither counts.
    contact(con, t(2026, 11, 1, 0, 0), "020001", "converted", staff="S1", revenue=999.0)
    contact(con, t(2026, 9, 30, 23, 59), "020001", "converted", staff="S1", revenue=999.0)
    # 020002: a daily row 9/8/7 + one converted contact → 10 / 9 / 8.
    daily(con, t(2026, 10, 5), "020002", 9, 8, 7, 600.0, category="套餐", product="5G畅享")
    contact(con, t(2026, 10, 20, 11), "020002", "converted", staff="S2", category="套餐", product="5G畅享",
            revenue=100.0)
    yield con
    con.close()


class TestSummaryAndFunnel:
    """Both grains add up: 020001 = 3 contacts + daily 17 = 20 contacts, 2+3 = 5 interested,
    1+1 = 2 converted, 100+50 = 150 revenue; 020002 = 9+1 = 10, 8+1 = 9, 7+1 = 8, 700.
    Total 30 / 14 / 10 / 850; the rows on 30 Sep and 1 Nov 00:00 are outside."""

    def test_summary(self, con):
        row = marketing.marketing_summary(con, OCT).iloc[0]
        assert (row.contacts, row.interested, row.converted, row.revenue) == (30, 14, 10, 850.0)
        assert row.conversion == pytest.approx(10 / 30)
        assert row.interest_rate == pytest.approx(14 / 30)
        assert row.revenue_per_contact == pytest.approx(850 / 30)
        assert not row.low_sample  # 30 contacts is enough

    def test_funnel(self, con):
        frame = marketing.funnel(con, OCT)
        assert frame["stage"].tolist() == ["contacts", "interested", "converted"]
        assert frame["count"].tolist() == [30, 14, 10]
        assert frame["share_of_contacts"].tolist() == pytest.approx([1.0, 14 / 30, 10 / 30])
        assert pd.isna(frame["share_of_previous"].iloc[0])
        assert frame["share_of_previous"].iloc[1:].tolist() == pytest.approx([14 / 30, 10 / 14])

    def test_grains_reported_separately_add_up(self, con):
        frame = marketing.conversion_by(con, OCT, by="grain").set_index("grain")
        # contact rows: 020001 3/2/1/100 + 020002 1/1/1/100; daily: 17+9, 3+8, 1+7, 50+600.
        assert frame.loc["contact", ["contacts", "interested", "converted", "revenue"]].tolist() == [4, 3, 2, 200.0]
        assert frame.loc["daily", ["contacts", "interested", "converted", "revenue"]].tolist() == [26, 11, 8, 650.0]


class TestHallRollUp:
    """Every scoped hall appears; a city sums its halls' counts (not an average of rates)."""

    def test_by_hall_includes_the_hall_without_sales(self, con):
        frame = marketing.conversion_by(con, OCT, by="hall").set_index("hall_code")
        assert frame.loc["020001", ["contacts", "converted"]].tolist() == [20, 2]
        assert frame.loc["020002", ["contacts", "converted"]].tolist() == [10, 8]
        empty = frame.loc["0754001"]
        assert (empty.contacts, empty.interested, empty.converted, empty.revenue) == (0, 0, 0, 0.0)
        assert pd.isna(empty.conversion) and pd.isna(empty.conversion_low) and pd.isna(empty.revenue_per_contact)
        assert empty.low_sample

    def test_wilson_interval_of_eight_out_of_ten(self, con):
        row = marketing.conversion_by(con, OCT, by="hall").set_index("hall_code").loc["020002"]
        assert row.conversion == pytest.approx(0.8)
        assert (round(row.conversion_low, 4), round(row.conversion_high, 4)) == (0.4902, 0.9433)

    def test_city_and_region_sum_counts(self, con):
        city = marketing.conversion_by(con, OCT, by="city").set_index("city")
        # 广州 = 20 + 10 contacts, 2 + 8 converted → 10/30 = 0.3333 (the mean of 0.1 and 0.8 would be 0.45).
        assert city.loc["广州", ["contacts", "converted", "halls"]].tolist() == [30, 10, 2]
        assert city.loc["广州", "conversion"] == pytest.approx(1 / 3)
        assert not city.loc["广州", "low_sample"]
        region = marketing.conversion_by(con, OCT, by="region").set_index("region")
        assert region.loc["珠三角", "contacts"] == 30 and region.loc["粤东", "contacts"] == 0
        assert region.loc["粤东", "low_sample"] and pd.isna(region.loc["粤东", "conversion"])
        assert region["rank"].tolist() == [1, 2]


class TestGroupings:
    """Direct groupings sum the rows of each group; by staff joins the staff list and puts
    rows without a staff id (the daily reports) in one group labelled '—'."""

    def test_by_activity(self, con):
        frame = marketing.conversion_by(con, OCT, by="activity_type").set_index("activity_type")
        # 现场营销: 1 + 1 (020001 contacts) + 9 (daily) + 1 (020002 contact) = 12, converted 1 + 7 + 1 = 9.
        # 社区活动: 1 (failed contact) + 17 (daily) = 18, converted 1.
        assert frame.loc["现场营销", ["contacts", "converted"]].tolist() == [12, 9]
        assert frame.loc["社区活动", ["contacts", "converted"]].tolist() == [18, 1]

    def test_product_and_activity(self, con):
        frame = marketing.conversion_by_product_and_activity(con, OCT)
        got = {(r.product_name, r.activity_type): (r.contacts, r.converted) for r in frame.itertuples()}
        assert got == {("千兆宽带", "现场营销"): (2, 1), ("千兆宽带", "社区活动"): (18, 1),
                       ("5G畅享", "现场营销"): (10, 8)}
        assert {"conversion", "conversion_low", "conversion_high", "product_category"} <= set(frame.columns)

    def test_by_staff(self, con):
        frame = marketing.conversion_by(con, OCT, by="staff")
        rows = {(r.staff_id if isinstance(r.staff_id, str) else None): r for r in frame.itertuples()}
        assert set(rows) == {"S1", "S2", None}
        assert (rows["S1"].staff_name, rows["S1"].hall_code, rows["S1"].contacts, rows["S1"].converted) == \
            ("张三", "020001", 3, 1)
        assert (rows["S2"].contacts, rows["S2"].converted, rows["S2"].revenue) == (1, 1, 100.0)
        assert (rows[None].staff_name, rows[None].contacts, rows[None].converted) == ("—", 26, 8)

    def test_unknown_grouping_is_refused(self, con):
        with pytest.raises(ValueError):
            marketing.conversion_by(con, OCT, by="hall_code; DROP TABLE sales")


class TestFilters:
    """The last day is included up to midnight; hall, city and region filters narrow the rows."""

    def test_last_day_only(self, con):
        row = marketing.marketing_summary(con, Filters(dt.date(2026, 10, 31), dt.date(2026, 10, 31))).iloc[0]
        assert (row.contacts, row.converted) == (1, 0)  # the 23:30 failed contact; 1 Nov 00:00 is out

    def test_hall_city_region(self, con):
        hall = marketing.marketing_summary(con, OCT.with_halls(("020002",))).iloc[0]
        assert (hall.contacts, hall.interested, hall.converted, hall.revenue) == (10, 9, 8, 700.0)
        city = marketing.marketing_summary(con, Filters(OCT.start, OCT.end, cities=("广州",))).iloc[0]
        assert city.contacts == 30
        region = marketing.marketing_summary(con, Filters(OCT.start, OCT.end, regions=("粤东",))).iloc[0]
        assert region.contacts == 0 and pd.isna(region.conversion) and region.low_sample
        by_hall = marketing.conversion_by(con, Filters(OCT.start, OCT.end, regions=("粤东",)))
        assert by_hall["hall_code"].tolist() == ["0754001"]

    def test_trend_by_week(self, con):
        frame = marketing.marketing_trend(con, OCT, grain="week")
        # Mondays: 1 Oct (Thu) → 28 Sep; 5 Oct (Mon) and 10 Oct → 5 Oct: 9 + 17; 15 Oct → 12 Oct;
        # 20 Oct → 19 Oct; 31 Oct → 26 Oct.
        assert [d.isoformat() for d in pd.to_datetime(frame["period"]).dt.date] == \
            ["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
        assert frame["contacts"].tolist() == [1, 26, 1, 1, 1]
        assert frame["converted"].tolist() == [1, 8, 0, 1, 0]
        month = marketing.marketing_trend(con, OCT, grain="month")
        assert month["contacts"].tolist() == [30]

    def test_detail_newest_first(self, con):
        frame = marketing.sales_detail(con, OCT, limit=2)
        assert len(frame) == 2
        assert frame["sold_at"].iloc[0] == pd.Timestamp(2026, 10, 31, 23, 30)
        assert frame["hall_name"].iloc[0] == "广州一厅" and frame["region"].iloc[0] == "珠三角"
        assert len(marketing.sales_detail(con, OCT)) == 6  # the 6 October rows


def test_ranking_never_puts_three_perfect_contacts_above_a_hundred():
    """3/3 = 100% (low sample) ranks after 40/100 = 40%; the hall with nothing comes last."""
    con = storage.connect(":memory:")
    try:
        base(con)
        daily(con, dt.datetime(2026, 10, 3), "020001", 3, 3, 3, 0.0)
        daily(con, dt.datetime(2026, 10, 3), "020002", 100, 40, 40, 0.0)
        frame = marketing.conversion_by(con, OCT, by="hall")
        assert frame["hall_code"].tolist() == ["020002", "020001", "0754001"]
        assert frame["rank"].tolist() == [1, 2, 3]
        assert frame.set_index("hall_code")["low_sample"].to_dict() == \
            {"020002": False, "020001": True, "0754001": True}
    finally:
        con.close()
