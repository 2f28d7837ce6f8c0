"""Index documents say when their text came from OCR, with the page's confidence."""

from __future__ import annotations

from datetime import UTC, datetime

import ingest
from ingest.model import OcrInfo, OcrPage
from search_api.search.docs import build_index_docs
from tests.conftest import GOLD, SEEDS
from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata

SEED = SEEDS / "004_109a5fc621c102c2.txt"


def _docs(ocr: OcrInfo | None):  # noqa: ANN202
    gold = load_gold(GOLD, SEED)
    doc = with_gold_metadata(ingest.parse(SEED), gold)
    if ocr is not None:
        doc = doc.model_copy(update={"source": doc.source.model_copy(update={"ocr": ocr})})
    return build_index_docs(doc, gold_extraction(doc, gold), now=datetime(2024, 6, 1, tzinfo=UTC)), doc


def test_text_sources_carry_no_ocr_fields() -> None:
    docs, _ = _docs(None)
    assert docs.document["ocr_confidence"] is None
    assert all(t["ocr_confidence"] is None and t["ocr_page"] is None for t in docs.tasks)


def test_scanned_sources_carry_document_and_page_confidence() -> None:
    _, doc = _docs(None)
    half = len(doc.text) // 2
    ocr = OcrInfo(engine="tesseract 5", language="vie", dpi=300, confidence=88.4, pages=[
        OcrPage(page=1, confidence=93.6, words=100, start=0, end=half),
        OcrPage(page=2, confidence=71.2, words=80, start=half, end=len(doc.text))])
    docs, _ = _docs(ocr)
    assert docs.document["ocr_confidence"] == 88
    by_page = {t["ocr_page"]: t["ocr_confidence"] for t in docs.tasks}
    assert by_page.get(1) == 94 and by_page.get(2) == 71
    assert all(t["ocr_page"] in (1, 2) for t in docs.tasks)
