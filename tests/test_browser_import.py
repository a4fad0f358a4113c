"""In real Chromium: upload a complaints export through the Import data page, check it,
import it, and see the Overview count the new tickets at once (the caches are cleared).

The server has a database of its own: this test writes, and the other browser tests
must keep seeing the plain sample."""
import re

import pytest

import browser as br
from builders import xlsx

pytestmark = pytest.mark.browser

NEW_TICKETS = 37
HEADER = ["工单编号", "受理时间", "投诉类别", "营业厅编码", "工单状态", "办结时间"]


@pytest.fixture(scope="module")
def writable_server(tmp_path_factory):
    with br.sample_server(tmp_path_factory.mktemp("import_server")) as base_url:
        yield base_url


def tickets_file(tmp_path):
    # Inside the sample's last month (the Overview's default period), for a sample hall.
    rows = [[f"BROWSER{i:04d}", f"2026-10-{10 + i % 15:02d} 10:00", "积分兑换", "020001", "处理中", None]
            for i in range(NEW_TICKETS)]
    path = tmp_path / "新增投诉工单.xlsx"
    path.write_bytes(xlsx(("投诉工单", [["投诉工单明细（浏览器测试）"], HEADER, *rows, ["合计", str(NEW_TICKETS)]])))
    return path


def overview_tickets(page, base_url) -> int:
    page.goto(base_url)
    br.wait_for_app(page, timeout_ms=90_000)
    metric = page.locator('[data-testid="stMetric"]', has_text="投诉工单").first
    value = metric.locator('[data-testid="stMetricValue"]').inner_text()
    return int(re.sub(r"[^\d]", "", value))


def test_upload_in_the_browser_then_the_overview_shows_the_new_numbers(writable_server, browser_page, tmp_path,
                                                                       _chromium):
    page = browser_page
    before = overview_tickets(page, writable_server)
    # Two more people on the Overview while the import commits (sessions of the same server).
    readers = [_chromium.new_context(viewport=br.VIEWPORT) for _ in range(2)]

    page.goto(f"{writable_server}/import_data")
    br.wait_for_app(page, timeout_ms=90_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tickets_file(tmp_path)))
    page.get_by_text("工作表“投诉工单” → 投诉工单").wait_for(timeout=60_000)
    br.wait_for_app(page, timeout_ms=60_000)
    main = page.locator('[data-testid="stMain"]')
    assert "将接受" in main.inner_text()
    br.save_screenshot(page, "import_preview.png")
    br.assert_no_exception(page)

    page.get_by_role("button", name=re.compile("导入 1 个文件")).click()
    seen = []
    try:
        for context in readers:
            reader = context.new_page()
            seen.append(overview_tickets(reader, writable_server))
            br.assert_no_exception(reader)
            assert reader.get_by_text("database is locked").count() == 0
    finally:
        for context in readers:
            context.close()
    assert all(n in (before, before + NEW_TICKETS) for n in seen), (before, seen)
    page.get_by_text("新增 37 行").wait_for(timeout=60_000)
    br.wait_for_app(page, timeout_ms=60_000)
    br.save_screenshot(page, "import_committed.png")
    br.assert_no_exception(page)

    after = overview_tickets(page, writable_server)
    br.save_screenshot(page, "import_overview_after.png")
    assert after == before + NEW_TICKETS, (before, after)
