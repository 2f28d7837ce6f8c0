"""A folder of parsed documents: one JSON file per document, an index of source keys.

``put`` is idempotent: the same content (same document id) writes nothing; changed content
for a source key replaces the previous version. Every write is atomic (temp file, fsync,
``os.replace``), so a crash never leaves half a document.

Layout::

    root/docs/<doc id>.json     ParsedDocument JSON
    root/sources.json           {source key: doc id}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ingest.model import ParsedDocument

PutStatus = Literal["added", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class PutResult:
    status: PutStatus
    doc_id: str
    previous_id: str | None = None  # for "replaced": the id that was removed


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


class ParsedStore:
    """Parsed documents on disk under ``root``, keyed by source (file name or relative path)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.docs_dir = self.root / "docs"
        self.index_path = self.root / "sources.json"

    # -- index ---------------------------------------------------------------------------
    def sources(self) -> dict[str, str]:
        """``{source key: doc id}``."""
        if not self.index_path.exists():
            return {}
        return json.loads(self.index_path.read_text(encoding="utf-8"))

    def _save_sources(self, sources: dict[str, str]) -> None:
        data = json.dumps(dict(sorted(sources.items())), ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self.index_path, data)

    def _doc_path(self, doc_id: str) -> Path:
        if not doc_id or not all(c.isalnum() or c in "-_" for c in doc_id):
            raise ValueError(f"invalid document id {doc_id!r}")
        return self.docs_dir / f"{doc_id}.json"

    # -- operations ----------------------------------------------------------------------
    def put(self, doc: ParsedDocument, source_key: str) -> PutResult:
        """Store ``doc`` for ``source_key``: "added", "unchanged" (nothing written) or
        "replaced" (``previous_id`` is removed unless another source still uses it)."""
        sources = self.sources()
        previous = sources.get(source_key)
        path = self._doc_path(doc.id)
        if previous == doc.id and path.exists():
            return PutResult("unchanged", doc.id)
        if not path.exists():
            atomic_write(path, doc.model_dump_json().encode("utf-8"))
        sources[source_key] = doc.id
        self._save_sources(sources)
        if previous is None:
            return PutResult("added", doc.id)
        if previous == doc.id:  # the index pointed here but the file was missing
            return PutResult("added", doc.id)
        if previous not in sources.values():
            self._doc_path(previous).unlink(missing_ok=True)
        return PutResult("replaced", doc.id, previous)

    def get(self, doc_id: str) -> ParsedDocument:
        """The stored document; ``KeyError`` when absent."""
        path = self._doc_path(doc_id)
        if not path.exists():
            raise KeyError(doc_id)
        return ParsedDocument.model_validate_json(path.read_bytes())

    def ids(self) -> list[str]:
        if not self.docs_dir.exists():
            return []
        return sorted(p.stem for p in self.docs_dir.glob("*.json"))

    def iter_docs(self) -> Iterator[ParsedDocument]:
        for doc_id in self.ids():
            yield self.get(doc_id)

    def delete(self, doc_id: str) -> bool:
        """Remove a document and every source key pointing at it; False when it was absent."""
        path = self._doc_path(doc_id)
        sources = self.sources()
        kept = {k: v for k, v in sources.items() if v != doc_id}
        if kept != sources:
            self._save_sources(kept)
        if path.exists():
            path.unlink()
            return True
        return kept != sources

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._doc_path(doc_id).exists()

    def __len__(self) -> int:
        return len(self.ids())
