"""ParsedStore: atomic, idempotent, replaces changed content, never half-stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import parse
from ingest.store import ParsedStore, PutResult, atomic_write


def _doc(text: str):
    return parse(text.encode("utf-8"), filename="kh.txt")


def test_put_added_unchanged_replaced(tmp_path: Path) -> None:
    store = ParsedStore(tmp_path)
    v1, v2 = _doc("KẾ HOẠCH\nNhiệm vụ năm 2025.\n"), _doc("KẾ HOẠCH\nNhiệm vụ năm 2026.\n")
    assert store.put(v1, "kh.txt") == PutResult("added", v1.id)
    mtime = (tmp_path / "docs" / f"{v1.id}.json").stat().st_mtime_ns
    assert store.put(v1, "kh.txt") == PutResult("unchanged", v1.id)
    assert (tmp_path / "docs" / f"{v1.id}.json").stat().st_mtime_ns == mtime
    assert store.put(v2, "kh.txt") == PutResult("replaced", v2.id, previous_id=v1.id)
    assert store.ids() == [v2.id]
    assert store.sources() == {"kh.txt": v2.id}
    assert store.get(v2.id) == v2


def test_same_content_under_two_keys_is_stored_once(tmp_path: Path) -> None:
    store = ParsedStore(tmp_path)
    doc = _doc("Chỉ thị số 05\n")
    assert store.put(doc, "a.txt").status == "added"
    assert store.put(doc, "copy/a.txt").status == "added"
    assert store.ids() == [doc.id]
    other = _doc("Chỉ thị số 06\n")
    store.put(other, "a.txt")  # the old id is still used by copy/a.txt: kept
    assert sorted(store.ids()) == sorted([doc.id, other.id])


def test_get_iter_delete(tmp_path: Path) -> None:
    store = ParsedStore(tmp_path)
    doc = _doc("Quyết định số 1\n")
    store.put(doc, "q.txt")
    assert [d.id for d in store.iter_docs()] == [doc.id]
    assert doc.id in store and len(store) == 1
    assert store.delete(doc.id) is True
    assert store.ids() == [] and store.sources() == {}
    assert store.delete(doc.id) is False
    with pytest.raises(KeyError):
        store.get(doc.id)


def test_bad_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="invalid document id"):
        ParsedStore(tmp_path).get("../etc/passwd")


def test_atomic_write_leaves_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    atomic_write(target, b"old")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temp file left behind
