"""Reader options: one validated object instead of keyword sprawl.

>>> ReaderOptions(max_bytes=1024).max_bytes
1024
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """How readers treat an input file.

    ``max_bytes``: files larger than this are refused (``FileTooLarge``).
    ``drop_headers_footers``: drop running PDF headers/footers and page numbers.
    ``encoding``: a hint for text files ("utf-8", "cp1258", "tcvn3", "vni"); None = detect.
    ``pdf_y_tolerance``: vertical tolerance (points) when grouping PDF characters into lines;
    ~6 keeps stacked Vietnamese diacritics on their line.
    """

    max_bytes: int = 20 * MiB
    drop_headers_footers: bool = True
    encoding: str | None = None
    pdf_y_tolerance: float = 6.0

    def __post_init__(self) -> None:
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"ReaderOptions.max_bytes must be a positive integer, got {self.max_bytes!r}")
        if not (0 < float(self.pdf_y_tolerance) <= 50):
            raise ValueError(
                f"ReaderOptions.pdf_y_tolerance must be in (0, 50] points, got {self.pdf_y_tolerance!r}"
            )
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
