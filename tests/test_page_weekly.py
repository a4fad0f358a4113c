"""Contract: the Weekly review page on the sample data opens on the last complete ISO week,
shows the analytics layer's numbers for the week picked (from the selector or the URL),
lists the halls to talk about with their reasons, switches to presentation mode (one
section per screen, previous/next, leave) and exports the week as HTML, Excel and
PowerPoint files whose content the tests read back."""
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from analytics import report, storage
from analytics.filters import Filters
from analytics.metrics import weekly
from analytics.targets import load_targets
from page_driver import Downloads, kpis, run_page

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "weekly_review.py")


@pytest.fixture
def sample(sample_app_env):
    con = storage.connect(sample_app_env)  # the same instance as the app (same process, same settings)
    yield con
    con.close()


def run(query=None, **state) -> AppTest:
    return run_page(PAGE, query, **state)


def week_of(label):
    return weekly.week_filters(Filters(dt.date(2025, 11, 1), dt.date(2026, 10, 31)), *weekly.parse_week(label))


def test_opens_on_the_last_complete_week_with_the_analytics_numbers(sample):
    at = run()
    # The sample ends on Saturday 2026-10-31: the last complete week is 2026-W43 (Oct 19-25).
    assert at.selectbox(key="wk_week").value == "2026-W43" and at.query_params["week"] == "2026-W43"
    headline = weekly.weekly_headline(sample, week_of("2026-W43")).set_index("kpi")
    shown = kpis(at)
    assert shown["满意度（CSAT）"] == f"{headline.loc['csat', 'this_week']:.1%}"
    assert shown["投诉工单"] == f"{headline.loc['tickets', 'this_week']:,.0f}"
    assert shown["超48小时未办结（含往期）"] == f"{headline.loc['carried_over_48h', 'this_week']:,.0f}"
    captions = [c.value for c in at.caption]
    # Under a tile: n · interval · the change's verdict · last week and the 4-week average.
    note = f"上周 {headline.loc['csat', 'last_week']:.1%} · 4周均值 {headline.loc['csat', 'average_4w']:.1%}"
    assert any(c.endswith(" · " + note) for c in captions)
    talk = weekly.halls_to_talk_about(weekly.hall_week_table(sample, week_of("2026-W43")), load_targets())
    reasons = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(reasons) == len(talk) > 0
    assert talk["reason_zh"].iloc[0].split("：")[0] in reasons[0]
    assert any("江南西" in r and "48小时办结率 0%" in r for r in reasons)  # the sample's slipping hall


def test_switching_weeks_from_the_selector_and_the_url(sample):
    at = run()
    at.selectbox(key="wk_week").set_value("2026-W42").run()
    assert not at.exception
    headline = weekly.weekly_headline(sample, week_of("2026-W42")).set_index("kpi")
    assert kpis(at)["满意度（CSAT）"] == f"{headline.loc['csat', 'this_week']:.1%}"
    assert at.query_params["week"] == "2026-W42"
    linked = run({"week": "2026-W01"})  # a fresh session from a link: 2025-12-29 … 2026-01-04
    assert linked.selectbox(key="wk_week").value == "2026-W01"
    assert any("2025-12-29 至 2026-01-04" in c.value for c in linked.caption)
    assert any("优先于侧栏期间" in c.value for c in linked.caption)  # says it has its own week
    assert run({"week": "2030-W01"}).selectbox(key="wk_week").value == "2026-W43"  # not in the data


def test_the_week_follows_the_sidebar_period(sample):
    at = run()  # October: its last complete week is 2026-W43 (19–25 October)
    assert at.selectbox(key="wk_week").value == "2026-W43"
    assert any("跟随侧栏期间（2026-10-01 至 2026-10-31）" in c.value for c in at.caption)
    september = run({"from": "2026-09-01", "to": "2026-09-30"})  # ends on a Wednesday: 21–27 September
    assert september.selectbox(key="wk_week").value == "2026-W39"
    two_days = run({"from": "2026-10-07", "to": "2026-10-08"})  # no complete week inside: says so
    assert two_days.selectbox(key="wk_week").value == "2026-W43"
    assert any("没有完整的一周" in c.value for c in two_days.caption)


def test_the_scope_caption_names_a_chosen_hall(sample):
    at = run({"hall": "0755006"})
    assert not any("全部区域" in c.value for c in at.caption)
    assert any("范围：深圳西乡沟通100服务厅" in c.value for c in at.caption)


def test_presentation_mode_one_section_per_screen(sample):
    at = run({"present": "1"})
    assert any("display: none" in h.proto.body for h in at.get("html")), "the sidebar must be hidden"
    assert [s.value for s in at.subheader] == ["本周概况"] and not at.title
    assert len(at.metric) == 8, "two KPIs per area fit one screen"
    talk = weekly.halls_to_talk_about(weekly.hall_week_table(sample, week_of("2026-W43")), load_targets())
    talk_screens = -(-len(talk) // 8)
    assert talk_screens >= 2, "the sample week has more halls to talk about than fit one screen"
    # The stars, five of each kind a screen, one line each: as many screens as the longer list needs.
    service = weekly.service_stars(sample, week_of("2026-W43"))
    sales = weekly.marketing_stars(sample, week_of("2026-W43"))
    stars = max(len(service), len(sales))
    star_screens = -(-stars // 5)
    assert star_screens >= 2, "the sample week has more stars than fit one screen"
    expected = [f"需要讨论的厅店 ({i}/{talk_screens})" for i in range(1, talk_screens + 1)] + ["近 8 周走势"] + \
        [f"本周员工之星 ({i}/{star_screens})" for i in range(1, star_screens + 1)] + ["本周概况"]
    seen_halls = seen_stars = 0
    for title in expected:
        at.button(key="present_next").click().run()
        assert not at.exception and [s.value for s in at.subheader] == [title]
        seen_halls += sum("-badge[" in m.value for m in at.markdown)
        seen_stars += sum(line[:1].isdigit() for m in at.markdown for line in m.value.splitlines())
    assert seen_halls == len(talk), "every hall to talk about is on one of the screens"
    assert seen_stars == len(service) + len(sales), "every star is on one of the screens"
    at.button(key="present_previous").click().run()
    assert [s.value for s in at.subheader] == [f"本周员工之星 ({star_screens}/{star_screens})"]
    assert at.query_params["section"] == str(talk_screens + 2 + star_screens)
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params and at.title[0].value == "周例会"
    assert [s.value for s in at.subheader][:4] == ["本周概况", "需要讨论的厅店", "近 8 周走势", "本周员工之星"]
    toggled = run()
    toggled.toggle(key="present_mode").set_value(True).run()
    assert toggled.query_params["present"] == "1" and len(toggled.subheader) == 1


def test_exports_hold_the_week(sample, monkeypatch):
    downloads = Downloads().capture(monkeypatch)
    at = run()
    labels = [b.label for b in at.download_button]
    assert labels[:2] == ["网页（HTML，含图表）", "Excel 工作簿"]
    talk = weekly.halls_to_talk_about(weekly.hall_week_table(sample, week_of("2026-W43")), load_targets())

    page = downloads.get("weekly_review_2026-W43.html").decode("utf-8")
    assert "<h1>营业厅周回顾 2026-W43</h1>" in page and "2026-10-19 至 2026-10-25" in page
    assert all(reason in page for reason in talk["reason_zh"])
    assert "Plotly.newPlot" in page and "<script src=" not in page  # charts, and nothing fetched from outside

    book = openpyxl.load_workbook(io.BytesIO(downloads.get("weekly_review_2026-W43.xlsx")))
    assert book.sheetnames == ["营业厅周回顾 2026-W43", "本周概况", "需要讨论的厅店", "近 8 周走势",
                               "服务之星（本周评价得分最高，至少 5 条评价）"[:31], "营销之星（本周成功办理最多，至少接触 5 位客户）"]
    cells = [c for row in book["本周概况"].iter_rows(values_only=True) for c in row if c is not None]
    headline = weekly.weekly_headline(sample, week_of("2026-W43")).set_index("kpi")
    assert f"{headline.loc['csat', 'this_week']:.1%}" in cells and "满意度（CSAT）" in cells
    trend = [row for row in book["近 8 周走势"].iter_rows(values_only=True) if row[0] and str(row[0]).startswith("2026-W")]
    assert [row[0] for row in trend] == [f"2026-W{w}" for w in range(36, 44)]

    if not report.image_export_available():
        assert "无法把图表导出为图片" in "\n".join(c.value for c in at.caption)
        pytest.skip("no Chromium for kaleido here: the page says PowerPoint is not offered (checked above)")
    assert "PowerPoint 演示文稿" in labels
    from pptx import Presentation

    deck = Presentation(io.BytesIO(downloads.get("weekly_review_2026-W43.pptx")))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert titles[0] == "营业厅周回顾 2026-W43" and "近 8 周走势" in titles and "需要讨论的厅店" in titles
    pictures = [shape for s in deck.slides for shape in s.shapes if shape.shape_type == 13]  # 13 = picture
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    assert zipfile.is_zipfile(io.BytesIO(downloads.get("weekly_review_2026-W43.pptx")))


def test_the_page_speaks_english(sample):
    at = run(lang="en")
    assert at.title[0].value == "Weekly review"
    assert [s.value for s in at.subheader][:2] == ["This week at a glance", "Halls to talk about"]
    assert any("last week" in m.value for m in at.markdown if "-badge[" in m.value)


def test_an_empty_database_gets_the_empty_state(tmp_path, monkeypatch):
    monkeypatch.setenv("HALL_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert "数据库是空的" in at.info[0].value
