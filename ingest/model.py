"""The data model that ``ingest`` hands to ``nlp``: a parsed, normalised document.

Every offset (``start``/``end``) is a character index into ``ParsedDocument.text``, the
normalised NFC text, which is the coordinate system for everything downstream.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


class OcrPageStatus(StrEnum):
    OK = "ok"  # text recognised
    BLANK = "blank"  # no ink on the page (a scanner's empty back side)
    NO_TEXT = "no_text"  # ink but no text recognised with confidence (a photo, a drawing)
    FAILED = "failed"  # the engine crashed or ran out of time on this page


class OcrPage(_Frozen):
    """One recognised page. ``start``/``end``: where its text lies in ``ParsedDocument.text``
    (None when nothing of it reached the text)."""

    page: int  # 1-based page number in the PDF
    status: OcrPageStatus = OcrPageStatus.OK
    confidence: float | None = None  # mean word confidence, 0-100
    words: int = 0
    rotation: int = 0  # degrees the page was turned before recognition (180: upside down)
    skew: float = 0.0  # degrees the page was straightened by
    error: str | None = None  # why the page failed
    start: int | None = None
    end: int | None = None


class OcrDoubt(_Frozen):
    """Text OCR read with low confidence: ``ParsedDocument.text[start:end]`` may be wrong."""

    start: int
    end: int
    confidence: float  # the lowest word confidence in the span, 0-100


class OcrInfo(_Frozen):
    """The text (or part of it) came from OCR: how, and how sure the engine was."""

    engine: str  # e.g. "tesseract 5.3.0"
    language: str  # Tesseract language, e.g. "vie"
    dpi: int
    confidence: float  # mean word confidence over the recognised pages, 0-100
    pages: list[OcrPage] = Field(default_factory=list)  # the pages that needed OCR
    text_layer_pages: list[int] = Field(default_factory=list)  # pages read from their text layer
    doubtful: list[OcrDoubt] = Field(default_factory=list)  # words read with low confidence, in order

    @property
    def failed_pages(self) -> list[int]:
        return [p.page for p in self.pages if p.status == OcrPageStatus.FAILED]

    def doubtful_in(self, start: int, end: int) -> list[OcrDoubt]:
        """The doubtful spans overlapping ``[start, end)`` (a number, an issuer's name ...)."""
        return [d for d in self.doubtful if d.start < end and start < d.end]

    def page_at(self, offset: int) -> OcrPage | None:
        """The recognised page whose text holds ``offset``."""
        for page in self.pages:
            if page.start is not None and page.end is not None and page.start <= offset < page.end:
                return page
        return None


class SourceInfo(_Frozen):
    filename: str  # base name of the input file (never used as a path by the API)
    path: str | None = None  # where it was read from, when read from disk
    file_type: str  # FileType value: txt, md, pdf, docx, html, doc, rtf, odt
    size: int
    sha256: str
    encoding: str | None = None  # detected text encoding when it was not UTF-8
    ocr: OcrInfo | None = None  # set when pages of a PDF were recognised by OCR


class DocumentMetadata(_Frozen):
    """Header metadata, with the gold schema's field names. Unknown is None, never a guess."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO yyyy-mm-dd
    place: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: list[str] = Field(default_factory=list)


class ZoneKind(StrEnum):
    HEADER = "header"  # issuer / motto / number / place-date / type / title block
    PREAMBLE = "preamble"  # Căn cứ ...; Theo đề nghị ...
    BODY = "body"
    SIGNATURE = "signature"
    RECIPIENTS = "recipients"  # Nơi nhận
    APPENDIX = "appendix"  # a plan/programme issued with the document, or a PHỤ LỤC


class Zone(_Frozen):
    kind: ZoneKind
    start: int
    end: int


class SectionKind(StrEnum):
    PART = "part"  # Phần I
    CHAPTER = "chapter"  # Chương I
    ROMAN = "roman"  # I. II.
    ARTICLE = "article"  # Điều 1.
    NUMBER = "number"  # 1. 1.1. 1.1.1.
    LETTER = "letter"  # a) b) đ)
    DASH = "dash"  # - (also • and en/em dashes)
    PLUS = "plus"  # + (also *)
    TABLE_ROW = "table_row"  # a row of an appendix table


class Section(_Frozen):
    """A node of the section tree.

    ``index`` is the node's position in ``ParsedDocument.sections`` (document order);
    ``parent`` is the parent's index or None for a top-level node. ``path`` follows the gold
    guidelines (``II.5.5.2``, ``3.2-b`` for the second dash under 3.2, ``Điều 3``), or None
    for dashes with no numbered parent.
    ``start``/``end`` cover the whole node including its children; ``text_start``/``text_end``
    cover the node's own text without its marker (for a leaf item, the item's full text;
    for a heading, the heading line).
    """

    index: int
    parent: int | None
    kind: SectionKind
    marker: str
    level: int
    path: str | None
    heading: str
    start: int
    end: int
    text_start: int
    text_end: int
    table: int | None = None  # for TABLE_ROW: index into ParsedDocument.tables
    row: int | None = None  # for TABLE_ROW: index of the row in that table


class ColumnRole(StrEnum):
    INDEX = "index"  # STT
    TASK = "task"  # Nội dung nhiệm vụ
    OWNER = "owner"  # Cơ quan chủ trì
    CO_OWNER = "co_owner"  # Cơ quan phối hợp
    DEADLINE = "deadline"  # Thời gian hoàn thành / Thời hạn / Tiến độ
    PRODUCT = "product"  # Sản phẩm
    NOTE = "note"  # Ghi chú
    OTHER = "other"


class TableCell(_Frozen):
    text: str
    start: int
    end: int


class TableRow(_Frozen):
    cells: list[TableCell]
    start: int
    end: int
    is_group: bool = False  # a row that only names a group (e.g. "I | NHIỆM VỤ CHUNG")


class Table(_Frozen):
    header: list[str]
    roles: list[ColumnRole]  # one per column
    rows: list[TableRow]  # body rows, header excluded
    start: int
    end: int


class ParsedDocument(_Frozen):
    id: str  # stable, derived from the normalised content
    source: SourceInfo
    text: str
    metadata: DocumentMetadata
    zones: list[Zone] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def zone_at(self, offset: int) -> ZoneKind | None:
        for zone in self.zones:
            if zone.start <= offset < zone.end:
                return zone.kind
        return None
