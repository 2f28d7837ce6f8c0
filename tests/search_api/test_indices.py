from __future__ import annotations

import threading
from pathlib import Path

import pytest

from search_api.context import Context
from search_api.pipeline import ensure_ready, rebuild
from search_api.search.es import indices
from search_api.search.es.schema import SPECS
from tests.search_api.conftest import index_seeds, make_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def ctx(es_url: str, tmp_path: Path):  # noqa: ANN201
    c = Context.from_settings(make_settings(es_url, tmp_path / "data"))
    yield c
    c.search.drop_all()
    c.close()


def test_setup_is_idempotent_and_versioned(ctx: Context) -> None:
    first = indices.setup(ctx.search.es, ctx.search.aliases)
    assert indices.setup(ctx.search.es, ctx.search.aliases) == first
    for name, index in first.items():
        assert index.startswith(f"{ctx.search.aliases.alias(name)}-v{SPECS[name].version}-")
    assert indices.needs_migration(ctx.search.es, ctx.search.aliases) == []


def test_migrate_keeps_every_document(ctx: Context) -> None:
    ensure_ready(ctx)
    index_seeds(ctx)
    before = indices.counts(ctx.search.es, ctx.search.aliases)
    old = indices.current_index(ctx.search.es, ctx.search.aliases.tasks)
    new = indices.migrate(ctx.search.es, ctx.search.aliases, "tasks")
    assert new != old and indices.current_index(ctx.search.es, ctx.search.aliases.tasks) == new
    assert indices.counts(ctx.search.es, ctx.search.aliases) == before
    assert not ctx.search.es.indices.exists(index=old)


def test_rebuild_swaps_aliases_while_search_keeps_working(ctx: Context) -> None:
    ensure_ready(ctx)
    index_seeds(ctx)
    before = indices.counts(ctx.search.es, ctx.search.aliases)
    old = {n: indices.current_index(ctx.search.es, ctx.search.aliases.alias(n)) for n in SPECS}
    errors: list[Exception] = []
    totals: list[int] = []
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                resp = ctx.search.es.search(index=ctx.search.aliases.tasks, query={"match": {"text.folded": "thads"}}, size=0,
                                     track_total_hits=True)
                totals.append(resp["hits"]["total"]["value"])
            except Exception as exc:  # noqa: BLE001 - collected and asserted
                errors.append(exc)

    t = threading.Thread(target=searcher)
    t.start()
    try:
        report = rebuild(ctx)
    finally:
        stop.set()
        t.join()
    assert not errors and totals and min(totals) > 0
    assert report.failed == []
    assert indices.counts(ctx.search.es, ctx.search.aliases) == before
    assert all(indices.current_index(ctx.search.es, ctx.search.aliases.alias(n)) != old[n] for n in SPECS)


def test_bulk_failures_are_collected_not_raised(ctx: Context) -> None:
    from search_api.search.es import bulk

    indices.setup(ctx.search.es, ctx.search.aliases)
    result = bulk.index_documents(ctx.search.es, ctx.search.aliases.tasks, [
        {"id": "ok-1", "kind": "task", "text": "Rà soát văn bản", "deadline": "2024-01-31"},
        {"id": "bad-1", "kind": "task", "text": "Ngày sai", "deadline": "not-a-date"},
    ], refresh=True)
    assert result.ok == 1
    assert [f.id for f in result.failed] == ["bad-1"] and result.failed[0].status == 400
    assert "bad-1" in result.failed[0].id and result.failed[0].reason
