"""Contract: one KPI key, one number. For the same filters every page that shows a KPI
shows the same value under the same name (the names come from analytics.measures), the
weekly review's week matches the Overview opened on that week, and each page's "指标口径"
defines every KPI tile it draws, from the declaration itself."""
from pathlib import Path

import pytest

from analytics.measures import MEASURES
from page_driver import kpis, run_page

PAGES = Path(__file__).resolve().parent.parent / "pages"
TILE_PAGES = ("overview", "satisfaction", "complaints", "marketing", "training", "weekly_review")
KEY_OF = {m.label_zh: m.key for m in MEASURES}
DEFINITION = {m.key: m.definition_zh for m in MEASURES}
WEEK = {"from": "2026-10-19", "to": "2026-10-25"}  # the weekly review's default on the sample


def tiles_by_key(at) -> dict[str, str]:
    shown = kpis(at)
    unknown = set(shown) - set(KEY_OF) - {"办结时长中位数（小时）"}  # a quantile, not a declared KPI
    assert not unknown, f"tiles not named by a declaration: {unknown}"
    return {KEY_OF[label]: value for label, value in shown.items() if label in KEY_OF}


@pytest.fixture(scope="module")
def october(sample_db):
    """Every tile page on the default period (October 2026, all halls), key → value."""
    mp = pytest.MonkeyPatch()
    mp.setenv("HALL_ANALYTICS_DB", str(sample_db))
    try:
        runs = {page: run_page(str(PAGES / f"{page}.py")) for page in TILE_PAGES if page != "weekly_review"}
        week = {"overview": run_page(str(PAGES / "overview.py"), WEEK),
                "weekly_review": run_page(str(PAGES / "weekly_review.py"))}
    finally:
        mp.undo()
    return runs, week


def test_the_same_key_shows_the_same_value_on_every_page(october):
    runs, _ = october
    seen: dict[str, dict[str, str]] = {}
    for page, at in runs.items():
        for key, value in tiles_by_key(at).items():
            seen.setdefault(key, {})[page] = value
    shared = {key: by_page for key, by_page in seen.items() if len(by_page) > 1}
    # The Overview's headline reappears on the area pages.
    assert set(shared) >= {"responses", "mean_score", "csat", "nps", "tickets", "per_1000_contacts", "promise_48h",
                           "backlog_over_48h", "conversion", "revenue", "coverage_12m"}
    for key, by_page in shared.items():
        assert len(set(by_page.values())) == 1, (key, by_page)
    # The cases that once showed two numbers under one label now have two names, one value each:
    # coverage of the month (Training) and of the 12 months to its end (Overview and Training).
    assert seen["coverage"] == {"training": "39.9%"}
    assert seen["coverage_12m"] == {"overview": "91.7%", "training": "91.7%"}
    assert seen["onboarding_rate"] == {"training": "100.0%"}          # hired in October (3 people)
    assert seen["onboarding_rate_12m"] == {"overview": "85.9%"}       # hired in the 12 months (64)
    assert seen["backlog_over_48h"] == {"overview": "22", "complaints": "22"}


def test_the_weekly_review_matches_the_overview_opened_on_its_week(october):
    _, week = october
    overview, weekly = tiles_by_key(week["overview"]), tiles_by_key(week["weekly_review"])
    shared = set(overview) & set(weekly)
    assert shared >= {"csat", "promise_48h", "conversion", "tickets", "revenue"}
    assert {key: weekly[key] for key in shared} == {key: overview[key] for key in shared}
    # The review's backlog counts every carried ticket: a different thing, a different key.
    assert "carried_over_48h" in weekly and "carried_over_48h" not in overview


def test_each_page_defines_every_kpi_it_shows_from_the_declaration(october):
    runs, week = october
    for page, at in [*runs.items(), ("weekly_review", week["weekly_review"])]:
        if page == "weekly_review":  # its figures are defined on the pages they come from
            continue
        expander = next(e for e in at.expander if e.label == "指标口径")
        text = "\n".join(m.value for m in expander.markdown)
        for key in tiles_by_key(at):
            assert DEFINITION[key] in text, (page, key)


def test_hall_tables_and_their_downloads_agree_across_pages(october):
    """The Overview's hall table (what its CSV/Excel download holds) against each area
    page's hall table, KPI by KPI and hall by hall, under the same declared column name."""
    runs, _ = october

    def by_hall(page: str, label: str) -> dict:
        table = runs[page].dataframe[0].value
        return dict(zip(table["营业厅编码"], table[label].round(6)))

    overview = runs["overview"]
    assert overview.dataframe[0].value["营业厅编码"].is_unique
    for page, label in (("satisfaction", "满意度（CSAT）"), ("satisfaction", "净推荐值（NPS）"),
                        ("complaints", "48小时办结率"), ("complaints", "每千次接触投诉量"),
                        ("marketing", "营销成功率")):
        area, main = by_hall(page, label), by_hall("overview", label)
        assert len(main) == 40 and area.keys() == main.keys(), (page, label)
        assert all(area[h] == main[h] or (area[h] != area[h] and main[h] != main[h]) for h in main), (page, label)
    # Training's table is the period's coverage; the Overview's is the 12 months': two names.
    assert "培训覆盖率（本期）" in runs["training"].dataframe[0].value.columns
    assert "培训覆盖率（近12个月）" in overview.dataframe[0].value.columns
