"""Files in, ``ParsedDocument`` out. Knows nothing of spaCy or Elasticsearch.

Two verbs:

- :func:`parse` reads a file (path or bytes) through the format readers, normalises the
  text, finds the header metadata, zones, section tree and tables;
- :func:`parse_text` does the same for an in-memory string (as a UTF-8 ``.txt``).

>>> doc = parse_text("QUYẾT ĐỊNH\\nVề việc ban hành Kế hoạch\\nĐiều 1. Ban hành kèm theo ...")
>>> doc.metadata.doc_type, [s.path for s in doc.sections]
('Quyết định', ['Điều 1'])

Bad input raises an :class:`ingest.errors.IngestError` subclass naming the file and reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.model import (
    DocumentMetadata,
    ParsedDocument,
    Section,
    SourceInfo,
    Table,
    Zone,
)
from ingest.options import ReaderOptions
from ingest.rawdoc import RawDocument

__all__ = [
    "parse",
    "parse_text",
    "parse_raw",
    "ParsedDocument",
    "DocumentMetadata",
    "Section",
    "Table",
    "Zone",
    "SourceInfo",
]


def parse_raw(raw: RawDocument, source: SourceInfo) -> ParsedDocument:
    """Normalise a reader's ``RawDocument`` and build the ``ParsedDocument``."""
    from ingest import header, sections, zones
    from ingest.ids import document_id
    from ingest.normalize import normalize
    from ingest.tables import build_table

    norm = normalize(raw)
    if raw.ocr is not None:
        from ingest.ocr_run import with_offsets

        source = source.model_copy(update={"ocr": with_offsets(raw.ocr, raw, norm)})
    paras = norm.paragraphs
    tables = []
    for t in norm.tables:
        hp = paras[t.header_para] if t.header_para is not None else None
        row_paras = [paras[i] for i in t.row_paras]
        tables.append(
            build_table(
                t.header,
                t.rows,
                (hp.start, hp.end) if hp else None,
                [(p.start, p.end) for p in row_paras],
                [p.cells for p in row_paras],
            )
        )
    lay = zones.layout(paras)
    return ParsedDocument(
        id=document_id(norm.text),
        source=source,
        text=norm.text,
        metadata=header.extract(paras, lay, norm.text),
        zones=zones.zones(paras, lay),
        sections=sections.build(paras, lay, tables),
        tables=tables,
    )


def parse(
    source: Path | bytes,
    *,
    filename: str | None = None,
    options: ReaderOptions | None = None,
) -> ParsedDocument:
    """Read a file (path or bytes) and return its normalised ``ParsedDocument``.

    Raises ``ingest.errors.IngestError`` (a subclass per reason) on bad input.
    """
    from ingest.readers import read

    raw = read(source, filename=filename, options=options)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename or "document.txt"
        path = None
    else:
        data = Path(source).read_bytes()
        name = filename or Path(source).name
        path = str(source)
    info = SourceInfo(
        filename=Path(name).name,
        path=path,
        file_type=raw.file_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=raw.encoding,
    )
    return parse_raw(raw, info)


def parse_text(text: str, *, filename: str = "text.txt") -> ParsedDocument:
    """Parse an in-memory string as if it were a UTF-8 ``.txt`` file (no reader involved)."""
    data = text.encode("utf-8")
    info = SourceInfo(
        filename=filename,
        path=None,
        file_type="txt",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return parse_raw(RawDocument.from_text(text), info)
