"""Parsed documents, opaque extraction blobs and their versions, under one data directory.

A "source" is what makes two files versions of one document (the caller's key: a canonical
document number, a file name, a relative path); saving a new id for a known source archives the
version it supersedes. Status words: ``new | unchanged | replaced``.

Write order is content files -> journal line -> removals, so a crash at any point leaves a
manifest whose every entry loads (at worst an orphan or a duplicate file remains, and the
loaders look in both the current and the archive place).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ingest.model import ParsedDocument
from ingest.store.errors import DocumentMissing
from ingest.store.files import atomic_write
from ingest.store.journal import ManifestFile
from ingest.store.manifest import ArchivedEntry, DocumentEntry, Manifest

SaveStatus = Literal["new", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class Counts:
    """What the index should hold: current documents, tasks (current + kept stale), citations."""

    documents: int
    tasks: int
    citations: int


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    status: SaveStatus
    doc_id: str
    source_key: str
    previous: str | None = None  # the superseded version, when replaced
    previous_extracted: bool = False  # the superseded version had an extraction (was indexed)


def _check_id(doc_id: str) -> str:
    if not doc_id or not all(c.isalnum() or c in "-_" for c in doc_id):
        raise ValueError(f"invalid document id {doc_id!r}")
    return doc_id


def _as_bytes(blob: bytes | str | dict[str, Any]) -> bytes:
    if isinstance(blob, bytes):
        return blob
    if isinstance(blob, str):
        return blob.encode("utf-8")
    return json.dumps(blob, ensure_ascii=False).encode("utf-8")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class DocumentStore:
    """The data directory under ``root`` (thread-safe, and safe for several processes).

    Layout::

        parsed/<doc id>.json        ParsedDocument JSON
        extractions/<doc id>.json   extraction JSON (opaque here; absent for ingest-only)
        archive/<doc id>/           superseded versions (parsed.json, extraction.json)
        manifest.json, manifest.log the typed manifest (snapshot + journal, ingest.store.journal)
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._file = ManifestFile(self.root)
        self._removals: list[Path] = []  # waiting for the batch's journal lines

    # paths -----------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self._file.snapshot_path

    def parsed_path(self, doc_id: str) -> Path:
        return self.root / "parsed" / f"{_check_id(doc_id)}.json"

    def extraction_path(self, doc_id: str) -> Path:
        return self.root / "extractions" / f"{_check_id(doc_id)}.json"

    def archive_dir(self, doc_id: str) -> Path:
        return self.root / "archive" / _check_id(doc_id)

    # manifest --------------------------------------------------------------------------
    def manifest(self) -> Manifest:
        """The manifest as on disk now (a live view: read it, do not change it)."""
        return self._file.current()

    @contextmanager
    def batch(self) -> Iterator[DocumentStore]:
        """Many saves with one lock, one ``os.sync`` and one journal append at the end.

        Until the batch ends other processes neither see its documents nor can write (they
        wait on the lock); do not open a second store on this directory in this process
        meanwhile. If the process dies inside the batch, its content files stay as orphans and
        saving them again stores them.
        """
        outer = not self._file.in_batch
        try:
            with self._file.batch():
                yield self
        except BaseException:
            if outer:
                self._removals.clear()  # the files stay; a duplicate is harmless
            raise
        if outer:
            paths, self._removals = self._removals, []
            self._remove(paths)

    @staticmethod
    def _remove(paths: list[Path]) -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (it also happens on its own)."""
        self._file.compact()

    # reads -----------------------------------------------------------------------------
    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self.manifest().documents

    def __len__(self) -> int:
        return len(self.manifest().documents)

    def has_extraction(self, doc_id: str) -> bool:
        entry = self.manifest().documents.get(doc_id)
        return entry is not None and entry.extracted and self.extraction_path(doc_id).exists()

    def ids(self, *, extracted: bool | None = None) -> list[str]:
        """Current document ids, sorted; ``extracted=True`` only those with an extraction."""
        docs = self.manifest().documents
        return sorted(d for d, e in docs.items() if extracted is None or e.extracted == extracted)

    def sources(self) -> dict[str, str]:
        return dict(self.manifest().sources)

    def _first(self, doc_id: str, paths: tuple[Path, ...]) -> bytes:
        for path in paths:
            try:
                return path.read_bytes()
            except FileNotFoundError:
                continue
        raise DocumentMissing(doc_id, paths[0])

    def load_parsed(self, doc_id: str) -> ParsedDocument:
        """The current version's parsed document; :class:`DocumentMissing` when absent."""
        data = self._first(doc_id, (self.parsed_path(doc_id), self.archive_dir(doc_id) / "parsed.json"))
        return ParsedDocument.model_validate_json(data)

    def load_extraction_json(self, doc_id: str) -> bytes:
        return self._first(doc_id, (self.extraction_path(doc_id), self.archive_dir(doc_id) / "extraction.json"))

    def load_archived_parsed(self, doc_id: str) -> ParsedDocument:
        """A superseded version (also found where it was, if a crash stopped the move)."""
        data = self._first(doc_id, (self.archive_dir(doc_id) / "parsed.json", self.parsed_path(doc_id)))
        return ParsedDocument.model_validate_json(data)

    def load_archived_extraction_json(self, doc_id: str) -> bytes:
        return self._first(doc_id, (self.archive_dir(doc_id) / "extraction.json", self.extraction_path(doc_id)))

    def iter_parsed(self) -> Iterator[ParsedDocument]:
        for doc_id in self.ids():
            yield self.load_parsed(doc_id)

    def stale_tasks(self) -> dict[str, list[str]]:
        """``{archived doc id: [task ids kept in the index as stale]}``."""
        return {d: list(a.stale_task_ids) for d, a in self.manifest().archived.items()}

    def counts(self, *, extracted_only: bool = True) -> Counts:
        m = self.manifest()
        docs = [d for d in m.documents.values() if d.extracted or not extracted_only]
        tasks = sum(d.task_count for d in docs) + sum(len(a.stale_task_ids) for a in m.archived.values())
        return Counts(len(docs), tasks, sum(d.citation_count for d in docs))

    def abbreviations(self) -> dict[str, set[str]]:
        """Every current document's own abbreviations, merged."""
        out: dict[str, set[str]] = {}
        for entry in self.manifest().documents.values():
            for short, long in entry.abbreviations.items():
                out.setdefault(short, set()).add(long)
        return out

    # writes ----------------------------------------------------------------------------
    def put(
        self,
        doc: ParsedDocument,
        *,
        source_key: str,
        extraction: bytes | str | dict[str, Any] | None = None,
        task_count: int = 0,
        citation_count: int = 0,
        abbreviations: dict[str, str] | None = None,
    ) -> SaveOutcome:
        """Store ``doc`` for ``source_key``; archive the version it supersedes.

        ``unchanged``: this id is current already (with an extraction, when one is given):
        nothing is written but a new source key naming it. An ingest-only entry that now gets
        its extraction is ``new`` (it was not indexed before). A superseded version another
        source key still names stays current.
        """
        doc_id = _check_id(doc.id)
        with self._file.change() as change:
            m = change.manifest
            durable = not self._file.in_batch
            entry = m.documents.get(doc_id)
            previous = m.sources.get(source_key)
            if previous == doc_id or previous not in m.documents:
                previous = None
            if previous and any(k != source_key and v == previous for k, v in m.sources.items()):
                previous = None
            if entry is not None and not previous and (extraction is None or self.has_extraction(doc_id)):
                if m.sources.get(source_key) != doc_id:
                    change.set_source(source_key, doc_id)
                return SaveOutcome("unchanged", doc_id, entry.source_key)
            # 1. content files (a crash here leaves orphans only)
            if entry is None or not self.parsed_path(doc_id).exists():
                atomic_write(self.parsed_path(doc_id), doc.model_dump_json().encode("utf-8"), durable=durable)
            if extraction is not None:
                atomic_write(self.extraction_path(doc_id), _as_bytes(extraction), durable=durable)
            if previous:
                self._copy_to_archive(previous, durable=durable)
            # 2. the manifest
            keep = entry is not None and extraction is None  # an ingest-only save of an extracted doc
            change.set_document(doc_id, DocumentEntry(
                source_key=source_key,
                filename=doc.source.filename,
                sha256=doc.source.sha256,
                saved_at=_now(),
                extracted=extraction is not None or (entry is not None and entry.extracted),
                task_count=entry.task_count if keep and entry else task_count,
                citation_count=entry.citation_count if keep and entry else citation_count,
                abbreviations=dict(entry.abbreviations if keep and entry else abbreviations or {}),
            ))
            change.set_source(source_key, doc_id)
            returning = doc_id in m.archived
            if returning:
                change.drop_archived(doc_id)  # an old version coming back is current again
            previous_extracted = False
            if previous:
                old = m.documents[previous]
                previous_extracted = old.extracted
                change.drop_document(previous)
                change.set_archived(previous, ArchivedEntry(
                    superseded_by=doc_id, source_key=old.source_key, filename=old.filename, sha256=old.sha256,
                    saved_at=old.saved_at, archived_at=_now(), extracted=old.extracted,
                    task_count=old.task_count, citation_count=old.citation_count,
                ))
        # 3. removals, once the journal line is on disk (a crash here leaves duplicates)
        gone = [self.parsed_path(previous), self.extraction_path(previous)] if previous else []
        if returning:
            gone.append(self.archive_dir(doc_id))
        if self._file.in_batch:
            self._removals.extend(gone)
        else:
            self._remove(gone)
        return SaveOutcome("replaced" if previous else "new", doc_id, source_key, previous, previous_extracted)

    def _copy_to_archive(self, doc_id: str, *, durable: bool) -> None:
        folder = self.archive_dir(doc_id)
        for src, name in ((self.parsed_path(doc_id), "parsed.json"), (self.extraction_path(doc_id), "extraction.json")):
            if src.exists():
                atomic_write(folder / name, src.read_bytes(), durable=durable)

    def set_stale_tasks(self, archived_id: str, task_ids: list[str]) -> None:
        """Record which tasks of an archived version stay in the index, flagged stale."""
        with self._file.change() as change:
            entry = change.manifest.archived.get(archived_id)
            if entry is not None:
                entry.stale_task_ids = sorted(task_ids)
                change.set_archived(archived_id, entry)

    def delete(self, doc_id: str) -> bool:
        """Remove a current document and every source key naming it; False when absent."""
        with self._file.change() as change:
            m = change.manifest
            if doc_id not in m.documents:
                return False
            change.drop_document(doc_id)
            for key in [k for k, v in m.sources.items() if v == doc_id]:
                change.drop_source(key)
        gone = [self.parsed_path(doc_id), self.extraction_path(doc_id)]
        if self._file.in_batch:
            self._removals.extend(gone)
        else:
            self._remove(gone)
        return True
