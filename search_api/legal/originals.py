"""The original files, kept as ingested: ``<data_dir>/originals/<sha256><suffix>``.

``ParsedDocument.source`` names the file and its sha256; the bytes are saved once per content
(two documents with the same bytes share one file) and served by ``GET /documents/{id}/original``.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path, PurePath
from typing import Any

from search_api.store import atomic_write

log = logging.getLogger(__name__)

DIRNAME = "originals"
MEDIA_TYPES = {
    ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword", ".rtf": "application/rtf",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def suffix_of(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if suffix in MEDIA_TYPES else ".bin"


def path_for(data_dir: Path, sha256: str, filename: str) -> Path:
    if not sha256 or not all(c in "0123456789abcdef" for c in sha256.lower()):
        raise ValueError(f"not a sha256: {sha256!r}")
    return Path(data_dir) / DIRNAME / f"{sha256.lower()}{suffix_of(filename)}"


def save_original(ctx: Any, source: Path | bytes, doc: Any) -> Path | None:
    """Keep the bytes a document was parsed from; never raises (the ingest goes on without)."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        sha = doc.source.sha256 or hashlib.sha256(data).hexdigest()
        target = path_for(ctx.settings.data_dir, sha, doc.source.filename)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
        return target
    except Exception as exc:  # noqa: BLE001 - keeping a copy must never fail an ingest
        log.warning("%s: original file not kept (%s)", getattr(doc.source, "filename", "?"), exc)
        return None


def keep_from_path(ctx: Any, doc: Any) -> Path | None:
    """Keep the original of a document parsed from disk (``doc.source.path``) when it is not kept
    yet and the file still holds the bytes parsed (same sha256); never raises."""
    try:
        src = doc.source
        if not src.path or not src.sha256:
            return None
        target = path_for(ctx.settings.data_dir, src.sha256, src.filename)
        if target.exists():
            return target
        data = Path(src.path).read_bytes()
        if hashlib.sha256(data).hexdigest() != src.sha256.lower():
            log.warning("%s changed since it was parsed: original not kept", src.filename)
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        return target
    except Exception as exc:  # noqa: BLE001 - keeping a copy must never fail an ingest
        log.warning("%s: original file not kept (%s)", getattr(getattr(doc, "source", None), "filename", "?"), exc)
        return None


def find_original(data_dir: Path, sha256: str, filename: str) -> Path | None:
    try:
        target = path_for(data_dir, sha256, filename)
    except ValueError:
        return None
    return target if target.is_file() else None


def media_type(filename: str) -> str:
    return MEDIA_TYPES.get(suffix_of(filename), "application/octet-stream")
