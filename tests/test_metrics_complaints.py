"""Contract: complaint metrics measure response and resolution from receipt, count the
48-hour promise only over tickets whose 48 hours have run out, keep still-open tickets in
view (backlog with age, Kaplan–Meier with them censored), find repeats over all history,
and express volume per 1,000 survey answers and sales contacts of the same halls.

Hand-made tickets, October 2026, "as of" = Nov 1 00:00:
H1  T1 Oct 1 00:00  first response +2h,  resolved +24h                  customer A, 积分兑换
    T2 Oct 2 00:00  first response +10h, resolved +72h                  customer B, 计费争议
    T3 Oct 30 12:00 open → 36h old at as-of (its 48 h have not run out)
    T4 Oct 10 00:00 resolved Nov 3 (after as-of) → open, 528h old
    T5 Oct 20 00:00 reopened, resolved +24h                             customer A, 积分兑换 (19 days after T1)
H2  T6 Oct 15 00:00 resolved +6h                                        customer A, 服务态度
Outside: T0 Sep 25 00:00, customer B, 计费争议 (7 days before T2 → T2 is a repeat)
H1 also has 8 survey answers and 100 sales contacts in October.
"""
import math

import pytest

from analytics import stats
from analytics.filters import Filters
from analytics.metrics import complaints as m
from metric_data import NOW, PERIOD, at, fresh_db, insert


def ticket(tid, hall, received, *, response=None, resolved=None, status="resolved", customer=None,
           category="计费争议", **extra):
    return {"ticket_id": tid, "hall_code": hall, "received_at": received, "first_response_at": response,
            "resolved_at": resolved, "status": status, "customer": customer, "category": category, **extra}


@pytest.fixture(scope="module")
def con():
    con = fresh_db()
    insert(con, "complaints", [
        ticket("T1", "H1", at(1), response=at(1, 2), resolved=at(2), customer="A", category="积分兑换",
               channel="10086热线", compensation_amount=50.0),
        ticket("T2", "H1", at(2), response=at(2, 10), resolved=at(5), customer="B", channel="营业厅"),
        ticket("T3", "H1", at(30, 12), status="open", channel="10086热线"),
        ticket("T4", "H1", at(10), resolved=at(3, month=11), status="open", channel="10086热线"),
        ticket("T5", "H1", at(20), resolved=at(21), status="reopened", customer="A", category="积分兑换",
               channel="10086热线"),
        ticket("T6", "H2", at(15), resolved=at(15, 6), customer="A", category="服务态度", channel="营业厅"),
        ticket("T0", "H1", at(25, month=9), resolved=at(26, month=9), customer="B"),
    ])
    insert(con, "surveys", [{"hall_code": "H1", "answered_at": at(d), "scale": "five", "score": 5,
                             "score_100": 100, "top_box": True} for d in range(1, 9)])
    insert(con, "sales", [{"hall_code": "H1", "sold_at": at(3), "product_category": "宽带", "contacts": 100,
                           "interested": 10, "converted": 5, "revenue": 0, "grain": "daily"}])
    return con


@pytest.fixture
def october():
    return Filters(*PERIOD)


def test_summary(con, october):
    row = m.complaint_summary(con, october, now=NOW).iloc[0]
    assert row.tickets == 6 and row.resolved == 4                      # T1, T2, T5, T6
    assert row.promise_due == 5                                        # + T4, open 528 h; T3 not yet due
    assert row.within_48h == 3 and row.promise_48h == pytest.approx(0.6)
    assert (row.open_backlog, row.backlog_over_48h) == (2, 1)
    assert row.backlog_max_age_hours == pytest.approx(528.0)
    assert row.backlog_mean_age_hours == pytest.approx((36 + 528) / 2)
    assert row.first_response_median_hours == pytest.approx(6.0)       # median of 2 and 10
    assert row.resolution_median_hours == pytest.approx(24.0)          # 24, 72, 24, 6
    assert row.reopened == 1 and row.reopen_rate == pytest.approx(1 / 6)
    assert row.repeat_30d == 2                                          # T5 (after T1), T2 (after T0)
    assert row.compensation == pytest.approx(50.0)
    assert row.per_1000_responses == pytest.approx(6 / 8 * 1000)
    assert row.per_1000_contacts == pytest.approx(6 / 100 * 1000)


def test_p90_is_interpolated_over_resolved_tickets(con, october):
    # resolved hours sorted 6, 24, 24, 72: position 0.9 × 3 = 2.7 → 24 + 0.7 × (72 − 24) = 57.6
    row = m.complaint_summary(con, october, now=NOW).iloc[0]
    assert row.resolution_p90_hours == pytest.approx(57.6)


def test_censored_median_counts_open_tickets(con, october):
    curve = m.resolution_curve(con, october, now=NOW).set_index("hours")
    # at 6 h: 6 at risk, 1 resolved → 5/6; at 24 h: 5 at risk, 2 resolved → 5/6 × 3/5 = 0.5;
    # 36 h: T3 censored; 72 h: 2 at risk, 1 resolved → 0.25; 528 h: T4 censored.
    assert curve.loc[6, "share_open"] == pytest.approx(5 / 6)
    assert curve.loc[24, "share_open"] == pytest.approx(0.5)
    assert curve.loc[36, "censored"] == 1 and curve.loc[36, "share_open"] == pytest.approx(0.5)
    assert curve.loc[72, "share_open"] == pytest.approx(0.25)
    assert stats.km_quantile(curve.reset_index(), 0.5) == 24
    assert stats.km_quantile(curve.reset_index(), 0.9) is None          # never reaches 90 % resolved
    assert m.complaint_summary(con, october, now=NOW).iloc[0].km_median_hours == 24


def test_by_hall_and_region(con, october):
    halls = m.complaints_by(con, october, by="hall", now=NOW).set_index("hall_code")
    assert halls.loc["H1", "tickets"] == 5 and halls.loc["H1", "promise_48h"] == pytest.approx(2 / 4)
    assert halls.loc["H2", "promise_48h"] == pytest.approx(1.0)
    assert halls.loc["H3", "tickets"] == 0 and math.isnan(halls.loc["H3", "promise_48h"])
    assert halls.loc["H1", "per_1000_contacts"] == pytest.approx(50.0)
    regions = m.complaints_by(con, october, by="region", now=NOW).set_index("region")
    assert regions.loc["R1", "tickets"] == 6 and regions.loc["R1", "promise_48h"] == pytest.approx(0.6)
    assert regions.loc["R1", "responses"] == 8 and regions.loc["R2", "tickets"] == 0


def test_by_category_and_channel(con, october):
    categories = m.complaints_by(con, october, by="category", now=NOW).set_index("category")
    assert categories.loc["积分兑换", "tickets"] == 2 and categories.loc["积分兑换", "repeat_30d"] == 1
    channels = Filters(*PERIOD, channels=("营业厅",))
    assert m.complaint_summary(con, channels, now=NOW).iloc[0].tickets == 2   # T2, T6


def test_backlog_as_of_the_period_end(con, october):
    open_tickets = m.backlog(con, october, now=NOW)
    assert list(open_tickets.ticket_id) == ["T4", "T3"]                  # oldest first
    assert list(open_tickets.over_promise) == [True, False]
    # Looking at September alone: T0 was resolved within it; nothing open.
    september = Filters(PERIOD[0].replace(month=9), PERIOD[0].replace(month=9, day=30))
    assert m.backlog(con, september, now=NOW).empty


def test_histogram_shows_resolved_and_open_side_by_side(con, october):
    bands = m.resolution_histogram(con, october, now=NOW).set_index("band")
    assert bands.loc["4–8h", "resolved"] == 1 and bands.loc["24–48h", "resolved"] == 2
    assert bands.loc["72–120h", "resolved"] == 1
    assert bands.loc["24–48h", "still_open"] == 1 and bands.loc["120h+", "still_open"] == 1
    assert bands.resolved.sum() == 4 and bands.still_open.sum() == 2


def test_as_of_is_now_when_the_period_is_not_over(con):
    # Seen on Oct 31 00:00: T3 is 12 h old, T4 (Oct 10) 504 h, both open; T5 was resolved Oct 21.
    row = m.complaint_summary(con, Filters(*PERIOD), now=at(31)).iloc[0]
    assert (row.open_backlog, row.backlog_over_48h) == (2, 1)
    assert row.backlog_max_age_hours == pytest.approx(504.0)
    assert row.backlog_mean_age_hours == pytest.approx((12 + 504) / 2)


def test_a_ticket_done_without_a_resolution_time_is_resolved_outside_the_promise(october):
    # T1 resolved +24h; T2 "resolved" with no time (a public portal gives none); T3 open 36 h.
    # Resolved: T1, T2. Backlog: T3 only. 48-hour rate over T1 only (T2's time is unknown,
    # T3's 48 h have not run out): 1 of 1.
    con = fresh_db()
    insert(con, "complaints", [ticket("T1", "H1", at(1), resolved=at(2)),
                               ticket("T2", "H1", at(3)),
                               ticket("T3", "H1", at(30, 12), status="open")])
    row = m.complaint_summary(con, october, now=NOW).iloc[0]
    assert (row.tickets, row.resolved, row.open_backlog) == (3, 2, 1)
    assert (row.promise_due, row.within_48h) == (1, 1)


def test_broken_promises_are_the_due_tickets_not_resolved_within_48h(con, october):
    row = m.complaint_summary(con, october, now=NOW).iloc[0]
    assert row.broken_48h == 2 == row.promise_due - row.within_48h   # T2 took 72 h; T4 open 528 h
    by_hall = m.complaints_by(con, october, by="hall", now=NOW).set_index("hall_code")
    assert by_hall.loc["H1", "broken_48h"] == 2 and by_hall.loc["H2", "broken_48h"] == 0


def test_categories_by_hall_show_where_a_category_comes_from(con, october):
    cells = m.category_by_hall(con, october, now=NOW)
    # H1: 计费争议 T2, T3, T4 and 积分兑换 T1, T5 of its 5 tickets; H2: 服务态度 T6. T0 is September's.
    assert cells[["hall_code", "category", "tickets", "hall_tickets"]].values.tolist() == [
        ["H1", "计费争议", 3, 5], ["H1", "积分兑换", 2, 5], ["H2", "服务态度", 1, 1]]
    assert cells["share"].tolist() == pytest.approx([0.6, 0.4, 1.0])
