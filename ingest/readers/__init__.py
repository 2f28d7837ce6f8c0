"""Format readers behind one entry point: :func:`read` (bytes or a path -> ``RawDocument``).

The reader for a format is found through the :class:`~ingest.filetype.FileType` registry; every
failure is an :class:`~ingest.errors.IngestError` subclass naming the file.

>>> read("Chỉ thị số 01/CT-UBND".encode(), filename="a.txt").blocks[0].text
'Chỉ thị số 01/CT-UBND'
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from ingest.errors import CorruptDocument, EmptyFile, FileTooLarge, IngestError, UnreadableFile
from ingest.filetype import FileType, detect
from ingest.options import DEFAULT_OPTIONS, ReaderOptions
from ingest.rawdoc import Paragraph, RawDocument, TableBlock

__all__ = ["Reader", "read", "reader_for", "READERS"]


class Reader(Protocol):
    """``read(data, name=..., file_type=..., options=...) -> RawDocument``; raises IngestError."""

    def __call__(
        self, data: bytes, *, name: str, file_type: FileType, options: ReaderOptions
    ) -> RawDocument: ...


# FileType -> module under ingest.readers exposing ``read`` (imported on first use).
READERS: dict[FileType, str] = {ft: ft.reader for ft in FileType}


def reader_for(file_type: FileType) -> Reader:
    """The reader function registered for ``file_type``."""
    module = importlib.import_module(f"{__name__}.{READERS[file_type]}")
    return module.read


def _load(source: Path | bytes | str, filename: str | None, options: ReaderOptions) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename or "<bytes>"
        if len(data) > options.max_bytes:
            raise FileTooLarge(name, len(data), options.max_bytes)
        return data, name
    path = Path(source)
    name = filename or path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(name, "it is a folder, not a file")
        if size > options.max_bytes:
            raise FileTooLarge(name, size, options.max_bytes)
        return path.read_bytes(), name
    except FileNotFoundError:
        raise UnreadableFile(name, "no such file") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableFile(name, "it is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(name, exc.strerror or str(exc)) from None


def _has_text(raw: RawDocument) -> bool:
    for block in raw.blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            return True
        if isinstance(block, TableBlock) and any(cell.strip() for row in block.rows for cell in row):
            return True
    return False


def read(
    source: Path | bytes,
    *,
    filename: str | None = None,
    options: ReaderOptions | None = None,
) -> RawDocument:
    """Read a file (path or bytes) into blocks in reading order.

    ``filename`` names the input in errors and guides type detection for bytes (its extension
    is the second clue after the content). Raises an ``IngestError`` subclass on bad input:
    ``FileTooLarge``, ``EmptyFile``, ``BinaryContent``, ``UnsupportedFormat``, ``EncryptedPdf``,
    ``NoTextLayer``, ``CorruptDocument``, ``UndecodableText``, ``UnreadableFile``.
    """
    opts = options or DEFAULT_OPTIONS
    data, name = _load(source, filename, opts)
    if not data.strip():
        raise EmptyFile(name)
    file_type = detect(name, data)
    reader = reader_for(file_type)
    try:
        raw = reader(data, name=name, file_type=file_type, options=opts)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - a library choking on bad bytes means a corrupt file
        raise CorruptDocument(name, file_type.value.upper(), f"{type(exc).__name__}: {exc}") from exc
    if not _has_text(raw):
        raise EmptyFile(name)
    raw.file_type = file_type.value
    return raw
