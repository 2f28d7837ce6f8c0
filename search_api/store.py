"""The data directory: the source of truth the index is rebuilt from.

Layout under ``DIRECTIVES_DATA_DIR``::

    parsed/<doc_id>.json        ParsedDocument (ingest's model, JSON)
    extractions/<doc_id>.json   Extraction (nlp's model, JSON)
    archive/<doc_id>/           superseded versions (parsed.json, extraction.json)
    manifest.json               current documents, source -> current version, archived versions
    edit-log.sqlite3            the tracking edit log (search_api.tracking; not touched here)
    engine/                     the local engine's data (search_api.engine)

Every write goes to a temporary file first and is renamed into place, so a crash never leaves
half-stored data. A "source" is what makes two files versions of one document: the canonical
document number when the header has one, else the file name.

>>> store = DataStore(Path("data"))
>>> outcome = store.save(parsed, extraction)
>>> outcome.status, outcome.previous
('new', None)
"""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.model import ParsedDocument
from ingest.store import atomic_write
from nlp.model import Extraction
from search_api.text import fold, number_key

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Counts:
    """What the index should hold: current documents, tasks (current + kept stale), citations."""

    documents: int
    tasks: int
    citations: int


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    status: str  # new | unchanged | replaced
    doc_id: str
    source_key: str
    previous: str | None = None  # the superseded version, when replaced


@dataclass(slots=True)
class Manifest:
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    archived: dict[str, dict[str, Any]] = field(default_factory=dict)


def source_key(doc: ParsedDocument) -> str:
    """``number:1804/QĐ-BTP`` when the header has a number, else ``file:<folded file name>``."""
    key = number_key(doc.metadata.number)
    if key:
        return f"number:{key}"
    return f"file:{fold(doc.source.filename)}"


def _write_atomic(path: Path, data: str) -> None:
    """Readers see the old file or the new one, never a mix; the write is on disk on return."""
    atomic_write(path, data.encode("utf-8"))


class DataStore:
    """Parsed documents, extraction results and versions on disk (thread-safe)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.RLock()

    # paths -----------------------------------------------------------------------------
    def _parsed(self, doc_id: str) -> Path:
        return self.root / "parsed" / f"{doc_id}.json"

    def _extraction(self, doc_id: str) -> Path:
        return self.root / "extractions" / f"{doc_id}.json"

    def _archive(self, doc_id: str) -> Path:
        return self.root / "archive" / doc_id

    # manifest --------------------------------------------------------------------------
    def manifest(self) -> Manifest:
        path = self.root / MANIFEST
        if not path.exists():
            return Manifest()
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(raw.get("documents", {}), raw.get("sources", {}), raw.get("archived", {}))

    def _save_manifest(self, m: Manifest) -> None:
        data = {"documents": m.documents, "sources": m.sources, "archived": m.archived}
        _write_atomic(self.root / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))

    # reads -----------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        return doc_id in self.manifest().documents and self._extraction(doc_id).exists()

    def current_ids(self) -> list[str]:
        return sorted(self.manifest().documents)

    def load(self, doc_id: str) -> tuple[ParsedDocument, Extraction]:
        """The current version's parsed document and extraction."""
        return (
            ParsedDocument.model_validate_json(self._parsed(doc_id).read_text(encoding="utf-8")),
            Extraction.model_validate_json(self._extraction(doc_id).read_text(encoding="utf-8")),
        )

    def load_archived(self, doc_id: str) -> tuple[ParsedDocument, Extraction]:
        folder = self._archive(doc_id)
        return (
            ParsedDocument.model_validate_json((folder / "parsed.json").read_text(encoding="utf-8")),
            Extraction.model_validate_json((folder / "extraction.json").read_text(encoding="utf-8")),
        )

    def stale_tasks(self) -> dict[str, list[str]]:
        """``{archived doc id: [task ids kept in the index as stale]}``."""
        return {d: list(a.get("stale_task_ids", [])) for d, a in self.manifest().archived.items()}

    def counts(self) -> Counts:
        m = self.manifest()
        tasks = sum(int(d.get("task_count", 0)) for d in m.documents.values())
        tasks += sum(len(a.get("stale_task_ids", [])) for a in m.archived.values())
        citations = sum(int(d.get("citation_count", 0)) for d in m.documents.values())
        return Counts(len(m.documents), tasks, citations)

    def abbreviations(self) -> dict[str, set[str]]:
        """Every current document's own abbreviations, merged."""
        out: dict[str, set[str]] = {}
        for info in self.manifest().documents.values():
            for short, long in info.get("abbreviations", {}).items():
                out.setdefault(short, set()).add(long)
        return out

    # writes ----------------------------------------------------------------------------
    def save(self, doc: ParsedDocument, ext: Extraction, *, citation_count: int) -> SaveOutcome:
        """Store a document version; archive the version it supersedes (same source)."""
        if ext.doc_id != doc.id:
            raise ValueError(f"extraction is for {ext.doc_id}, not {doc.id}")
        key = source_key(doc)
        with self._lock:
            m = self.manifest()
            if doc.id in m.documents and self._extraction(doc.id).exists():
                return SaveOutcome("unchanged", doc.id, m.documents[doc.id].get("source_key", key))
            _write_atomic(self._parsed(doc.id), doc.model_dump_json())
            _write_atomic(self._extraction(doc.id), ext.model_dump_json())
            previous = m.sources.get(key)
            if previous == doc.id or previous not in m.documents:
                previous = None
            m.documents[doc.id] = {
                "source_key": key,
                "filename": doc.source.filename,
                "ingested_at": datetime.now(UTC).isoformat(),
                "task_count": len(ext.tasks),
                "citation_count": citation_count,
                "abbreviations": dict(ext.abbreviations),
            }
            m.sources[key] = doc.id
            m.archived.pop(doc.id, None)  # an old version coming back becomes current again
            if previous:
                self._archive_locked(m, previous, superseded_by=doc.id)
            self._save_manifest(m)
            return SaveOutcome("replaced" if previous else "new", doc.id, key, previous)

    def _archive_locked(self, m: Manifest, doc_id: str, *, superseded_by: str) -> None:
        folder = self._archive(doc_id)
        folder.mkdir(parents=True, exist_ok=True)
        for src, name in ((self._parsed(doc_id), "parsed.json"), (self._extraction(doc_id), "extraction.json")):
            if src.exists():
                shutil.move(str(src), str(folder / name))
        info = m.documents.pop(doc_id, {})
        m.archived[doc_id] = {
            **{k: v for k, v in info.items() if k != "abbreviations"},
            "superseded_by": superseded_by,
            "archived_at": datetime.now(UTC).isoformat(),
            "stale_task_ids": [],
        }

    def set_stale_tasks(self, archived_id: str, task_ids: list[str]) -> None:
        """Record which tasks of an archived version stay in the index, flagged stale."""
        with self._lock:
            m = self.manifest()
            if archived_id in m.archived:
                m.archived[archived_id]["stale_task_ids"] = sorted(task_ids)
                self._save_manifest(m)
