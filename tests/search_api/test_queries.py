"""``GET /search`` parameters -> the typed query (pure), and its Elasticsearch compilation."""

from datetime import date

import pytest

from search_api.search import cursor
from search_api.search.backend import CursorError
from search_api.search.es.compile import compile_search
from search_api.search.model import AllOf, Collection, Not, Range, Term
from search_api.search.queries import Kind, SearchParams, SortMode, build_search, sort_keys

TODAY = date(2024, 6, 1)


def test_no_query_string_on_user_text() -> None:
    body = compile_search(build_search(SearchParams(q='a OR b AND "c" title:x'), today=TODAY))
    assert "query_string" not in str(body)


def test_facets_only_when_asked() -> None:
    assert build_search(SearchParams(q="x"), today=TODAY).facets == ()
    query = build_search(SearchParams(q="x", facets=True), today=TODAY)
    assert {f.name for f in query.facets} >= {"owner", "status", "document_type", "year"}
    assert all("terms" in a for a in compile_search(query)["aggs"].values())


@pytest.mark.parametrize(("params", "kinds"), [
    (SearchParams(), [Kind.TASK, Kind.DOCUMENT]),
    (SearchParams(status=["done"]), [Kind.TASK]),
    (SearchParams(overdue=True), [Kind.TASK]),
    (SearchParams(sort=SortMode.DEADLINE), [Kind.TASK]),
    (SearchParams(kind=Kind.DOCUMENT), [Kind.DOCUMENT]),
])
def test_kinds_pick_the_collections(params: SearchParams, kinds: list[Kind]) -> None:
    assert params.kinds() == kinds
    query = build_search(params, today=TODAY)
    assert len(query.collections) == len(kinds)


def test_overdue_filter_uses_today() -> None:
    filters = build_search(SearchParams(overdue=True), today=TODAY).filters
    assert AllOf((Range("deadline", lt="2024-06-01"), Not(Term("status", ("done",))))) in filters


def test_stale_excluded_unless_asked() -> None:
    stale = Not(Term("stale", (True,)))
    assert stale in build_search(SearchParams(), today=TODAY).filters
    assert stale not in build_search(SearchParams(include_stale=True), today=TODAY).filters


def test_number_filter_is_canonical() -> None:
    query = build_search(SearchParams(number="Quyết định số 1804/qđ-btp"), today=TODAY)
    assert Term("number_key", ("1804/QĐ-BTP",)) in query.filters


def test_number_only_query_matches_by_number() -> None:
    text = build_search(SearchParams(q="Quyết định 1804/qđ-btp"), today=TODAY).text
    assert text is not None and text.number_key == "1804/QĐ-BTP" and text.number_only
    words = build_search(SearchParams(q="thi hành án theo 1804/QĐ-BTP và các văn bản khác"), today=TODAY).text
    assert words is not None and words.number_key and not words.number_only


def test_documents_only_search_sorts_by_deadline_without_error() -> None:
    body = compile_search(build_search(SearchParams(kind=Kind.DOCUMENT, sort=SortMode.DEADLINE), today=TODAY))
    assert body["sort"][0]["deadline"]["unmapped_type"] == "date"
    assert build_search(SearchParams(kind=Kind.DOCUMENT), today=TODAY).collections == (Collection.DOCUMENTS,)


def test_cursor_round_trip() -> None:
    sig = cursor.signature(sort_keys(SortMode.DEADLINE))
    assert cursor.decode(cursor.encode(sig, [1700000000000, "abc"]), sig) == [1700000000000, "abc"]


@pytest.mark.parametrize("value", [
    "not-base64!!",
    cursor.encode(cursor.signature(sort_keys(SortMode.RELEVANCE)), [1.0, 2, "x"]),
    "e30",
])
def test_bad_cursor_rejected(value: str) -> None:
    with pytest.raises(CursorError):
        cursor.decode(value, cursor.signature(sort_keys(SortMode.DEADLINE)))
