"""While the index is being repaired after an engine restart (:mod:`search_api.recovery`), every
read that goes to the index answers the same 503 ``E503-REPAIRING`` with ``Retry-After`` — the
task listing included — and the pages say the index is being verified from the data directory
and nothing is lost. Runs on both backends: the guard is put in the state a restart leaves it in
(no repair thread is started, so the session corpus is untouched)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from search_api import recovery
from tests.search_api.conftest import Corpus

READS = ("/tasks", "/tasks?owner=x", "/search?q=x", "/search?q=x&facets=true", "/owners", "/documents")
PAGES = ("/", "/?q=x", "/nhiem-vu", "/nhiem-vu?group=owner", "/don-vi")


@pytest.fixture
def repairing(corpus: Corpus, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    guard = recovery.guard_of(corpus.ctx)
    assert guard is not None
    monkeypatch.setattr(recovery, "schedule", lambda app: False)  # no repair: the state stays
    monkeypatch.setattr(guard, "_on_suspect", lambda: None)
    guard.reason = recovery.RESTARTED
    try:
        yield client
    finally:
        guard.reason = None


@pytest.mark.parametrize("path", READS)
def test_reads_say_repairing(repairing: TestClient, path: str) -> None:
    resp = repairing.get(path)
    assert resp.status_code == 503, resp.text[:300]
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["code"] == "E503-REPAIRING", resp.text[:300]
    assert int(resp.headers["retry-after"]) >= 1
    assert "restarted" in resp.json()["detail"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_say_the_index_is_verified(repairing: TestClient, path: str) -> None:
    resp = repairing.get(path, headers={"accept": "text/html"})
    assert resp.status_code == 503, resp.text[:300]
    assert int(resp.headers["retry-after"]) >= 1
    page = resp.text
    assert "đang được kiểm tra lại từ thư mục dữ liệu" in page
    assert "không bị mất" in page
    assert "không phản hồi" not in page  # not the engine-down page


def test_one_task_by_id_still_answers(repairing: TestClient, corpus: Corpus) -> None:
    recovery.guard_of(corpus.ctx).reason = None
    task_id = repairing.get("/tasks").json()["data"][0]["id"]
    recovery.guard_of(corpus.ctx).reason = recovery.RESTARTED
    resp = repairing.get(f"/tasks/{task_id}")
    assert resp.status_code == 200, resp.text[:300]


def test_dashboard_reads_the_store_not_the_index(repairing: TestClient) -> None:
    """The dashboard is built from the data directory and the edit log: it still answers."""
    assert repairing.get("/tong-quan", headers={"accept": "text/html"}).status_code == 200
