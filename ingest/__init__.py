"""Files in, ``ParsedDocument`` out. Knows nothing of spaCy or Elasticsearch.

Public verbs: :func:`parse` (a file path or bytes) and :func:`parse_text` (a string).
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from ingest.ids import document_id
from ingest.model import (
    DocumentMetadata,
    ParsedDocument,
    Section,
    SourceInfo,
    Table,
    Zone,
)
from ingest.rawdoc import RawDocument

__all__ = [
    "parse",
    "parse_text",
    "ParsedDocument",
    "DocumentMetadata",
    "Section",
    "Table",
    "Zone",
]


def _basic_text(raw: RawDocument) -> str:
    parts = []
    for block in raw.blocks:
        text = getattr(block, "text", None)
        if text is None:
            text = "\n".join(" | ".join(c.strip() for c in row) for row in block.rows)
        parts.append(text)
    text = unicodedata.normalize("NFC", "\n".join(parts))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _build(raw: RawDocument, source: SourceInfo) -> ParsedDocument:
    text = _basic_text(raw)
    return ParsedDocument(
        id=document_id(text), source=source, text=text, metadata=DocumentMetadata()
    )


def parse(
    source: Path | bytes,
    *,
    filename: str | None = None,
    options: object | None = None,
) -> ParsedDocument:
    """Read a file (path or bytes) and return its normalised ``ParsedDocument``."""
    if isinstance(source, Path | str):
        path = Path(source)
        data = path.read_bytes()
        name = filename or path.name
        src_path: str | None = str(path)
    else:
        data = bytes(source)
        name = filename or "document.txt"
        src_path = None
    text = data.decode("utf-8-sig")
    info = SourceInfo(
        filename=name,
        path=src_path,
        file_type="txt",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return _build(RawDocument.from_text(text), info)


def parse_text(text: str, *, filename: str = "text.txt") -> ParsedDocument:
    """Parse an in-memory string as if it were a UTF-8 .txt file."""
    return parse(text.encode("utf-8"), filename=filename)
