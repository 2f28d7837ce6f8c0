"""The dashboard and the report preview in a real browser (headless Chromium), with screenshots."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import LiveApp, shot
from tests.e2e.test_pages import set_editor_key

pytestmark = pytest.mark.e2e


def test_dashboard_shows_the_current_periods_figures_and_charts(page: Any, live_app: LiveApp) -> None:
    resp = page.goto("/tong-quan")
    assert resp.status == 200
    figures = live_app.api("/reports/figures")  # the same default: the current quarter
    assert page.locator("#stat-total").inner_text() == str(figures["total"])
    for state, n in figures["counts"].items():
        assert page.locator(f".stat-{state} .stat-n").inner_text() == str(n)
    assert page.locator("#chart-units svg").is_visible()
    assert page.locator("#chart-trend svg rect").count() > 0
    segments = page.locator("#chart-units svg rect.seg").count()
    assert segments >= len([u for u in figures["units"] if u["total"]][:12])
    assert page.locator("a.calendar-link").count() == len([u for u in figures["units"] if u["key"]])
    assert page.locator("nav a[href='/tong-quan'][aria-current='page']").count() == 1
    shot(page, "dashboard")
    page.locator("a.button", has_text="Năm nay").click()
    page.wait_for_url(re.compile(r"kind=year"))
    assert "năm" in page.locator("#dashboard-period").inner_text()
    shot(page, "dashboard-year", full_page=False)


def test_dashboard_on_a_phone(phone: Any) -> None:
    assert phone.goto("/tong-quan").status == 200
    assert phone.locator("#chart-units svg").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the dashboard scrolls sideways on a phone ({width}px)"
    shot(phone, "dashboard-phone")


def test_report_preview_and_download(page: Any, live_app: LiveApp) -> None:
    assert page.goto("/tong-quan").status == 200
    page.locator("#to-report").click()
    page.wait_for_url(re.compile(r"/bao-cao\?period="))
    # A whole year, chosen from the menu, for one unit.
    codes = page.locator("#period option").evaluate_all("options => options.map(o => o.value)")
    year = next(c for c in codes if re.fullmatch(r"\d{4}", c))
    page.select_option("#period", year)
    figures = live_app.api("/reports/figures", period=year)
    unit = figures["units"][0]
    page.select_option("#scope-owner", unit["key"])
    page.locator("button", has_text="Xem báo cáo").click()
    page.wait_for_url(re.compile(r"owner="))
    assert page.locator("#report-total").inner_text() == str(unit["total"])
    assert page.locator("#report-table tbody tr").count() == unit["total"]
    title = page.locator("#report-title").inner_text()
    assert title.startswith("Kết quả thực hiện nhiệm vụ của ") and title.endswith(f"năm {year}")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", page.locator("#as-of").inner_text())
    shot(page, "report-preview", full_page=False)
    page.locator("#report-table").scroll_into_view_if_needed()
    shot(page, "report-preview-table", full_page=False)
    with page.expect_download() as info:
        page.locator("#download-docx").click()
    download = info.value
    assert download.suggested_filename == f"bao-cao-nhiem-vu-{year}.docx"
    assert open(download.path(), "rb").read(2) == b"PK"
    with page.expect_download() as info:
        page.locator("#download-xlsx").click()
    assert info.value.suggested_filename.endswith(".xlsx")


def test_subscribe_and_follow_from_the_dashboard(page: Any) -> None:
    set_editor_key(page)
    assert page.goto("/tong-quan").status == 200
    first = page.locator("#subscribe-owner option").nth(1)
    name, key = first.inner_text(), first.get_attribute("value")
    page.select_option("#subscribe-owner", key)
    page.fill("#subscribe-email", "vanphong@example.org")
    page.locator("#subscribe-form button[type=submit]").click()
    toast = page.locator("#toast")
    toast.wait_for(state="visible")
    assert toast.inner_text() == f"Đã đăng ký: thư nhắc việc của {name} sẽ được gửi tới vanphong@example.org."
    page.fill("#follow-document", "Quyết định số 1804/QĐ-BTP")
    page.fill("#follow-email", "phapche@example.org")
    page.locator("#follow-form button[type=submit]").click()
    toast.filter(has_text="Đã theo dõi").wait_for()
    assert "phapche@example.org" in toast.inner_text()
    page.locator("#notify").scroll_into_view_if_needed()
    shot(page, "dashboard-notify", full_page=False)
    page.fill("#subscribe-assignee", "Nguyễn Văn An")
    page.fill("#subscribe-email", "khong-phai-thu")
    page.evaluate("document.getElementById('subscribe-email').type = 'text'")  # past the browser's own check
    page.locator("#subscribe-form button[type=submit]").click()
    toast.filter(has_text="Chưa đăng ký được").wait_for()
    assert "không phải là địa chỉ thư điện tử hợp lệ" in toast.inner_text()
