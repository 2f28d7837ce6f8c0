"""Stable, content-derived document ids.

>>> document_id("Điều 1. Ban hành")
'…'  # first 16 hex digits of the SHA-256 of the NFC text
"""

from __future__ import annotations

import hashlib
import unicodedata


def document_id(normalised_text: str) -> str:
    """Return the first 16 hex digits of the SHA-256 of the (NFC) normalised text.

    Re-parsing unchanged content always gives the same id, whatever the file name.
    """
    data = unicodedata.normalize("NFC", normalised_text).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]
