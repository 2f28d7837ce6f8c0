"""The secretariat's desk in a real browser: sign in, fill the task form (deadline, owners from
the register, assignee, evidence), mark a task done late and see "trễ hạn" on the board, the task
page and the unit page; merge two units; re-upload a document in another format and see
"không thay đổi". Screenshots at 1366×768 and 390×844."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import pytest

from search_api.accounts import open_accounts
from search_api.config import Settings
from tests.conftest import CORPUS
from tests.e2e.conftest import LiveApp, corpus_files, shot

pytestmark = pytest.mark.e2e

DESK = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PASSWORD = "thu-ky-mat-khau-e2e"
EDITOR = ("thuky", "Nguyễn Thị Thư Ký", "editor")
ADMIN = ("quantri", "Trần Văn Quản Trị", "administrator")


@pytest.fixture(scope="module")
def accounts(live_app: LiveApp) -> None:
    """Two people in the live app's database (what ``directives user create`` writes)."""
    store = open_accounts(Settings(DIRECTIVES_DATA_DIR=live_app.data_dir))
    for name, display, role in (EDITOR, ADMIN):
        if store.get_user(name) is None:
            store.create_user(name, PASSWORD, role=role, display_name=display)


def _tab(browser: Any, live_app: LiveApp, viewport: dict[str, int], errors: list[str], **extra: Any) -> Any:
    context = browser.new_context(viewport=viewport, base_url=live_app.url, locale="vi-VN", **extra)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return tab


@pytest.fixture
def desk(browser: Any, live_app: LiveApp, accounts: None) -> Iterator[Any]:
    errors: list[str] = []
    tab = _tab(browser, live_app, DESK, errors, accept_downloads=True)
    yield tab
    tab.context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def mobile(browser: Any, live_app: LiveApp, accounts: None) -> Iterator[Any]:
    errors: list[str] = []
    tab = _tab(browser, live_app, PHONE, errors, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield tab
    tab.context.close()
    assert not errors, f"JavaScript errors: {errors}"


def sign_in(tab: Any, who: tuple[str, str, str], next_path: str = "/nhiem-vu") -> None:
    tab.goto(f"/dang-nhap?next={quote(next_path)}")
    tab.locator("#username").fill(who[0])
    tab.locator("#password").fill(PASSWORD)
    tab.locator("#login-button").click()
    tab.wait_for_url(f"**{next_path.split('?')[0]}*")
    assert tab.locator("#who").inner_text() == who[1]


def no_sideways_scroll(tab: Any, name: str) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"


def pick_task(live_app: LiveApp) -> dict[str, Any]:
    """An open task with an owner and a deadline, among the last by deadline: the other browser
    tests take the first tasks of GET /tasks, and moving this one leaves their order alone."""
    data = live_app.api("/tasks", limit=500)["data"]
    tasks = [t for t in data if t["owners"] and t["deadline"] and t["status"] == "not_started"]
    if len(tasks) < 30:
        pytest.fail("the corpus has too few open tasks with an owner and a deadline")
    return tasks[-1]


def test_secretariat_fills_the_task_form_and_sees_late_everywhere(desk: Any, live_app: LiveApp) -> None:
    task = pick_task(live_app)
    sign_in(desk, EDITOR, f"/nhiem-vu/{task['id']}")
    units = live_app.api("/units")["data"]
    unit = next(u for u in units if task["owner_keys"][0] in u["keys"])
    other = next(u for u in units if u["key"] != unit["key"])
    today = date.fromisoformat(live_app.api("/tasks", limit=1)["today"])
    deadline, done = today - timedelta(days=200), today - timedelta(days=3)

    assert desk.locator("#units-list option").count() == len(units), "owners are chosen from the register"
    desk.locator("#f-owners").fill(unit["name"])
    desk.locator("#f-co-owners").fill(other["name"])
    desk.locator("#f-recurring").uncheck()
    desk.locator("#f-deadline").fill(deadline.isoformat())
    desk.locator("#f-assignee").fill("Chuyên viên Lê Minh")
    desk.locator("#f-evidence-number").fill("125/BC-VP")
    desk.locator("#f-evidence-link").fill("https://vanban.example.vn/bao-cao/125")
    desk.locator("#f-status").select_option("done")
    desk.locator("#f-done-date").fill(done.isoformat())
    desk.locator("#f-note").fill("Đã nhận báo cáo kết quả (e2e).")
    with desk.expect_navigation():  # saved with If-Match, then the page reloads
        desk.locator("#task-form-save").click()
    assert desk.locator("#task-form-error").is_hidden()

    assert desk.locator("#task-timeliness").inner_text() == "trễ hạn"
    assert "Chuyên viên Lê Minh" in desk.locator("#task-assignee").inner_text()
    assert "125/BC-VP" in desk.locator(".evidence").inner_text()
    history = desk.locator("#history").inner_text()
    assert EDITOR[1] in history, "the history names the person"
    assert deadline.strftime("%d/%m/%Y") in history
    shot(desk, "desk-task-late")
    api_task = live_app.api(f"/tasks/{task['id']}")
    assert (api_task["timeliness"], api_task["assignee"], api_task["done_date"]) == (
        "late", "Chuyên viên Lê Minh", done.isoformat())
    assert api_task["owner_keys"] == [unit["key"]]

    card = desk.locator(f".card.task[data-task-id='{task['id']}']")
    for _ in range(10):  # the search index shows a change within its refresh interval (~1 s)
        desk.goto(f"/nhiem-vu?owner={quote(unit['key'])}&status=done")
        if card.count():
            break
        desk.wait_for_timeout(500)
    assert card.count() == 1, desk.locator("main").inner_text()[:1500]
    assert "trễ hạn" in card.inner_text()
    shot(desk, "desk-board-late", full_page=False)

    desk.goto(f"/don-vi/{quote(unit['key'], safe='')}")
    assert desk.locator("#unit-name").inner_text() == unit["name"]
    assert int(desk.locator("#count-late").inner_text()) >= 1
    desk.locator("a[data-filter='hoan-thanh']").click()
    desk.wait_for_url("**loc=hoan-thanh*")
    on_unit = desk.locator(f".card.task[data-task-id='{task['id']}']")
    assert on_unit.count() == 1, desk.locator("main").inner_text()[:3000]
    assert "trễ hạn" in on_unit.inner_text()
    assert desk.locator("#unit-ics").get_attribute("href").endswith("calendar.ics")
    shot(desk, "desk-unit")


def test_administrator_merges_two_units(desk: Any, live_app: LiveApp) -> None:
    sign_in(desk, ADMIN, "/don-vi")
    units = sorted(live_app.api("/units")["data"], key=lambda u: (u["total"], u["key"]))
    keep, gone = units[0], units[1]
    desk.locator(f"input[name=source][value='{gone['key']}']").check()
    desk.locator(f"input[name=target][value='{keep['key']}']").check()
    desk.locator("#merge-name").fill(keep["name"])
    shot(desk, "desk-units-merge", full_page=False)
    desk.locator("#merge-button").click()
    desk.wait_for_selector("#unit-done")
    assert "Đã gộp" in desk.locator("#unit-done").inner_text()
    after = live_app.api("/units")["data"]
    merged = next(u for u in after if u["key"] == keep["key"])
    assert gone["key"] in merged["keys"] or not any(u["key"] == gone["key"] for u in after)
    assert merged["total"] == keep["total"] + gone["total"]
    shot(desk, "desk-unit-merged")


def test_reupload_in_another_format_is_unchanged(desk: Any, live_app: LiveApp) -> None:
    twins = [p.with_suffix(".pdf") for p in corpus_files() if p.with_suffix(".pdf").exists()]
    if not twins:
        pytest.skip(f"no PDF twin of a .txt in {CORPUS}")
    pdf = min(twins, key=lambda p: p.stat().st_size)
    before = len(live_app.api("/documents", size=100)["data"])
    sign_in(desk, EDITOR, "/tai-len")
    desk.locator("#file").set_input_files(str(pdf))
    precheck = desk.locator("#upload-precheck")  # said before the upload ...
    from playwright.sync_api import expect  # (no wait_for_function: the CSP forbids eval)

    expect(precheck).to_contain_text("không thay đổi", timeout=120_000)
    assert "đã có trong kho" in precheck.inner_text()
    desk.locator("#upload-button").click()  # ... and after it
    verdict = desk.locator("#upload-verdict")
    verdict.wait_for(state="visible", timeout=120_000)
    assert "không thay đổi" in verdict.inner_text()
    shot(desk, "desk-upload-unchanged", full_page=False)
    assert len(live_app.api("/documents", size=100)["data"]) == before, "nothing was added or replaced"


def test_task_in_context_opens_beside_it(desk: Any, mobile: Any, live_app: LiveApp) -> None:
    docs = [d for d in live_app.api("/documents", size=100)["data"] if d["task_count"]]
    doc = max(docs, key=lambda d: d["task_count"])
    for tab, name in ((desk, "desk"), (mobile, "phone")):
        tab.goto(f"/van-ban/{doc['id']}")
        span = tab.locator("span.task").nth(2)
        span.scroll_into_view_if_needed()
        span.focus()
        tab.keyboard.press("Enter")
        pop = tab.locator("#task-pop")
        pop.wait_for(state="visible")
        box, vh = pop.bounding_box(), tab.viewport_size["height"]
        assert 0 <= box["y"] and box["y"] + min(box["height"], vh * 0.6) <= vh + 1, "the details are on screen"
        assert "Chủ trì" in pop.inner_text()
        shot(tab, f"{name}-document-task-popover", full_page=False)


def test_desk_pages_fit_a_phone(mobile: Any, live_app: LiveApp) -> None:
    task = pick_task(live_app)
    unit = live_app.api("/units")["data"][0]
    sign_in(mobile, EDITOR)
    for name, path in (("board", "/nhiem-vu"), ("task", f"/nhiem-vu/{task['id']}"), ("units", "/don-vi"),
                       ("unit", f"/don-vi/{quote(unit['key'], safe='')}"), ("upload", "/tai-len")):
        assert mobile.goto(path).status == 200
        no_sideways_scroll(mobile, name)
        shot(mobile, f"phone-desk-{name}", full_page=False)
    for sort in ("deadline", "unit", "document"):  # on the Elasticsearch-compatible engine too
        board = mobile.goto(f"/nhiem-vu?sort={sort}")
        assert board.status == 200
        assert 0 < mobile.locator(".card.task").count() <= 50
        no_sideways_scroll(mobile, f"board by {sort}")
    if mobile.locator("#board-next").count():
        mobile.locator("#board-next").click()
        mobile.wait_for_url("**offset=50*")
        assert mobile.locator(".card.task").count() > 0
    mobile.goto("/dang-nhap")
    no_sideways_scroll(mobile, "sign-in")
