"""Typed ingestion errors: each names the file and the reason, with a greppable code.

>>> str(EmptyFile("a.txt"))
'a.txt: [I001] the file is empty'
"""

from __future__ import annotations


class Errors:
    """Coded message templates (spaCy ``Errors`` style)."""

    I001 = "the file is empty"
    I002 = "the content is binary or random bytes, not a document ({detail})"
    I003 = "unsupported format {extension!r}; supported: {supported}"
    I004 = "the PDF is encrypted (password-protected); remove the protection and try again"
    I005 = "the PDF has no text layer (scanned image); it needs OCR before it can be read"
    I006 = "the {kind} file is corrupt or truncated ({detail})"
    I007 = "the text is not UTF-8 and not a known legacy Vietnamese encoding ({detail})"
    I008 = "the file is {size} bytes, over the {limit}-byte limit"
    I009 = "the file cannot be read ({detail})"


class IngestError(Exception):
    """Bad input. ``str(err)`` is ``"<file>: <reason>"``, one line, fit for a user."""

    code = "I009"

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path or "<input>"
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @classmethod
    def _coded(cls, **fields: object) -> str:
        template = getattr(Errors, cls.code)
        return f"[{cls.code}] " + template.format(**fields)


class EmptyFile(IngestError):
    code = "I001"

    def __init__(self, path: str | None) -> None:
        super().__init__(path, self._coded())


class BinaryContent(IngestError):
    code = "I002"

    def __init__(self, path: str | None, detail: str = "no recognisable format") -> None:
        super().__init__(path, self._coded(detail=detail))


class UnsupportedFormat(IngestError):
    code = "I003"

    def __init__(self, path: str | None, extension: str, supported: list[str] | tuple[str, ...]) -> None:
        self.extension = extension
        super().__init__(
            path, self._coded(extension=extension or "(none)", supported=", ".join(supported))
        )


class EncryptedPdf(IngestError):
    code = "I004"

    def __init__(self, path: str | None) -> None:
        super().__init__(path, self._coded())


class NoTextLayer(IngestError):
    code = "I005"

    def __init__(self, path: str | None) -> None:
        super().__init__(path, self._coded())


class CorruptDocument(IngestError):
    code = "I006"

    def __init__(self, path: str | None, kind: str, detail: str) -> None:
        self.kind = kind
        super().__init__(path, self._coded(kind=kind, detail=detail))


class UndecodableText(IngestError):
    code = "I007"

    def __init__(self, path: str | None, detail: str) -> None:
        super().__init__(path, self._coded(detail=detail))


class FileTooLarge(IngestError):
    code = "I008"

    def __init__(self, path: str | None, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(path, self._coded(size=size, limit=limit))


class UnreadableFile(IngestError):
    """The file could not be opened (missing, permission denied, a directory)."""

    code = "I009"

    def __init__(self, path: str | None, detail: str) -> None:
        super().__init__(path, self._coded(detail=detail))
