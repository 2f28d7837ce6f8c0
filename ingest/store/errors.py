"""Typed errors of the data directory, naming the file and the reason."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """The data directory cannot be used (a manifest file is unreadable, ...)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class DocumentMissing(FileNotFoundError, KeyError):
    """No stored file for this document id (both an ``OSError`` and a ``KeyError``)."""

    def __init__(self, doc_id: str, path: Path) -> None:
        super().__init__(errno.ENOENT, f"document {doc_id} is not stored", str(path))
        self.doc_id = doc_id
