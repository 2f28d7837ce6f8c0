"""The data directory: THE store of parsed documents, their extractions and their versions.

One layout, shared by ``ingest``-only runs (parsed documents only) and the full pipeline
(``search_api.store`` adds nlp's typed ``Extraction`` on top; here it is opaque JSON)::

    root/parsed/<doc id>.json        ParsedDocument JSON
    root/extractions/<doc id>.json   extraction JSON (opaque here; absent for ingest-only)
    root/archive/<doc id>/           superseded versions (parsed.json, extraction.json)
    root/manifest.json               typed Manifest: documents, sources, archived
    root/.manifest.lock              fcntl lock serialising manifest writes between processes

A "source" is what makes two files versions of one document (the caller's key: a canonical
document number, a file name, a relative path); saving a new id for a known source archives the
version it supersedes. Status words: ``new | unchanged | replaced``.

Every file write is atomic (temp file, fsync, ``os.replace``). The manifest is read once and
then held in memory (re-read only when another process changed the file), and written under a
thread lock plus an exclusive ``flock`` so two processes on one directory never lose each other's
entries. Write order is content files -> manifest -> removals, so a crash at any point leaves a
manifest whose every entry loads (at worst an orphan file remains).

>>> store = DocumentStore(Path("data"))
>>> store.put(doc, source_key="path:plans/kh.txt").status
'new'
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ingest.model import ParsedDocument

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"
SaveStatus = Literal["new", "unchanged", "replaced"]


class StoreError(Exception):
    """The data directory cannot be used: names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class DocumentMissing(FileNotFoundError, KeyError):
    """No stored file for this document id (an ``OSError`` and a ``KeyError``)."""

    def __init__(self, doc_id: str, path: Path) -> None:
        super().__init__(errno.ENOENT, f"document {doc_id} is not stored", str(path))
        self.doc_id = doc_id


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _read_file(path: Path) -> bytes:
    """The one place the manifest is read from disk (tests count the calls)."""
    return path.read_bytes()


def _now() -> str:
    return datetime.now(UTC).isoformat()


class _Entry:
    """Dict-style reads on a typed entry: ``entry.get("source_key")``, ``entry["task_count"]``."""

    extra: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        if name in _field_names(type(self)):
            return getattr(self, name)
        return self.extra.get(name, default)

    def __getitem__(self, name: str) -> Any:
        if name in _field_names(type(self)):
            return getattr(self, name)
        return self.extra[name]

    def __contains__(self, name: object) -> bool:
        return name in _field_names(type(self)) or name in self.extra

    def to_json(self) -> dict[str, Any]:
        out = {**self.extra, **asdict(self)}  # type: ignore[call-overload]
        out.pop("extra", None)
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Any:
        names = _field_names(cls)
        known = {k: v for k, v in raw.items() if k in names and k != "extra"}
        return cls(**known, extra={k: v for k, v in raw.items() if k not in names})


def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]


@dataclass
class DocumentEntry(_Entry):
    """A current document version."""

    source_key: str
    filename: str = ""
    sha256: str = ""
    saved_at: str = ""
    extracted: bool = True  # an extraction blob is stored (False: ingest-only)
    task_count: int = 0
    citation_count: int = 0
    abbreviations: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # fields of other versions, kept

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DocumentEntry:
        raw = dict(raw)
        if "saved_at" not in raw and "ingested_at" in raw:  # the earlier DataStore's name
            raw["saved_at"] = raw.pop("ingested_at")
        return super().from_json(raw)


@dataclass
class ArchivedEntry(_Entry):
    """A superseded version, kept in ``archive/<id>/``."""

    superseded_by: str
    source_key: str = ""
    filename: str = ""
    sha256: str = ""
    saved_at: str = ""
    archived_at: str = ""
    extracted: bool = True
    task_count: int = 0
    citation_count: int = 0
    stale_task_ids: list[str] = field(default_factory=list)  # tasks kept in the index, stale
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ArchivedEntry:
        raw = dict(raw)
        if "saved_at" not in raw and "ingested_at" in raw:
            raw["saved_at"] = raw.pop("ingested_at")
        raw.setdefault("superseded_by", "")
        return super().from_json(raw)


@dataclass(slots=True)
class Manifest:
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # source key -> current doc id
    archived: dict[str, ArchivedEntry] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {
            "version": 2,
            "documents": {k: v.to_json() for k, v in self.documents.items()},
            "sources": self.sources,
            "archived": {k: v.to_json() for k, v in self.archived.items()},
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, path: Path) -> Manifest:
        try:
            raw = json.loads(data)
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
            return cls(
                {k: DocumentEntry.from_json(v) for k, v in raw.get("documents", {}).items()},
                {str(k): str(v) for k, v in raw.get("sources", {}).items()},
                {k: ArchivedEntry.from_json(v) for k, v in raw.get("archived", {}).items()},
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise StoreError(path, f"the manifest cannot be read ({exc})") from exc


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


class DocumentStore:
    """Parsed documents (+ optional extraction blobs) and their versions under ``root``.

    Thread-safe; safe for several processes on one directory (manifest writes under ``flock``).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.RLock()
        self._manifest: Manifest | None = None
        self._signature: tuple[int, int, int] | None = None
        self._batch_depth = 0
        self._dirty = False

    # paths -----------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def parsed_path(self, doc_id: str) -> Path:
        return self.root / "parsed" / f"{_check_id(doc_id)}.json"

    def extraction_path(self, doc_id: str) -> Path:
        return self.root / "extractions" / f"{_check_id(doc_id)}.json"

    def archive_dir(self, doc_id: str) -> Path:
        return self.root / "archive" / _check_id(doc_id)

    # manifest --------------------------------------------------------------------------
    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.manifest_path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _current(self) -> Manifest:
        """The manifest in memory, re-read when the file changed since we last saw it."""
        with self._lock:
            if self._manifest is not None and self._batch_depth:
                return self._manifest  # a batch holds the file lock: nobody else writes
            sig = self._stat()
            if self._manifest is None or sig != self._signature:
                if sig is None:
                    self._manifest = Manifest()
                else:
                    self._manifest = Manifest.from_bytes(_read_file(self.manifest_path), self.manifest_path)
                self._signature = sig
            return self._manifest

    def manifest(self) -> Manifest:
        """The manifest (a live view: read it, do not change it)."""
        return self._current()

    def _write_manifest(self, m: Manifest) -> None:
        if self._batch_depth:
            self._dirty = True
            return
        atomic_write(self.manifest_path, m.to_bytes())
        self._signature = self._stat()

    @contextmanager
    def _writing(self) -> Iterator[Manifest]:
        """Thread lock + file lock around one read-modify-write of the manifest."""
        with self._lock:
            if self._batch_depth:
                yield self._current()
                return
            with self._file_lock():
                yield self._current()

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def batch(self) -> Iterator[DocumentStore]:
        """Many saves, one manifest write at the end (the file lock is held meanwhile).

        A crash inside the batch loses only the manifest entries of the batch: the content
        files written are orphans, and saving them again stores them.
        """
        with self._lock:
            if self._batch_depth:
                self._batch_depth += 1
                try:
                    yield self
                finally:
                    self._batch_depth -= 1
                return
            with self._file_lock():
                m = self._current()
                self._batch_depth = 1
                try:
                    yield self
                finally:
                    self._batch_depth = 0
                    if self._dirty:
                        self._dirty = False
                        self._write_manifest(m)

    # reads -----------------------------------------------------------------------------
    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self._current().documents

    def __len__(self) -> int:
        return len(self._current().documents)

    def has_extraction(self, doc_id: str) -> bool:
        entry = self._current().documents.get(doc_id)
        return entry is not None and entry.extracted and self.extraction_path(doc_id).exists()

    def ids(self, *, extracted: bool | None = None) -> list[str]:
        """Current document ids, sorted; ``extracted=True`` only those with an extraction."""
        docs = self._current().documents
        return sorted(d for d, e in docs.items() if extracted is None or e.extracted == extracted)

    def sources(self) -> dict[str, str]:
        return dict(self._current().sources)

    def load_parsed(self, doc_id: str) -> ParsedDocument:
        """The current version's parsed document; :class:`DocumentMissing` when absent."""
        for path in (self.parsed_path(doc_id), self.archive_dir(doc_id) / "parsed.json"):
            if path.exists():
                return ParsedDocument.model_validate_json(path.read_bytes())
        raise DocumentMissing(doc_id, self.parsed_path(doc_id))

    def load_extraction_json(self, doc_id: str) -> bytes:
        for path in (self.extraction_path(doc_id), self.archive_dir(doc_id) / "extraction.json"):
            if path.exists():
                return path.read_bytes()
        raise DocumentMissing(doc_id, self.extraction_path(doc_id))

    def load_archived_parsed(self, doc_id: str) -> ParsedDocument:
        """A superseded version (also found where it was, if a crash stopped the move)."""
        for path in (self.archive_dir(doc_id) / "parsed.json", self.parsed_path(doc_id)):
            if path.exists():
                return ParsedDocument.model_validate_json(path.read_bytes())
        raise DocumentMissing(doc_id, self.archive_dir(doc_id) / "parsed.json")

    def load_archived_extraction_json(self, doc_id: str) -> bytes:
        for path in (self.archive_dir(doc_id) / "extraction.json", self.extraction_path(doc_id)):
            if path.exists():
                return path.read_bytes()
        raise DocumentMissing(doc_id, self.archive_dir(doc_id) / "extraction.json")

    def iter_parsed(self) -> Iterator[ParsedDocument]:
        for doc_id in self.ids():
            yield self.load_parsed(doc_id)

    def stale_tasks(self) -> dict[str, list[str]]:
        """``{archived doc id: [task ids kept in the index as stale]}``."""
        return {d: list(a.stale_task_ids) for d, a in self._current().archived.items()}

    def counts(self, *, extracted_only: bool = True) -> Counts:
        m = self._current()
        docs = [d for d in m.documents.values() if d.extracted or not extracted_only]
        tasks = sum(d.task_count for d in docs) + sum(len(a.stale_task_ids) for a in m.archived.values())
        return Counts(len(docs), tasks, sum(d.citation_count for d in docs))

    def abbreviations(self) -> dict[str, set[str]]:
        """Every current document's own abbreviations, merged."""
        out: dict[str, set[str]] = {}
        for entry in self._current().documents.values():
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

        ``unchanged``: this id is current already (and has an extraction when one is given):
        nothing is written except a new source key pointing at it. An ingest-only entry that now
        gets its extraction is ``new`` (it was not indexed before).
        """
        doc_id = _check_id(doc.id)
        with self._writing() as m:
            entry = m.documents.get(doc_id)
            previous = m.sources.get(source_key)
            if previous == doc_id or previous not in m.documents:
                previous = None
            if entry is not None and (extraction is None or self.has_extraction(doc_id)) and not previous:
                if m.sources.get(source_key) != doc_id:
                    m.sources[source_key] = doc_id
                    self._write_manifest(m)
                return SaveOutcome("unchanged", doc_id, entry.source_key)
            # 1. content files (a crash here leaves orphans only)
            if entry is None or not self.parsed_path(doc_id).exists():
                atomic_write(self.parsed_path(doc_id), doc.model_dump_json().encode("utf-8"))
            if extraction is not None:
                atomic_write(self.extraction_path(doc_id), _as_bytes(extraction))
            previous_extracted = False
            if previous:
                previous_extracted = m.documents[previous].extracted
                if any(k != source_key and v == previous for k, v in m.sources.items()):
                    previous = None  # another source still names that version: it stays current
                else:
                    self._copy_to_archive(previous)
            # 2. the manifest
            returning = doc_id in m.archived
            m.documents[doc_id] = DocumentEntry(
                source_key=source_key,
                filename=doc.source.filename,
                sha256=doc.source.sha256,
                saved_at=_now(),
                extracted=extraction is not None or (entry is not None and entry.extracted),
                task_count=task_count if extraction is not None or entry is None else entry.task_count,
                citation_count=citation_count if extraction is not None or entry is None else entry.citation_count,
                abbreviations=dict(abbreviations or (entry.abbreviations if entry and extraction is None else {})),
            )
            m.sources[source_key] = doc_id
            m.archived.pop(doc_id, None)  # an old version coming back is current again
            if previous:
                old = m.documents.pop(previous)
                m.archived[previous] = ArchivedEntry(
                    superseded_by=doc_id, source_key=old.source_key, filename=old.filename, sha256=old.sha256,
                    saved_at=old.saved_at, archived_at=_now(), extracted=old.extracted,
                    task_count=old.task_count, citation_count=old.citation_count,
                )
            self._write_manifest(m)
            # 3. removals (a crash here leaves duplicates, and the loaders look in both places)
            if previous:
                self.parsed_path(previous).unlink(missing_ok=True)
                self.extraction_path(previous).unlink(missing_ok=True)
            if returning:
                shutil.rmtree(self.archive_dir(doc_id), ignore_errors=True)
            status: SaveStatus = "replaced" if previous else "new"
            return SaveOutcome(status, doc_id, source_key, previous, previous_extracted if previous else False)

    def _copy_to_archive(self, doc_id: str) -> None:
        folder = self.archive_dir(doc_id)
        for src, name in ((self.parsed_path(doc_id), "parsed.json"), (self.extraction_path(doc_id), "extraction.json")):
            if src.exists():
                atomic_write(folder / name, src.read_bytes())

    def set_stale_tasks(self, archived_id: str, task_ids: list[str]) -> None:
        """Record which tasks of an archived version stay in the index, flagged stale."""
        with self._writing() as m:
            if archived_id in m.archived:
                m.archived[archived_id].stale_task_ids = sorted(task_ids)
                self._write_manifest(m)

    def delete(self, doc_id: str) -> bool:
        """Remove a current document and every source key naming it; False when absent."""
        with self._writing() as m:
            if doc_id not in m.documents:
                return False
            del m.documents[doc_id]
            for key in [k for k, v in m.sources.items() if v == doc_id]:
                del m.sources[key]
            self._write_manifest(m)
            self.parsed_path(doc_id).unlink(missing_ok=True)
            self.extraction_path(doc_id).unlink(missing_ok=True)
            return True
