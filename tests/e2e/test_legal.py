"""A legal user in a real browser (issue 17): a replaced document says by whom, the trace goes
from an upstream decision to a downstream task and back, an editor confirms a suggested link,
the original file downloads, and the citation graph is usable on a phone.

The documents are tests/fixtures/e2e_legal (see its README): uploaded to the live app through
``POST /documents`` (so the original file is kept by the real upload path). Screenshots at
1366×768 and 390×844 go to ``screenshots/legal-*``.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import EDITOR_KEY, LiveApp, shot

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "e2e_legal"
FILES = {"old": "qd-12-ubnd-2020.txt", "new": "qd-90-ubnd-2024.txt", "plan": "kh-35-ubnd-camlo-2024.txt"}
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
KEY_STORAGE = "directives_api_key"


def upload(live_app: LiveApp, path: Path) -> dict[str, Any]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"{live_app.url}/documents", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-API-Key": EDITOR_KEY})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def ids(live_app: LiveApp) -> dict[str, str]:
    """The fixture documents, uploaded in order (the replaced one first)."""
    return {name: upload(live_app, FIXTURES / file)["id"] for name, file in FILES.items()}


def _tab(browser: Any, live_app: LiveApp, viewport: dict[str, int], **extra: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=viewport, base_url=live_app.url, locale="vi-VN",
                                  accept_downloads=True, **extra)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def desk(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    yield from _tab(browser, live_app, DESKTOP)


@pytest.fixture
def mobile(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    yield from _tab(browser, live_app, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def test_replaced_document_says_by_whom(desk: Any, mobile: Any, ids: dict[str, str]) -> None:
    assert desk.goto(f"/van-ban/{ids['old']}").status == 200
    box = desk.locator("#validity")
    assert "Tình trạng hiệu lực:" in box.inner_text()
    assert "được thay thế bởi Quyết định số 90/QĐ-UBND (ngày 01/03/2024)" in box.inner_text()
    cited_by = desk.locator("#cited-by li").filter(has_text="Quyết định số 90/QĐ-UBND")
    assert "được thay thế bởi" in cited_by.inner_text()
    assert ".txt" not in desk.locator("#cited-by").inner_text(), "citing documents by title and number"
    shot(desk, "legal-replaced-desktop", full_page=False)
    box.locator("a", has_text="Quyết định số 90/QĐ-UBND").click()
    desk.wait_for_url(re.compile(rf"/van-ban/{ids['new']}$"))
    assert "12/QĐ-UBND" in desk.locator("#cites").inner_text()
    assert mobile.goto(f"/van-ban/{ids['old']}").status == 200
    assert "được thay thế bởi" in mobile.locator("#validity").inner_text()
    assert mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    shot(mobile, "legal-replaced-phone", full_page=False)


def test_search_warns_on_tasks_of_a_replaced_document(desk: Any, ids: dict[str, str]) -> None:
    assert desk.goto("/?validity=replaced").status == 200
    warnings = desk.locator(".hit .warning")
    assert warnings.count() > 0
    assert "đã bị thay thế" in warnings.first.inner_text()
    assert desk.locator("a[data-facet=validity]").count() > 0
    shot(desk, "legal-search-validity-desktop", full_page=False)


def test_trace_from_upstream_decision_to_downstream_task_and_back(desk: Any, mobile: Any,
                                                                  ids: dict[str, str]) -> None:
    desk.goto(f"/van-ban/{ids['new']}")
    desk.locator("#trace-link").click()
    desk.wait_for_url(re.compile(rf"/van-ban/{ids['new']}/trien-khai$"))
    assert "trên 4 nhiệm vụ có nhiệm vụ triển khai" in desk.locator("#coverage").inner_text()
    assert desk.locator("#trace-tree a", has_text="Kế hoạch số 35/KH-UBND").count() == 1
    shot(desk, "legal-trace-desktop", full_page=False)
    down = desk.locator("#trace-links a.down-task", has_text="Ủy ban nhân dân các xã, thị trấn cập nhật tiến độ")
    down.first.click()
    desk.wait_for_url(re.compile(rf"/van-ban/{ids['plan']}/trien-khai#t-"))
    target = desk.locator("#upward li:target")
    assert "cập nhật tiến độ" in target.inner_text()
    assert desk.locator("#implements", has_text="Quyết định số 90/QĐ-UBND").count() == 1
    shot(desk, "legal-trace-downstream-desktop", full_page=False)
    target.locator("a.up-task").first.click()
    desk.wait_for_url(re.compile(rf"/van-ban/{ids['new']}/trien-khai#t-"))
    assert "cập nhật tiến độ" in desk.locator("#trace-links li:target").inner_text()
    assert mobile.goto(f"/van-ban/{ids['new']}/trien-khai").status == 200
    assert mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    shot(mobile, "legal-trace-phone", full_page=False)


def test_editor_confirms_a_suggested_link(desk: Any, ids: dict[str, str]) -> None:
    desk.goto("/")
    desk.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY_STORAGE, EDITOR_KEY])
    desk.goto(f"/van-ban/{ids['new']}/trien-khai")
    link = desk.locator("#trace-links li.link").filter(has_text="cập nhật tiến độ").first
    link.locator("button[data-decision=confirmed]").click()
    desk.wait_for_function("el => el.classList.contains('decided-confirmed')", arg=link.element_handle())
    assert "đã xác nhận" in link.locator('[data-role="decision"]').inner_text()
    shot(desk, "legal-trace-confirmed-desktop", full_page=False)
    desk.reload()
    again = desk.locator("#trace-links li.link.decided-confirmed").first
    assert "đã xác nhận · secretariat" in again.locator('[data-role="decision"]').inner_text()


def test_original_file_downloads(desk: Any, ids: dict[str, str]) -> None:
    desk.goto(f"/van-ban/{ids['new']}")
    with desk.expect_download() as info:
        desk.locator("#download-original").click()
    download = info.value
    assert download.suggested_filename == FILES["new"]
    assert Path(download.path()).read_bytes() == (FIXTURES / FILES["new"]).read_bytes()


def test_graph_is_usable_on_a_phone(mobile: Any, desk: Any, ids: dict[str, str]) -> None:
    assert mobile.goto(f"/van-ban/{ids['new']}/do-thi").status == 200
    labels = mobile.locator("#graph a.node text")
    assert labels.count() >= 3
    height = labels.first.bounding_box()["height"]
    assert height >= 10, f"node labels are {height:.1f} px high on a phone"
    assert mobile.locator("#graph a.node.validity-replaced").count() == 1
    node = mobile.locator("#graph a.node:not(.center)").first
    node.tap()
    info = mobile.locator("#graph-info")
    info.wait_for(state="visible")
    assert info.locator("#graph-open").count() == 1
    assert mobile.url.endswith("/do-thi"), "a first tap shows the node, it does not navigate"
    assert mobile.locator("#graph-list li").count() >= 3
    assert mobile.locator("#export-graphml").get_attribute("href") == "/citations/graph?format=graphml"
    shot(mobile, "legal-graph-phone", full_page=False)
    assert desk.goto(f"/van-ban/{ids['new']}/do-thi").status == 200
    assert desk.locator("#legend li.validity-key").count() == 1
    shot(desk, "legal-graph-desktop", full_page=False)
