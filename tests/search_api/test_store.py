from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest.model import DocumentMetadata
from ingest.store import DocumentStore
from nlp.model import Extraction
from search_api.store import Counts, DataStore, SaveOutcome, shared_store, source_key


def _doc(text: str, number: str | None = None, filename: str = "a.txt"):  # noqa: ANN202
    doc = ingest.parse_text(text, filename=filename)
    return doc.model_copy(update={"metadata": DocumentMetadata(number=number)})


@pytest.mark.parametrize(("number", "filename", "key"), [
    ("1804/QĐ-BTP", "x.txt", "number:1804/QĐ-BTP"),
    ("1804/qđ-btp", "y.txt", "number:1804/QĐ-BTP"),
    ("62/2015/ND-CP", "z.txt", "number:62/2015/NĐ-CP"),  # nlp's canonical id
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


def test_the_public_interface_the_pipeline_and_routes_use(tmp_path: Path) -> None:
    store = DataStore(tmp_path)
    v1 = _doc("Phiên bản 1.", "12/KH-UBND")
    v2 = _doc("Phiên bản 2.", "12/kh-ubnd")
    ext1 = Extraction(doc_id=v1.id, abbreviations={"BTP": "Bộ Tư pháp"})
    store.save(v1, ext1, citation_count=2)
    assert store.has(v1.id) and store.current_ids() == [v1.id]
    assert store.load(v1.id) == (v1, ext1)
    assert store.manifest().documents[v1.id].get("source_key") == "number:12/KH-UBND"
    assert store.counts() == Counts(1, 0, 2)
    assert store.abbreviations() == {"BTP": {"Bộ Tư pháp"}}
    out = store.save(v2, Extraction(doc_id=v2.id), citation_count=0)
    assert out == SaveOutcome("replaced", v2.id, "number:12/KH-UBND", v1.id, True)
    assert store.manifest().archived[v1.id].get("superseded_by") == v2.id
    assert store.load_archived(v1.id) == (v1, ext1)
    store.set_stale_tasks(v1.id, ["t2", "t1"])
    assert store.stale_tasks() == {v1.id: ["t1", "t2"]}
    assert store.counts() == Counts(1, 2, 0)
    assert DataStore(tmp_path).stale_tasks() == {v1.id: ["t1", "t2"]}  # on disk, not only in memory


def test_ingest_only_documents_share_the_layout_but_are_not_current(tmp_path: Path) -> None:
    """``python -m ingest.cli ingest`` writes the same data directory without extractions."""
    parsed_only = _doc("Chỉ phân tích.", "7/KH-UBND")
    DocumentStore(tmp_path).put(parsed_only, source_key="path:in/a.txt")
    store = DataStore(tmp_path)
    assert not store.has(parsed_only.id) and store.current_ids() == [] and store.counts().documents == 0
    out = store.save(parsed_only, Extraction(doc_id=parsed_only.id), citation_count=0)
    assert (out.status, out.source_key) == ("new", "number:7/KH-UBND")
    assert store.current_ids() == [parsed_only.id]
    # a newer version whose predecessor was never extracted (never indexed): nothing to retire
    first = _doc("Bản đầu.", "8/KH-UBND")
    DocumentStore(tmp_path).put(first, source_key="number:8/KH-UBND")
    second = _doc("Bản sau.", "8/KH-UBND")
    out = store.save(second, Extraction(doc_id=second.id), citation_count=0)
    assert (out.status, out.previous) == ("new", None)
    assert first.id in store.manifest().archived


def test_shared_store_is_one_object_per_directory(tmp_path: Path) -> None:
    a = shared_store(tmp_path / "d")
    assert shared_store(tmp_path / "d") is a and shared_store(tmp_path / "e") is not a
    doc = _doc("Văn bản.", "3/KH-UBND")
    DataStore(tmp_path / "d").save(doc, Extraction(doc_id=doc.id), citation_count=0)
    assert a.has(doc.id)  # it still sees what other stores wrote
