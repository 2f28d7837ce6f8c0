"""Source documents -> tantivy documents; ISO dates <-> milliseconds since the epoch.

>>> date_millis("1970-01-02")
86400000
>>> date_millis("2024-06-01", end_of_day=True) - date_millis("2024-06-01")
86399999
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from typing import Any

from tantivy import Document

from search_api.search.embedded.analysis import fold, nfc
from search_api.search.embedded.schema import (
    COLLECTION,
    COLLECTION_FIELDS,
    PRESENT,
    SOURCE,
    STRICT,
    UID,
    FieldSpec,
    Kind,
)
from search_api.search.model import Collection

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DocumentError(ValueError):
    """A document the mapping rejects (the Elasticsearch backend would reject it too)."""


def date_millis(value: Any, *, end_of_day: bool = False) -> int:
    """Milliseconds since the epoch for an ISO date/datetime, a ``date`` or epoch millis.

    A date without time is its first millisecond, or its last with ``end_of_day`` (how
    Elasticsearch rounds a date-only upper bound ``lte`` / lower bound ``gt``).
    """
    if isinstance(value, bool):
        raise DocumentError(f"not a date: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=UTC)
        return int(dt.timestamp() * 1000)
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise DocumentError(f"not a date: {value!r}")
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            d = date.fromisoformat(text)
            dt = datetime.combine(d, time.max if end_of_day else time.min, tzinfo=UTC)
            ms = int(dt.timestamp() * 1000)
            return ms - (ms % 1000) + 999 if end_of_day else ms
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise DocumentError(f"not a date: {value!r}") from exc
    return date_millis(dt)


def uid(collection: str, doc_id: str) -> str:
    return f"{collection}/{doc_id}"


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v is not None]
    return [value]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise DocumentError(f"not a boolean: {value!r}")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise DocumentError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise DocumentError(f"not an integer: {value!r}")


def _add(doc: Document, spec: FieldSpec, values: list[Any]) -> None:
    name = spec.name
    for v in values:
        if spec.kind in (Kind.KEYWORD, Kind.KEYWORD_TEXT):
            if isinstance(v, dict | list):
                raise DocumentError(f"{name}: an object is not a keyword")
            s = v if isinstance(v, str) else (str(v).lower() if isinstance(v, bool) else str(v))
            doc.add_text(name, s)
            if spec.kind == Kind.KEYWORD_TEXT:
                doc.add_text(f"{name}__text", fold(s))
        elif spec.kind == Kind.INTEGER:
            doc.add_integer(name, _int(v))
        elif spec.kind == Kind.DATE:
            doc.add_integer(name, date_millis(v))
        elif spec.kind == Kind.BOOLEAN:
            doc.add_boolean(name, _bool(v))
        elif spec.kind in (Kind.VI_TEXT, Kind.FOLDED_TEXT, Kind.SEGMENTED):
            if not isinstance(v, str):
                raise DocumentError(f"{name}: not a text: {v!r}")
            if spec.kind == Kind.VI_TEXT:
                doc.add_text(name, nfc(v))
                doc.add_text(f"{name}__folded", fold(v))
            elif spec.kind == Kind.FOLDED_TEXT:
                doc.add_text(name, fold(v))
            else:
                doc.add_text(name, nfc(v))


def to_document(collection: str, source: dict[str, Any]) -> Document:
    """The tantivy document for ``source`` in ``collection`` (``_meta`` documents: source only)."""
    doc_id = source.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise DocumentError("a document needs a non-empty string 'id'")
    doc = Document()
    doc.add_text(COLLECTION, collection)
    doc.add_text(UID, uid(collection, doc_id))
    try:
        coll = Collection(collection)
    except ValueError:
        coll = None
    if coll is not None:
        fields = COLLECTION_FIELDS[coll]
        for name, value in source.items():
            spec = fields.get(name)
            if spec is None:
                if STRICT[coll]:
                    raise DocumentError(f"{name!r} is not a field of {collection} (strict mapping)")
                continue
            values = _values(value)
            if not values or spec.kind == Kind.STORED:
                continue
            _add(doc, spec, values)
            doc.add_text(PRESENT, name)
    doc.add_bytes(SOURCE, json.dumps(source, ensure_ascii=False, separators=(",", ":")).encode())
    return doc


def source_of(doc: Document) -> dict[str, Any]:
    return json.loads(doc.get_first(SOURCE))
