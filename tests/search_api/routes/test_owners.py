"""GET /owners counts and the per-owner calendar follow the injected date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.search_api.routes import tracking_env
from tests.search_api.routes.tracking_env import Env
from tests.search_api.tracking.apphelpers import ED, RD, running_app, set_today

pytestmark = pytest.mark.integration
env, log_url, pg_url = tracking_env.env, tracking_env.log_url, tracking_env.pg_url  # fixtures


# fmt: off
@pytest.mark.parametrize(("today", "expected"), [
    # key: (total, open, overdue, done); deadlines t-a 03-31, t-b 06-30, t-c 02-15, t-d none, t-e 12-31
    (date(2024, 1, 1),  {"bo tu phap": (2, 2, 0, 0), "tong cuc thads": (2, 2, 0, 0), "ubnd tinh": (1, 1, 0, 0)}),
    (date(2024, 4, 1),  {"bo tu phap": (2, 2, 1, 0), "tong cuc thads": (2, 2, 1, 0), "ubnd tinh": (1, 1, 0, 0)}),
    (date(2025, 1, 1),  {"bo tu phap": (2, 2, 2, 0), "tong cuc thads": (2, 2, 1, 0), "ubnd tinh": (1, 1, 1, 0)}),
])
# fmt: on
def test_owner_counts_follow_the_date(env: Env, today: date, expected: dict) -> None:
    with running_app(env.settings, today) as c:
        body = c.get("/owners").json()
        got = {o["key"]: (o["total"], o["open"], o["overdue"], o["done"]) for o in body["data"]}
        assert got == expected and body["today"] == today.isoformat()
        assert {o["key"]: o["name"] for o in body["data"]}["tong cuc thads"] == "Tổng cục THADS"
        overdue = c.get("/tasks", params={"overdue": True}).json()
        assert overdue["count"] == sum(v[2] for v in expected.values()) == overdue["facets"]["overdue"]


def test_done_tasks_leave_open_and_overdue(env: Env) -> None:
    with running_app(env.settings, date(2024, 4, 1)) as c:
        assert c.patch("/tasks/t-a", json={"version": 0, "status": "done", "done_date": "2024-04-01"},
                       headers=ED).status_code == 200
        got = {o["key"]: (o["total"], o["open"], o["overdue"], o["done"]) for o in c.get("/owners").json()["data"]}
        assert got["bo tu phap"] == (2, 1, 0, 1)
        t = c.get("/tasks/t-a").json()
        assert (t["timeliness"], t["overdue"]) == ("late", False)
        set_today(c.app, date(2024, 7, 1))
        assert {o["key"]: o["overdue"] for o in c.get("/owners").json()["data"]}["bo tu phap"] == 1


def test_due_within_and_filters(env: Env) -> None:
    with running_app(env.settings, date(2024, 3, 20)) as c:
        ids = [t["id"] for t in c.get("/tasks", params={"due_within": 15}).json()["data"]]
        assert ids == ["t-a"]
        page = c.get("/tasks", params={"owner": "tong cuc thads"}).json()
        assert [t["id"] for t in page["data"]] == ["t-c", "t-d"]  # deadline order, none last
        assert page["facets"]["owners"] == [{"key": "tong cuc thads", "count": 2, "label": None}]
        assert c.get("/tasks", params={"owner": "vu phap che", "role": "co_owner"}).json()["count"] == 2
        assert c.get("/tasks", params={"year": 2023}).json()["count"] == 0
        assert c.get("/tasks", params={"document": "05/CT-BTP"}).json()["count"] == 5
        assert c.get("/tasks", params={"q": "kinh phí"}).json()["data"][0]["id"] == "t-e"
        assert c.get("/tasks", params={"due_within": -1}).status_code == 422


def test_owner_calendar(env: Env) -> None:
    with running_app(env.settings, date(2024, 3, 1)) as c:
        r = c.get("/owners/bo tu phap/calendar.ics", headers=RD)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
        text = r.text.replace("\r\n ", "")
        assert text.count("BEGIN:VEVENT") == 2 and "DTSTART;VALUE=DATE:20240331" in text
        assert "X-WR-CALNAME:Thời hạn nhiệm vụ — Bộ Tư pháp" in text
        same = c.get("/exports/calendar.ics", params={"owner": "bo tu phap"}).text.replace("\r\n ", "")
        assert same.count("BEGIN:VEVENT") == 2
        assert c.get("/owners/nobody/calendar.ics").status_code == 404
