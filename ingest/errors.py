"""Typed ingestion errors: each names the file and the reason, with a greppable code.

>>> str(EmptyFile("a.txt"))
'a.txt: [I001] the file is empty'
>>> EmptyFile("a.txt").message_vi
'a.txt: [I001] tệp trống, không có nội dung'

``message_vi`` is the same message in Vietnamese, for the people who sent the file.
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
    I010 = "the scan has {pages} pages to recognise (OCR), over the {limit}-page limit"
    I011 = "every page of the scan is blank; there is no text to read"
    I012 = "no text could be recognised in the scan ({detail}); it looks like a photo or a scan too poor to read"
    I013 = "OCR failed on every page ({detail})"
    I014 = "the {kind} file could not be converted to .docx ({detail})"


class ErrorsVi:
    """The same messages in Vietnamese, for users (fields are the English ones)."""

    I001 = "tệp trống, không có nội dung"
    I002 = "nội dung là dữ liệu nhị phân, không phải văn bản ({detail})"
    I003 = "định dạng {extension!r} chưa được hỗ trợ; các định dạng đọc được: {supported}"
    I004 = "tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại"
    I005 = "tệp PDF là bản quét (ảnh), không có lớp chữ; cần nhận dạng chữ (OCR) trước khi đọc"
    I006 = "tệp {kind} bị hỏng hoặc không đầy đủ ({detail})"
    I007 = "văn bản không ở mã UTF-8 và không thuộc bảng mã tiếng Việt cũ nào đã biết ({detail})"
    I008 = "tệp nặng {size} byte, vượt giới hạn {limit} byte"
    I009 = "không đọc được tệp ({detail})"
    I010 = "bản quét có {pages} trang cần nhận dạng chữ, vượt giới hạn {limit} trang; hãy tách thành các tệp nhỏ hơn"
    I011 = "mọi trang của bản quét đều trắng, không có chữ để đọc"
    I012 = (
        "không nhận dạng được chữ trong bản quét ({detail}); tệp giống một bức ảnh hoặc bản quét quá mờ, "
        "hãy quét lại rõ hơn (300 dpi) hoặc gửi bản có lớp chữ"
    )
    I013 = "nhận dạng chữ (OCR) thất bại ở mọi trang ({detail})"
    I014 = "không chuyển được tệp {kind} sang .docx ({detail})"


class IngestError(Exception):
    """Bad input. ``str(err)`` is ``"<file>: <reason>"``, one line, fit for a user."""

    code = "I009"

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path or "<input>"
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def _coded(self, **fields: object) -> str:
        self.fields = fields
        template = getattr(Errors, self.code)
        return f"[{self.code}] " + template.format(**fields)

    @property
    def message_vi(self) -> str:
        """``"<file>: [Ixxx] <lý do>"``: the message in Vietnamese, for users."""
        fields = getattr(self, "fields", None)
        template = getattr(ErrorsVi, self.code, None)
        if fields is None or template is None:
            return str(self)
        return f"{self.path}: [{self.code}] " + template.format(**fields)


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
    """A scan while OCR is switched off (``ReaderOptions(ocr=False)``) or not installed."""

    code = "I005"

    def __init__(self, path: str | None, detail: str | None = None) -> None:
        super().__init__(path, self._coded() + (f" ({detail})" if detail else ""))


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


class ScanTooLong(IngestError):
    """More pages need OCR than ``ReaderOptions.max_ocr_pages``: refused before any work."""

    code = "I010"

    def __init__(self, path: str | None, pages: int, limit: int) -> None:
        self.pages = pages
        self.limit = limit
        super().__init__(path, self._coded(pages=pages, limit=limit))


class BlankScan(IngestError):
    code = "I011"

    def __init__(self, path: str | None) -> None:
        super().__init__(path, self._coded())


class UnreadableScan(IngestError):
    """OCR ran but found no text it trusts on any page (a photo, a very poor scan)."""

    code = "I012"

    def __init__(self, path: str | None, detail: str) -> None:
        super().__init__(path, self._coded(detail=detail))


class OcrFailed(IngestError):
    """The OCR engine failed (crashed or ran out of time) on every page that needed it."""

    code = "I013"

    def __init__(self, path: str | None, detail: str) -> None:
        super().__init__(path, self._coded(detail=detail))


class ConversionFailed(IngestError):
    """LibreOffice is missing, timed out or failed on a .doc/.rtf/.odt file."""

    code = "I014"

    def __init__(self, path: str | None, kind: str, detail: str) -> None:
        self.kind = kind
        super().__init__(path, self._coded(kind=kind, detail=detail))
