"""Old word-processor formats (.doc, .rtf, .odt): converted to .docx by LibreOffice headless
(:mod:`ingest.convert`), then read by the .docx reader, so numbering, tables and the layout
header come out the same way."""

from __future__ import annotations

from ingest.convert import to_docx
from ingest.filetype import FileType
from ingest.options import ReaderOptions
from ingest.rawdoc import RawDocument
from ingest.readers import docx


def read(data: bytes, *, name: str, file_type: FileType, options: ReaderOptions) -> RawDocument:
    converted = to_docx(data, name=name, kind=file_type.value, timeout=options.convert_timeout)
    raw = docx.read(converted, name=name, file_type=FileType.DOCX, options=options)
    raw.file_type = file_type.value
    return raw
