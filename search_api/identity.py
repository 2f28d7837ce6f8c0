"""Document identity across formats: the same document as .txt, .pdf or .docx is one document.

Two files are the same document when their normalised texts are equal: NFC text folded
(case, accents), everything but letters and digits dropped, so line breaks, page layout and
punctuation spacing of a PDF or a .docx do not count. An upload of a document already in the
corpus in another format is then "không thay đổi" (unchanged) instead of a new version that
would retire the old one and turn its tracked tasks stale.

>>> text_fingerprint("Điều 1.\\nCục THADS") == text_fingerprint("điều 1 cục   thads")
True
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Any

from search_api.text import fold

_NOT_WORD = re.compile(r"[\W_]+")
_cache: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def text_fingerprint(text: str) -> str:
    """SHA-256 (hex, 32 chars) of the normalised text."""
    return hashlib.sha256(_NOT_WORD.sub("", fold(text or "")).encode("utf-8")).hexdigest()[:32]


def _fingerprint_of(store: Any, doc_id: str) -> str | None:
    key = (str(Path(store.root).resolve()) if hasattr(store, "root") else str(id(store)), doc_id)
    with _lock:
        found = _cache.get(key)
    if found is not None:
        return found
    try:
        text = store.load_parsed(doc_id).text
    except Exception:  # noqa: BLE001 - a damaged stored document is simply not a match
        return None
    found = text_fingerprint(text)
    with _lock:
        _cache[key] = found
    return found


def same_document(ctx: Any, doc: Any) -> str | None:
    """The id of the current document ``doc`` is another format of (same normalised text), or
    None. ``doc`` itself (same id) is not reported: that case is already "unchanged"."""
    if not (doc.text or "").strip():
        return None
    wanted = text_fingerprint(doc.text)
    for doc_id in ctx.store.current_ids():
        if doc_id != doc.id and _fingerprint_of(ctx.store, doc_id) == wanted:
            return doc_id
    return None


def verdict(ctx: Any, doc: Any) -> dict[str, Any]:
    """What uploading ``doc`` would do: ``unchanged`` (the same document, maybe in another
    format), ``new_version`` (same number as a current document, other text) or ``new``."""
    from search_api.store import source_key

    manifest = ctx.store.manifest()
    same = doc.id if doc.id in manifest.documents else same_document(ctx, doc)
    if same is not None:
        return {"verdict": "unchanged", "document_id": same}
    current = manifest.sources.get(source_key(doc))
    if current and current in manifest.documents:
        return {"verdict": "new_version", "document_id": current}
    return {"verdict": "new", "document_id": None}
