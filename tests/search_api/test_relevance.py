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
