"""The guard that keeps the API from answering out of an index that may have lost writes
(:mod:`search_api.recovery`), on a fake engine: no server, deterministic.

The end-to-end cases (noida-db killed right after a write, the embedded index missing its last
commit) are in ``test_faults.py``.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from search_api import recovery
from search_api.search.backend import IndexRepairing, SearchUnavailable
from search_api.search.model import Collection, SearchQuery, SearchResult


class FakeEngine:
    """A backend whose engine can 'restart' (new start time) and whose client can reconnect."""

    name = "elasticsearch"

    def __init__(self) -> None:
        self.started = 1
        self.sockets = 1
        self.marker_calls = 0
        self.missing = False
        self.up = True

    def restart(self) -> None:
        self.started += 1
        self.sockets += 1  # the next request reconnects

    # RestartAware
    def engine_marker(self) -> str:
        self.marker_calls += 1
        if not self.up:
            raise SearchUnavailable("unreachable")
        return f"node@{self.started}"

    def connections_opened(self) -> int | None:
        return self.sockets

    # the reads the guard wraps
    def search(self, query: SearchQuery) -> SearchResult:
        if self.missing:
            raise SearchUnavailable("index missing")
        return SearchResult(total=0, hits=[])

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        return {"id": doc_id, "from": "index"}

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {}

    def counts(self) -> dict[str, int | None]:
        return {"documents": 0, "tasks": 0, "citations": 0}

    def refresh(self) -> None:
        pass


QUERY = SearchQuery(collections=(Collection.TASKS,))


@pytest.fixture
def setup(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeEngine, Any, list[int]]:
    engine = FakeEngine()
    ctx = SimpleNamespace(search=engine)
    scheduled: list[int] = []
    monkeypatch.setattr(recovery, "schedule", lambda app: scheduled.append(1) or True)
    monkeypatch.setattr("search_api.pipeline.task_of_record", lambda c, tid: {"id": tid, "from": "record"})
    recovery.attach(SimpleNamespace(state=SimpleNamespace()), ctx, verified=True)
    return engine, ctx, scheduled


def test_same_sockets_cost_no_engine_round_trip(setup: tuple[FakeEngine, Any, list[int]]) -> None:
    engine, ctx, _ = setup
    calls = engine.marker_calls
    for _ in range(200):
        ctx.search.search(QUERY)
    assert engine.marker_calls == calls  # the per-request check is a counter read
    engine.sockets += 1  # a new socket to the same engine process: one check, then trusted again
    ctx.search.search(QUERY)
    ctx.search.search(QUERY)
    assert engine.marker_calls == calls + 1


def test_restart_refuses_reads_until_repaired(setup: tuple[FakeEngine, Any, list[int]]) -> None:
    engine, ctx, scheduled = setup
    ctx.search.search(QUERY)
    engine.restart()
    with pytest.raises(IndexRepairing, match="restarted"):
        ctx.search.search(QUERY)
    assert scheduled, "no repair started"
    with pytest.raises(IndexRepairing):  # every read, not only the first
        ctx.search.counts()
    # one task by id: the copy of record, not the index
    assert ctx.search.get(Collection.TASKS, "t1") == {"id": "t1", "from": "record"}
    with pytest.raises(IndexRepairing):
        ctx.search.get(Collection.DOCUMENTS, "d1")
    # a repair that fails leaves the index refused
    with pytest.raises(RuntimeError), recovery.verifying(ctx) as restarted:
        assert restarted(), "the repair must check thoroughly after a restart"
        ctx.search.search(QUERY)  # the repair itself reads unguarded
        raise RuntimeError("engine went away mid-repair")
    with pytest.raises(IndexRepairing):
        ctx.search.search(QUERY)
    with recovery.verifying(ctx):
        pass
    ctx.search.search(QUERY)
    assert ctx.search.get(Collection.TASKS, "t1") == {"id": "t1", "from": "index"}


def test_index_missing_after_restart_says_repairing(setup: tuple[FakeEngine, Any, list[int]]) -> None:
    engine, ctx, _ = setup
    engine.restart()
    engine.missing = True  # the engine came back without the index
    with pytest.raises(IndexRepairing):
        ctx.search.search(QUERY)


def test_engine_down_is_unavailable_not_repairing(setup: tuple[FakeEngine, Any, list[int]]) -> None:
    engine, ctx, _ = setup
    engine.up = False
    engine.missing = True
    engine.sockets += 1
    with pytest.raises(SearchUnavailable) as info:
        ctx.search.search(QUERY)
    assert not isinstance(info.value, IndexRepairing)


def test_unchecked_at_start_until_first_repair(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = FakeEngine()
    ctx = SimpleNamespace(search=engine)
    monkeypatch.setattr(recovery, "schedule", lambda app: True)
    recovery.attach(SimpleNamespace(state=SimpleNamespace()), ctx, verified=False)
    with pytest.raises(IndexRepairing, match="not been checked"):
        ctx.search.search(QUERY)
    with recovery.verifying(ctx) as restarted:
        assert restarted()
    ctx.search.search(QUERY)


def test_health_says_repairing_not_unreachable(setup: tuple[FakeEngine, Any, list[int]]) -> None:
    """During a repair the engine answers: ``/health`` says ``repairing`` (503, Retry-After),
    not ``unavailable`` with ``reachable: false``."""
    import json

    from search_api.routes.health import health

    engine, ctx, _ = setup
    engine.health = lambda: {"reachable": True, "version": "8.x"}  # type: ignore[attr-defined]
    ctx.store = SimpleNamespace(counts=lambda: SimpleNamespace(documents=0, tasks=0, citations=0))
    ctx.settings = SimpleNamespace(uses_local_engine=True)
    ok = health(ctx)
    assert ok.status_code == 200 and json.loads(ok.body)["status"] == "ok"
    engine.restart()
    with pytest.raises(IndexRepairing):
        ctx.search.search(QUERY)
    resp = health(ctx)
    body = json.loads(resp.body)
    assert resp.status_code == 503 and resp.headers["Retry-After"]
    assert body["status"] == "repairing" and body["engine"]["reachable"] is True
    assert "repaired" in body["engine"]["reason"]
    engine.up = False  # the engine itself gone: unavailable, as before
    resp = health(ctx)
    assert resp.status_code == 503
