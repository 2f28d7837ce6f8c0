"""The secretariat's desk through the real app (embedded backend, SQLite edit log): sign-in,
sessions and CSRF, the register of units (merge / rename through the edit log), the unit page,
the task form's page, timeliness everywhere, the paged board."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.accounts import open_accounts
from search_api.config import Settings
from search_api.search.factory import open_backend
from tests.search_api.tracking.apphelpers import (
    ED,
    index_tasks,
    make_settings,
    running_app,
    sample_docs,
    unique_prefix,
)

TODAY = date(2024, 4, 15)
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    settings = make_settings(None, unique_prefix(), tmp_path / "data", f"sqlite:///{tmp_path / 'log.sqlite3'}")
    backend = open_backend(settings)
    backend.setup()
    docs = sample_docs()
    # a case twin of "Bộ Tư pháp" and an abbreviation twin of "Tổng cục THADS", as documents write them
    docs[4] = {**docs[4], "owners": ["bộ tư pháp"], "owner_keys": ["bộ tư pháp"], "owner_labels": ["bộ tư pháp|bộ tư pháp"]}
    index_tasks(backend, docs)
    backend.close()
    store = open_accounts(settings)
    store.create_user("admin", PASSWORD, role="administrator", display_name="Trần Quản Trị")
    store.create_user("lan", PASSWORD, role="editor", display_name="Nguyễn Thị Lan")
    store.create_user("xem", PASSWORD, role="reader")
    yield settings


def sign_in(c: TestClient, name: str) -> str:
    """Sign in through the form; returns the page's CSRF token."""
    page = c.get("/dang-nhap")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = c.post("/dang-nhap", data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/nhiem-vu"},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()
    board = c.get("/nhiem-vu")
    return re.search(r'<meta name="csrf-token" content="([^"]*)"', board.text).group(1)


def test_sign_in_wrong_password_and_missing_csrf_are_refused(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        page = c.get("/dang-nhap")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/dang-nhap", data={"username": "lan", "password": "sai-mat-khau", "csrf_token": token})
        assert r.status_code == 401 and "không đúng" in r.text
        c.cookies.clear()
        r = c.post("/dang-nhap", data={"username": "lan", "password": PASSWORD, "csrf_token": "forged"})
        assert r.status_code == 403 and "directives_session" not in r.headers.get("set-cookie", "")


def test_a_session_edits_with_its_csrf_token_and_history_names_the_person(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        csrf = sign_in(c, "lan")
        assert csrf
        r = c.patch("/tasks/t-a", json={"status": "in_progress"}, headers={"If-Match": '"0"'})
        assert r.status_code == 403, "a session's change without its CSRF token is refused"
        r = c.patch("/tasks/t-a", json={"status": "in_progress", "assignee": "Chuyên viên Minh"},
                    headers={"If-Match": '"0"', "X-CSRF-Token": csrf})
        assert r.status_code == 200, r.text
        history = c.get("/tasks/t-a/history").json()["data"]
        assert {h["actor"] for h in history} == {"Nguyễn Thị Lan"}
        page = c.get("/nhiem-vu/t-a").text
        assert "Nguyễn Thị Lan" in page and "Chuyên viên Minh" in page
        assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", page), "history times read dd/mm/yyyy HH:mm"


def test_a_reader_session_cannot_edit(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        csrf = sign_in(c, "xem")
        r = c.patch("/tasks/t-a", json={"status": "done"}, headers={"If-Match": '"0"', "X-CSRF-Token": csrf})
        assert r.status_code == 403


def test_reading_can_require_sign_in(settings: Settings) -> None:
    closed = settings.model_copy(update={"read_requires_key": True})
    with running_app(closed, TODAY) as c:
        assert c.get("/tasks").status_code == 401
        r = c.get("/nhiem-vu", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/dang-nhap?next=")
        sign_in(c, "xem")
        assert c.get("/tasks").status_code == 200


def test_register_merges_case_twins_and_names_them_as_written(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        units = c.get("/units").json()["data"]
        names = [u["name"] for u in units]
        assert names.count("Bộ Tư pháp") == 1 and "bộ tư pháp" not in names
        bo = next(u for u in units if u["name"] == "Bộ Tư pháp")
        assert set(bo["keys"]) == {"bo tu phap", "bộ tư pháp"} and bo["total"] == 3


def test_merge_goes_through_the_edit_log_and_the_unit_page_follows(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        assert c.post("/units/merge", json={"sources": ["ubnd tinh"], "target": "bo tu phap"}, headers=ED).status_code == 403
        csrf = sign_in(c, "admin")
        r = c.post("/units/merge", json={"sources": ["tong cuc thads"], "target": "bo tu phap", "name": "Bộ Tư pháp"},
                   headers={"X-CSRF-Token": csrf})
        assert r.status_code == 200, r.text
        assert r.json()["edited"] == 3  # t-c, t-d and the case twin t-e
        task = c.get("/tasks/t-c").json()
        assert task["owner_keys"] == ["bo tu phap"] and task["owners"] == ["Bộ Tư pháp"]
        assert c.get("/tasks/t-c/history").json()["data"][0]["actor"] == "Trần Quản Trị"
        units = c.get("/units").json()["data"]
        assert not any(u["key"] == "tong cuc thads" for u in units)
        page = c.get("/don-vi/bo%20tu%20phap")
        assert page.status_code == 200 and "Kiểm tra, đôn đốc" in page.text
        assert "calendar.ics" in page.text


def test_merge_and_rename_forms(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        csrf = sign_in(c, "admin")
        r = c.post("/don-vi/gop", data={"csrf_token": csrf, "source": ["tong cuc thads", "bo tu phap"],
                                        "target": "bo tu phap"}, follow_redirects=False)
        assert r.status_code == 303 and "done=" in r.headers["location"]
        r = c.post("/don-vi/bo%20tu%20phap/doi-ten", data={"csrf_token": csrf, "name": "Bộ Tư pháp (Văn phòng)"},
                   follow_redirects=True)
        assert r.status_code == 200 and "Bộ Tư pháp (Văn phòng)" in r.text
        r = c.post("/don-vi/gop", data={"csrf_token": "forged", "source": ["tong cuc thads"], "target": "bo tu phap"},
                   follow_redirects=True)
        assert "CSRF" in r.text


def test_unit_page_counts_on_time_and_late(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        # t-a due 2024-03-31 done 2024-04-10: late; t-b due 2024-06-30 done today: on time
        c.patch("/tasks/t-a", json={"version": 0, "status": "done", "done_date": "2024-04-10"}, headers=ED)
        c.patch("/tasks/t-b", json={"version": 0, "status": "done"}, headers=ED)
        summary = c.get("/units/bo%20tu%20phap/summary").json()
        assert (summary["late"], summary["on_time"]) == (1, 1)
        page = c.get("/don-vi/bo%20tu%20phap").text
        assert "trễ hạn" in page and "đúng hạn" in page
        overdue = c.get("/don-vi/tong%20cuc%20thads?loc=qua-han").text
        assert "quá hạn 60 ngày" in overdue  # t-c, due 15/02/2024


def test_board_is_paged_with_a_total_and_shows_timeliness(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        page = c.get("/nhiem-vu?per_page=2")
        assert page.status_code == 200
        assert re.search(r"<strong>5</strong> nhiệm vụ", page.text)
        assert page.text.count('class="card task') == 2
        assert "quá hạn 60 ngày" in c.get("/nhiem-vu?sort=deadline").text
        for sort in ("unit", "document"):
            assert c.get(f"/nhiem-vu?sort={sort}").status_code == 200


def test_uploads_with_a_session_need_its_csrf_token_and_an_editor(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        files = {"file": ("a.txt", "Chỉ thị".encode(), "text/plain")}
        sign_in(c, "lan")
        r = c.post("/documents", files=files)
        assert r.status_code == 403 and "CSRF" in r.text
        c.cookies.clear()
        csrf = sign_in(c, "xem")
        r = c.post("/documents", files=files, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 403 and "biên tập" in r.text


def test_first_start_hint_until_an_account_exists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from search_api.accounts.cli import first_start_hint

    empty = Settings(DIRECTIVES_DATA_DIR=tmp_path / "empty")
    first_start_hint(empty)
    assert "directives user create --admin" in capsys.readouterr().err
    open_accounts(empty).create_user("quantri", PASSWORD, role="administrator")
    first_start_hint(empty)
    assert capsys.readouterr().err == ""


def test_split_moves_the_chosen_tasks_to_a_new_unit(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        csrf = sign_in(c, "admin")
        r = c.post("/don-vi/tong%20cuc%20thads/tach", data={"csrf_token": csrf, "task": ["t-d"],
                                                             "name": "Cục THADS tỉnh Bắc Ninh"}, follow_redirects=False)
        assert r.status_code == 303 and "done=" in r.headers["location"], r.headers["location"]
        moved, kept = c.get("/tasks/t-d").json(), c.get("/tasks/t-c").json()
        assert moved["owners"] == ["Cục THADS tỉnh Bắc Ninh"] and kept["owners"] == ["Tổng cục THADS"]
        assert c.get("/tasks/t-d/history").json()["data"][-1]["actor"] == "Trần Quản Trị"
        names = [u["name"] for u in c.get("/units").json()["data"]]
        assert "Cục THADS tỉnh Bắc Ninh" in names and "Tổng cục THADS" in names


def test_co_owners_are_in_the_register_too(settings: Settings) -> None:
    with running_app(settings, TODAY) as c:
        units = {u["key"]: u for u in c.get("/units").json()["data"]}
        assert "vu phap che" in units and units["vu phap che"]["total"] == 0  # phối hợp only
        assert 'value="Vu phap che"' in c.get("/nhiem-vu/t-a").text  # offered in the task form
