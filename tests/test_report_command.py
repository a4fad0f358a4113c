"""`python -m analytics report weekly`: the week's HTML, Excel and PowerPoint files written
without a browser or Streamlit, holding the same figures as the Weekly review page; exit 1
with a message when the week or the scope has no data; a --user's region scope applies."""
import datetime as dt
import io

import openpyxl
import pytest

from analytics import cli, report
from analytics.filters import Filters
from analytics.metrics import weekly
from analytics.metrics.directory import hall_directory
from analytics.targets import load_targets
from test_access import REGION, access_file  # noqa: F401  (a fixture)

WEEK = "2026-W43"


def week_filters() -> Filters:
    return weekly.week_filters(Filters(dt.date(2026, 10, 19), dt.date(2026, 10, 25)), 2026, 43)


def run(capsys, *args) -> tuple[int, list[str], str]:
    code = cli.main(["report", "weekly", *args])
    out, err = capsys.readouterr()
    return code, [line for line in out.splitlines() if line], err


def test_the_week_s_three_files_hold_the_page_s_figures(sample_db, sample_con, tmp_path, capsys):
    code, paths, err = run(capsys, "--week", WEEK, "--db", str(sample_db), "--out", str(tmp_path / "out"))
    assert code == 0, err
    names = [p.split("/")[-1] for p in paths]
    expected = [f"weekly_review_{WEEK}.html", f"weekly_review_{WEEK}.xlsx"]
    if report.image_export_available():
        expected.append(f"weekly_review_{WEEK}.pptx")
    else:
        assert "PowerPoint" in err
    assert names == expected
    con = sample_con.cursor()
    try:
        headline = weekly.weekly_headline(con, week_filters()).set_index("kpi")
        talk = weekly.halls_to_talk_about(weekly.hall_week_table(con, week_filters()), load_targets())
    finally:
        con.close()
    page = (tmp_path / "out" / expected[0]).read_text(encoding="utf-8")
    assert f"<h1>营业厅周回顾 {WEEK}</h1>" in page and "2026-10-19 至 2026-10-25" in page
    assert len(talk) > 0 and all(reason in page for reason in talk["reason_zh"])
    book = openpyxl.load_workbook(tmp_path / "out" / expected[1])
    assert book.sheetnames[:4] == [f"营业厅周回顾 {WEEK}", "本周概况", "需要讨论的厅店", "近 8 周走势"]
    cells = [c for row in book["本周概况"].iter_rows(values_only=True) for c in row if c is not None]
    assert f"{headline.loc['csat', 'this_week']:.1%}" in cells and f"{headline.loc['tickets', 'this_week']:,.0f}" in cells
    if len(expected) == 3:
        from pptx import Presentation

        deck = Presentation(io.BytesIO((tmp_path / "out" / expected[2]).read_bytes()))
        titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
        assert titles[0] == f"营业厅周回顾 {WEEK}" and "近 8 周走势" in titles
        assert sum(shape.shape_type == 13 for s in deck.slides for shape in s.shapes) == 1  # the chart, as an image


def test_no_data_means_exit_1_and_no_files(sample_db, tmp_path, capsys):
    out = tmp_path / "out"
    code, paths, err = run(capsys, "--week", "2020-W01", "--db", str(sample_db), "--out", str(out), "--lang", "en")
    assert (code, paths) == (1, []) and "no data for the week 2020-W01" in err and not out.exists()
    code, paths, err = run(capsys, "--db", str(sample_db), "--out", str(out), "--region", "火星")
    assert (code, paths) == (1, []) and "没有数据" in err and "火星" in err
    code, _, err = run(capsys, "--week", "W43", "--db", str(sample_db), "--out", str(out))
    assert code == 2 and "ISO" in err


def test_a_regional_manager_s_report_holds_only_their_region(sample_db, sample_con, tmp_path, capsys, access_file):
    # access_file (tests/test_access.py): li manages 粤东 only.
    code, paths, err = run(capsys, "--week", WEEK, "--db", str(sample_db), "--out", str(tmp_path / "li"),
                           "--user", "li", "--lang", "en")
    assert code == 0, err
    page = (tmp_path / "li" / f"weekly_review_{WEEK}.html").read_text(encoding="utf-8")
    con = sample_con.cursor()
    try:
        halls = hall_directory(con)
    finally:
        con.close()
    outside = halls[halls["region"] != REGION]["hall_name"]
    inside = halls[halls["region"] == REGION]["hall_name"]
    assert not any(name in page for name in outside), "a hall outside the manager's region is in the report"
    assert any(name in page for name in inside) and f"Scope: {REGION}" in page
    code, _, err = run(capsys, "--week", WEEK, "--db", str(sample_db), "--out", str(tmp_path / "x"), "--user", "nobody")
    assert code == 2 and "nobody" in err
