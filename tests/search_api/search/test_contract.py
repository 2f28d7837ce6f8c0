"""The search layer's contract: the same behaviour on every backend.

One parametrised fixture, ``backend``, over ``embedded`` (tantivy on a temporary data
directory) and ``elasticsearch`` (noida-db from the session fixture ``es_url``, a fresh alias
prefix per test). Only what callers rely on is asserted here; engine specifics live in
``test_embedded.py`` and the Elasticsearch tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from search_api.search.backend import CursorError, SearchBackend
from search_api.search.model import (
    AllOf,
    AnyOf,
    Collection,
    CountOf,
    Exists,
    Facet,
    Not,
    Range,
    SearchQuery,
    SortKey,
    SortOrder,
    Term,
    TextQuery,
    Words,
)
from tests.search_api.search.docs import CITATIONS, DOCUMENTS, TASKS, TASKS_ONLY, ids, task, text


def _embedded(tmp_path: Path) -> SearchBackend:
    from search_api.search.embedded import EmbeddedBackend

    return EmbeddedBackend(tmp_path)


def _elasticsearch(request: pytest.FixtureRequest) -> SearchBackend:
    module = pytest.importorskip("search_api.search.es.backend")
    if not hasattr(module, "ElasticsearchBackend"):
        pytest.skip("search_api.search.es.ElasticsearchBackend does not exist yet")
    from search_api.config import Settings
    from search_api.search.es.client import make_client
    from search_api.search.es.indices import Aliases

    url = request.getfixturevalue("es_url")
    return module.ElasticsearchBackend(make_client(Settings(ES_URL=url), url), Aliases(f"c{uuid.uuid4().hex[:8]}"))


@pytest.fixture(params=["embedded", "elasticsearch"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    b = _embedded(tmp_path) if request.param == "embedded" else _elasticsearch(request)
    b.setup()
    for coll, docs in ((Collection.TASKS, TASKS), (Collection.DOCUMENTS, DOCUMENTS),
                       (Collection.CITATIONS, CITATIONS)):
        res = b.index(coll, docs)
        assert not res.failed, res.failed
    b.refresh()
    try:
        yield b
    finally:
        try:
            b.drop_all()
        finally:
            b.close()


def test_health_names_the_backend(backend: SearchBackend) -> None:
    h = backend.health()
    assert h["backend"] == backend.name and h["reachable"] is True


def test_filters(backend: SearchBackend) -> None:
    assert ids(backend, Term("owner_keys", ("bo-tu-phap",))) == ["t01", "t05"]
    assert ids(backend, Term("issue_year", (2022,))) == ["t03", "t04"]
    assert ids(backend, Term("stale", (True,))) == ["t05"]
    assert ids(backend, Range("deadline", gte="2024-06-30")) == ["t02", "t03", "t05"]
    assert ids(backend, Range("deadline", lt="2024-06-30")) == ["t01"]
    assert ids(backend, Range("deadline", lte="2024-06-30")) == ["t01", "t02", "t03"]
    assert ids(backend, Exists("deadline")) == ["t01", "t02", "t03", "t05"]
    assert ids(backend, Not(Exists("deadline"))) == ["t04"]
    assert ids(backend, AnyOf((Term("status", ("done",)), Term("stale", (True,))))) == ["t02", "t05"]
    overdue = AllOf((Range("deadline", lt="2024-07-01"), Not(Term("status", ("done",)))))
    assert ids(backend, overdue) == ["t01", "t03"]
    assert ids(backend, Words("tai san thu hoi")) == ["t01", "t02"]
    assert ids(backend, Words("tài sản kiểm tra")) == ["t03"]


def test_sorts(backend: SearchBackend) -> None:
    assert ids(backend, sort=(SortKey("deadline"),)) == ["t01", "t02", "t03", "t05", "t04"]
    assert ids(backend, sort=(SortKey("issued_date", SortOrder.DESC),)) == ["t01", "t02", "t03", "t04", "t05"]
    keys = (SortKey("deadline", SortOrder.DESC), SortKey("position", SortOrder.DESC))
    assert ids(backend, sort=keys) == ["t05", "t03", "t02", "t01", "t04"]
    got = ids(backend, collections=(Collection.CITATIONS,), sort=(SortKey("citing_date", SortOrder.DESC),))
    assert got == ["d1:1804/QĐ-BTP", "d2:04-CT/TW", "d3:1804/QĐ-BTP"]


def test_cursor_pages_cover_every_hit_once(backend: SearchBackend) -> None:
    keys = (SortKey("deadline"),)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        res = backend.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=2, cursor=cursor))
        seen.extend(h.id for h in res.hits)
        cursor = res.next
        if not cursor:
            break
    assert seen == ["t01", "t02", "t03", "t05", "t04"]
    first = backend.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=2))
    with pytest.raises(CursorError):
        backend.search(SearchQuery(collections=TASKS_ONLY, sort=(SortKey("position"),), cursor=first.next))


def test_total_is_the_same_on_every_page(backend: SearchBackend) -> None:
    keys = (SortKey("deadline"),)
    first = backend.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=2))
    second = backend.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=2, cursor=first.next))
    assert first.total == second.total == 5


def test_offset(backend: SearchBackend) -> None:
    res = backend.search(SearchQuery(collections=TASKS_ONLY, sort=(SortKey("deadline"),), size=2, offset=2))
    assert [h.id for h in res.hits] == ["t03", "t05"]


def test_facets_with_counts(backend: SearchBackend) -> None:
    open_ = Not(Term("status", ("done",)))
    res = backend.search(SearchQuery(
        collections=TASKS_ONLY, size=1,
        facets=(Facet("owner", "owner_keys", 10, (("open", open_),)), Facet("year", "issue_year", 5)),
        counts=(CountOf("overdue", AllOf((Range("deadline", lt="2024-07-01"), open_))),)))
    owner = {b.value: (b.count, b.counts) for b in res.facets["owner"]}
    assert owner == {"bo-tu-phap": (2, {"open": 2}), "tong-cuc-thads": (2, {"open": 2}),
                     "so-tu-phap": (1, {"open": 0})}
    assert sorted((b.value, b.count) for b in res.facets["year"]) == [(2022, 2), (2023, 2)]
    assert res.counts == {"overdue": 2}
    assert res.total == 5


def test_accent_free_query_finds_accented_text_and_phrases_rank_first(backend: SearchBackend) -> None:
    for q in ("thu hoi tai san", "thu hồi tài sản"):
        res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text(q)))
        assert [h.id for h in res.hits][:2] == ["t01", "t02"], q
        assert res.hits[0].score > res.hits[1].score


def test_an_expansion_matches_as_a_phrase_and_weighs_as_its_words(backend: SearchBackend) -> None:
    extra = [task("p01", "Công tác thi hành án dân sự năm 2024"),
             task("p02", "Thi hành án dân sự tại địa phương"),
             task("p03", "Dân sự, thi đua và hành chính tại án"),  # the words, scattered
             task("p04", "Công tác tổ chức hội nghị")]
    assert not backend.index(Collection.TASKS, extra).failed
    backend.refresh()
    variant = "công tác thi hành án dân sự"

    def found(expansions: tuple[str, ...]) -> list[str]:
        tq = replace(text("công tác THADS", (variant,)), expansions=expansions)
        res = backend.search(SearchQuery(collections=TASKS_ONLY, text=tq, size=50))
        return sorted(h.id for h in res.hits if h.id.startswith("p"))

    # as words: four of the variant's seven words are enough, scattered or not
    assert found(()) == ["p01", "p02", "p03", "p04"]
    # as a phrase: the phrase is five of seven words (enough alone); scattered words count for nothing
    # ("công tác" alone still matches the query itself, two of its three words)
    assert found(("thi hành án dân sự",)) == ["p01", "p02", "p04"]
    scattered = TextQuery("dân sự thi hành án tại", expansions=("thi hành án dân sự",))
    res = backend.search(SearchQuery(collections=TASKS_ONLY, text=scattered, size=50))
    assert "p03" in [h.id for h in res.hits]  # not the phrase's run in the query: words as usual
    # the scores of what matches are the plain match's
    by_words = {h.id: h.score for h in backend.search(SearchQuery(
        collections=TASKS_ONLY, text=text(variant), size=50)).hits}
    by_phrase = {h.id: h.score for h in backend.search(SearchQuery(
        collections=TASKS_ONLY, text=replace(text(variant), expansions=("thi hành án dân sự",)), size=50)).hits}
    assert by_phrase and set(by_phrase) < set(by_words)
    for tid, score in by_phrase.items():
        assert score == pytest.approx(by_words[tid], rel=1e-5), tid


def test_number_only_query(backend: SearchBackend) -> None:
    tq = TextQuery("1804/QĐ-BTP", number_key="1804/QĐ-BTP", number_only=True)
    res = backend.search(SearchQuery(collections=(Collection.TASKS, Collection.DOCUMENTS), text=tq))
    assert [h.id for h in res.hits] == ["d2", "t04"]
    assert [h.collection for h in res.hits] == [Collection.DOCUMENTS, Collection.TASKS]


def test_get_update_delete_counts(backend: SearchBackend) -> None:
    assert backend.get(Collection.TASKS, "t01")["owner_keys"] == ["bo-tu-phap"]
    assert backend.get(Collection.TASKS, "nope") is None
    assert set(backend.mget(Collection.TASKS, ["t01", "t02", "nope"])) == {"t01", "t02"}
    res = backend.update(Collection.TASKS, {"t01": {"status": "done"}, "nope": {"status": "done"}})
    assert res.ok == 1 and [f.id for f in res.failed] == ["nope"]
    backend.delete(Collection.TASKS, ["t02"])
    backend.refresh()
    doc = backend.get(Collection.TASKS, "t01")
    assert doc["status"] == "done" and doc["text"].startswith("Thu hồi")
    assert ids(backend, Term("status", ("done",))) == ["t01"]
    assert backend.counts() == {"documents": 2, "tasks": 4, "citations": 3}


def test_meta(backend: SearchBackend) -> None:
    assert backend.meta_get("watermark") is None
    backend.meta_set("watermark", {"seq": 4})
    assert backend.meta_get("watermark") == {"seq": 4}


def test_rebuild_swaps_in_one_step(backend: SearchBackend) -> None:
    def fill(writer: Any) -> None:
        writer.index(Collection.TASKS, [task("n1", "Nhiệm vụ sau khi dựng lại")])
        assert backend.search(SearchQuery(collections=TASKS_ONLY)).total == 5  # the old one answers

    gens = backend.rebuild(fill)
    assert set(gens) == {"documents", "tasks", "citations"}
    backend.refresh()
    assert ids(backend) == ["n1"]
    assert not backend.needs_migration()
