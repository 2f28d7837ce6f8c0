from datetime import date

import pytest

from search_api.search.es.queries import (
    CursorError,
    Kind,
    SearchParams,
    SortMode,
    build_search,
    decode_cursor,
    encode_cursor,
)

TODAY = date(2024, 6, 1)


def _flat(body: object) -> str:
    return str(body)


def test_no_query_string_on_user_text() -> None:
    body = build_search(SearchParams(q='a OR b AND "c" title:x'), today=TODAY)
    assert "query_string" not in _flat(body)


def test_aggs_only_when_facets_asked() -> None:
    assert "aggs" not in build_search(SearchParams(q="x"), today=TODAY)
    aggs = build_search(SearchParams(q="x", facets=True), today=TODAY)["aggs"]
    assert all("terms" in a for a in aggs.values())


@pytest.mark.parametrize(("params", "kinds"), [
    (SearchParams(), [Kind.TASK, Kind.DOCUMENT]),
    (SearchParams(status=["done"]), [Kind.TASK]),
    (SearchParams(overdue=True), [Kind.TASK]),
    (SearchParams(sort=SortMode.DEADLINE), [Kind.TASK]),
    (SearchParams(kind=Kind.DOCUMENT), [Kind.DOCUMENT]),
])
def test_kinds_pick_the_indices(params: SearchParams, kinds: list[Kind]) -> None:
    assert params.kinds() == kinds


def test_overdue_filter_uses_today() -> None:
    flt = build_search(SearchParams(overdue=True), today=TODAY)["query"]["bool"]["filter"]
    assert "2024-06-01" in _flat(flt) and "done" in _flat(flt)


def test_stale_excluded_unless_asked() -> None:
    assert "stale" in _flat(build_search(SearchParams(), today=TODAY)["query"])
    assert "stale" not in _flat(build_search(SearchParams(include_stale=True), today=TODAY)["query"])


def test_number_filter_is_canonical() -> None:
    body = build_search(SearchParams(number="Quyết định số 1804/qđ-btp"), today=TODAY)
    assert {"term": {"number_key": "1804/QĐ-BTP"}} in body["query"]["bool"]["filter"]


def test_cursor_round_trip() -> None:
    cur = encode_cursor(SortMode.DEADLINE, [1700000000000, "abc"])
    assert decode_cursor(cur, SortMode.DEADLINE) == [1700000000000, "abc"]


@pytest.mark.parametrize("cursor", ["not-base64!!", encode_cursor(SortMode.RELEVANCE, [1.0, 2, "x"]), "e30"])
def test_bad_cursor_rejected(cursor: str) -> None:
    with pytest.raises(CursorError):
        decode_cursor(cursor, SortMode.DEADLINE)
