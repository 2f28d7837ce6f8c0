from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest.model import DocumentMetadata
from nlp.model import Extraction
from search_api.store import DataStore, source_key


def _doc(text: str, number: str | None = None, filename: str = "a.txt"):  # noqa: ANN202
    doc = ingest.parse_text(text, filename=filename)
    return doc.model_copy(update={"metadata": DocumentMetadata(number=number)})


@pytest.mark.parametrize(("number", "filename", "key"), [
    ("1804/QĐ-BTP", "x.txt", "number:1804/QĐ-BTP"),
    ("1804/qđ-btp", "y.txt", "number:1804/QĐ-BTP"),
    (None, "Kế hoạch.docx", "file:ke hoach.docx"),
])
def test_source_key(number: str | None, filename: str, key: str) -> None:
    assert source_key(_doc("Nội dung.", number, filename)) == key


def test_save_new_unchanged_replaced(tmp_path: Path) -> None:
    store = DataStore(tmp_path)
    v1 = _doc("Phiên bản 1.", "12/KH-UBND")
    v2 = _doc("Phiên bản 2.", "12/KH-UBND")
    assert store.save(v1, Extraction(doc_id=v1.id), citation_count=0).status == "new"
    assert store.save(v1, Extraction(doc_id=v1.id), citation_count=0).status == "unchanged"
    out = store.save(v2, Extraction(doc_id=v2.id), citation_count=0)
    assert (out.status, out.previous) == ("replaced", v1.id)
    assert store.current_ids() == [v2.id]
    assert store.load_archived(v1.id)[0].text == v1.text
    assert store.counts().documents == 1


def test_extraction_for_another_document_is_refused(tmp_path: Path) -> None:
    store = DataStore(tmp_path)
    with pytest.raises(ValueError):
        store.save(_doc("A."), Extraction(doc_id="other"), citation_count=0)
    assert store.current_ids() == [] and not list(tmp_path.rglob("*.json"))
