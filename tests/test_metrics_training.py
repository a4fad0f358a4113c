"""Contract of analytics.metrics.training, on a hand-built staff list and training log:
dates (not the status column) decide who is active in a period; coverage, onboarding and
electives follow the definitions in the module docstring (a new hire still inside the
30-day window with no pre-job training is not counted yet, day 30 is in time and day 31
late, an elective exactly 365 days before the end is outside the 12 months); a class of
31 is large and 30 is not; every scoped hall appears with zeros when it has no staff;
cities and regions sum hall counts.

Period H1 = 2026-01-01 … 2026-06-30. Staff (all in 020001 unless said):
  A hired 2020, active; 服务礼仪 on 03-01 (2 h, passed, class 31); 自选 on 2025-07-01
  B hired 2020, left 2025-12-31 — before the period: not active
  C hired 2019, left 2026-02-15 — during the period: active, not active at the end;
    业务知识 on 01-10 (3 h, failed, class 30)
  D hired 02-01; 服务礼仪 on 03-01 with A (2 h, passed, class 31); 岗前培训 03-03 (day 30)
  E hired 03-01; 岗前培训 04-01 (day 31: late)
  F hired 06-15; nothing — window ends 07-15, after the period: not in the denominator
  G hired 06-20; 岗前培训 06-25 (day 5, 8 h, not graded)
  H (020002) hired 2018; 营销技巧 05-05 (4 h, not graded); 自选 on 2025-06-30 (outside)
  I (020002) hired 2026-07-10 — after the period: not active
  0754001 (粤东) has no staff at all.
"""
from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest

from analytics import storage
from analytics.filters import Filters
from analytics.metrics import training

H1 = Filters(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
D = dt.date
_row_numbers = itertools.count(1)


def insert(con, table: str, **values) -> None:
    """One hand-made row, bookkeeping columns filled with placeholders."""
    n = next(_row_numbers)
    values = {**values, "_key": f"k{n}", "_row_hash": f"h{n}", "_batch_id": 0, "_source_row": n}
    columns = ", ".join(storage.quote_ident(c) for c in values)
    con.execute(f"INSERT INTO {storage.quote_ident(table)} ({columns}) VALUES "
                f"({', '.join('?' for _ in values)})", list(values.values()))


def staff(con, staff_id, hall, hired_on, *, left_on=None, role="营业员"):
    insert(con, "staff", staff_id=staff_id, staff_name=f"员工{staff_id}", hall_code=hall, role=role,
           hired_on=hired_on, status="left" if left_on else "active", left_on=left_on)


def trained(con, staff_id, hall, course, course_type, on, hours, passed, class_size):
    insert(con, "training", staff_id=staff_id, hall_code=hall, course=course, course_type=course_type,
           trained_on=on, hours=hours, passed=passed, class_size=class_size)


@pytest.fixture(scope="module")
def con():
    con = storage.connect(":memory:")
    for code, name, region, city in [("020001", "广州一厅", "珠三角", "广州"), ("020002", "广州二厅", "珠三角", "广州"),
                                     ("0754001", "汕头一厅", "粤东", "汕头")]:
        insert(con, "halls", hall_code=code, hall_name=name, region=region, city=city)
    staff(con, "A", "020001", D(2020, 1, 1))
    staff(con, "B", "020001", D(2020, 1, 1), left_on=D(2025, 12, 31))
    staff(con, "C", "020001", D(2019, 5, 1), left_on=D(2026, 2, 15))
    staff(con, "D", "020001", D(2026, 2, 1))
    staff(con, "E", "020001", D(2026, 3, 1))
    staff(con, "F", "020001", D(2026, 6, 15))
    staff(con, "G", "020001", D(2026, 6, 20))
    staff(con, "H", "020002", D(2018, 1, 1))
    staff(con, "I", "020002", D(2026, 7, 10))
    trained(con, "A", "020001", "服务规范", "服务礼仪", D(2026, 3, 1), 2, True, 31)
    trained(con, "A", "020001", "自选课A", "自选", D(2025, 7, 1), 5, True, 10)
    trained(con, "C", "020001", "业务知识更新", "业务知识", D(2026, 1, 10), 3, False, 30)
    trained(con, "D", "020001", "服务规范", "服务礼仪", D(2026, 3, 1), 2, True, 31)
    trained(con, "D", "020001", "新员工岗前", "岗前培训", D(2026, 3, 3), 8, True, 5)
    trained(con, "E", "020001", "新员工岗前", "岗前培训", D(2026, 4, 1), 8, True, 5)
    trained(con, "G", "020001", "新员工岗前", "岗前培训", D(2026, 6, 25), 8, None, 5)
    trained(con, "H", "020002", "营销技巧提升", "营销技巧", D(2026, 5, 5), 4, None, 12)
    trained(con, "H", "020002", "自选课B", "自选", D(2025, 6, 30), 5, True, 10)
    # Two satisfaction answers for 020001: 5/5 (100, top box) and 3/5 (50).
    for n, (score, s100, top) in enumerate([(5, 100.0, True), (3, 50.0, False)]):
        insert(con, "surveys", response_id=f"Q{n}", answered_at=dt.datetime(2026, 3, 2, 10), hall_code="020001",
               scale="five", score=score, score_100=s100, top_box=top)
    yield con
    con.close()


class TestSummary:
    """Whole scope: active A C D E F G H = 7, trained A C D E G H = 6; new hires D E G = 3
    (F excluded), in time D G = 2; active at end A D E F G H = 6, elective A = 1; hours
    2+3+2+8+8+8+4 = 35; graded A C D D E = 5, passed 4; one large session."""

    def test_counts_and_rates(self, con):
        row = training.training_summary(con, H1).iloc[0]
        assert (row.active_staff, row.trained_staff) == (7, 6)
        assert row.coverage == pytest.approx(6 / 7)
        assert (round(row.coverage_low, 4), round(row.coverage_high, 4)) == (0.4869, 0.9743)
        assert (row.new_hires, row.onboarded_in_time) == (3, 2)
        assert row.onboarding_rate == pytest.approx(2 / 3)
        assert (row.active_at_end, row.elective_staff) == (6, 1)
        assert row.elective_rate == pytest.approx(1 / 6)
        assert row.hours == 35.0 and row.hours_per_head == pytest.approx(5.0)
        assert (row.passed, row.graded) == (4, 5) and row.pass_rate == pytest.approx(0.8)
        assert row.large_sessions == 1
        assert row.low_sample


class TestByHall:
    """Every scoped hall appears; city/region sum hall counts; ranking by the lower
    coverage bound (all three halls are low samples here)."""

    def test_halls(self, con):
        frame = training.training_by(con, H1, by="hall")
        # 020001: 5/6 (low bound 0.436) ranks above 020002: 1/1 (low bound 0.207); 0754001 has no one.
        assert frame["hall_code"].tolist() == ["020001", "020002", "0754001"]
        one = frame.set_index("hall_code").loc["020001"]
        assert (one.active_staff, one.trained_staff, one.new_hires, one.onboarded_in_time) == (6, 5, 3, 2)
        assert (one.active_at_end, one.elective_staff, one.hours, one.passed, one.graded) == (5, 1, 31.0, 4, 5)
        assert one.hours_per_head == pytest.approx(31 / 6)
        two = frame.set_index("hall_code").loc["020002"]
        assert (two.active_staff, two.trained_staff, two.elective_staff, two.hours, two.graded) == (1, 1, 0, 4.0, 0)
        assert pd.isna(two.onboarding_rate) and pd.isna(two.pass_rate)
        empty = frame.set_index("hall_code").loc["0754001"]
        assert (empty.active_staff, empty.trained_staff, empty.hours, empty.large_sessions) == (0, 0, 0.0, 0)
        assert pd.isna(empty.coverage) and pd.isna(empty.hours_per_head) and empty.low_sample

    def test_city_and_region_sum_counts(self, con):
        city = training.training_by(con, H1, by="city").set_index("city")
        # 广州 = 6 + 1 active, 5 + 1 trained → 6/7 = 0.857 (the mean of 5/6 and 1/1 would be 0.917).
        assert city.loc["广州", ["active_staff", "trained_staff", "halls"]].tolist() == [7, 6, 2]
        assert city.loc["广州", "coverage"] == pytest.approx(6 / 7)
        region = training.training_by(con, H1, by="region").set_index("region")
        assert region.loc["粤东", "active_staff"] == 0 and pd.isna(region.loc["粤东", "coverage"])


class TestStaffRules:
    """Who is active, who is a new hire, what counts as in time and as an elective."""

    def test_active_staff(self, con):
        frame = training.staff_training(con, H1)
        # B left before the period, I was hired after it; C left during it and still counts.
        assert sorted(frame["staff_id"]) == ["A", "C", "D", "E", "F", "G", "H"]
        assert training.staff_training(con, H1, hall_code="020002")["staff_id"].tolist() == ["H"]

    def test_per_staff_facts(self, con):
        frame = training.staff_training(con, H1).set_index("staff_id")
        assert (frame.loc["D", "trainings"], frame.loc["D", "hours"]) == (2, 10.0)
        assert frame.loc["D", "pre_job_days_after_hire"] == 30   # in time
        assert frame.loc["E", "pre_job_days_after_hire"] == 31   # late
        assert not frame.loc["F", "has_pre_job"] and pd.isna(frame.loc["F", "pre_job_days_after_hire"])
        assert frame.loc["A", "trainings"] == 1                  # the 2025 elective is outside the period
        assert bool(frame.loc["A", "elective_12m"])              # 2025-07-01 > 2026-06-30 − 365 days
        assert not bool(frame.loc["H", "elective_12m"])          # 2025-06-30 is exactly 365 days before

    def test_window_not_over_and_no_pre_job_yet_is_left_out(self, con):
        # Period 01-01 … 03-01: D (hired 02-01, window to 03-03, pre-job after the end) and
        # E (hired 03-01) are both still inside their window → no new hire counted yet.
        early = Filters(dt.date(2026, 1, 1), dt.date(2026, 3, 1))
        row = training.training_summary(con, early).iloc[0]
        assert (row.new_hires, row.onboarded_in_time) == (0, 0) and pd.isna(row.onboarding_rate)
        # Active: A C D E H = 5; trained: A and D on 03-01 (last day included), C on 01-10 = 3.
        assert (row.active_staff, row.trained_staff) == (5, 3)
        # At the end (03-01) C has left: A D E H; 12-month window from 2025-03-02 holds both electives.
        assert (row.active_at_end, row.elective_staff) == (4, 2)

    def test_filters_narrow_the_staff(self, con):
        row = training.training_summary(con, H1.with_halls(("020002",))).iloc[0]
        assert (row.active_staff, row.trained_staff, row.hours) == (1, 1, 4.0)
        row = training.training_summary(con, Filters(H1.start, H1.end, regions=("粤东",))).iloc[0]
        assert (row.active_staff, row.large_sessions) == (0, 0) and pd.isna(row.coverage)


class TestSessions:
    """Sessions are distinct (hall, course, date); more than 30 people is a large class."""

    def test_large_sessions(self, con):
        frame = training.large_sessions(con, H1)
        # A and D share the class of 31; C's class of 30 is not large.
        assert frame[["hall_code", "course", "trained_on", "class_size", "attendances"]].values.tolist() == \
            [["020001", "服务规范", pd.Timestamp(2026, 3, 1), 31, 2]]

    def test_by_course_type(self, con):
        frame = training.training_by_course_type(con, H1).set_index("course_type")
        # 岗前培训: D 03-03, E 04-01, G 06-25 = 3 sessions, 24 h, passed 2 of 2 graded.
        assert frame.loc["岗前培训", ["sessions", "attendances", "hours", "passed", "graded"]].tolist() == \
            [3, 3, 24.0, 2, 2]
        # 服务礼仪: one session attended by A and D.
        assert frame.loc["服务礼仪", ["sessions", "attendances", "hours"]].tolist() == [1, 2, 4.0]
        assert frame.loc["业务知识", "pass_rate"] == 0.0
        assert pd.isna(frame.loc["营销技巧", "pass_rate"])
        assert "自选" not in frame.index  # both electives are before the period

    def test_trend_by_month(self, con):
        frame = training.training_trend(con, H1, grain="month")
        # Jan C; Mar A, D, D (2 + 2 + 8 h); Apr E; May H; Jun G.
        assert [d.month for d in pd.to_datetime(frame["period"])] == [1, 3, 4, 5, 6]
        assert frame["attendances"].tolist() == [1, 3, 1, 1, 1]
        assert frame["staff_trained"].tolist() == [1, 2, 1, 1, 1]
        assert frame["hours"].tolist() == [3.0, 12.0, 8.0, 4.0, 8.0]


def test_coverage_beside_satisfaction(con):
    """Per hall: coverage from training, responses / mean score / CSAT from the surveys."""
    frame = training.coverage_vs_satisfaction(con, H1).set_index("hall_code")
    assert frame.index.tolist() == ["020001", "020002", "0754001"]
    assert frame.loc["020001", "coverage"] == pytest.approx(5 / 6)
    # (100 + 50) / 2 = 75; one top box of two.
    assert (frame.loc["020001", "responses"], frame.loc["020001", "mean_score"], frame.loc["020001", "csat"]) == \
        (2, 75.0, 0.5)
    assert frame.loc["020002", "responses"] == 0 and pd.isna(frame.loc["020002", "mean_score"])
