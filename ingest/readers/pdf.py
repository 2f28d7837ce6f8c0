"""PDF with a text layer (pdfplumber): text in reading order per page, tables as TableBlocks.

- Words are grouped into lines with ``options.pdf_y_tolerance`` (~6 pt): the default (3) puts
  a syllable with stacked diacritics (ệ, ẫ, ở) on a line of its own in PDFs printed by
  browsers and office suites.
- A wide horizontal gap inside a line separates side-by-side blocks (the issuer | motto
  header, "Nơi nhận" | signature): each side becomes its own line, left first.
- Tables found by ``find_tables`` become ``TableBlock(rows)`` at their position on the page;
  their words are kept out of the page text.
- With ``drop_headers_footers``: page numbers in the top/bottom margin band, and lines repeated
  at the top or bottom of most pages, are dropped (patterns in ``data/pdf_chrome.json``).
- A page with no text layer, or whose only text is a caption over a page-sized image, is
  recognised by OCR (:mod:`ingest.ocr_run`): its words, placed like pdfplumber's, go through the
  same line and paragraph logic (each line corrected for common misreadings,
  :mod:`ingest.ocr_fixes`); ``RawDocument.ocr`` records how (engine, dpi, per-page
  confidence). Over ``max_ocr_pages`` such pages -> ``ScanTooLong``; nothing readable on any
  page -> ``BlankScan`` / ``UnreadableScan`` / ``OcrFailed``; ``ocr=False`` or no Tesseract ->
  ``NoTextLayer``.
- Encrypted -> ``EncryptedPdf``; unreadable structure -> ``CorruptDocument``.
"""

from __future__ import annotations

import io
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ingest.errors import CorruptDocument, EncryptedPdf, NoTextLayer, ScanTooLong
from ingest.filetype import FileType
from ingest.ocr_fixes import fix_line_spans
from ingest.options import ReaderOptions
from ingest.rawdoc import Block, Paragraph, RawDocument, TableBlock

if TYPE_CHECKING:
    from ingest.model import OcrInfo
    from ingest.ocr import PageResult

_DATA = Path(__file__).resolve().parent.parent / "data" / "pdf_chrome.json"
_COLUMN_GAP_EM = 2.5  # a gap wider than this many font sizes separates side-by-side blocks
_CAPTION_CHARS = 200  # a page-sized image with fewer characters than this over it is a scan
_IMAGE_SHARE = 0.5  # ... when its images cover at least this share of the page
DOUBTFUL_WORD_CONFIDENCE = 60.0  # an OCR word read with less confidence is recorded as doubtful


@dataclass(frozen=True, slots=True)
class _Chrome:
    page_number: list[re.Pattern[str]]
    margin_band: float
    repeated_min_share: float


@cache
def _chrome() -> _Chrome:
    spec = json.loads(_DATA.read_text(encoding="utf-8"))
    return _Chrome(
        [re.compile(p["pattern"], re.I) for p in spec["page_number_patterns"]],
        float(spec["margin_band"]),
        float(spec["repeated_min_share"]),
    )


@dataclass(slots=True)
class _Line:
    text: str
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0
    doubtful: tuple[tuple[int, int, float], ...] = ()  # OCR words read with low confidence

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    items: list[tuple[float, _Line | TableBlock]]  # (top, item) in reading order
    ocr: bool = False  # read by OCR: its paragraphs get the misreading fixes



def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _rows(words: list[dict[str, Any]], tolerance: float) -> list[list[_Line]]:
    """Cluster words into visual rows by their top; split each row at wide gaps into segments."""
    groups: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if groups and word["top"] - groups[-1][0]["top"] <= tolerance:
            groups[-1].append(word)
        else:
            groups.append([word])
    rows: list[list[_Line]] = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        size = statistics.median(w["bottom"] - w["top"] for w in group)
        segments: list[list[dict[str, Any]]] = [[group[0]]]
        for prev, word in zip(group, group[1:], strict=False):
            if word["x0"] - prev["x1"] > _COLUMN_GAP_EM * size:
                segments.append([word])
            else:
                segments[-1].append(word)
        rows.append([
            _Line(
                " ".join(w["text"] for w in seg),
                min(w["top"] for w in seg), max(w["bottom"] for w in seg),
                min(w["x0"] for w in seg), max(w["x1"] for w in seg),
                _doubtful(seg),
            )
            for seg in segments
        ])
    return rows


def _doubtful(segment: list[dict[str, Any]]) -> tuple[tuple[int, int, float], ...]:
    """(start, end, confidence) in the joined line text of the OCR words read with doubt."""
    out = []
    pos = 0
    for word in segment:
        confidence = word.get("conf")
        if confidence is not None and confidence < DOUBTFUL_WORD_CONFIDENCE:
            out.append((pos, pos + len(word["text"]), float(confidence)))
        pos += len(word["text"]) + 1
    return tuple(out)


def _fits(line: _Line, column: list[_Line], width: float) -> bool:
    """A lone line continues a column when aligned with it (left edge or centre)."""
    return any(abs(line.x0 - c.x0) <= 3 or abs(line.center - c.center) <= 0.08 * width for c in column)


def _split_x(rows: list[list[_Line]], start: int) -> float:
    """The x between side-by-side blocks, from the split rows near ``start`` (widest agreement)."""
    left_edge = rows[start][0].x1
    right_edge = rows[start][1].x0
    for row in rows[start + 1 : start + 12]:
        if len(row) < 2:
            continue
        if max(left_edge, row[0].x1) < min(right_edge, row[-1].x0):
            left_edge = max(left_edge, row[0].x1)
            right_edge = min(right_edge, row[-1].x0)
    return (left_edge + right_edge) / 2


def _lines(words: list[dict[str, Any]], tolerance: float, width: float) -> list[_Line]:
    """Lines in reading order. Side-by-side blocks (rows split by a wide gap, like the issuer |
    motto header or "Nơi nhận" | signature) are read left block first, then right block."""
    rows = _rows(words, tolerance)
    out: list[_Line] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            out.extend(rows[i])
            i += 1
            continue
        split = _split_x(rows, i)
        left: list[_Line] = []
        right: list[_Line] = []
        last_row = {"left": i, "right": i}  # the last row each side received a segment in
        j = i
        last_multi = i
        while j < len(rows):
            row = rows[j]
            if any(seg.x0 < split < seg.x1 for seg in row):
                break
            if len(row) == 1 and j > last_multi and not any(len(r) > 1 for r in rows[j + 1 : j + 4]):
                seg = row[0]
                side = "left" if seg.center < split else "right"
                column = left if side == "left" else right
                prev_bottom = max(line.bottom for line in left + right)
                height = seg.bottom - seg.top
                run_gaps = [
                    min(s.top for s in b) - max(s.bottom for s in a)
                    for a, b in zip(rows[i:j], rows[i + 1 : j], strict=False)
                ]
                usual_gap = statistics.median(run_gaps) if run_gaps else 0.5 * height
                if (
                    last_row[side] != j - 1
                    or seg.top - prev_bottom > min(1.5 * height, usual_gap + 0.25 * height)
                    or not _fits(seg, column, width)
                ):
                    break
            for seg in row:
                side = "left" if seg.center < split else "right"
                (left if side == "left" else right).append(seg)
                last_row[side] = j
            if len(row) > 1:
                last_multi = j
            j += 1
        out.extend(left + right)
        i = j
    return out


def _read_page(page: Any, options: ReaderOptions) -> tuple[_Page, int]:
    tables = page.find_tables()
    bboxes = [t.bbox for t in tables]
    words = page.extract_words(y_tolerance=options.pdf_y_tolerance, keep_blank_chars=False)
    outside = [w for w in words if not any(_inside(w, b) for b in bboxes)]
    lines = _lines(outside, options.pdf_y_tolerance, float(page.width))
    found: list[tuple[float, TableBlock]] = []
    for table in tables:
        rows = [[(cell or "").strip() for cell in row] for row in table.extract(y_tolerance=options.pdf_y_tolerance)]
        rows = [row for row in rows if any(row)]
        if rows:
            found.append((table.bbox[1], TableBlock(rows=rows, page=page.page_number)))
    found.sort(key=lambda item: item[0])
    # Lines keep their reading order; each table goes before the first line below its top.
    items: list[tuple[float, _Line | TableBlock]] = []
    for line in lines:
        while found and found[0][0] <= line.top:
            items.append(found.pop(0))
        items.append((line.top, line))
    items.extend(found)
    return _Page(page.page_number, float(page.height), items), len(page.chars)


def _needs_ocr(page: Any, chars: int) -> bool:
    """No text layer, or only a caption over a scanned page image."""
    if chars == 0:
        return True
    if chars >= _CAPTION_CHARS:
        return False
    area = float(page.width) * float(page.height)
    covered = 0.0
    for image in page.images:
        w = max(0.0, min(float(image["x1"]), float(page.width)) - max(float(image["x0"]), 0.0))
        h = max(0.0, min(float(image["bottom"]), float(page.height)) - max(float(image["top"]), 0.0))
        covered += w * h
    visible = sum(1 for ch in page.chars if ch.get("text", "").strip())
    return area > 0 and covered / area >= _IMAGE_SHARE and visible < _CAPTION_CHARS


def _ocr_page(result: PageResult, options: ReaderOptions) -> _Page:
    """An OCR'd page as the layout code expects it (words like pdfplumber's)."""
    words = [{"text": w.text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom, "conf": w.confidence}
             for w in result.words]
    lines = _lines(words, options.pdf_y_tolerance, result.width) if words else []
    lines = [line for line in lines if any(ch.isalnum() for ch in line.text)]  # stamp and speckle bits
    return _Page(result.page, result.height, [(line.top, line) for line in lines], ocr=True)


def _recognise(data: bytes, name: str, pages: list[_Page], scanned: list[int], options: ReaderOptions,
               ) -> tuple[list[_Page], OcrInfo]:
    """Replace the scanned pages (0-based) by their OCR reading; the OcrInfo to record."""
    from ingest import ocr_run

    if len(scanned) > options.max_ocr_pages:
        raise ScanTooLong(name, len(scanned), options.max_ocr_pages)
    engine = ocr_run.available(name, options.ocr_language)
    results = ocr_run.recognise_pages(data, scanned, options, name)
    text_pages = [i for i in range(len(pages)) if i not in set(scanned)]
    if not text_pages:
        ocr_run.check_readable(name, results)
    by_index = dict(zip(scanned, results, strict=True))
    out = [_ocr_page(by_index[i], options) if i in by_index else page for i, page in enumerate(pages)]
    info = ocr_run.ocr_info(results, [i + 1 for i in text_pages], engine, options)
    return out, info


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _drop_chrome(pages: list[_Page]) -> None:
    chrome = _chrome()

    def edge_lines(page: _Page, top: bool) -> list[_Line]:
        lines = [item for _, item in page.items if isinstance(item, _Line)]
        band = page.height * chrome.margin_band
        if top:
            return [ln for ln in lines[:2] if ln.bottom <= band]
        return [ln for ln in lines[-2:] if ln.top >= page.height - band]

    repeated: set[str] = set()
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for page in pages:
            seen = {_normal(ln.text) for top in (True, False) for ln in edge_lines(page, top)}
            counts.update(seen)
        repeated = {text for text, n in counts.items() if n >= chrome.repeated_min_share * len(pages)}
    for page in pages:
        drop = {
            id(ln)
            for top in (True, False)
            for ln in edge_lines(page, top)
            if _normal(ln.text) in repeated or any(p.match(ln.text.strip()) for p in chrome.page_number)
        }
        page.items = [(t, item) for t, item in page.items if id(item) not in drop]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Split a run of lines into paragraphs: a new one starts after a short line (it ends well
    before the text's right edge), after a gap wider than the usual line spacing, or at a line
    indented beyond the left edge."""
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top >= a.bottom]
    usual = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[list[_Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:], strict=False):
        height = max(line.bottom - line.top, 1.0)
        # a short left-aligned line ends its paragraph (centred lines are all short)
        short = prev.x1 < right - 3 * height and prev.x0 <= left + 1.5 * height
        spaced = line.top - prev.bottom > usual + 0.4 * height
        indented = (  # a first-line indent, not a centred line
            prev.x0 <= left + 1.5 * height < line.x0 <= left + 5 * height and line.x1 >= right - 3 * height
        )
        backwards = line.top < prev.top  # the next side-by-side block starts
        outdented = prev.x0 > left + 1.5 * height and line.x0 <= left + 1.5 * height
        caps_change = _is_caps(prev.text) != _is_caps(line.text)  # a heading in capitals
        if short or spaced or indented or outdented or backwards or caps_change:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _continues(prev: TableBlock, table: TableBlock) -> bool:
    return bool(prev.rows) and bool(table.rows) and len(prev.rows[-1]) == len(table.rows[0])


def _merge_continued(prev: TableBlock, table: TableBlock) -> TableBlock:
    """A table split by a page break: drop a repeated header, glue a row cut in two."""
    rows = [list(r) for r in table.rows]
    if rows and prev.rows and rows[0] == prev.rows[0]:
        rows = rows[1:]
    merged = [list(r) for r in prev.rows]
    if rows and not rows[0][0].strip() and any(c.strip() for c in rows[0][1:]):
        last = merged[-1]
        merged[-1] = [f"{a}\n{b}".strip("\n") if b.strip() else a for a, b in zip(last, rows[0], strict=False)]
        rows = rows[1:]
    return TableBlock(rows=merged + rows, page=prev.page)


def _flush(blocks: list[Block], pending: list[_Line], page: _Page,
           doubtful: list[tuple[int, int, int, float]]) -> None:
    for para in _paragraphs(pending):
        text = "\n".join(line.text for line in para)
        spans: list[tuple[int, int, float]] = []
        pos = 0
        for line in para:
            spans.extend((pos + a, pos + b, conf) for a, b, conf in line.doubtful)
            pos += len(line.text) + 1
        if page.ocr:  # over the whole paragraph: a misread phrase may be cut by a line break
            text, fixed = fix_line_spans(text, tuple(spans))
            spans = list(fixed)
        doubtful.extend((len(blocks), a, b, conf) for a, b, conf in spans)
        blocks.append(Paragraph(text, page=page.number))
    pending.clear()


def _blocks(pages: list[_Page], doubtful: list[tuple[int, int, int, float]]) -> list[Block]:
    """Blocks in reading order; ``doubtful`` receives (block, start, end, confidence) of the
    OCR words read with low confidence."""
    blocks: list[Block] = []
    for page in pages:
        pending: list[_Line] = []
        for position, (_, item) in enumerate(page.items):
            if isinstance(item, _Line):
                pending.append(item)
                continue
            _flush(blocks, pending, page, doubtful)
            if position == 0 and blocks and isinstance(blocks[-1], TableBlock) and _continues(blocks[-1], item):
                blocks[-1] = _merge_continued(blocks[-1], item)
            else:
                blocks.append(item)
        _flush(blocks, pending, page, doubtful)
    return blocks


def read(data: bytes, *, name: str, file_type: FileType, options: ReaderOptions) -> RawDocument:
    """Read a PDF's text layer into per-page paragraphs and tables."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(cause).lower():
            raise EncryptedPdf(name) from None
        raise CorruptDocument(name, "PDF", f"{type(cause).__name__}: {cause}") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedPdf(name) from None
    pages: list[_Page] = []
    scanned: list[int] = []  # 0-based pages that need OCR
    try:
        with pdf:
            if not pdf.pages:
                raise CorruptDocument(name, "PDF", "no pages")
            for index, page in enumerate(pdf.pages):
                parsed, n = _read_page(page, options)
                pages.append(parsed)
                if _needs_ocr(page, n):
                    scanned.append(index)
                page.close()
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedPdf(name) from None
        raise CorruptDocument(name, "PDF", f"{type(cause).__name__}: {cause}") from None
    ocr_info = None
    if scanned and not options.ocr:
        if len(scanned) == len(pages):
            raise NoTextLayer(name, "OCR is switched off")
        pages = [page for i, page in enumerate(pages) if i not in set(scanned)]
    elif scanned:
        pages, ocr_info = _recognise(data, name, pages, scanned, options)
    if options.drop_headers_footers:
        _drop_chrome(pages)
    doubtful: list[tuple[int, int, int, float]] = []
    blocks = _blocks(pages, doubtful)
    return RawDocument(blocks=blocks, file_type=file_type.value, ocr=ocr_info, ocr_doubtful=doubtful)
