from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.search_api.conftest import EDITOR, Corpus

pytestmark = pytest.mark.integration

QD_1804 = "002_bf7cbf3c78877551.txt"


@pytest.mark.parametrize("number", ["1804/QĐ-BTP", "Quyết định số 1804/QĐ-BTP", "1804/qđ-btp", " 1804 / QĐ - BTP "])
def test_number_resolves_any_spelling(client: TestClient, corpus: Corpus, number: str) -> None:
    body = client.get("/documents", params={"number": number}).json()
    assert [d["id"] for d in body["data"]] == [corpus.ids[QD_1804]]


@pytest.mark.parametrize("number", ["9999/QĐ-BTP", "không phải số"])
def test_unknown_number_is_empty(client: TestClient, number: str) -> None:
    assert client.get("/documents", params={"number": number}).json() == {"total": 0, "data": [], "next": None}


def test_list_documents(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/documents").json()
    assert body["total"] == len(corpus.ids)


def test_read_document(client: TestClient, corpus: Corpus) -> None:
    body = client.get(f"/documents/{corpus.ids[QD_1804]}").json()
    assert body["number"] == "1804/QĐ-BTP" and body["doc_type"] == "Quyết định"
    assert len(body["tasks"]) == body["task_count"] > 0
    assert body["references"] and all(r["key"] for r in body["references"])
    assert body["abbreviations"]["THADS"]
    assert isinstance(body["sections"], list)


def test_document_carries_its_text_and_every_span(client: TestClient, corpus: Corpus) -> None:
    spans = 0
    for doc_id in corpus.ids.values():
        body = client.get(f"/documents/{doc_id}").json()
        text = body["text"]
        assert text, doc_id
        for task in body["tasks"]:
            assert task["start"] is not None and task["end"] is not None
            if task["end"] > task["start"]:  # gold tasks not found in the text have 0:0
                assert text[task["start"]:task["end"]] == task["text"]
                spans += 1
        for ref in body["references"]:
            assert ref["relation"]
            for m in ref["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
                spans += 1
    assert spans > 50


def test_references_without_a_stored_copy_have_no_spans(client: TestClient, corpus: Corpus,
                                                        tmp_path: Path) -> None:
    doc_id = corpus.ids[QD_1804]
    extraction = corpus.ctx.store.root / "extractions" / f"{doc_id}.json"
    moved = tmp_path / "moved.json"
    extraction.rename(moved)
    try:
        body = client.get(f"/documents/{doc_id}").json()
    finally:
        moved.rename(extraction)
    assert body["references"] and all(r["mentions"] == [] for r in body["references"])
    assert body["text"] and any(t["end"] > t["start"] for t in body["tasks"])


def test_incoming_citations_resolve(client: TestClient, corpus: Corpus) -> None:
    # 000 cites 196-KH/BCSĐ etc.; check that every reference that names a corpus document links to it
    for doc_id in corpus.ids.values():
        body = client.get(f"/documents/{doc_id}").json()
        for ref in body["references"]:
            if ref["document_id"]:
                assert ref["document_id"] in corpus.ids.values()


def test_missing_document_is_404_problem(client: TestClient) -> None:
    resp = client.get("/documents/does-not-exist")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["code"] == "E404-DOC"


@pytest.mark.parametrize(("name", "data", "status"), [
    ("virus.exe", b"MZ...", 415),
    ("../../etc/passwd", b"x", 415),
    ("empty.txt", b"", 422),
])
def test_upload_rejections(client: TestClient, name: str, data: bytes, status: int) -> None:
    resp = client.post("/documents", files={"file": (name, data)}, headers=EDITOR)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")


def test_upload_too_large(client: TestClient, corpus: Corpus) -> None:
    limit = corpus.ctx.settings.max_upload_bytes
    resp = client.post("/documents", files={"file": ("big.txt", b"a" * (limit + 1))}, headers=EDITOR)
    assert resp.status_code == 413


def test_upload_needs_an_editor_key(client: TestClient) -> None:
    assert client.post("/documents", files={"file": ("a.txt", b"x")}).status_code == 401
