"""The embedded (tantivy) backend on a temporary data directory: filters, sorts, cursors,
facets, Vietnamese ranking, writes, rebuild and the writer lock. Behaviour shared with the
Elasticsearch backend is asserted again in ``test_contract.py``."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tantivy import Occur, Query

from search_api.search.backend import CursorError, SearchUnavailable
from search_api.search.embedded import EmbeddedBackend
from search_api.search.embedded.analysis import fold, folded_words, pair_term
from search_api.search.embedded.compile import GATE_FIELD, at_least_two, min_should_match
from search_api.search.embedded.schema import EMBEDDED_SCHEMA_VERSION, FIELDS, PAIRS, Kind
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
from search_api.text import fold as reference_fold
from tests.conftest import ROOT
from tests.search_api.search.docs import CITATIONS, DOCUMENTS, TASKS, TASKS_ONLY, document, ids, task, text


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[EmbeddedBackend]:
    b = EmbeddedBackend(tmp_path)
    b.setup()
    assert not b.index(Collection.TASKS, TASKS).failed
    assert not b.index(Collection.DOCUMENTS, DOCUMENTS).failed
    assert not b.index(Collection.CITATIONS, CITATIONS).failed
    yield b
    b.close()


# --- analysis ----------------------------------------------------------------------------


def test_fold_is_the_text_module_fold() -> None:
    sample = "Thu hồi TÀI SẢN Đảng, Nghị định 62/2015/NĐ-CP — “ngoặc” İstanbul ǅ"
    assert fold(sample) == reference_fold(sample)


def test_minimum_should_match_degrades_for_short_queries() -> None:
    assert [min_should_match(n) for n in (1, 2, 3, 4, 5, 8)] == [1, 1, 2, 2, 3, 4]


def test_schema_follows_the_es_mappings() -> None:
    assert FIELDS["deadline"].kind == Kind.DATE
    assert FIELDS["owner_keys"].kind == Kind.KEYWORD
    assert FIELDS["document_number"].kind == Kind.KEYWORD_TEXT
    assert FIELDS["text"].kind == Kind.VI_TEXT
    assert FIELDS["text_segmented"].kind == Kind.SEGMENTED
    assert FIELDS["sections"].kind == Kind.STORED


# --- filters -----------------------------------------------------------------------------


def test_term_on_keyword_integer_boolean_and_date(backend: EmbeddedBackend) -> None:
    assert ids(backend, Term("owner_keys", ("bo-tu-phap",))) == ["t01", "t05"]
    assert ids(backend, Term("owner_keys", ("so-tu-phap", "tong-cuc-thads"))) == ["t02", "t03", "t04"]
    assert ids(backend, Term("issue_year", (2022,))) == ["t03", "t04"]
    assert ids(backend, Term("stale", (True,))) == ["t05"]
    assert ids(backend, Term("deadline", ("2024-06-30",))) == ["t02", "t03"]
    assert ids(backend, Term("not_a_field", ("x",))) == []


def test_range_bounds_on_dates_and_numbers(backend: EmbeddedBackend) -> None:
    assert ids(backend, Range("deadline", gte="2024-06-30")) == ["t02", "t03", "t05"]
    assert ids(backend, Range("deadline", gt="2024-06-30")) == ["t05"]
    assert ids(backend, Range("deadline", lt="2024-06-30")) == ["t01"]
    assert ids(backend, Range("deadline", lte="2024-06-30")) == ["t01", "t02", "t03"]
    assert ids(backend, Range("position", gte=1, lte=1)) == ["t02", "t05"]
    assert ids(backend, Range("deadline")) == ["t01", "t02", "t03", "t05"]  # open: has a value


def test_date_only_upper_bound_covers_the_whole_day(backend: EmbeddedBackend) -> None:
    backend.index(Collection.TASKS, [task("t09", "Muộn trong ngày", updated_at="2024-06-01T18:30:00+00:00")])
    assert ids(backend, Range("updated_at", lte="2024-06-01")) == ["t09"]
    assert ids(backend, Range("updated_at", lt="2024-06-01")) == []
    assert ids(backend, Range("updated_at", gt="2024-06-01")) == []


def test_exists_not_anyof_allof(backend: EmbeddedBackend) -> None:
    assert ids(backend, Exists("deadline")) == ["t01", "t02", "t03", "t05"]
    assert ids(backend, Not(Exists("deadline"))) == ["t04"]
    assert ids(backend, Exists("co_owner_keys")) == ["t03"]
    assert ids(backend, AnyOf((Term("status", ("done",)), Term("stale", (True,))))) == ["t02", "t05"]
    assert ids(backend, AllOf((Term("owner_keys", ("tong-cuc-thads",)), Exists("deadline")))) == ["t03"]
    assert ids(backend, Not(Term("status", ("done",))), Term("owner_keys", ("bo-tu-phap",))) == ["t01", "t05"]
    overdue = AllOf((Range("deadline", lt="2024-07-01"), Not(Term("status", ("done",)))))
    assert ids(backend, overdue) == ["t01", "t03"]


def test_words_narrow_accent_insensitively_without_ranking(backend: EmbeddedBackend) -> None:
    assert ids(backend, Words("tai san")) == ["t01", "t02", "t03"]
    assert ids(backend, Words("tai san thu hoi")) == ["t01", "t02"]
    assert ids(backend, Words("tài sản kiểm tra")) == ["t03"]
    assert ids(backend, Words("ke hoach")) == ["t01"]  # document_title
    assert ids(backend, Words("12/KH-BTP")) == ["t01"]  # document_number
    assert ids(backend, Words("trước ngày 15/01/2025")) == ["t05"]  # deadline_text, as a whole
    res = backend.search(SearchQuery(collections=TASKS_ONLY, filters=(Words("tai san"),)))
    assert all(h.score is None or h.score == res.hits[0].score for h in res.hits)


def test_collections_are_kept_apart(backend: EmbeddedBackend) -> None:
    assert ids(backend, collections=(Collection.DOCUMENTS,)) == ["d1", "d2"]
    both = ids(backend, Term("owner_keys", ("so-tu-phap",)), collections=(Collection.TASKS, Collection.DOCUMENTS))
    assert both == ["d1", "t02"]
    res = backend.search(SearchQuery(collections=(Collection.CITATIONS,), filters=(Term("cited_key", ("1804/QĐ-BTP",)),)))
    assert {h.id for h in res.hits} == {"d1:1804/QĐ-BTP", "d3:1804/QĐ-BTP"}
    assert {h.collection for h in res.hits} == {Collection.CITATIONS}


def test_several_collections_merge_pages_and_sum_facets(backend: EmbeddedBackend) -> None:
    both = (Collection.TASKS, Collection.DOCUMENTS)
    keys = (SortKey("issued_date", SortOrder.DESC),)
    expected = _reference_order(TASKS + DOCUMENTS, keys)
    seen: list[str] = []
    cursor = None
    while True:
        res = backend.search(SearchQuery(collections=both, sort=keys, size=3, cursor=cursor))
        assert res.total == 7
        seen.extend(h.id for h in res.hits)
        cursor = res.next
        if not cursor:
            break
    assert seen == expected
    res = backend.search(SearchQuery(collections=both, size=0, facets=(
        Facet("owner", "owner_keys", 2, (("open", Not(Term("status", ("done",)))),)),)))
    assert [(b.value, b.count, b.counts["open"]) for b in res.facets["owner"]] == [
        ("bo-tu-phap", 3, 3), ("tong-cuc-thads", 3, 3)]  # documents have no status: open


# --- sorts and pages ---------------------------------------------------------------------


def test_deadline_asc_missing_last(backend: EmbeddedBackend) -> None:
    assert ids(backend, sort=(SortKey("deadline"),)) == ["t01", "t02", "t03", "t05", "t04"]


def test_issued_date_desc_missing_last(backend: EmbeddedBackend) -> None:
    assert ids(backend, sort=(SortKey("issued_date", SortOrder.DESC),)) == ["t01", "t02", "t03", "t04", "t05"]


def test_multi_key_sort(backend: EmbeddedBackend) -> None:
    keys = (SortKey("deadline", SortOrder.DESC), SortKey("position", SortOrder.DESC))
    assert ids(backend, sort=keys) == ["t05", "t03", "t02", "t01", "t04"]
    assert ids(backend, sort=(SortKey("doc_id"), SortKey("position"))) == ["t01", "t02", "t04", "t03", "t05"]


def test_citing_date_desc(backend: EmbeddedBackend) -> None:
    got = ids(backend, collections=(Collection.CITATIONS,), sort=(SortKey("citing_date", SortOrder.DESC),))
    assert got == ["d1:1804/QĐ-BTP", "d2:04-CT/TW", "d3:1804/QĐ-BTP"]


def _reference_order(docs: list[dict[str, Any]], keys: tuple[SortKey, ...]) -> list[str]:
    out = sorted(docs, key=lambda d: d["id"])
    for k in reversed(keys):
        present = [d for d in out if d.get(k.field) is not None]
        absent = [d for d in out if d.get(k.field) is None]
        present.sort(key=lambda d: d[k.field], reverse=k.order == SortOrder.DESC)
        out = present + absent
    return [d["id"] for d in out]


def _every_page(b: EmbeddedBackend, query: SearchQuery) -> list[str]:
    """The ids of every page of ``query``, walked with its cursors."""
    got: list[str] = []
    cursor = None
    while True:
        res = b.search(replace(query, cursor=cursor))
        got.extend(h.id for h in res.hits)
        cursor = res.next
        if cursor is None:
            return got


@pytest.mark.parametrize("exact_limit", [5, 10_000])
def test_paging_is_exact_on_ties_at_every_offset(tmp_path: Path, exact_limit: int) -> None:
    """Many equal deadlines and missing ones: the large-set path (exact_limit 5) and the
    in-Python path give the same total order as a reference sort, page by page."""
    b = EmbeddedBackend(tmp_path, exact_limit=exact_limit)
    b.setup()
    docs = [{"id": f"x{(i * 37) % 97:03d}", "kind": "task", "position": (i * 7) % 5,
             "deadline": None if i % 4 == 0 else f"2024-0{1 + i % 3}-01", "status": "not_started"}
            for i in range(60)]
    b.index(Collection.TASKS, docs)
    for keys in [(SortKey("deadline"), SortKey("position", SortOrder.DESC)),
                 (SortKey("position"),), (SortKey("deadline", SortOrder.DESC),)]:
        expected = _reference_order(docs, keys)
        for size in (7, 13):
            assert _every_page(b, SearchQuery(collections=TASKS_ONLY, sort=keys, size=size)) == expected, keys
    b.close()


@pytest.mark.parametrize("tied", [30, 150])  # inside the first pass's tie window, and beyond it
def test_relevance_pages_are_exact_on_score_ties(tmp_path: Path, tied: int) -> None:
    """Equal scores across a page's end are ordered by the later keys (issued date desc,
    missing last, then id), whether the tie fits the hits of the first pass or not."""
    b = EmbeddedBackend(tmp_path)
    b.setup()
    same = [{"id": f"s{(i * 37) % 997:03d}", "kind": "task", "text": "thu hồi tài sản",
             "issued_date": None if i % 5 == 0 else f"2023-0{1 + i % 4}-01"} for i in range(tied)]
    better = [{"id": f"b{i}", "kind": "task", "text": "thu hồi tài sản thu hồi tài sản"} for i in range(3)]
    worse = [{"id": f"w{i}", "kind": "task", "text": f"thu hồi tài sản công {'x ' * (i + 3)}"} for i in range(5)]
    b.index(Collection.TASKS, same + better + worse)
    keys = (SortKey("_score", SortOrder.DESC), SortKey("issued_date", SortOrder.DESC), SortKey("id"))
    query = SearchQuery(collections=TASKS_ONLY, text=text("thu hồi tài sản"), sort=keys, size=500)
    scores = {h.id: h.score for h in b.search(query).hits}
    assert len({scores[d["id"]] for d in same}) == 1 and len(scores) == tied + 8
    dated = sorted((d for d in same if d["issued_date"]), key=lambda d: d["id"])
    expected = sorted((d["id"] for d in better), key=lambda i: (-scores[i], i))
    expected += [d["id"] for d in sorted(dated, key=lambda d: d["issued_date"], reverse=True)]
    expected += sorted(d["id"] for d in same if not d["issued_date"])
    expected += sorted((d["id"] for d in worse), key=lambda i: (-scores[i], i))
    for size in (7, 20):
        assert _every_page(b, replace(query, size=size)) == expected, size
    b.close()


def test_cursor_past_ten_thousand_hits(tmp_path: Path) -> None:
    b = EmbeddedBackend(tmp_path)
    b.setup()
    n = 10_050
    b.index(Collection.TASKS, ({"id": f"s{i:05d}", "kind": "task", "position": i % 100, "status": "done"}
                               for i in range(n)))
    keys = (SortKey("position"),)
    expected = sorted((f"s{i:05d}" for i in range(n)), key=lambda x: (int(x[1:]) % 100, x))
    res = b.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=20, offset=9_990))
    assert res.total == n
    assert [h.id for h in res.hits] == expected[9_990:10_010]
    seen = [h.id for h in res.hits]
    cursor = res.next
    while cursor:
        res = b.search(SearchQuery(collections=TASKS_ONLY, sort=keys, size=20, cursor=cursor))
        seen.extend(h.id for h in res.hits)
        cursor = res.next
    assert seen == expected[9_990:]
    b.close()


def test_foreign_cursors_are_refused(backend: EmbeddedBackend) -> None:
    res = backend.search(SearchQuery(collections=TASKS_ONLY, sort=(SortKey("deadline"),), size=2))
    assert res.next
    with pytest.raises(CursorError):
        backend.search(SearchQuery(collections=TASKS_ONLY, sort=(SortKey("position"),), cursor=res.next))
    with pytest.raises(CursorError):
        backend.search(SearchQuery(collections=TASKS_ONLY, cursor="not-a-cursor!"))
    last = backend.search(SearchQuery(collections=TASKS_ONLY, sort=(SortKey("deadline"),), size=2, cursor=res.next))
    assert [h.id for h in last.hits] == ["t03", "t05"]


# --- facets and counts -------------------------------------------------------------------


def test_facets_with_per_bucket_counts_and_count_of(backend: EmbeddedBackend) -> None:
    open_ = Not(Term("status", ("done",)))
    res = backend.search(SearchQuery(
        collections=TASKS_ONLY, size=0,
        facets=(Facet("owner", "owner_keys", 10, (("open", open_), ("done", Term("status", ("done",))))),
                Facet("year", "issue_year", 5)),
        counts=(CountOf("overdue", AllOf((Range("deadline", lt="2024-07-01"), open_))),)))
    owner = {b.value: (b.count, b.counts) for b in res.facets["owner"]}
    assert owner == {"bo-tu-phap": (2, {"open": 2, "done": 0}), "tong-cuc-thads": (2, {"open": 2, "done": 0}),
                     "so-tu-phap": (1, {"open": 0, "done": 1})}
    assert [(b.value, b.count) for b in res.facets["year"]] == [(2022, 2), (2023, 2)]
    assert res.counts == {"overdue": 2}
    assert res.total == 5 and res.hits == []


def test_facet_size_keeps_the_most_frequent(backend: EmbeddedBackend) -> None:
    res = backend.search(SearchQuery(collections=TASKS_ONLY, facets=(Facet("status", "status", 1),)))
    assert [(b.value, b.count) for b in res.facets["status"]] == [("not_started", 3)]


# --- text ranking ------------------------------------------------------------------------


def test_accent_free_query_finds_accented_text(backend: EmbeddedBackend) -> None:
    res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text("thu hoi tai san")))
    assert [h.id for h in res.hits][:2] == ["t01", "t02"]
    assert res.hits[0].score > 0


def test_phrase_ranks_above_scattered_words(backend: EmbeddedBackend) -> None:
    # t01 holds "thu hồi tài sản" as a phrase, t02 the same words scattered.
    for q in ("thu hồi tài sản", "thu hoi tai san"):
        res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text(q)))
        scores = {h.id: h.score for h in res.hits}
        assert scores["t01"] > scores["t02"], q


def test_minimum_should_match_drops_weak_matches(backend: EmbeddedBackend) -> None:
    res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text("so ket cong tac thi hanh an")))
    hits = [h.id for h in res.hits]
    assert hits[0] == "t04" and "t03" not in hits  # t03 holds only "thi hành án" (3 of 7 < half)
    res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text("dan su")))
    assert res.hits[0].id == "t04"  # two words: one is enough, both rank first (issue 14)
    assert all(h.score < res.hits[0].score for h in res.hits[1:])


PAIR_TEXTS = {
    "p1": "Thu hồi tài sản, THU HỒI tài_sản; 1804/QĐ-BTP ĐẢNG ủy",
    "p2": ["một hai", "ba bốn"],  # two values: no pair spans them
    "p3": "trước " + "x" * 45 + " sau và trước",  # a dropped long token leaves a gap
    "p4": "trước sau ǅa ǆb Ǆc đ-đ hai ba",
}


def test_word_pairs_match_what_a_two_word_phrase_matches(tmp_path: Path) -> None:
    """The gate's pairs field is the slop-0 phrase on the folded text, document for document."""
    b = EmbeddedBackend(tmp_path)
    b.setup()
    assert not b.index(Collection.TASKS, [{"id": i, "kind": "task", "text": t} for i, t in PAIR_TEXTS.items()]).failed
    part = b._part(Collection.TASKS.value)
    searcher, schema = part.index.searcher(), part.index.schema
    values = [v for t in PAIR_TEXTS.values() for v in ([t] if isinstance(t, str) else t)]
    vocabulary = sorted({w for v in values for w in folded_words(v)} | {"x" * 45})

    def found(q: Query) -> set[str]:
        return {searcher.doc(a).get_first("id") for _, a in searcher.search(q, limit=10, count=False).hits}

    matched = 0
    for first in vocabulary:
        for second in vocabulary:
            phrase = found(Query.phrase_query(schema, GATE_FIELD, [first, second], 0))
            assert found(Query.term_query(schema, PAIRS, pair_term(first, second))) == phrase, (first, second)
            matched += bool(phrase)
    assert matched >= 15  # the comparison is not vacuous
    assert found(Query.term_query(schema, PAIRS, pair_term("hai", "ba"))) == {"p4"}  # not p2's two values
    assert found(Query.term_query(schema, PAIRS, pair_term("truoc", "sau"))) == {"p4"}  # not across p3's gap
    b.close()


MATCHED_QUERIES = [
    text("thu hồi tài sản"), text("thu hoi tai san"), text("tài sản công"), text("tai tai san"),
    text("thi hành án dân sự"), text("cong tac thi hanh"), text("sử dụng tài sản sai"),
    text("THADS tổ chức", ("thi hành án dân sự tổ chức",)), text("kết quả giải quyết"),
    replace(text("tài sản công"), phrases=("tài sản",)), text("1804/QĐ-BTP thi hành"),
    replace(text("thu hồi tài sản"), owner_keys=("bo-tu-phap",)),
    replace(text("THADS tổ chức", ("thi hành án dân sự tổ chức",)), expansions=("thi hành án dân sự",)),
    replace(text("công tác thi hành án dân sự"), expansions=("thi hành án dân sự",)),
    replace(text("cong tac tai san thu hoi"), expansions=("thu hoi", "tai san")),
]


def test_the_unscored_query_of_facets_matches_the_same_documents(backend: EmbeddedBackend) -> None:
    matched = 0
    for tq in MATCHED_QUERIES:
        for coll in (Collection.TASKS, Collection.DOCUMENTS):
            part = backend._part(coll.value)
            searcher = part.index.searcher()
            q = SearchQuery(collections=(coll,), text=tq)

            def found(query: Query, searcher: Any = searcher) -> set[str]:
                return {searcher.doc(a).get_first("id") for _, a in searcher.search(query, limit=100, count=False).hits}

            scored = found(backend._query(part, q))
            assert found(backend._query(part, q, matching=True)) == scored, (tq.q, coll)
            matched += bool(scored)
    assert matched >= 12  # not vacuous


def test_at_least_two_is_minimum_should_match_two(backend: EmbeddedBackend) -> None:
    part = backend._part(Collection.TASKS.value)
    searcher, c = part.index.searcher(), part.compiler
    vocabulary = sorted({w for t in TASKS for w in folded_words(t["text"])})[:12] + ["tai", "san", "thu", "hoi"]

    def found(query: Query) -> set[str]:
        return {searcher.doc(a).get_first("id") for _, a in searcher.search(query, limit=100, count=False).hits}

    nonempty = 0
    for n in (3, 4):
        for start in range(0, len(vocabulary) - n + 1):
            words = vocabulary[start:start + n]
            terms = [c.term("text__folded", w) for w in words]
            expected = found(Query.boolean_query([(Occur.Should, t) for t in terms], 2))
            assert found(at_least_two(terms)) == expected, words
            nonempty += bool(expected)
    assert nonempty >= 3


def test_variants_recall_another_phrasing(backend: EmbeddedBackend) -> None:
    assert backend.search(SearchQuery(collections=TASKS_ONLY, text=text("THADS"))).total == 0
    res = backend.search(SearchQuery(collections=TASKS_ONLY, text=text("THADS", ("thi hành án dân sự",))))
    assert res.hits[0].id == "t04"


def test_number_only_query_matches_by_number(backend: EmbeddedBackend) -> None:
    tq = TextQuery("1804/QĐ-BTP", number_key="1804/QĐ-BTP", number_only=True)
    res = backend.search(SearchQuery(collections=(Collection.TASKS, Collection.DOCUMENTS), text=tq))
    assert [h.id for h in res.hits] == ["d2", "t04"]  # the document itself (50), then a task citing it (5)
    assert res.hits[0].score == pytest.approx(60.0)  # number_key + kind document (50) + number_key (10)


def test_number_in_a_text_query_ranks_its_document_first(backend: EmbeddedBackend) -> None:
    tq = text("kế hoạch 12/KH-BTP thu hồi")
    res = backend.search(SearchQuery(collections=(Collection.TASKS, Collection.DOCUMENTS), text=tq))
    assert res.hits[0].id == "d1"


def test_filters_do_not_change_scores(backend: EmbeddedBackend) -> None:
    q = text("thu hoi tai san")
    plain = {h.id: h.score for h in backend.search(SearchQuery(collections=TASKS_ONLY, text=q)).hits}
    flt = backend.search(SearchQuery(collections=TASKS_ONLY, text=q, filters=(Term("owner_keys", ("bo-tu-phap",)),)))
    assert [(h.id, h.score) for h in flt.hits] == [("t01", plain["t01"])]


# --- documents: get, write, update, delete, meta -----------------------------------------


def test_get_mget_and_source_filtering(backend: EmbeddedBackend) -> None:
    assert backend.get(Collection.TASKS, "t01")["owner_keys"] == ["bo-tu-phap"]
    assert backend.get(Collection.DOCUMENTS, "t01") is None
    assert set(backend.mget(Collection.TASKS, ["t01", "t02", "nope"])) == {"t01", "t02"}
    res = backend.search(SearchQuery(collections=(Collection.DOCUMENTS,), exclude_fields=("body", "text_segmented")))
    assert all("body" not in h.source and "title" in h.source for h in res.hits)
    res = backend.search(SearchQuery(collections=(Collection.DOCUMENTS,), include_fields=("id", "title")))
    assert all(set(h.source) == {"id", "title"} for h in res.hits)


def test_index_replaces_and_rejects_what_the_mapping_rejects(backend: EmbeddedBackend) -> None:
    res = backend.index(Collection.TASKS, [task("t01", "Văn bản mới", owner_keys=["x"]),
                                           {"id": "bad", "kind": "task", "position": "first"}])
    assert res.ok == 1 and [f.id for f in res.failed] == ["bad"]
    assert backend.get(Collection.TASKS, "t01")["text"] == "Văn bản mới"
    assert ids(backend, Term("owner_keys", ("x",))) == ["t01"]
    strict = backend.index(Collection.DOCUMENTS, [document("d9", "Tên", unknown_field=1)])
    assert strict.ok == 0 and "unknown_field" in strict.failed[0].reason
    # Tasks are not strict (tracking overlays extra fields): kept in the source, not indexed.
    assert not backend.index(Collection.TASKS, [task("t08", "Việc", overlay={"a": 1})]).failed
    assert backend.get(Collection.TASKS, "t08")["overlay"] == {"a": 1}


def test_update_merges_fields(backend: EmbeddedBackend) -> None:
    res = backend.update(Collection.TASKS, {"t01": {"status": "done", "done_date": "2024-05-30"},
                                            "missing": {"status": "done"}})
    assert res.ok == 1 and [(f.id, f.status) for f in res.failed] == [("missing", 404)]
    doc = backend.get(Collection.TASKS, "t01")
    assert doc["status"] == "done" and doc["owner_keys"] == ["bo-tu-phap"] and doc["text"].startswith("Thu hồi")
    assert ids(backend, Term("status", ("done",))) == ["t01", "t02"]
    assert backend.search(SearchQuery(collections=TASKS_ONLY, text=text("thu hoi tai san"))).hits[0].id == "t01"


def test_delete_and_counts(backend: EmbeddedBackend) -> None:
    assert backend.counts() == {"documents": 2, "tasks": 5, "citations": 3}
    res = backend.delete(Collection.TASKS, ["t01", "never-there"])
    assert res.ok == 2 and not res.failed
    assert backend.get(Collection.TASKS, "t01") is None
    assert backend.counts()["tasks"] == 4
    assert backend.health()["documents"] == 9


def test_meta_get_set(backend: EmbeddedBackend) -> None:
    assert backend.meta_get("watermark") is None
    backend.meta_set("watermark", {"seq": 3, "at": "2024-06-01"})
    backend.meta_set("watermark", {"seq": 4})
    assert backend.meta_get("watermark") == {"seq": 4}
    assert backend.counts() == {"documents": 2, "tasks": 5, "citations": 3}  # meta is not a collection


def test_writes_are_durable_when_acknowledged(backend: EmbeddedBackend, tmp_path: Path) -> None:
    backend.index(Collection.TASKS, [task("t07", "Việc mới")])
    backend.meta_set("k", {"v": 1})
    other = EmbeddedBackend(tmp_path)  # a second reader on the same files
    assert other.get(Collection.TASKS, "t07") is not None
    assert other.meta_get("k") == {"v": 1}
    other.close()


# --- generations, migration, rebuild, lock -----------------------------------------------


def test_search_before_setup_is_unavailable(tmp_path: Path) -> None:
    b = EmbeddedBackend(tmp_path)
    assert b.needs_migration()
    assert b.counts() == {"documents": None, "tasks": None, "citations": None}
    assert b.health()["reachable"] is False
    with pytest.raises(SearchUnavailable, match=str(tmp_path)):
        b.search(SearchQuery(collections=TASKS_ONLY))


def test_needs_migration_compares_recorded_versions(backend: EmbeddedBackend, tmp_path: Path) -> None:
    assert not backend.needs_migration()
    newer = EmbeddedBackend(tmp_path, schema_version=EMBEDDED_SCHEMA_VERSION + 1)
    assert newer.needs_migration()
    backend.close()
    newer.rebuild(lambda w: None)
    assert not newer.needs_migration()
    assert EmbeddedBackend(tmp_path).needs_migration()
    newer.close()


def test_rebuild_keeps_search_answering_then_swaps(backend: EmbeddedBackend, tmp_path: Path) -> None:
    backend.meta_set("watermark", {"seq": 9})
    old_gen = backend.health()["generation"]
    seen_during: list[int] = []

    def fill(writer: Any) -> None:
        writer.index(Collection.TASKS, [task("n1", "Nhiệm vụ mới sau khi dựng lại")])
        # The old generation still answers while the new one fills.
        seen_during.append(backend.search(SearchQuery(collections=TASKS_ONLY)).total)
        assert backend.get(Collection.TASKS, "n1") is None

    gens = backend.rebuild(fill)
    assert seen_during == [5]
    assert set(gens) == {"documents", "tasks", "citations"} and len(set(gens.values())) == 1
    new_gen = backend.health()["generation"]
    assert new_gen == gens["tasks"] != old_gen
    assert backend.counts() == {"documents": 0, "tasks": 1, "citations": 0}
    assert backend.meta_get("watermark") == {"seq": 9}  # carried over
    assert not (tmp_path / "index" / old_gen).exists()
    assert (tmp_path / "index" / "CURRENT").read_text().strip() == new_gen
    backend.index(Collection.TASKS, [task("n2", "Sau khi dựng lại")])  # the new generation takes writes
    assert backend.counts()["tasks"] == 2


def test_failed_rebuild_leaves_the_current_generation(backend: EmbeddedBackend, tmp_path: Path) -> None:
    gen = backend.health()["generation"]

    def fill(writer: Any) -> None:
        writer.index(Collection.TASKS, [task("n1", "x")])
        raise RuntimeError("data directory unreadable")

    with pytest.raises(RuntimeError):
        backend.rebuild(fill)
    assert backend.health()["generation"] == gen and backend.counts()["tasks"] == 5
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == ["CURRENT", gen]


def test_instances_in_one_process_share_the_writer(backend: EmbeddedBackend, tmp_path: Path) -> None:
    other = EmbeddedBackend(tmp_path)
    assert not other.index(Collection.TASKS, [task("o1", "Ghi từ phiên bản thứ hai")]).failed
    assert not backend.index(Collection.TASKS, [task("o2", "Ghi từ phiên bản thứ nhất")]).failed
    assert set(backend.mget(Collection.TASKS, ["o1", "o2"])) == set(other.mget(Collection.TASKS, ["o1", "o2"])) \
        == {"o1", "o2"}
    other.close()
    assert not backend.index(Collection.TASKS, [task("o3", "x")]).failed


def test_another_instance_sees_a_rebuild(backend: EmbeddedBackend, tmp_path: Path) -> None:
    reader = EmbeddedBackend(tmp_path)
    assert reader.counts()["tasks"] == 5
    backend.rebuild(lambda w: w.index(Collection.TASKS, [task("n1", "x")]))
    assert reader.counts()["tasks"] == 1
    reader.close()


def test_concurrent_searches_during_writes(backend: EmbeddedBackend) -> None:
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(30):
                backend.search(SearchQuery(collections=TASKS_ONLY, text=text("thu hoi tai san"),
                                           facets=(Facet("owner", "owner_keys"),)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(10):
        backend.index(Collection.TASKS, [task(f"c{i}", "Thu hồi tài sản")])
    for t in threads:
        t.join()
    assert not errors
    assert backend.counts()["tasks"] == 15


_HOLDER = """
import sys, time
from pathlib import Path
from search_api.search.embedded import EmbeddedBackend
from search_api.search.model import Collection
b = EmbeddedBackend(Path(sys.argv[1]))
b.index(Collection.TASKS, [{"id": "p1", "kind": "task", "text": "x"}])
print("holding", flush=True)
time.sleep(60)
"""


def test_a_second_process_writer_is_refused_with_a_clear_error(backend: EmbeddedBackend, tmp_path: Path) -> None:
    backend.close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding", proc.stderr.read()
        other = EmbeddedBackend(tmp_path)
        assert other.get(Collection.TASKS, "p1") is not None  # reading is fine
        with pytest.raises(SearchUnavailable, match="another process") as err:
            other.index(Collection.TASKS, [task("t99", "x")])
        assert str(tmp_path) in str(err.value)
        other.close()
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_health_names_the_backend(backend: EmbeddedBackend, tmp_path: Path) -> None:
    h = backend.health()
    assert h["backend"] == "embedded" and h["reachable"] is True
    assert h["path"] == str(tmp_path / "index") and h["generation"].startswith("gen-")
    assert h["documents"] == 10
    assert json.dumps(h)


def test_drop_all_removes_every_generation(backend: EmbeddedBackend, tmp_path: Path) -> None:
    backend.drop_all()
    assert list((tmp_path / "index").iterdir()) == []
    assert backend.counts()["tasks"] is None
    backend.setup()
    assert backend.counts()["tasks"] == 0
