from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.search_api.conftest import Corpus

pytestmark = pytest.mark.integration


def _search(client: TestClient, **params: object) -> dict:
    resp = client.get("/search", params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_search_shape(client: TestClient) -> None:
    body = _search(client, q="thu hồi tài sản", size=3)
    assert set(body) == {"total", "hits", "facets", "next", "interpretation"}
    hit = body["hits"][0]
    assert hit["kind"] in ("task", "document") and hit["id"] and hit["document_id"]
    assert any("<mark>" in h for h in hit["highlight"])


def test_accent_free_finds_accented(client: TestClient) -> None:
    accented = _search(client, q="thu hồi tài sản", size=100)
    plain = _search(client, q="thu hoi tai san", size=100)
    assert plain["total"] == accented["total"] > 0
    assert "thu hồi tài sản" in plain["hits"][0]["text"].lower()


def test_abbreviation_expands_both_ways(client: TestClient) -> None:
    short = _search(client, q="THAHC", size=50)
    assert any("thi hành án hành chính" in h["text"].lower() for h in short["hits"])
    long = _search(client, q="thi hành án hành chính", size=50)
    assert any("THAHC" in h["text"] for h in long["hits"])


@pytest.mark.parametrize(("params", "check"), [
    ({"kind": "document"}, lambda h: h["kind"] == "document"),
    ({"kind": "task"}, lambda h: h["kind"] == "task"),
    ({"status": "not_started"}, lambda h: h["status"] == "not_started"),
    ({"doc_type": "Quyết định"}, lambda h: h["document_type"] == "Quyết định"),
    ({"year": 2021}, lambda h: (h["issued_date"] or "").startswith("2021")),
    ({"number": "1804/qđ-btp"}, lambda h: h["document_number"] == "1804/QĐ-BTP"),
    ({"deadline_from": "2022-01-01", "deadline_to": "2022-12-31"}, lambda h: "2022-01-01" <= h["deadline"] <= "2022-12-31"),
    ({"overdue": "true"}, lambda h: h["overdue"] is True and h["deadline"] < "2024-06-01"),
    ({"overdue": "false", "kind": "task"}, lambda h: h["overdue"] is False),
    ({"owner": "tong-cuc-thi-hanh-an-dan-su"}, lambda h: "tong-cuc-thi-hanh-an-dan-su" in h["owner_keys"]),
])
def test_filters(client: TestClient, params: dict, check) -> None:  # noqa: ANN001
    body = _search(client, size=100, **params)
    assert body["total"] > 0
    assert all(check(h) for h in body["hits"]), params


def test_filter_with_no_match_is_empty(client: TestClient) -> None:
    assert _search(client, issuer="Không có cơ quan này")["total"] == 0
    assert _search(client, q="zzzqqq xxyyzz")["total"] == 0


def test_co_owner_filter(client: TestClient) -> None:
    facets = _search(client, kind="task", facets="true", size=1)["facets"]
    assert facets["owner"] and facets["status"] and facets["kind"]
    body = _search(client, kind="task", size=100)
    key = next(k for h in body["hits"] for k in h.get("co_owners") or [] if k)
    assert key  # co-owner names exist in the corpus
    for owner in facets["owner"][:5]:
        assert owner["label"]
        assert _search(client, owner=owner["value"], kind="task")["total"] == owner["count"]
    labels = {o["value"]: o["label"] for o in facets["owner"]}
    assert labels["tong-cuc-thi-hanh-an-dan-su"].lower().startswith("tổng cục")


def test_facets_only_when_asked(client: TestClient) -> None:
    assert _search(client, q="THADS")["facets"] is None


@pytest.mark.parametrize("sort", ["relevance", "deadline", "issued_date"])
def test_cursor_walks_every_hit_once(client: TestClient, sort: str) -> None:
    params = {"q": "THADS"} if sort == "relevance" else {}
    first = _search(client, size=100, sort=sort, **params)
    total = first["total"]
    seen: list[str] = []
    cursor = None
    while True:
        page = _search(client, size=7, sort=sort, **params, **({"cursor": cursor} if cursor else {}))
        seen.extend(h["id"] for h in page["hits"])
        cursor = page["next"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == total
    if sort == "deadline":
        deadlines = [h["deadline"] for h in first["hits"] if h["deadline"]]
        assert deadlines == sorted(deadlines)


@pytest.mark.parametrize("params", [
    {"cursor": "garbage!!"},
    {"size": 0}, {"size": 1000},
    {"sort": "random"},
    {"deadline_from": "2024-02-30"},
    {"deadline_from": "2024-05-01", "deadline_to": "2024-01-01"},
    {"kind": "person"},
])
def test_bad_parameters_are_problems(client: TestClient, params: dict) -> None:
    resp = client.get("/search", params=params)
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("application/problem+json")
    body = resp.json()
    assert body["status"] == 422 and body["detail"] and "Traceback" not in resp.text


def test_cursor_from_another_sort_is_rejected(client: TestClient) -> None:
    nxt = _search(client, size=1, sort="deadline")["next"]
    resp = client.get("/search", params={"cursor": nxt, "sort": "issued_date"})
    assert resp.status_code == 422


def test_stale_hidden_unless_asked(client: TestClient, corpus: Corpus) -> None:
    assert _search(client, include_stale="true")["total"] >= _search(client)["total"]


@pytest.mark.parametrize("sort", ["deadline", "issued_date", "relevance"])
def test_documents_only_sort_on_any_field(client: TestClient, sort: str) -> None:
    """Documents have no deadline: sorting them by deadline must not be an engine error."""
    resp = client.get("/search", params={"kind": "document", "sort": sort, "size": 5})
    assert resp.status_code == 200, resp.text
    assert all(h["kind"] == "document" for h in resp.json()["hits"])
