"""Document identity on upload: the same document in another format is "unchanged"."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.model import Extraction
from search_api.config import Settings
from search_api.context import Context
from search_api.identity import same_document, text_fingerprint
from search_api.pipeline import ensure_ready, ingest_one
from tests.conftest import ROOT

CORPUS = ROOT / "corpus"
STEM = "002_bf7cbf3c78877551"


def no_tasks(doc):  # noqa: ANN001, ANN201 - the extractor is not what is tested here
    return Extraction(doc_id=doc.id)


def test_fingerprint_ignores_layout_case_and_accents() -> None:
    assert text_fingerprint("QUYẾT ĐỊNH\nSố: 1804/QĐ-BTP") == text_fingerprint("quyet dinh so 1804 qd btp")
    assert text_fingerprint("Điều 1") != text_fingerprint("Điều 2")


@pytest.fixture
def ctx(tmp_path: Path):  # noqa: ANN201
    settings = Settings(DIRECTIVES_ENGINE="embedded", DIRECTIVES_DATA_DIR=tmp_path / "data",
                        ES_INDEX_PREFIX="identity")
    c = Context.from_settings(settings)
    ensure_ready(c)
    yield c
    c.close()


@pytest.mark.skipif(not (CORPUS / f"{STEM}.pdf").exists(), reason="corpus/ has no PDF twin")
def test_the_pdf_of_an_ingested_txt_is_unchanged_and_keeps_the_document(ctx: Context) -> None:
    first = ingest_one(ctx, CORPUS / f"{STEM}.txt", extractor=no_tasks, refresh=True)
    assert first.status == "new"
    again = ingest_one(ctx, (CORPUS / f"{STEM}.pdf").read_bytes(), filename="qd-1804.pdf", extractor=no_tasks,
                       refresh=True)
    assert (again.status, again.doc_id) == ("unchanged", first.doc_id)
    assert ctx.store.current_ids() == [first.doc_id]
    changed = ingest_one(ctx, (CORPUS / f"{STEM}.txt").read_bytes() + "\nSửa đổi lần 2.".encode(),
                         filename=f"{STEM}.txt", extractor=no_tasks, refresh=True)
    assert changed.status == "replaced" and changed.previous == first.doc_id
    assert same_document(ctx, ctx.store.load_parsed(changed.doc_id)) is None


@pytest.mark.skipif(not (CORPUS / f"{STEM}.pdf").exists(), reason="corpus/ has no PDF twin")
def test_verdict_before_the_upload(ctx: Context) -> None:
    from search_api.identity import verdict
    from search_api.pipeline import parse_source

    first = ingest_one(ctx, CORPUS / f"{STEM}.txt", extractor=no_tasks, refresh=True)
    pdf = parse_source((CORPUS / f"{STEM}.pdf").read_bytes(), "qd.pdf")
    assert verdict(ctx, pdf) == {"verdict": "unchanged", "document_id": first.doc_id}
    edited = parse_source((CORPUS / f"{STEM}.txt").read_bytes() + "\nSửa đổi.".encode(), "qd.txt")
    assert verdict(ctx, edited) == {"verdict": "new_version", "document_id": first.doc_id}
    other = parse_source("Thông báo về lịch họp giao ban tháng 12.".encode(), "tb.txt")
    assert verdict(ctx, other)["verdict"] == "new"
