"""The typed manifest: current documents, source keys, archived versions; and a change to it.

Entries are dataclasses that also answer dict-style reads (``entry.get("source_key")``,
``entry["task_count"]``), as the earlier JSON dicts did. Fields this version does not know are
kept in ``extra`` and written back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ingest.store.errors import StoreError

FORMAT_VERSION = 2


def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]


class _Entry:
    extra: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        if name in _field_names(type(self)) and name != "extra":
            return getattr(self, name)
        return self.extra.get(name, default)

    def __getitem__(self, name: str) -> Any:
        if name in _field_names(type(self)) and name != "extra":
            return getattr(self, name)
        return self.extra[name]

    def __contains__(self, name: object) -> bool:
        return (name in _field_names(type(self)) and name != "extra") or name in self.extra

    def to_json(self) -> dict[str, Any]:
        out = {**self.extra, **asdict(self)}  # type: ignore[call-overload]
        out.pop("extra", None)
        return out

    @classmethod
    def _from_json(cls, raw: dict[str, Any]) -> Any:
        if not isinstance(raw, dict):
            raise TypeError(f"an entry is a JSON object, not {type(raw).__name__}")
        raw = dict(raw)
        if "saved_at" not in raw and "ingested_at" in raw:  # the earlier DataStore's name
            raw["saved_at"] = raw.pop("ingested_at")
        names = _field_names(cls) - {"extra"}
        return cls(**{k: v for k, v in raw.items() if k in names},
                   extra={k: v for k, v in raw.items() if k not in names})


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
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DocumentEntry:
        return cls._from_json(raw)


@dataclass
class ArchivedEntry(_Entry):
    """A superseded version, kept in ``archive/<id>/``."""

    superseded_by: str = ""
    source_key: str = ""
    filename: str = ""
    sha256: str = ""
    saved_at: str = ""
    archived_at: str = ""
    extracted: bool = True
    task_count: int = 0
    citation_count: int = 0
    stale_task_ids: list[str] = field(default_factory=list)  # its tasks kept in the index, stale
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ArchivedEntry:
        return cls._from_json(raw)


@dataclass(slots=True)
class Manifest:
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # source key -> current doc id
    archived: dict[str, ArchivedEntry] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {
            "version": FORMAT_VERSION,
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
            m = cls()
            m.apply({"d": raw.get("documents", {}), "s": raw.get("sources", {}), "a": raw.get("archived", {})})
            return m
        except (ValueError, TypeError, AttributeError) as exc:
            raise StoreError(path, f"the manifest cannot be read ({exc})") from exc

    def apply(self, change: dict[str, Any]) -> None:
        """Apply one journal change: ``{"d"|"s"|"a": {key: value or null}}`` (null removes)."""
        for key, value in change.get("d", {}).items():
            if value is None:
                self.documents.pop(key, None)
            else:
                self.documents[key] = DocumentEntry.from_json(value)
        for key, value in change.get("s", {}).items():
            if value is None:
                self.sources.pop(key, None)
            else:
                self.sources[str(key)] = str(value)
        for key, value in change.get("a", {}).items():
            if value is None:
                self.archived.pop(key, None)
            else:
                self.archived[key] = ArchivedEntry.from_json(value)


class Change:
    """Edits to a manifest, applied at once in memory and recorded as one journal line."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self._d: dict[str, Any] = {}
        self._s: dict[str, str | None] = {}
        self._a: dict[str, Any] = {}

    def set_document(self, doc_id: str, entry: DocumentEntry) -> None:
        self.manifest.documents[doc_id] = entry
        self._d[doc_id] = entry.to_json()

    def drop_document(self, doc_id: str) -> None:
        self.manifest.documents.pop(doc_id, None)
        self._d[doc_id] = None

    def set_source(self, key: str, doc_id: str) -> None:
        self.manifest.sources[key] = doc_id
        self._s[key] = doc_id

    def drop_source(self, key: str) -> None:
        self.manifest.sources.pop(key, None)
        self._s[key] = None

    def set_archived(self, doc_id: str, entry: ArchivedEntry) -> None:
        self.manifest.archived[doc_id] = entry
        self._a[doc_id] = entry.to_json()

    def drop_archived(self, doc_id: str) -> None:
        self.manifest.archived.pop(doc_id, None)
        self._a[doc_id] = None

    def line(self) -> bytes | None:
        """The journal line (JSON + newline), or None when nothing changed."""
        if not (self._d or self._s or self._a):
            return None
        data = {k: v for k, v in (("d", self._d), ("s", self._s), ("a", self._a)) if v}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
