"""What a format reader returns: blocks in reading order, before normalisation.

Readers know file formats; they do not normalise text, find headers or build sections.
A block is a paragraph in the source's own sense (a .docx paragraph, a PDF page's text, a
whole .txt file); it may still contain hard-wrapped lines (``\\n``), and normalisation decides
which line breaks are wraps to join and which start a new paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import OcrInfo


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: str | None = None  # e.g. a .docx style name ("Heading 1", "List Paragraph")
    list_marker: str | None = None  # list numbering restored by the reader ("1.", "a)", "-")
    page: int | None = None  # 1-based page for PDFs


@dataclass(frozen=True, slots=True)
class TableBlock:
    rows: list[list[str]]  # first row is the header when the table has one
    page: int | None = None


Block = Paragraph | TableBlock


@dataclass(slots=True)
class RawDocument:
    blocks: list[Block] = field(default_factory=list)
    file_type: str = "txt"
    encoding: str | None = None  # detected source encoding when not UTF-8
    ocr: OcrInfo | None = None  # set by the PDF reader when pages were recognised by OCR
    ocr_doubtful: list[tuple[int, int, int, float]] = field(default_factory=list)  # (block, start, end, conf)

    @classmethod
    def from_text(cls, text: str) -> RawDocument:
        """The whole text as one block; normalisation decides where paragraphs break."""
        return cls(blocks=[Paragraph(text)])
