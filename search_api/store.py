"""The data directory as search_api sees it: :class:`ingest.store.DocumentStore` with nlp's typed
``Extraction`` and the canonical source key. The source of truth the index is rebuilt from.

Layout (one, shared with ``ingest``-only runs; see :mod:`ingest.store`) under
``DIRECTIVES_DATA_DIR``::

    parsed/<doc_id>.json        ParsedDocument (ingest's model, JSON)
    extractions/<doc_id>.json   Extraction (nlp's model, JSON)
    archive/<doc_id>/           superseded versions (parsed.json, extraction.json)
    manifest.json               current documents, source -> current version, archived versions
    manifest.log                changes since manifest.json, one JSON line each (ingest.store.journal)
    edit-log.sqlite3            the tracking edit log (search_api.tracking; not touched here)

A "source" is what makes two files versions of one document: the canonical document number
when the header has one, else the file name. Only documents with an extraction are "current"
here (an ``ingest``-only document has none yet, so it is not in the index either).

>>> store = DataStore(Path("data"))
>>> outcome = store.save(parsed, extraction, citation_count=3)
>>> outcome.status, outcome.previous
('new', None)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ingest.model import ParsedDocument
from ingest.store import (
    ArchivedEntry,
    Counts,
    DocumentEntry,
    DocumentStore,
    Manifest,
    SaveOutcome,
    atomic_write,
)
from nlp.model import Extraction
from search_api.text import fold, number_key

__all__ = [
    "ArchivedEntry",
    "Counts",
    "DataStore",
    "DocumentEntry",
    "Manifest",
    "SaveOutcome",
    "atomic_write",
    "shared_store",
    "source_key",
]


def source_key(doc: ParsedDocument) -> str:
    """``number:1804/QĐ-BTP`` when the header has a number, else ``file:<folded file name>``."""
    key = number_key(doc.metadata.number)
    if key:
        return f"number:{key}"
    return f"file:{fold(doc.source.filename)}"


class DataStore(DocumentStore):
    """Parsed documents, extraction results and versions on disk (thread- and process-safe)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)

    # reads -----------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        """The document is current and its extraction is stored."""
        return self.has_extraction(doc_id)

    def current_ids(self) -> list[str]:
        """Current documents that have an extraction (what the index should hold)."""
        return self.ids(extracted=True)

    def load(self, doc_id: str) -> tuple[ParsedDocument, Extraction]:
        """The current version's parsed document and extraction."""
        return self.load_parsed(doc_id), Extraction.model_validate_json(self.load_extraction_json(doc_id))

    def load_archived(self, doc_id: str) -> tuple[ParsedDocument, Extraction]:
        return (
            self.load_archived_parsed(doc_id),
            Extraction.model_validate_json(self.load_archived_extraction_json(doc_id)),
        )

    # writes ----------------------------------------------------------------------------
    def save(self, doc: ParsedDocument, ext: Extraction, *, citation_count: int) -> SaveOutcome:
        """Store a document version; archive the version it supersedes (same source).

        ``previous`` names the superseded version only when it had an extraction (it is in the
        index and must be retired); an ``ingest``-only predecessor is archived silently.
        """
        if ext.doc_id != doc.id:
            raise ValueError(f"extraction is for {ext.doc_id}, not {doc.id}")
        out = self.put(
            doc,
            source_key=source_key(doc),
            extraction=ext.model_dump_json(),
            task_count=len(ext.tasks),
            citation_count=citation_count,
            abbreviations=dict(ext.abbreviations),
        )
        if out.status == "replaced" and not out.previous_extracted:
            return SaveOutcome("new", out.doc_id, out.source_key)
        return out


_SHARED: dict[tuple[int, Path], DataStore] = {}
_SHARED_LOCK = threading.Lock()


def shared_store(root: Path) -> DataStore:
    """One :class:`DataStore` per process and directory, so a worker that checks many files
    (``has``) reads the manifest once instead of once per file."""
    key = (os.getpid(), Path(root).resolve())
    with _SHARED_LOCK:
        store = _SHARED.get(key)
        if store is None:
            store = _SHARED[key] = DataStore(Path(root))
        return store
