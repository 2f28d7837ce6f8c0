"""The web pages in a real browser (headless Chromium) against the live app and the corpus."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.e2e.conftest import EDITOR_KEY, LiveApp, shot

pytestmark = pytest.mark.e2e

KEY_STORAGE = "directives_api_key"


def result_total(tab: Any) -> int:
    if tab.locator(".summary strong").count() == 0:
        pytest.fail(f"no result summary on {tab.url}: {tab.content()[:800]}")
    text = tab.locator(".summary strong").first.inner_text()
    return int(text.replace(".", "").replace(",", ""))


def set_editor_key(tab: Any, key: str = EDITOR_KEY) -> None:
    tab.goto("/")
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY_STORAGE, key])


def first_task(live_app: LiveApp, skip: int = 0) -> dict[str, Any]:
    tasks = live_app.api("/tasks", limit=20)["data"]
    if len(tasks) <= skip:
        pytest.fail("the ingested corpus has no tasks")
    return tasks[skip]


def document_with_references(live_app: LiveApp) -> dict[str, Any]:
    docs = live_app.api("/documents", size=100)["data"]
    docs = [d for d in docs if d["reference_count"] and d["task_count"]]
    if not docs:
        pytest.fail("no document of the corpus has both tasks and references")
    return max(docs, key=lambda d: (d["reference_count"], d["task_count"]))


# fmt: off
@pytest.mark.parametrize(("name", "query"), [
    ("accents", "thu hồi tài sản"),
    ("no-accents", "thu hoi tai san"),
    ("abbreviation", "THADS"),
])
# fmt: on
def test_search_finds_tasks_with_and_without_accents(page: Any, name: str, query: str) -> None:
    resp = page.goto(f"/?q={query}")
    assert resp.status == 200
    assert page.locator(".hit").count() > 0
    assert result_total(page) > 0
    assert page.locator(".hit mark").count() > 0, "the matched words are highlighted"
    assert page.locator("input[name=q]").input_value() == query
    shot(page, f"search-{name}", full_page=False)


def test_accent_free_query_finds_what_the_accented_one_does(page: Any) -> None:
    page.goto("/?q=thu hồi tài sản")
    accented = result_total(page)
    page.goto("/?q=thu hoi tai san")
    assert result_total(page) >= accented > 0


def test_facet_narrows_and_lives_in_the_url(page: Any) -> None:
    page.goto("/?q=thi hành án")
    before = result_total(page)
    facet = page.locator("a[data-facet=doc_type]").first
    value = facet.get_attribute("data-value")
    facet.click()
    page.wait_for_url(re.compile(r"doc_type="))
    after = result_total(page)
    assert 0 < after <= before
    assert page.locator("a.chip[data-chip=doc_type]").count() == 1
    shot(page, "search-facet", full_page=False)
    shared = page.url
    page.goto(shared)  # a shared link shows the same narrowed result
    assert result_total(page) == after
    assert page.locator("a[data-facet=doc_type].active").get_attribute("data-value") == value
    page.locator("a.chip[data-chip=doc_type]").click()
    page.wait_for_url(lambda url: "doc_type=" not in url)
    assert result_total(page) == before


def test_empty_result_has_its_own_page(page: Any) -> None:
    resp = page.goto("/?q=zzqxv khongcotu")
    assert resp.status == 200
    assert page.locator(".empty h2").inner_text() == "Không tìm thấy kết quả"
    shot(page, "search-empty")


def test_document_marks_tasks_and_references_and_a_reference_can_be_followed(page: Any, live_app: LiveApp) -> None:
    doc = document_with_references(live_app)
    resp = page.goto(f"/van-ban/{doc['id']}")
    assert resp.status == 200
    assert page.locator("span.task").count() > 0
    assert page.locator("a.ref").count() > 0
    assert page.locator("#cites li").count() == doc["reference_count"]
    task = page.locator("span.task").first
    task.focus()  # a multi-line inline span: keyboard activation avoids clicking a link inside it
    page.keyboard.press("Enter")
    panel = page.locator("#task-panel")
    panel.wait_for(state="visible")
    assert panel.locator('[data-f="deadline"]').inner_text() != ""
    shot(page, "document", full_page=False)
    ref = page.locator("a.ref").first
    href = ref.get_attribute("href")
    assert href and re.match(r"^/(van-ban|trich-dan)/", href)
    ref.click()
    page.wait_for_url(re.compile(r"/(van-ban|trich-dan)/"))
    assert page.locator("h1").inner_text().strip()
    assert page.locator(".error-page").count() == 0
    shot(page, "document-followed-reference", full_page=False)


def test_citation_graph_draws_linked_nodes(page: Any, live_app: LiveApp) -> None:
    doc = document_with_references(live_app)
    for depth in (1, 2):
        assert page.goto(f"/van-ban/{doc['id']}/do-thi?depth={depth}").status == 200
        nodes = page.locator("#graph a.node")
        assert nodes.count() >= 2
        assert page.locator("#graph a.node.center").count() == 1
        assert page.locator("#graph line.edge").count() >= 1
        shot(page, f"graph-depth{depth}")
    target = page.locator("#graph a.node:not(.center)").first
    target.click()
    page.wait_for_url(re.compile(r"/(van-ban|trich-dan)/"))
    assert page.locator(".error-page").count() == 0


def test_unknown_document_gets_a_404_page(page: Any) -> None:
    resp = page.goto("/van-ban/khong-co-van-ban-nay")
    assert resp.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy"
    assert "text/html" in resp.headers["content-type"]
    shot(page, "document-unknown")


def test_status_change_persists_after_reload(page: Any, live_app: LiveApp) -> None:
    task = first_task(live_app, 0)
    page.goto(f"/nhiem-vu/{task['id']}")
    page.locator("#key-button").click()  # enter the key once, through the dialog
    page.locator("#key-input").fill(EDITOR_KEY)
    page.locator("#key-save").click()
    # the dialog stores the key when it closes (its close event): wait for it, under load too
    for _ in range(100):
        if page.evaluate(f"localStorage.getItem('{KEY_STORAGE}')") == EDITOR_KEY:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(f"localStorage.getItem('{KEY_STORAGE}')") == EDITOR_KEY
    wanted = "in_progress" if task["status"] != "in_progress" else "done"
    select = page.locator(".task-detail .status-select")
    select.select_option(wanted)
    # the key dialog's own toast ("Đã lưu khóa biên tập.") may still show: wait for the status's
    # one, and for the select to be saved, before reloading (a reload would cancel the PATCH)
    page.wait_for_selector("#toast:has-text('Đã lưu trạng thái')")
    page.wait_for_selector(".task-detail .status-select.saved")
    page.reload()
    assert page.locator(".task-detail .status-select").input_value() == wanted
    assert page.locator("#history li").count() >= 1
    page.locator("#note-text").fill("Đã giao chuyên viên theo dõi (e2e)")
    page.locator("#note-form button").click()
    page.wait_for_selector("#notes li:has-text('Đã giao chuyên viên')")
    page.reload()
    assert page.locator("#notes li:has-text('Đã giao chuyên viên theo dõi')").count() == 1
    shot(page, "task-after-edit")
    assert live_app.api(f"/tasks/{task['id']}")["status"] == wanted


def test_concurrent_edit_shows_the_conflict(page: Any, browser: Any, live_app: LiveApp) -> None:
    task = first_task(live_app, 1)
    set_editor_key(page)
    other = page.context.new_page()
    page.goto(f"/nhiem-vu/{task['id']}")
    other.goto(f"/nhiem-vu/{task['id']}")  # both tabs show the same version
    page.locator(".task-detail .status-select").select_option("on_hold")
    page.wait_for_selector("#toast:not([hidden])")
    other.locator(".task-detail .status-select").select_option("done")
    other.wait_for_selector("#toast.error:not([hidden])")
    message = other.locator("#toast").inner_text()
    assert "Xung đột" in message and "hiện là phiên bản" in message
    assert "version" not in message  # the API's English detail is not shown to the user
    other.wait_for_function(
        "document.querySelector('.task-detail .status-select').value === 'on_hold'")
    shot(other, "task-conflict", full_page=False)
    assert live_app.api(f"/tasks/{task['id']}")["status"] == "on_hold"


def test_board_groups_and_exports(page: Any) -> None:
    assert page.goto("/nhiem-vu").status == 200
    assert page.locator(".column h2").count() >= 1
    assert page.locator(".column .card.task").count() > 0
    shot(page, "board-deadline", full_page=False)
    page.goto("/nhiem-vu?group=owner")
    assert page.locator(".column").count() >= 1
    shot(page, "board-owner", full_page=False)
    for button, suffix in (("#export-csv", ".csv"), ("#export-xlsx", ".xlsx")):
        with page.expect_download() as info:
            page.locator(button).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix)
        path = download.path()
        data = open(path, "rb").read()
        assert len(data) > 50
        if suffix == ".xlsx":
            assert data[:2] == b"PK"


# fmt: off
@pytest.mark.parametrize(("name", "filename", "content", "expected"), [
    ("unsupported", "virus.exe", b"MZ\x90\x00binary", "Loại tệp không được hỗ trợ"),
    ("empty", "trong.txt", b"", "Tệp rỗng"),
    ("binary", "ban-quet.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, "Chi tiết: ban-quet.pdf"),
])
# fmt: on
def test_upload_bad_file_shows_the_api_error(page: Any, name: str, filename: str, content: bytes,
                                              expected: str) -> None:
    set_editor_key(page)
    page.goto("/tai-len")
    page.locator("#file").set_input_files(files=[{"name": filename, "mimeType": "application/octet-stream",
                                                 "buffer": content}])
    page.locator("#upload-button").click()
    error = page.locator("#upload-error")
    error.wait_for(state="visible")
    assert expected in error.inner_text()
    assert page.url.endswith("/tai-len")
    shot(page, f"upload-error-{name}")


def test_upload_without_key_asks_for_it(page: Any) -> None:
    page.goto("/tai-len")
    page.locator("#file").set_input_files(files=[{"name": "a.txt", "mimeType": "text/plain",
                                                 "buffer": "Chỉ thị về công tác".encode()}])
    page.locator("#upload-button").click()
    page.locator("#upload-error").wait_for(state="visible")
    assert page.locator("#key-dialog").is_visible()


def test_upload_good_file_shows_progress_then_the_document(page: Any) -> None:
    set_editor_key(page)
    page.goto("/tai-len")
    text = ("UBND TỈNH THỬ NGHIỆM\nSố: 12/KH-UBND\nKẾ HOẠCH\nTriển khai công tác thử nghiệm năm 2030\n"
            "1. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật, hoàn thành trước ngày 30/9/2030.\n")
    page.locator("#file").set_input_files(files=[{"name": "ke-hoach-thu.txt", "mimeType": "text/plain",
                                                 "buffer": text.encode()}])
    page.locator("#upload-button").click()
    # the identity check runs first: progress shows after it (or the page has already moved on)
    page.wait_for_function("() => location.pathname.includes('/van-ban/') || "
                           "(document.querySelector('#upload-progress') && "
                           "document.querySelector('#upload-progress').offsetParent !== null)",
                           timeout=30_000)
    page.wait_for_url(re.compile(r"/van-ban/"), timeout=60_000)
    assert page.locator("h1").inner_text().strip()
    shot(page, "upload-done", full_page=False)


def test_pages_fit_a_phone_screen(phone: Any, live_app: LiveApp) -> None:
    doc = document_with_references(live_app)
    for name, path in (("search", "/?q=thi hanh an"), ("board", "/nhiem-vu"),
                       ("document", f"/van-ban/{doc['id']}"), ("upload", "/tai-len")):
        assert phone.goto(path).status == 200
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
        shot(phone, f"phone-{name}", full_page=False)


def test_engine_down_gets_a_503_page_and_recovers(page: Any, live_app: LiveApp) -> None:
    live_app.engine.stop()
    try:
        resp = page.goto("/?q=thi hanh an")
        assert resp.status == 503
        assert "tạm thời không hoạt động" in page.locator("h1").inner_text()
        assert "Traceback" not in page.content()
        shot(page, "engine-down")
    finally:
        live_app.engine.start()
    # a restarted engine may have lost writes: the page says so (503) until the index is verified
    # against the data directory, then answers again without an API restart
    deadline = time.monotonic() + 60
    resp = page.goto("/?q=thi hanh an")
    while resp.status == 503 and time.monotonic() < deadline:
        assert "Traceback" not in page.content()
        time.sleep(0.5)
        resp = page.goto("/?q=thi hanh an")
    assert resp.status == 200
