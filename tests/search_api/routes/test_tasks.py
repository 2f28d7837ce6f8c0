"""GET/PATCH /tasks, history, access control, and "nothing recorded is ever lost" against the
real app, the real local engine and both edit-log backends."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from elasticsearch import Elasticsearch

from search_api.search.es.indices import Aliases, create_index
from search_api.search.es.schema import TASKS_SPEC
from search_api.search.model import Collection
from search_api.tracking import open_edit_log, reconcile_index
from tests.conftest import LocalEngine, free_port
from tests.search_api.routes import tracking_env
from tests.search_api.routes.tracking_env import Env
from tests.search_api.tracking.apphelpers import (
    ED,
    ED2,
    RD,
    etag_of,
    index_docs,
    index_tasks,
    make_settings,
    running_app,
    sample_docs,
    unique_prefix,
)

pytestmark = pytest.mark.integration
env, log_url, pg_url = tracking_env.env, tracking_env.log_url, tracking_env.pg_url  # fixtures
TODAY = date(2024, 4, 15)


def test_read_task_has_version_and_etag(env: Env) -> None:
    with running_app(env.settings, TODAY) as c:
        r = c.get("/tasks/t-a")
        assert r.status_code == 200 and r.headers["etag"] == '"0"'
        body = r.json()
        assert (body["version"], body["status"], body["status_label"], body["overdue"]) == \
            (0, "not_started", "chưa thực hiện", True)
        assert c.get("/tasks/nope").status_code == 404
        assert c.get("/tasks/nope").headers["content-type"].startswith("application/problem+json")


def test_the_list_is_the_json_fastapi_would_encode_from_the_page_model(env: Env) -> None:
    import json

    from fastapi.encoders import jsonable_encoder

    from search_api.tracking.schemas import TaskPage

    with running_app(env.settings, TODAY) as c:
        r = c.get("/tasks", params={"limit": 50})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["data"] and body["facets"]["owners"]
    # what the route returned before it encoded the page itself: FastAPI's response_model path
    expected = jsonable_encoder(TaskPage.model_validate(body), by_alias=True)
    assert r.content == json.dumps(expected, ensure_ascii=False, allow_nan=False, indent=None,
                                   separators=(",", ":")).encode()


def test_patch_changes_and_history_records_who_when_what(env: Env) -> None:
    with running_app(env.settings, TODAY) as c:
        r = c.patch("/tasks/t-a", json={"status": "in_progress", "assignee": "Nguyễn Thị Lan"},
                    headers={**ED, "If-Match": '"0"'})
        assert r.status_code == 200, r.text
        assert r.headers["etag"] == '"1"' and r.json()["status"] == "in_progress"
        r = c.patch("/tasks/t-a", json={"version": 1, "status": "done", "done_date": "2024-03-30",
                                        "note": "Đã ban hành báo cáo",
                                        "evidence": {"document_number": "123/BC-BTP"},
                                        "owners": ["Vụ Pháp chế"], "deadline": "2024-04-30"}, headers=ED2)
        assert r.status_code == 200, r.text
        task = r.json()
        assert (task["status"], task["done_date"], task["timeliness"], task["overdue"]) == \
            ("done", "2024-03-30", "on_time", False)
        assert task["owners"] == ["Vụ Pháp chế"] and task["evidence"][0]["document_number"] == "123/BC-BTP"
        hist = c.get("/tasks/t-a/history").json()["data"]
        got = [(h["version"], h["actor"], h["field"], h["old"], h["new"]) for h in hist]
        assert {g for g in got if g[0] == 1} == {(1, "thu-ky", "assignee", None, "Nguyễn Thị Lan"),
                                                 (1, "thu-ky", "status", "not_started", "in_progress")}
        v2 = {h["field"]: (h["actor"], h["old"], h["new"]) for h in hist if h["version"] == 2}
        assert v2["status"] == ("van-phong", "in_progress", "done")
        assert v2["deadline"] == ("van-phong", "2024-03-31", "2024-04-30")
        assert v2["done_date"] == ("van-phong", None, "2024-03-30")
        assert v2["note"][2] == {"text": "Đã ban hành báo cáo"}
        assert v2["owners"][2] == [{"name": "Vụ Pháp chế", "key": v2["owners"][2][0]["key"]}]
        assert v2["owners"][1] == [{"name": "Bộ Tư pháp", "key": "bo tu phap"}]
        assert all(h["at"] for h in hist)
        # done on time / late follows the deadline
        r = c.patch("/tasks/t-c", json={"version": 0, "status": "done"}, headers=ED)
        assert r.json()["timeliness"] == "late" and r.json()["done_date"] == TODAY.isoformat()


# fmt: off
@pytest.mark.parametrize(("headers", "body", "status", "needle"), [
    ({},                                   {"version": 0, "status": "done"}, 401, "editor role"),
    ({"X-API-Key": "wrong"},               {"version": 0, "status": "done"}, 401, "not known"),
    ({"Authorization": "Bearer wrong"},    {"version": 0, "status": "done"}, 401, "not known"),
    (RD,                                   {"version": 0, "status": "done"}, 403, "reader"),
    (ED,                                   {"status": "done"},               428, "If-Match"),
    ({**ED, "If-Match": '"7"'},            {"status": "done"},               409, "version 0, not 7"),
    (ED,                                   {"version": 0, "status": "finished"}, 422, ""),
    (ED,                                   {"version": 0, "done_date": "2024-01-01"}, 422, "done date"),
    (ED,                                   {"version": 0, "status": "done", "done_date": "2099-01-01"}, 422, "after today"),
    (ED,                                   {"version": 0, "owners": []},     422, "at least one owner"),
    (ED,                                   {"version": 0, "evidence": {"link": "ftp://x"}}, 422, ""),
    (ED,                                   {"version": 0, "colour": "red"},  422, ""),
])
# fmt: on
def test_patch_rejections_change_nothing(env: Env, headers: dict, body: dict, status: int, needle: str) -> None:
    with running_app(env.settings, TODAY) as c:
        r = c.patch("/tasks/t-b", json=body, headers=headers)
        assert r.status_code == status, r.text
        assert needle in r.text
        if status in (401, 403, 409, 428):
            assert r.headers["content-type"].startswith("application/problem+json")
        assert c.get("/tasks/t-b").json()["version"] == 0
        assert c.get("/tasks/t-b/history").json()["count"] == 0


def test_reads_can_require_a_key(env: Env) -> None:
    settings = env.settings.model_copy(update={"read_requires_key": True})
    with running_app(settings, TODAY) as c:
        assert c.get("/tasks/t-a").status_code == 401
        assert c.get("/tasks").status_code == 401
        assert c.get("/tasks/t-a", headers=RD).status_code == 200
        assert c.get("/tasks", headers=ED).status_code == 200


def test_two_concurrent_edits_exactly_one_wins(env: Env) -> None:
    with running_app(env.settings, TODAY) as c:
        for task_id in ("t-a", "t-b", "t-c"):
            tag = etag_of(c, task_id)
            barrier = threading.Barrier(2)
            codes: list[int] = []

            def edit(status: str, headers: dict, tag: str = tag, task_id: str = task_id,
                     barrier: threading.Barrier = barrier, codes: list[int] = codes) -> None:
                barrier.wait()
                codes.append(c.patch(f"/tasks/{task_id}", json={"status": status},
                                     headers={**headers, "If-Match": tag}).status_code)

            threads = [threading.Thread(target=edit, args=("done", ED)),
                       threading.Thread(target=edit, args=("on_hold", ED2))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(codes) == [200, 409], codes
            hist = c.get(f"/tasks/{task_id}/history").json()["data"]
            assert {h["version"] for h in hist} == {1}
            assert c.get(f"/tasks/{task_id}").json()["status"] in ("done", "on_hold")


def _edit_everything(c) -> None:
    assert c.patch("/tasks/t-a", json={"version": 0, "status": "done", "done_date": "2024-03-01"}, headers=ED).status_code == 200
    assert c.patch("/tasks/t-b", json={"version": 0, "status": "on_hold", "note": "chờ kinh phí"}, headers=ED).status_code == 200
    assert c.patch("/tasks/t-d", json={"version": 0, "deadline": "2024-04-01", "owners": ["Cục Kế hoạch - Tài chính"]},
                   headers=ED2).status_code == 200


def _assert_everything_kept(c) -> None:
    page = c.get("/tasks")
    assert page.status_code == 200, page.text
    by_status = {s["key"]: s["count"] for s in page.json()["facets"]["status"]}
    assert by_status == {"done": 1, "on_hold": 1, "not_started": 3}, by_status
    done = c.get("/tasks", params={"status": "done"}).json()["data"]
    assert [t["id"] for t in done] == ["t-a"] and done[0]["done_date"] == "2024-03-01"
    d = c.get("/tasks/t-d").json()
    assert d["deadline"] == "2024-04-01" and d["owners"] == ["Cục Kế hoạch - Tài chính"] and d["overdue"]
    overdue = {t["id"] for t in c.get("/tasks", params={"overdue": True}).json()["data"]}
    assert overdue == {"t-c", "t-d"}
    assert c.get("/tasks/t-b").json()["notes"][0]["text"] == "chờ kinh phí"


def test_reingest_and_reindex_keep_every_edit(env: Env) -> None:
    with running_app(env.settings, TODAY) as c:
        _edit_everything(c)
        _assert_everything_kept(c)
        # re-ingest of the same document the way ingest builds docs: apply_state from the log
        log = c.app.state.edit_log
        from search_api.tracking import apply_state
        backend = c.app.state.ctx.search
        states = log.states([d["id"] for d in sample_docs()])
        index_tasks(backend, [apply_state(d, states.get(d["id"])) for d in sample_docs()])
        _assert_everything_kept(c)
        # a careless re-ingest that overwrites with bare docs, then the reconcile hook
        index_tasks(backend, sample_docs())
        report = reconcile_index(backend, log)
        assert sorted(report.updated) == ["t-a", "t-b", "t-d"]
        _assert_everything_kept(c)
        # reindex: a new generation filled from the source (no tracked state), swapped in
        backend.rebuild(lambda writer: writer.index(Collection.TASKS, sample_docs()))
        reconcile_index(backend, log)
        _assert_everything_kept(c)


def test_restart_of_the_service_keeps_every_edit(env: Env) -> None:
    with running_app(env.settings, TODAY) as c:
        _edit_everything(c)
    with running_app(env.settings, TODAY) as c:  # new app, new log connection, same storage
        _assert_everything_kept(c)
        assert c.get("/tasks/t-a").headers["etag"] == '"1"'


def test_engine_killed_right_after_an_edit_keeps_it(tmp_path, log_url: str) -> None:
    engine = LocalEngine(tmp_path / "engine", free_port())
    engine.start()
    try:
        es = Elasticsearch(engine.url, request_timeout=30)
        prefix = unique_prefix()
        name = create_index(es, Aliases(prefix), TASKS_SPEC)
        es.indices.update_aliases(actions=[{"add": {"index": name, "alias": f"{prefix}-tasks"}}])
        index_docs(es, f"{prefix}-tasks", sample_docs())
        es.indices.flush(index=f"{prefix}-tasks")
        time.sleep(2)  # the indexed documents are older than the engine's loss window; edits are not
        settings = make_settings(engine.url, prefix, tmp_path / "data", log_url)
        with running_app(settings, TODAY) as c:
            c.get("/tasks")  # first sync
            _edit_everything(c)
            engine.stop(kill=True)  # acknowledged edits, engine gone at once
            assert c.get("/tasks").status_code == 503
            engine.start()
            deadline = time.monotonic() + 30  # the client may hold the node back a few seconds
            while c.get("/tasks").status_code == 503 and time.monotonic() < deadline:
                time.sleep(0.5)
            _assert_everything_kept(c)
            # and the log itself is intact, independent of the engine
            log = open_edit_log(settings)
            try:
                assert {s.task_id: s.version for s in log.all_states()} == {"t-a": 1, "t-b": 1, "t-d": 1}
            finally:
                log.close()
        es.close()
    finally:
        engine.stop()


# fmt: off
@pytest.mark.parametrize(("params", "status"), [
    ({"offset": 0, "limit": 500}, 200),
    ({"offset": 9_500, "limit": 500}, 200),       # the last page the engine serves
    ({"offset": 9_501, "limit": 500}, 422),       # past the engine's 10,000 window: a 422, not a 503
    ({"offset": 21_603, "limit": 50}, 422),
    ({"offset": -1}, 422),
])
# fmt: on
def test_list_offsets_stay_inside_the_engine_window(env: Env, params: dict, status: int) -> None:
    with running_app(env.settings, TODAY) as c:
        r = c.get("/tasks", params=params)
        assert r.status_code == status, r.text
        if status == 422:
            assert r.headers["content-type"].startswith("application/problem+json")
