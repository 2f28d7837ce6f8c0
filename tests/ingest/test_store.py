"""DocumentStore: one layout, typed manifest, atomic, idempotent, O(1) per document, safe for two
processes, consistent after a crash at any write."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

import ingest.store.documents as documents_module
import ingest.store.journal as journal_module
from ingest import parse
from ingest.store import (
    ArchivedEntry,
    Counts,
    DocumentEntry,
    DocumentMissing,
    DocumentStore,
    SaveOutcome,
    StoreError,
    atomic_write,
)
from ingest.store.journal import ManifestFile


def _doc(text: str, filename: str = "kh.txt"):  # noqa: ANN202
    return parse(text.encode("utf-8"), filename=filename)


def test_put_new_unchanged_replaced(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path)
    v1, v2 = _doc("KẾ HOẠCH\nNhiệm vụ năm 2025.\n"), _doc("KẾ HOẠCH\nNhiệm vụ năm 2026.\n")
    assert store.put(v1, source_key="path:kh.txt") == SaveOutcome("new", v1.id, "path:kh.txt")
    mtime = (tmp_path / "parsed" / f"{v1.id}.json").stat().st_mtime_ns
    assert store.put(v1, source_key="path:kh.txt").status == "unchanged"
    assert (tmp_path / "parsed" / f"{v1.id}.json").stat().st_mtime_ns == mtime
    out = store.put(v2, source_key="path:kh.txt")
    assert (out.status, out.previous) == ("replaced", v1.id)
    assert store.ids() == [v2.id]
    assert store.sources() == {"path:kh.txt": v2.id}
    assert store.load_parsed(v2.id) == v2
    assert store.load_archived_parsed(v1.id) == v1  # the old version is archived, not lost
    assert not (tmp_path / "parsed" / f"{v1.id}.json").exists()
    assert store.manifest().archived[v1.id].get("superseded_by") == v2.id


def test_same_content_under_two_keys_is_stored_once(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path)
    doc = _doc("Chỉ thị số 05\n")
    assert store.put(doc, source_key="path:a.txt").status == "new"
    assert store.put(doc, source_key="path:copy/a.txt").status == "unchanged"
    assert store.ids() == [doc.id] and len(list((tmp_path / "parsed").iterdir())) == 1
    other = _doc("Chỉ thị số 06\n")
    assert store.put(other, source_key="path:a.txt").status == "new"  # copy/a.txt still names the old one
    assert store.ids() == sorted([doc.id, other.id])


def test_extraction_blob_is_opaque_and_an_ingest_only_entry_gets_it_later(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path)
    doc = _doc("Quyết định số 1\n")
    store.put(doc, source_key="path:q.txt")
    assert not store.has_extraction(doc.id) and store.ids(extracted=True) == []
    assert store.counts().documents == 0 and store.counts(extracted_only=False).documents == 1
    out = store.put(doc, source_key="number:1", extraction={"doc_id": doc.id, "tasks": []},
                    task_count=4, citation_count=2, abbreviations={"UBND": "Ủy ban nhân dân"})
    assert out.status == "new"  # first time with an extraction: not indexed before
    assert json.loads(store.load_extraction_json(doc.id)) == {"doc_id": doc.id, "tasks": []}
    assert store.has_extraction(doc.id) and store.counts() == Counts(1, 4, 2)
    assert store.abbreviations() == {"UBND": {"Ủy ban nhân dân"}}
    assert store.put(doc, source_key="number:1", extraction=b"{}").status == "unchanged"
    assert store.put(doc, source_key="path:q.txt").status == "unchanged"  # ingest-only again: kept


def test_delete_and_bad_ids(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path)
    doc = _doc("Quyết định số 1\n")
    store.put(doc, source_key="path:q.txt")
    assert [d.id for d in store.iter_parsed()] == [doc.id]
    assert doc.id in store and len(store) == 1
    assert store.delete(doc.id) is True
    assert store.ids() == [] and store.sources() == {}
    assert store.delete(doc.id) is False
    with pytest.raises(KeyError):
        store.load_parsed(doc.id)
    with pytest.raises(OSError):  # DocumentMissing is both, as the callers expect
        store.load_extraction_json(doc.id)
    assert issubclass(DocumentMissing, FileNotFoundError)
    with pytest.raises(ValueError, match="invalid document id"):
        store.load_parsed("../etc/passwd")


def test_manifest_is_typed_and_survives_a_reopen(tmp_path: Path) -> None:
    doc = _doc("Kế hoạch số 9\n")
    DocumentStore(tmp_path).put(doc, source_key="path:k.txt", extraction=b"{}", task_count=3)
    m = DocumentStore(tmp_path).manifest()
    entry = m.documents[doc.id]
    assert isinstance(entry, DocumentEntry)
    assert (entry.source_key, entry.filename, entry.sha256, entry.task_count) == ("path:k.txt", "kh.txt",
                                                                              doc.source.sha256, 3)
    assert entry.get("source_key") == entry["source_key"] == "path:k.txt"  # dict-style reads still work
    assert entry.get("no such field", 7) == 7


def test_the_earlier_data_directory_layout_still_loads(tmp_path: Path) -> None:
    """A manifest written by the earlier DataStore (``ingested_at``, indented JSON) loads as is."""
    doc = _doc("Chỉ thị số 3\n")
    (tmp_path / "parsed").mkdir()
    (tmp_path / "parsed" / f"{doc.id}.json").write_text(doc.model_dump_json(), encoding="utf-8")
    (tmp_path / "extractions").mkdir()
    (tmp_path / "extractions" / f"{doc.id}.json").write_text("{}", encoding="utf-8")
    old = {
        "documents": {doc.id: {"source_key": "file:kh.txt", "filename": "kh.txt", "ingested_at": "2025-01-01",
                               "task_count": 2, "citation_count": 1, "abbreviations": {}}},
        "sources": {"file:kh.txt": doc.id},
        "archived": {"old1": {"source_key": "file:kh.txt", "superseded_by": doc.id, "stale_task_ids": ["t1"]}},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(old, indent=1), encoding="utf-8")
    store = DocumentStore(tmp_path)
    assert store.has_extraction(doc.id) and store.load_parsed(doc.id) == doc
    assert store.manifest().documents[doc.id].saved_at == "2025-01-01"
    assert isinstance(store.manifest().archived["old1"], ArchivedEntry)
    assert store.stale_tasks() == {"old1": ["t1"]}
    assert store.counts() == Counts(1, 3, 1)
    assert store.put(doc, source_key="file:kh.txt", extraction=b"{}").status == "unchanged"


def test_a_broken_manifest_is_a_typed_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="manifest.json: the manifest cannot be read"):
        DocumentStore(tmp_path).ids()


def test_saving_n_documents_reads_the_manifest_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """O(1) per document: the manifest is read once and then held in memory."""
    first = DocumentStore(tmp_path)
    first.put(_doc("Văn bản số 0\n"), source_key="path:0")
    first.compact()  # a snapshot and a journal both exist
    first.put(_doc("Văn bản số 00\n"), source_key="path:00")
    reads: list[str] = []
    real_read, real_load, real_tail = journal_module.read_file, ManifestFile._load_all, ManifestFile._read_tail
    monkeypatch.setattr(journal_module, "read_file", lambda p: reads.append("snapshot") or real_read(p))
    monkeypatch.setattr(ManifestFile, "_load_all", lambda self: reads.append("journal") or real_load(self))
    monkeypatch.setattr(ManifestFile, "_read_tail", lambda self: reads.append("tail") or real_tail(self))
    store = DocumentStore(tmp_path)
    for n in range(1, 41):
        store.put(_doc(f"Văn bản số {n}\n"), source_key=f"path:{n}", extraction=b"{}", task_count=1)
        store.has_extraction(store.ids()[0])
        store.counts()
    assert len(store.ids()) == 42
    assert reads == ["journal", "snapshot"]


def test_each_save_appends_one_journal_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """O(1) bytes written per save: one line, not the whole manifest."""
    store = DocumentStore(tmp_path)
    for n in range(30):
        store.put(_doc(f"Văn bản số {n}\n"), source_key=f"path:{n}")
    sizes = []
    real = journal_module.append_durably
    monkeypatch.setattr(journal_module, "append_durably", lambda p, d: sizes.append(len(d)) or real(p, d))
    store.put(_doc("Văn bản cuối\n"), source_key="path:last")
    assert len(sizes) == 1 and sizes[0] < 1000
    assert not (tmp_path / "manifest.json").exists()  # no snapshot rewritten yet


def test_the_journal_is_compacted_into_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ManifestFile, "COMPACT_MIN", 4)
    store = DocumentStore(tmp_path)
    docs = [_doc(f"Văn bản số {n}\n") for n in range(20)]
    for n, doc in enumerate(docs):
        store.put(doc, source_key=f"path:{n}")
    store.put(_doc("Văn bản số 0, bản 2\n"), source_key="path:0")
    snapshot = json.loads((tmp_path / "manifest.json").read_bytes())
    assert len(snapshot["documents"]) >= 10
    assert len((tmp_path / "manifest.log").read_bytes().splitlines()) <= 10
    again = DocumentStore(tmp_path)
    assert len(again.ids()) == 20 and docs[0].id in again.manifest().archived


def test_a_torn_journal_line_is_ignored_then_cut_off(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path)
    store.put(_doc("Văn bản số 1\n"), source_key="path:1")
    with open(tmp_path / "manifest.log", "ab") as fh:
        fh.write(b'{"d":{"x":')  # a writer died mid-append
    other = DocumentStore(tmp_path)
    assert len(other.ids()) == 1
    other.put(_doc("Văn bản số 2\n"), source_key="path:2")
    assert len(DocumentStore(tmp_path).ids()) == 2
    assert len(store.ids()) == 2
    assert all(line.endswith(b"}") for line in (tmp_path / "manifest.log").read_bytes().splitlines())


def test_a_change_by_another_store_is_seen(tmp_path: Path) -> None:
    a, b = DocumentStore(tmp_path), DocumentStore(tmp_path)
    a.put(_doc("Văn bản số 1\n"), source_key="path:1")
    assert len(b.ids()) == 1
    b.put(_doc("Văn bản số 2\n"), source_key="path:2")
    assert len(a.ids()) == 2
    a.compact()
    b.put(_doc("Văn bản số 3\n"), source_key="path:3")
    assert len(a.ids()) == 3 and len(b.ids()) == 3


def test_batch_appends_the_journal_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DocumentStore(tmp_path)
    store.put(_doc("Văn bản số 0, bản 1\n"), source_key="path:0", extraction=b"{}")
    appends: list[int] = []
    real = journal_module.append_durably
    monkeypatch.setattr(journal_module, "append_durably", lambda p, d: appends.append(len(d)) or real(p, d))
    with store.batch():
        for n in range(10):
            store.put(_doc(f"Văn bản số {n}\n"), source_key=f"path:{n}")
        assert len(DocumentStore(tmp_path).ids()) == 1  # not visible before the batch ends
    assert len(appends) == 1
    again = DocumentStore(tmp_path)
    assert len(again.ids()) == 10
    first = _doc("Văn bản số 0, bản 1\n")
    assert again.load_archived_parsed(first.id) == first
    assert not (tmp_path / "parsed" / f"{first.id}.json").exists()  # removed after the batch


def _save_many(root: str, worker: int, n: int) -> None:
    ManifestFile.COMPACT_MIN = 16  # compactions run while the other process appends
    store = DocumentStore(Path(root))
    for i in range(n):
        store.put(_doc(f"Tiến trình {worker}, văn bản số {i}\n"), source_key=f"path:{worker}/{i}")


def test_two_processes_lose_nothing(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_save_many, args=(str(tmp_path), w, 100)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    store = DocumentStore(tmp_path)
    assert len(store.ids()) == 200
    assert len(store.sources()) == 200
    assert len(list((tmp_path / "parsed").glob("*.json"))) == 200


class _Crash(Exception):
    pass


def _crash_on(monkeypatch: pytest.MonkeyPatch, part: str) -> None:
    """Content writes into folder ``part`` fail, or the journal append (``part="journal"``)."""
    real = documents_module.atomic_write

    def write(path: Path, data: bytes, durable: bool = True) -> None:
        if part in path.parts:
            raise _Crash(str(path))
        real(path, data, durable=durable)

    def append(path: Path, data: bytes) -> None:
        raise _Crash(str(path))

    monkeypatch.setattr(documents_module, "atomic_write", write)
    if part == "journal":
        monkeypatch.setattr(journal_module, "append_durably", append)


@pytest.mark.parametrize("crash_at", ["extractions", "archive", "journal"])
def test_a_crash_before_the_manifest_keeps_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash_at: str
) -> None:
    v1, v2 = _doc("Kế hoạch, bản 1\n"), _doc("Kế hoạch, bản 2\n")
    DocumentStore(tmp_path).put(v1, source_key="path:kh", extraction=b'{"v": 1}')
    _crash_on(monkeypatch, crash_at)
    with pytest.raises(_Crash):
        DocumentStore(tmp_path).put(v2, source_key="path:kh", extraction=b'{"v": 2}')
    monkeypatch.undo()
    store = DocumentStore(tmp_path)
    assert store.ids() == [v1.id] and store.load_parsed(v1.id) == v1
    assert json.loads(store.load_extraction_json(v1.id)) == {"v": 1}
    assert store.put(v2, source_key="path:kh", extraction=b'{"v": 2}').status == "replaced"  # retry works
    assert store.ids() == [v2.id] and json.loads(store.load_archived_extraction_json(v1.id)) == {"v": 1}


def test_a_crash_after_the_manifest_leaves_every_entry_loadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1, v2 = _doc("Kế hoạch, bản 1\n"), _doc("Kế hoạch, bản 2\n")
    DocumentStore(tmp_path).put(v1, source_key="path:kh", extraction=b'{"v": 1}')

    def crash(self: Path, missing_ok: bool = False) -> None:
        raise _Crash(str(self))

    monkeypatch.setattr(Path, "unlink", crash)
    with pytest.raises(_Crash):
        DocumentStore(tmp_path).put(v2, source_key="path:kh", extraction=b'{"v": 2}')
    monkeypatch.undo()
    store = DocumentStore(tmp_path)
    assert store.ids() == [v2.id] and store.load_parsed(v2.id) == v2
    assert store.load_archived_parsed(v1.id) == v1
    assert json.loads(store.load_archived_extraction_json(v1.id)) == {"v": 1}


def test_atomic_write_leaves_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    atomic_write(target, b"old")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temp file left behind
