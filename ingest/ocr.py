"""OCR of one PDF page: render, clean, straighten, orient, recognise (Tesseract).

:mod:`ingest.ocr_run` runs this for several pages at once; recognition itself happens in
Tesseract worker processes, killed when they pass their time limit. Stages:

- **render** the page at ``dpi`` (pypdfium2), greyscale; a page so large that this passes
  ``MAX_PIXELS`` (a map, a poster) is rendered at the resolution that fits;
- **deskew**: a 3x3 median filter drops scanner speckle; the skew angle is the rotation
  that makes the rows of ink sharpest (projection profile on a reduced copy, ±5°), and the
  page is turned back by it; a page with almost no ink is ``blank`` and not recognised;
- **recognise** with Tesseract (``image_to_data``): words with boxes and confidences. A page
  read with low confidence, or whose words stand in boxes taller than wide (a page on its
  side), is asked its orientation (Tesseract OSD) and read again turned (180° is tried for a
  poor reading, 90° and 270° for a sideways one, when OSD cannot tell); the better kept.

Word boxes come back in PDF points with the top-left origin, like pdfplumber's words, and
every word of a Tesseract line carries the line's top and bottom, so the PDF reader's layout
code (rows, side-by-side blocks, paragraphs) reads OCR pages as it reads text pages.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageFilter

BLANK_INK_SHARE = 0.002  # below this share of dark pixels (after despeckling) a page is blank
GOOD_CONFIDENCE = 70.0  # a reading at or above this mean confidence is not retried turned
MIN_WORD_CONFIDENCE = 20.0  # words below this are noise (stamps, speckle, photo texture)
MIN_PAGE_CONFIDENCE = 45.0  # a page reading below this (or with too few words) has no text
MIN_PAGE_WORDS = 3
MAX_PIXELS = 60_000_000  # an A4 page at 300 dpi is 8.7 million; A0 would be 140 million
_MAX_SKEW = 5.0
_TESSERACT_CONFIG = "--psm 3"


@dataclass(slots=True)
class OcrWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


@dataclass(slots=True)
class PageResult:
    """What one page gave. Boxes in points (top-left origin); timings in seconds per stage."""

    page: int  # 1-based
    width: float
    height: float
    status: str = "ok"  # an ingest.model.OcrPageStatus value
    words: list[OcrWord] = field(default_factory=list)
    confidence: float | None = None
    rotation: int = 0
    skew: float = 0.0
    error: str | None = None
    recognised: int = 0  # words recognised (kept in ``words`` only when the page is text)
    timings: dict[str, float] = field(default_factory=dict)


def engine_version() -> str:
    """``"tesseract 5.3.0"``; raises ``pytesseract.TesseractNotFoundError`` when absent."""
    return f"tesseract {pytesseract.get_tesseract_version()}"


def languages() -> list[str]:
    return list(pytesseract.get_languages(config=""))


# ---------------------------------------------------------------- render and clean


_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one call into it at a time


def render(pdf: pdfium.PdfDocument, index: int, dpi: int) -> Image.Image:
    with _PDFIUM:
        page = pdf[index]
        try:
            return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            page.close()


def _ink(image: Image.Image) -> np.ndarray:
    """Dark pixels of a greyscale image as a boolean array."""
    arr = np.asarray(image, dtype=np.uint8)
    return arr < 128


def _profile_score(ink: Image.Image, angle: float) -> float:
    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    rows = np.asarray(turned, dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(image: Image.Image) -> float:
    """Degrees to turn ``image`` (counter-clockwise, PIL's sense) to make its lines level."""
    small = image.reduce(4) if min(image.size) > 1200 else image
    ink = Image.fromarray((_ink(small) * 255).astype(np.uint8))
    best, best_score = 0.0, _profile_score(ink, 0.0)
    for angle in np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.5):
        score = _profile_score(ink, float(angle))
        if score > best_score:
            best, best_score = float(angle), score
    centre = best
    for angle in np.arange(centre - 0.4, centre + 0.41, 0.1):
        score = _profile_score(ink, float(angle))
        if score > best_score:
            best, best_score = float(angle), score
    return round(best, 2)


def clean(image: Image.Image) -> tuple[Image.Image, float, float]:
    """Despeckled, straightened page, its skew angle and its share of ink."""
    image = image.filter(ImageFilter.MedianFilter(3))
    ink_share = float(_ink(image.reduce(4)).mean()) if min(image.size) > 400 else float(_ink(image).mean())
    if ink_share < BLANK_INK_SHARE:
        return image, 0.0, ink_share
    angle = skew_angle(image)
    if abs(angle) >= 0.1:
        image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return image, angle, ink_share


# ---------------------------------------------------------------- recognise


def _words(data: dict[str, list[Any]], scale: float) -> list[OcrWord]:
    """Tesseract TSV rows -> words; each word gets its line's top and bottom."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if not str(text).strip() or float(data["conf"][i]) < MIN_WORD_CONFIDENCE:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(i)
    words: list[OcrWord] = []
    for rows in lines.values():
        top = min(int(data["top"][i]) for i in rows) * scale
        bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in rows) * scale
        for i in rows:
            left = int(data["left"][i])
            words.append(OcrWord(
                str(data["text"][i]).strip(), left * scale, top, (left + int(data["width"][i])) * scale,
                bottom, float(data["conf"][i]),
            ))
    return words


def _confidence(words: list[OcrWord]) -> float | None:
    """Mean word confidence weighted by word length."""
    total = sum(len(w.text) for w in words)
    if not total:
        return None
    return sum(w.confidence * len(w.text) for w in words) / total


def recognise(image: Image.Image, *, language: str, dpi: int, timeout: float) -> list[OcrWord]:
    data = pytesseract.image_to_data(
        image, lang=language, config=_TESSERACT_CONFIG, timeout=timeout, output_type=pytesseract.Output.DICT
    )
    return _words(data, 72 / dpi)


def osd_rotation(image: Image.Image, timeout: float) -> int | None:
    """Degrees (clockwise) Tesseract's OSD says the page must be turned by, None if unsure."""
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0 -c min_characters_to_try=10", timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractError:
        return None  # too few characters to tell
    if float(osd.get("orientation_conf", 0)) < 1.0:
        return None
    return int(osd.get("rotate", 0)) % 360


def _sideways(words: list[OcrWord]) -> bool:
    """Most words stand upright in boxes taller than wide: the page lies on its side
    (Tesseract reads vertical lines too, with good confidence, but in a scrambled order)."""
    long = [w for w in words if len(w.text) >= 3]
    if len(long) < MIN_PAGE_WORDS:
        return False
    return sum(1 for w in long if (w.bottom - w.top) > (w.x1 - w.x0)) > len(long) / 2


def _reading_score(confidence: float | None, sideways: bool) -> float:
    """Which of two readings to keep: the more confident, never a sideways one."""
    return (confidence or 0.0) - (100.0 if sideways else 0.0)


def _is_text(words: list[OcrWord], confidence: float | None) -> bool:
    return len(words) >= MIN_PAGE_WORDS and confidence is not None and confidence >= MIN_PAGE_CONFIDENCE


def page_dpi(width: float, height: float, dpi: int) -> int:
    """``dpi``, or less for a page (in points) that would pass ``MAX_PIXELS`` at it."""
    pixels = width * height * (dpi / 72) ** 2
    if pixels <= MAX_PIXELS:
        return dpi
    return max(72, int(dpi * (MAX_PIXELS / pixels) ** 0.5))


def ocr_page(pdf: pdfium.PdfDocument, index: int, *, dpi: int, language: str, timeout: float) -> PageResult:
    """Render, clean and recognise page ``index`` (0-based). Never raises on a bad page."""
    started = time.perf_counter()
    with _PDFIUM:
        width, height = pdf.get_page_size(index)
    result = PageResult(page=index + 1, width=float(width), height=float(height))
    dpi = page_dpi(width, height, dpi)
    try:
        t0 = time.perf_counter()
        image = render(pdf, index, dpi)
        t1 = time.perf_counter()
        image, result.skew, ink_share = clean(image)
        t2 = time.perf_counter()
        result.timings = {"render": t1 - t0, "deskew": t2 - t1, "recognise": 0.0}
        if ink_share < BLANK_INK_SHARE:
            result.status = "blank"
            return result
        left = timeout - (time.perf_counter() - started)
        words = recognise(image, language=language, dpi=dpi, timeout=max(left, 1.0))
        confidence = _confidence(words)
        rotation = 0
        sideways = _sideways(words)
        if sideways or confidence is None or confidence < GOOD_CONFIDENCE:
            left = timeout - (time.perf_counter() - started)
            turn = osd_rotation(image, timeout=max(min(left, 30.0), 1.0))
            others = (90, 270) if sideways else (180,)
            best = _reading_score(confidence, sideways)
            for candidate in ([turn] if turn else []) + [c for c in others if c != turn]:
                left = timeout - (time.perf_counter() - started)
                if left <= 1.0:
                    break
                turned = image.rotate(-candidate, expand=True, fillcolor=255)
                again = recognise(turned, language=language, dpi=dpi, timeout=left)
                again_conf, again_sideways = _confidence(again), _sideways(again)
                score = _reading_score(again_conf, again_sideways)
                if score > best + 5:
                    words, confidence, rotation, best = again, again_conf, candidate, score
                    sideways = again_sideways
                if not sideways and confidence is not None and confidence >= GOOD_CONFIDENCE:
                    break
        result.timings["recognise"] = time.perf_counter() - t2
        result.rotation = rotation
        result.confidence = round(confidence, 1) if confidence is not None else None
        result.recognised = len(words)
        if rotation in (90, 270):
            result.width, result.height = result.height, result.width
        if _is_text(words, confidence):
            result.words = words
        else:
            result.status = "no_text"
    except RuntimeError as exc:  # pytesseract's timeout
        result.status = "failed"
        result.error = f"timed out after {timeout:.0f} s" if "timeout" in str(exc).lower() else str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad page is reported, the others go on
        result.status = "failed"
        result.error = f"{type(exc).__name__}: {exc}"
    return result


def pdfium_lock() -> threading.Lock:
    """The lock every pdfium call of this process takes."""
    return _PDFIUM
