"""Run OCR over the pages of a PDF that need it, in worker processes, and judge the result.

- :func:`recognise_pages` works on ``ocr_workers`` pages at a time (threads that render and
  straighten, each driving its own single-threaded Tesseract process, killed past
  ``ocr_page_timeout``), reports ``progress(done, total)``, and never lets one page stop the
  others: a page that crashes or runs out of time comes back ``failed`` with the reason.
  Threads, not a process pool, so that it works from any caller (an unguarded script, a
  daemon worker of ``ingest.batch``) without re-importing the caller.
- :func:`check_readable` raises the typed error when no page gave text: all blank
  (``BlankScan``), all failed (``OcrFailed``), otherwise ``UnreadableScan`` (a photo).
- :func:`ocr_info` and :func:`with_offsets` build the ``OcrInfo`` recorded on the document:
  engine, dpi, per-page confidence and status, and where each page's text lies in the
  normalised text.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ingest.errors import BlankScan, NoTextLayer, OcrFailed, UnreadableScan
from ingest.model import OcrDoubt, OcrInfo, OcrPage, OcrPageStatus
from ingest.ocr import PageResult
from ingest.options import ReaderOptions

if TYPE_CHECKING:
    from ingest.normalize import NormalizedText
    from ingest.rawdoc import RawDocument

def available(name: str, language: str) -> str:
    """The engine's version string; ``NoTextLayer`` naming what is missing otherwise."""
    import pytesseract

    from ingest.ocr import engine_version, languages

    try:
        version = engine_version()
        have = set(languages())
    except (pytesseract.TesseractNotFoundError, OSError):
        raise NoTextLayer(name, "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-vie") from None
    missing = [lang for lang in language.split("+") if lang not in have]
    if missing:
        raise NoTextLayer(name, f"Tesseract has no trained data for {', '.join(missing)}: "
                          f"apt-get install {' '.join('tesseract-ocr-' + m for m in missing)}")
    return version


def _workers(options: ReaderOptions, pages: int) -> int:
    wanted = options.ocr_workers or (os.cpu_count() or 1)
    return max(1, min(wanted, pages))


def _failed(page: int, reason: str) -> PageResult:
    return PageResult(page=page, width=0.0, height=0.0, status="failed", error=reason)


_OMP_LOCK = threading.Lock()
_OMP_USERS = [0, None]  # [runs in progress, the value to restore]


@contextmanager
def _single_threaded_tesseract(parallel: bool) -> Iterator[None]:
    """Each Tesseract process on one core (``OMP_THREAD_LIMIT=1``, inherited by the engine's
    processes) while pages run side by side; counted, so that overlapping runs in one
    process (two uploads at once) restore the variable only when the last one ends."""
    if not parallel:
        yield
        return
    with _OMP_LOCK:
        if _OMP_USERS[0] == 0:
            _OMP_USERS[1] = os.environ.get("OMP_THREAD_LIMIT")
            os.environ["OMP_THREAD_LIMIT"] = "1"
        _OMP_USERS[0] += 1
    try:
        yield
    finally:
        with _OMP_LOCK:
            _OMP_USERS[0] -= 1
            if _OMP_USERS[0] == 0:
                if _OMP_USERS[1] is None:
                    os.environ.pop("OMP_THREAD_LIMIT", None)
                else:
                    os.environ["OMP_THREAD_LIMIT"] = str(_OMP_USERS[1])


@contextmanager
def _progress(name: str, options: ReaderOptions) -> Iterator[Callable[[int, int], None]]:
    """``options.progress``, else a progress bar on a terminal, else nothing."""
    if options.progress is not None:
        yield options.progress
        return
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"OCR {name}", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def recognise_pages(data: bytes, indexes: list[int], options: ReaderOptions, name: str = "<pdf>",
                    ) -> list[PageResult]:
    """OCR the 0-based pages ``indexes`` of the PDF ``data``; results in page order."""
    with _progress(name, options) as progress:
        return _recognise_pages(data, indexes, options, progress)


def _recognise_pages(data: bytes, indexes: list[int], options: ReaderOptions,
                     progress: Callable[[int, int], None]) -> list[PageResult]:
    import pypdfium2 as pdfium

    from ingest import ocr

    total = len(indexes)
    results: dict[int, PageResult] = {}
    progress(0, total)
    workers = _workers(options, total)

    def one(index: int) -> PageResult:
        return ocr.ocr_page(pdf, index, dpi=options.ocr_dpi, language=options.ocr_language,
                            timeout=options.ocr_page_timeout)

    with ocr.pdfium_lock():
        pdf = pdfium.PdfDocument(data)
    try:
        with _single_threaded_tesseract(workers > 1), ThreadPoolExecutor(workers) as pool:
            futures = {pool.submit(one, i): i for i in indexes}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except Exception as exc:  # noqa: BLE001 - a page that crashes fails alone
                    results[index] = _failed(index + 1, f"{type(exc).__name__}: {exc}")
                progress(len(results), total)
    finally:
        with ocr.pdfium_lock():
            pdf.close()
    return [results[i] for i in indexes]


def check_readable(name: str, results: list[PageResult]) -> None:
    """Raise when no page gave text (the document cannot go on from OCR alone)."""
    if any(r.status == "ok" for r in results):
        return
    statuses = {r.status for r in results}
    if statuses == {"blank"}:
        raise BlankScan(name)
    if statuses <= {"failed", "blank"}:
        reasons = sorted({r.error or "unknown error" for r in results if r.status == "failed"})
        raise OcrFailed(name, "; ".join(reasons))
    unread = [r for r in results if r.status == "no_text"]
    best = max(unread, key=lambda r: (r.recognised, r.confidence or 0.0))
    pages = ", ".join(str(r.page) for r in unread[:10]) + (" ..." if len(unread) > 10 else "")
    raise UnreadableScan(
        name, f"page(s) {pages}; at best {best.recognised} word(s) at {best.confidence or 0:.0f}% confidence"
    )


def ocr_info(results: list[PageResult], text_layer_pages: list[int], engine: str,
             options: ReaderOptions) -> OcrInfo:
    read = [r for r in results if r.status == "ok"]
    chars = sum(len(w.text) for r in read for w in r.words)
    mean = sum(w.confidence * len(w.text) for r in read for w in r.words) / chars if chars else 0.0
    return OcrInfo(
        engine=engine,
        language=options.ocr_language,
        dpi=options.ocr_dpi,
        confidence=round(mean, 1),
        pages=[
            OcrPage(page=r.page, status=OcrPageStatus(r.status), confidence=r.confidence, words=r.recognised,
                    rotation=r.rotation, skew=r.skew, error=r.error)
            for r in results
        ],
        text_layer_pages=text_layer_pages,
    )


def _source_blocks(norm: NormalizedText) -> list[int]:
    """The block each normalised character came from (-1 for separators).

    ``OffsetMap`` labels a paragraph continued across a page break (two blocks joined by
    normalisation) with the first block only, while the positions of the joined part restart
    inside the later block; a position going backwards within one label marks that switch.
    """
    out: list[int] = []
    label, shift, last = -2, 0, -1
    for block, pos in zip(norm.offsets.blocks, norm.offsets.raw, strict=True):
        if block < 0:
            out.append(-1)
            continue
        if block != label:
            label, shift, last = block, 0, pos
        elif pos < last:
            shift += 1
        last = pos
        out.append(block + shift)
    return out


def with_offsets(info: OcrInfo, raw: RawDocument, norm: NormalizedText) -> OcrInfo:
    """``info`` with each page's span in the normalised text (from the blocks' page numbers)
    and the doubtful words as spans of that text."""
    sources = _source_blocks(norm)
    pages = [getattr(block, "page", None) for block in raw.blocks]
    spans: dict[int, list[int]] = {}
    for offset, block in enumerate(sources):
        if 0 <= block < len(pages) and pages[block] is not None:
            span = spans.setdefault(pages[block], [offset, offset + 1])
            span[1] = offset + 1
    updated = []
    for page in info.pages:
        span = spans.get(page.page)
        updated.append(page.model_copy(update={"start": span[0], "end": span[1]}) if span else page)
    return info.model_copy(update={"pages": updated, "doubtful": _doubtful(raw, norm, sources)})


def _doubtful(raw: RawDocument, norm: NormalizedText, sources: list[int]) -> list[OcrDoubt]:
    """The reader's doubtful word ranges (block, raw start, raw end) as spans of the text."""
    by_block: dict[int, list[tuple[int, int, float]]] = {}
    for block, start, end, confidence in raw.ocr_doubtful:
        by_block.setdefault(block, []).append((start, end, confidence))
    if not by_block:
        return []
    out: list[OcrDoubt] = []
    current: list[float] | None = None  # [start, end, confidence] of the span being built
    for offset, (block, pos) in enumerate(zip(sources, norm.offsets.raw, strict=True)):
        hit = next((c for a, b, c in by_block.get(block, ()) if a <= pos < b), None)
        if hit is None or norm.text[offset].isspace():
            if current is not None and not norm.text[offset].isspace():
                out.append(OcrDoubt(start=int(current[0]), end=int(current[1]), confidence=current[2]))
                current = None
            continue
        if current is None:
            current = [offset, offset + 1, hit]
        else:
            current[1], current[2] = offset + 1, min(current[2], hit)
    if current is not None:
        out.append(OcrDoubt(start=int(current[0]), end=int(current[1]), confidence=current[2]))
    return out
