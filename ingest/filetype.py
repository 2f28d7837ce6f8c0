"""Which reader a file needs: content sniffing first, the file name's extension second.

>>> detect("report.bin", b"%PDF-1.7 ...")
<FileType.PDF: 'pdf'>
>>> detect("notes.md", "# Kế hoạch".encode())
<FileType.MD: 'md'>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

from ingest.errors import BinaryContent, UnsupportedFormat


@dataclass(frozen=True, slots=True)
class _Spec:
    extensions: tuple[str, ...]
    mime_types: tuple[str, ...]
    magic: tuple[bytes, ...]  # byte signatures at offset 0 (empty: text formats)
    reader: str  # module under ingest.readers


class FileType(StrEnum):
    """The supported formats, each carrying its extensions, MIME types, magic bytes and reader."""

    TXT = "txt"
    MD = "md"
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    DOC = "doc"  # Word 97-2003, converted by LibreOffice
    RTF = "rtf"
    ODT = "odt"

    @property
    def spec(self) -> _Spec:
        return _SPECS[self]

    @property
    def extensions(self) -> tuple[str, ...]:
        return self.spec.extensions

    @property
    def mime_types(self) -> tuple[str, ...]:
        return self.spec.mime_types

    @property
    def mime_type(self) -> str:
        return self.spec.mime_types[0]

    @property
    def magic(self) -> tuple[bytes, ...]:
        return self.spec.magic

    @property
    def reader(self) -> str:
        return self.spec.reader

    @classmethod
    def from_extension(cls, extension: str) -> FileType | None:
        ext = extension.lower()
        if ext and not ext.startswith("."):
            ext = "." + ext
        for member in cls:
            if ext in member.extensions:
                return member
        return None

    @classmethod
    def from_mime_type(cls, mime: str) -> FileType | None:
        mime = mime.split(";")[0].strip().lower()
        for member in cls:
            if mime in member.mime_types:
                return member
        return None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .doc, .xls, .ppt
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every .doc has
_OTHER_OLE_STREAMS = (("Workbook".encode("utf-16-le"), ".xls"), ("PowerPoint Document".encode("utf-16-le"), ".ppt"))
_ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"

_SPECS: dict[FileType, _Spec] = {
    FileType.TXT: _Spec((".txt", ".text"), ("text/plain",), (), "text"),
    FileType.MD: _Spec((".md", ".markdown"), ("text/markdown", "text/x-markdown"), (), "text"),
    FileType.PDF: _Spec((".pdf",), ("application/pdf",), (b"%PDF-",), "pdf"),
    FileType.DOCX: _Spec(
        (".docx",),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        (b"PK\x03\x04",),
        "docx",
    ),
    FileType.HTML: _Spec((".html", ".htm", ".xhtml"), ("text/html", "application/xhtml+xml"), (), "html"),
    FileType.DOC: _Spec((".doc",), ("application/msword",), (_OLE,), "converted"),
    FileType.RTF: _Spec((".rtf",), ("application/rtf", "text/rtf"), (b"{\\rtf",), "converted"),
    FileType.ODT: _Spec(
        (".odt",), ("application/vnd.oasis.opendocument.text",), (b"PK\x03\x04",), "converted"
    ),
}

# Well-known signatures of formats we recognise but do not read: named in the error.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", ".png (image)"),
    (b"\xff\xd8\xff", ".jpg (image)"),
    (b"GIF8", ".gif (image)"),
    (b"II*\x00", ".tif (image)"),
    (b"MM\x00*", ".tif (image)"),
    (b"\x1f\x8b", ".gz (archive)"),
    (b"Rar!", ".rar (archive)"),
    (b"7z\xbc\xaf\x27\x1c", ".7z (archive)"),
)

# Names inside a zip that mark other OOXML/ODF formats.
_ZIP_MEMBERS: tuple[tuple[bytes, str], ...] = (
    (b"xl/", ".xlsx"),
    (b"ppt/", ".pptx"),
    (b"mimetypeapplication/vnd.oasis.opendocument", ".ods/.odp (OpenDocument)"),
)

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(!doctype\s+)?html)", re.I)
_HTML_TAGS = re.compile(rb"<(head|body|div|p|table|article|main)[\s>]", re.I)


def supported_extensions() -> list[str]:
    """Every extension some reader accepts, e.g. ``['.docx', '.htm', ...]``."""
    return sorted(ext for member in FileType for ext in member.extensions)


def _extension(filename: str | None) -> str:
    return PurePath(filename).suffix.lower() if filename else ""


_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
_HIGH = bytes(range(0x80, 0x100))


def looks_binary(head: bytes) -> bool:
    """True when ``head`` is not plausible text in any encoding we read.

    NUL bytes (outside UTF-16 with a BOM) or many C0 control characters mean binary; legacy
    8-bit Vietnamese encodings only use bytes >= 0x80 and printable ASCII, so they pass.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = head[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # bytes counted at C speed
    if controls / len(sample) > 0.02:
        return True
    # Random bytes decode as neither UTF-8 nor mostly-ASCII text.
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a multi-byte character cut at the sample's end
            return False
    high = len(sample) - len(sample.translate(None, _HIGH))
    return high / len(sample) > 0.6


def detect(filename: str | None, head_bytes: bytes) -> FileType:
    """Return the file's type from its first bytes (or all of them) and its name.

    Raises ``UnsupportedFormat`` for a known but unsupported format or an unknown extension on
    a text file, ``BinaryContent`` for bytes that are no document at all.
    """
    ext = _extension(filename)
    head = head_bytes
    supported = supported_extensions()

    if head.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and looks_binary(head[:1024])):
        return FileType.PDF  # the signature may follow a little junk, as in real files
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return FileType.DOCX
        if _ODT_MIMETYPE in head[:200]:
            return FileType.ODT
        for marker, kind in _ZIP_MEMBERS:
            if marker in head:
                raise UnsupportedFormat(filename, kind, supported)
        if ext == ".docx":
            return FileType.DOCX  # the reader checks the package and reports corruption
        raise UnsupportedFormat(filename, ext or ".zip", supported)
    if head.startswith(_OLE):
        if _WORD_STREAM in head or ext == ".doc":
            return FileType.DOC  # the converter reports a damaged one
        kind = next((k for stream, k in _OTHER_OLE_STREAMS if stream in head), ".xls/.ppt (legacy Office)")
        raise UnsupportedFormat(filename, ext if ext and ext not in supported else kind, supported)
    if head.startswith(b"{\\rtf"):
        return FileType.RTF
    for magic, kind in _OTHER_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(filename, ext if ext and ext not in supported else kind, supported)

    by_ext = FileType.from_extension(ext) if ext else None
    if looks_binary(head):
        expected = f"expected {by_ext.value.upper()}" if by_ext else "no known signature"
        raise BinaryContent(filename, expected)
    if by_ext in (FileType.PDF, FileType.DOCX, FileType.DOC, FileType.ODT):
        raise BinaryContent(
            filename, f"named {ext} but the content is plain text, not a {by_ext.value.upper()} file"
        )

    text_head = head[:4096]
    if _HTML_START.match(text_head.lstrip(b"\xef\xbb\xbf")) or (
        by_ext is None and text_head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
        and _HTML_TAGS.search(text_head)
    ):
        return FileType.HTML
    if by_ext is not None:
        return by_ext
    if not ext:
        return FileType.TXT
    raise UnsupportedFormat(filename, ext, supported)
