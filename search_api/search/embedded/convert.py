"""Source documents -> tantivy documents; ISO dates <-> milliseconds since the epoch.

>>> date_millis("1970-01-02")
86400000
>>> date_millis("2024-06-01", end_of_day=True) - date_millis("2024-06-01")
86399999
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from tantivy import Document

from search_api.search.embedded.analysis import fold, nfc, word_pairs
from search_api.search.embedded.schema import (
    COLLECTION,
    COLLECTION_FIELDS,
    PAIRED,
    PAIRS,
    PRESENT,
    SOURCE,
    STRICT,
    UID,
    Kind,
)

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


def _keyword(v: Any, name: str) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, dict | list):
        raise DocumentError(f"{name}: an object is not a keyword")
    return str(v).lower() if isinstance(v, bool) else str(v)


def _text(v: Any, name: str) -> str:
    if not isinstance(v, str):
        raise DocumentError(f"{name}: not a text: {v!r}")
    return v


@lru_cache(maxsize=65536)
def _date_str(v: str) -> int:
    return date_millis(v)


def _date(v: Any) -> int:
    return _date_str(v) if isinstance(v, str) else date_millis(v)


def _add_keyword(doc: Document, name: str, v: Any) -> None:
    doc.add_text(name, _keyword(v, name))


def _add_keyword_text(doc: Document, name: str, v: Any) -> None:
    s = _keyword(v, name)
    doc.add_text(name, s)
    doc.add_text(f"{name}__text", fold(s))


def _add_integer(doc: Document, name: str, v: Any) -> None:
    doc.add_integer(name, _int(v))


def _add_date(doc: Document, name: str, v: Any) -> None:
    doc.add_integer(name, _date(v))


def _add_boolean(doc: Document, name: str, v: Any) -> None:
    doc.add_boolean(name, _bool(v))


def _add_vi_text(doc: Document, name: str, v: Any) -> None:
    t = _text(v, name)
    doc.add_text(name, nfc(t))
    folded = fold(t)
    doc.add_text(f"{name}__folded", folded)
    if name == PAIRED:
        pairs = word_pairs(folded)
        if pairs:
            doc.add_text(PAIRS, " ".join(pairs))


def _add_folded(doc: Document, name: str, v: Any) -> None:
    doc.add_text(name, fold(_text(v, name)))


def _add_segmented(doc: Document, name: str, v: Any) -> None:
    doc.add_text(name, nfc(_text(v, name)))


_ADDERS: dict[Kind, Callable[[Document, str, Any], None]] = {
    Kind.KEYWORD: _add_keyword, Kind.KEYWORD_TEXT: _add_keyword_text, Kind.INTEGER: _add_integer,
    Kind.DATE: _add_date, Kind.BOOLEAN: _add_boolean, Kind.VI_TEXT: _add_vi_text,
    Kind.FOLDED_TEXT: _add_folded, Kind.SEGMENTED: _add_segmented,
}
# Per collection: field name -> its adder (stored-only fields map to None).
_PLANS: dict[str, dict[str, Callable[[Document, str, Any], None] | None]] = {
    coll.value: {name: _ADDERS.get(spec.kind) for name, spec in fields.items()}
    for coll, fields in COLLECTION_FIELDS.items()
}
_STRICT = {coll.value: strict for coll, strict in STRICT.items()}


def to_document(collection: str, source: dict[str, Any]) -> Document:
    """The tantivy document for ``source`` in ``collection`` (``_meta`` documents: source only)."""
    doc_id = source.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise DocumentError("a document needs a non-empty string 'id'")
    doc = Document()
    doc.add_text(COLLECTION, collection)
    doc.add_text(UID, uid(collection, doc_id))
    plan = _PLANS.get(collection)
    if plan is not None:
        strict = _STRICT[collection]
        for name, value in source.items():
            if name not in plan:
                if strict:
                    raise DocumentError(f"{name!r} is not a field of {collection} (strict mapping)")
                continue
            add = plan[name]
            if value is None or add is None:
                continue
            if isinstance(value, list | tuple):
                present = False
                for v in value:
                    if v is not None:
                        add(doc, name, v)
                        present = True
                if not present:
                    continue
            else:
                add(doc, name, value)
            doc.add_text(PRESENT, name)
    doc.add_bytes(SOURCE, json.dumps(source, ensure_ascii=False, separators=(",", ":")).encode())
    return doc


def source_of(doc: Document) -> dict[str, Any]:
    return json.loads(doc.get_first(SOURCE))
