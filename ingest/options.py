"""Reader options: one validated object instead of keyword sprawl.

>>> ReaderOptions(max_bytes=1024).max_bytes
1024
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """How readers treat an input file.

    ``max_bytes``: files larger than this are refused (``FileTooLarge``).
    ``drop_headers_footers``: drop running PDF headers/footers and page numbers.
    ``encoding``: a hint for text files ("utf-8", "cp1258", "tcvn3", "vni"); None = detect.
    ``pdf_y_tolerance``: vertical tolerance (points) when grouping PDF characters into lines;
    ~6 keeps stacked Vietnamese diacritics on their line.
    ``ocr``: recognise PDF pages that have no text layer (False: such a PDF is ``NoTextLayer``).
    ``max_ocr_pages``: a scan with more pages to recognise is refused (``ScanTooLong``).
    ``ocr_dpi``: resolution pages are rendered at for OCR.
    ``ocr_language``: Tesseract language(s), e.g. "vie" or "vie+eng".
    ``ocr_workers``: worker processes for OCR (0 = one per CPU, at most the pages to do).
    ``ocr_page_timeout``: seconds one page may take; a page over it is reported as failed.
    ``convert_timeout``: seconds LibreOffice may take to convert a .doc/.rtf/.odt file.
    ``progress``: called as ``progress(done, total)`` while pages are recognised.
    """

    max_bytes: int = 20 * MiB
    drop_headers_footers: bool = True
    encoding: str | None = None
    pdf_y_tolerance: float = 6.0
    ocr: bool = True
    max_ocr_pages: int = 200
    ocr_dpi: int = 300
    ocr_language: str = "vie"
    ocr_workers: int = 0
    ocr_page_timeout: float = 120.0
    convert_timeout: float = 120.0
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"ReaderOptions.max_bytes must be a positive integer, got {self.max_bytes!r}")
        if not (0 < float(self.pdf_y_tolerance) <= 50):
            raise ValueError(
                f"ReaderOptions.pdf_y_tolerance must be in (0, 50] points, got {self.pdf_y_tolerance!r}"
            )
        for name in ("max_ocr_pages", "ocr_dpi"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"ReaderOptions.{name} must be a positive integer, got {value!r}")
        if not (72 <= self.ocr_dpi <= 600):
            raise ValueError(f"ReaderOptions.ocr_dpi must be in [72, 600], got {self.ocr_dpi!r}")
        if not isinstance(self.ocr_workers, int) or self.ocr_workers < 0:
            raise ValueError(f"ReaderOptions.ocr_workers must be 0 (auto) or more, got {self.ocr_workers!r}")
        for name in ("ocr_page_timeout", "convert_timeout"):
            if not float(getattr(self, name)) > 0:
                raise ValueError(f"ReaderOptions.{name} must be a positive number of seconds")
        if not self.ocr_language or not all(part.isidentifier() for part in self.ocr_language.split("+")):
            raise ValueError(f"ReaderOptions.ocr_language: not a Tesseract language list: {self.ocr_language!r}")
        if self.encoding is not None:
            from ingest.encoding import LEGACY_ENCODINGS

            name = self.encoding.lower()
            if name not in LEGACY_ENCODINGS:
                try:
                    codecs.lookup(name)
                except LookupError:
                    raise ValueError(
                        f"ReaderOptions.encoding: unknown encoding {self.encoding!r}; use a Python codec "
                        f"name or one of {sorted(LEGACY_ENCODINGS)}"
                    ) from None


DEFAULT_OPTIONS = ReaderOptions()
