"""Relevance floor: every query in tests/fixtures/relevance.json finds its expected item in
the top N of ``GET /search`` over the indexed seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.search_api.conftest import Corpus

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "relevance.json").read_text(encoding="utf-8"))
TOP = CASES["top"]

pytestmark = pytest.mark.integration


def test_fixture_has_enough_queries() -> None:
    assert len(CASES["queries"]) >= 20
    assert all(c["expect"] for c in CASES["queries"])


@pytest.mark.parametrize("case", CASES["queries"], ids=[c["q"] for c in CASES["queries"]])
def test_query_finds_expected_in_top(case: dict, client: TestClient, corpus: Corpus) -> None:
    resp = client.get("/search", params={"q": case["q"], "size": TOP})
    assert resp.status_code == 200, resp.text
    hits = resp.json()["hits"]
    for want in case["expect"]:
        if "file" in want:
            doc_id = corpus.ids[want["file"]]
            assert any(h["document_id"] == doc_id for h in hits), (case["q"], want, [h["text"][:60] for h in hits])
        if "text" in want:
            assert any(want["text"].lower() in h["text"].lower() for h in hits), (
                case["q"], want, [h["text"][:60] for h in hits])


# --- query understanding through the API and the page (issue 14) ---------------------------


def test_owner_query_returns_its_interpretation_and_ranks_that_owner_first(client: TestClient) -> None:
    body = client.get("/search", params={"q": "nhiệm vụ của Ban Nội chính Tỉnh ủy", "size": 5}).json()
    reading = body["interpretation"]
    assert reading["owner"] == "Ban Nội chính Tỉnh ủy" and reading["owner_keys"]
    assert set(reading["owner_keys"]) & set(body["hits"][0]["owner_keys"])
    undone = client.get("/search", params={"q": "nhiệm vụ của Ban Nội chính Tỉnh ủy", "as_words": 1}).json()
    assert undone["interpretation"]["owner"] is None


def test_number_without_symbol_and_period_are_read(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/search", params={"q": "QĐ 1804", "size": 3}).json()
    assert body["interpretation"]["number"] == "1804/QĐ-BTP"
    assert body["hits"][0]["document_id"] == corpus.ids["002_bf7cbf3c78877551.txt"]
    period = client.get("/search", params={"q": "tháng 9/2021"}).json()["interpretation"]["period"]
    assert (period["start"], period["end"]) == ("2021-09-01", "2021-09-30")


def test_quoted_phrase_must_match_as_a_phrase(client: TestClient) -> None:
    hits = client.get("/search", params={"q": '"thu hồi tài sản"', "size": 50}).json()["hits"]
    assert hits and all("thu hồi tài sản" in h["text"].lower() for h in hits)


def test_absent_topic_finds_nothing_and_the_page_says_so(client: TestClient) -> None:
    assert client.get("/search", params={"q": "giải bóng đá"}).json()["total"] == 0
    page = client.get("/", params={"q": "giải bóng đá"})
    assert page.status_code == 200 and "Không tìm thấy nhiệm vụ phù hợp" in page.text


def test_page_shows_the_owner_reading_with_an_undo_link(client: TestClient) -> None:
    page = client.get("/", params={"q": "nhiệm vụ của Ban Nội chính Tỉnh ủy"})
    assert "Đang tìm nhiệm vụ của" in page.text and 'data-undo="as_words"' in page.text
    undone = client.get("/", params={"q": "nhiệm vụ của Ban Nội chính Tỉnh ủy", "as_words": "1"})
    assert "Đang tìm nhiệm vụ của" not in undone.text


def test_a_query_too_long_is_said_on_the_page_not_as_json(client: TestClient) -> None:
    page = client.get("/", params={"q": "thu hồi " * 100})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "quá dài" in page.text


def test_a_number_is_found_in_a_document_whose_header_was_not_read(tmp_path: Path) -> None:
    from datetime import date

    import ingest
    from nlp.model import Extraction
    from search_api.context import Context
    from search_api.main import create_app
    from search_api.pipeline import commit, ensure_ready
    from tests.search_api.conftest import make_settings

    src = tmp_path / "no_header.txt"
    src.write_text("Về việc triển khai kế hoạch\n\nCăn cứ tình hình, văn bản này (Số: 254/QĐ-UBND) giao nhiệm vụ "
                   "thu gom rác thải.\n", encoding="utf-8")
    ctx = Context.from_settings(make_settings(None, tmp_path / "data"))
    ctx.today = lambda: date(2024, 6, 1)
    try:
        ensure_ready(ctx)
        doc = ingest.parse(src)
        doc = doc.model_copy(update={"metadata": doc.metadata.model_copy(update={"number": None})})
        commit(ctx, doc, Extraction(doc_id=doc.id, abbreviations={}, references=[], tasks=[]))
        ctx.search.refresh()
        with TestClient(create_app(ctx.settings, context=ctx)) as c:
            hits = c.get("/search", params={"q": "254/qđ-ubnd"}).json()["hits"]
        assert [h["document_id"] for h in hits] == [doc.id]
    finally:
        ctx.search.drop_all()
        ctx.close()
