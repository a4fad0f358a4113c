"""Twelve questions a regional manager brings to the dashboard, each asked in real Chromium
from the landing page and answered on screen in at most three actions (a click on a page
link, a period preset, a filter choice, a button). Each answer is checked (its chart drawn
with data, or its words on the page) and photographed for a person to look at:
test-artifacts/screenshots/questions/<nn>_<question>.png, the screen the manager sees."""
from __future__ import annotations

import pytest

import browser as br

pytestmark = pytest.mark.browser

MAX_ACTIONS = 3
SHOTS = br.SCREENSHOT_DIR / "questions"

# Points plotly computed per trace of one chart (calcdata, after decoding typed arrays).
TRACE_POINTS_JS = """el => Array.from(el.querySelectorAll('.js-plotly-plot')).flatMap(
    plot => (plot.calcdata || []).map(trace => trace ? trace.length : 0))"""


class Walk:
    """The manager's actions from the landing page, counted; each waits for the app to settle."""

    def __init__(self, page, base_url: str):
        self.page, self.actions = page, []
        page.goto(base_url)
        br.wait_for_app(page, timeout_ms=90_000)

    def _did(self, what: str, locator) -> None:
        locator.click()
        self.actions.append(what)
        br.wait_for_app(self.page, timeout_ms=90_000)

    def open(self, page_title: str) -> None:
        # By its place in the sidebar, not its role: an open dropdown hides the rest of the
        # page from the accessibility tree (react-aria), yet a click on the link still works.
        link = self.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=page_title)
        self._did(f"open {page_title}", link)

    def preset(self, label: str) -> None:
        self._did(f"period {label}", self.page.locator(".st-key-flt_period_preset button", has_text=label))

    def click(self, what: str, locator) -> None:
        self._did(what, locator)

    def type_into(self, what: str, locator, text: str) -> None:
        """One action: into a box, type `text` (the list of choices narrows as one types)."""
        locator.click()
        self.page.keyboard.type(text)
        self.actions.append(what)
        br.wait_for_app(self.page, timeout_ms=90_000)

    def answer(self, key: str, name: str) -> list[int]:
        """The chart `key` scrolled into view, photographed, and its points per trace."""
        assert len(self.actions) <= MAX_ACTIONS, self.actions
        chart = self.page.locator(f".st-key-{key}")
        chart.wait_for(timeout=30_000)
        chart.locator(".js-plotly-plot").wait_for(timeout=30_000)
        self.scroll_to(chart)
        self.page.wait_for_timeout(600)  # plotly's transition
        self.shoot(name)
        br.assert_no_exception(self.page)
        return chart.evaluate(TRACE_POINTS_JS)

    def words(self, text: str, name: str, where: str = '[data-testid="stMain"]') -> None:
        """`text` visible on screen (inside `where`), scrolled to and photographed."""
        assert len(self.actions) <= MAX_ACTIONS, self.actions
        found = self.page.locator(where).get_by_text(text).first
        found.wait_for(timeout=30_000)
        self.scroll_to(found)
        self.shoot(name)
        br.assert_no_exception(self.page)

    @staticmethod
    def scroll_to(locator) -> None:
        """The element's top at the top of the screen (a tall chart is read from its start)."""
        locator.evaluate("el => el.scrollIntoView({block: 'start'})")

    def shoot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))


def q01_which_halls_need_attention(walk: Walk):
    assert sum(walk.answer("ov_trouble", "01_attention_this_month")) > 0
    walk.words("需要关注的厅店", "01_attention_list")


def q02_satisfaction_over_twelve_months(walk: Walk):
    walk.preset("近12个月")
    walk.open("客户满意度")
    points = walk.answer("sat_trend_chart", "02_csat_12_months")
    assert min(points) >= 12, points  # every month of the year (weeks by default: more)


def q03_is_the_points_spike_in_a_few_halls(walk: Walk):
    walk.open("投诉处理")
    walk.preset("近12个月")
    assert sum(walk.answer("cmp_category_trend", "03a_category_by_month")) > 0
    heat = walk.page.locator(".st-key-cmp_category_by_hall")
    assert "积分兑换" in heat.inner_text()
    assert sum(walk.answer("cmp_category_by_hall", "03b_category_by_hall")) > 0


def q04_q06_who_broke_the_promise_and_the_backlogs_moment(walk: Walk):
    """Two questions answered on one page after one click."""
    walk.open("投诉处理")
    assert sum(walk.answer("cmp_broken", "04_broken_promises")) > 0
    walk.words("积压为截至", "06_backlog_as_of")


def q05_a_citys_dimensions_against_the_region(walk: Walk):
    walk.type_into("type 广州 into the city filter", walk.page.locator(".st-key-flt_city input"), "广州")
    walk.click("choose 广州", walk.page.get_by_role("option", name="广州", exact=True))
    walk.open("客户满意度")
    points = walk.answer("sat_dimensions", "05_city_dimensions")
    assert len(points) == 3 and min(points) > 0, points  # the city, its region, all halls


def q07_halls_to_talk_about_this_week(walk: Walk):
    walk.open("周例会")
    walk.words("需要讨论的厅店", "07_talk_about")


def q08_this_weeks_stars_on_the_shared_screen(walk: Walk):
    walk.open("周例会")
    walk.click("presentation mode", walk.page.locator(".st-key-present_mode label"))
    walk.click("previous screen (the last: stars)", walk.page.locator(".st-key-present_previous button"))
    walk.words("服务之星", "08_stars_presented")


def q09_a_hall_against_its_city_and_region(walk: Walk):
    walk.open("厅店档案")
    walk.type_into("type the hall's code into the picker", walk.page.locator(".st-key-hp_hall input"), "020003")
    walk.click("choose it", walk.page.get_by_role("option").filter(has_text="020003"))
    points = walk.answer("hp_trends", "09_hall_trends")
    assert len(points) >= 6, points  # the hall and its two reference lines, in several panels
    assert sum(walk.answer("hp_dimensions", "09b_hall_dimensions")) > 0


def q10_training_coverage_over_a_year(walk: Walk):
    walk.open("员工培训")
    walk.words("培训覆盖率（近12个月）", "10a_coverage_12m_tile", where='[data-testid="stMetricLabel"]')
    assert sum(walk.answer("trn_by_chart", "10b_coverage_by_hall")) > 0


def q11_weakest_halls_on_a_commitment(walk: Walk):
    walk.open("沟通100 积分卡")
    assert sum(walk.answer("sc_heat", "11_scorecard_heat")) > 0


def q12_product_categories_on_site_and_at_events(walk: Walk):
    walk.open("营销转化")
    assert sum(walk.answer("mkt_heatmap_chart", "12_product_by_activity")) > 0


QUESTIONS = [q01_which_halls_need_attention, q02_satisfaction_over_twelve_months,
             q03_is_the_points_spike_in_a_few_halls, q04_q06_who_broke_the_promise_and_the_backlogs_moment,
             q05_a_citys_dimensions_against_the_region,
             q07_halls_to_talk_about_this_week, q08_this_weeks_stars_on_the_shared_screen,
             q09_a_hall_against_its_city_and_region, q10_training_coverage_over_a_year,
             q11_weakest_halls_on_a_commitment, q12_product_categories_on_site_and_at_events]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.__name__ for q in QUESTIONS])
def test_a_managers_question_in_three_actions(streamlit_server, browser_page, question):
    question(Walk(browser_page, streamlit_server))
