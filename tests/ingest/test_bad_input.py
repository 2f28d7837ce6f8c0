"""Every kind of bad input gets its own error naming the file and the reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.errors import (
    BinaryContent,
    CorruptDocument,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    IngestError,
    NoTextLayer,
    UndecodableText,
    UnreadableFile,
    UnreadableScan,
    UnsupportedFormat,
)
from ingest.options import ReaderOptions
from ingest.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
RANDOM = bytes((i * 7919 + 13) % 256 for i in range(4096))  # deterministic "random" bytes


# fmt: off
@pytest.mark.parametrize(("name", "data", "error", "words"), [
    ("empty.txt", b"", EmptyFile, "empty"),
    ("blank.txt", b"  \n\t\r\n", EmptyFile, "empty"),
    ("noise.txt", RANDOM, BinaryContent, "binary"),
    ("noise.pdf", os.urandom(2048).replace(b"%PDF-", b"xxxxx"), BinaryContent, "binary"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + RANDOM, UnsupportedFormat, "supported"),
    ("slides.odp", b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.presentation",
     UnsupportedFormat, ".odp"),
    ("sheet.xyz", b"plain text", UnsupportedFormat, "'.xyz'"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RANDOM, CorruptDocument, "DOC file"),
    ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), UnsupportedFormat, ".xls"),
    ("fake.pdf", "Chỉ thị".encode(), BinaryContent, "not a PDF"),
    ("western.txt", "Café crème brûlée à la française".encode("cp1252"), UndecodableText, "Western"),
])
# fmt: on
def test_bad_bytes(name: str, data: bytes, error: type[IngestError], words: str) -> None:
    with pytest.raises(error) as info:
        read(data, filename=name)
    message = str(info.value)
    assert message.startswith(f"{name}: [I0")
    assert words in message
    assert info.value.path == name


# fmt: off
@pytest.mark.parametrize(("fixture", "error", "words"), [
    ("encrypted.pdf", EncryptedPdf, "encrypted"),
    ("scanned.pdf", UnreadableScan, "2 word"),  # two words only: no text worth reading
    ("truncated.pdf", CorruptDocument, "corrupt"),
])
# fmt: on
def test_bad_fixture_files(fixture: str, error: type[IngestError], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        read(FIXTURES / fixture)
    assert str(info.value).startswith(f"{fixture}: ")


def test_scan_without_ocr_needs_ocr() -> None:
    with pytest.raises(NoTextLayer, match="OCR"):
        read(FIXTURES / "scanned.pdf", options=ReaderOptions(ocr=False))


def test_every_error_has_a_vietnamese_message() -> None:
    from ingest.errors import Errors, ErrorsVi

    codes = [c for c in vars(Errors) if c.startswith("I")]
    assert codes and all(getattr(ErrorsVi, c, None) for c in codes)
    err = UnreadableScan("a.pdf", "page(s) 1")
    assert err.message_vi.startswith("a.pdf: [I012] không nhận dạng được chữ")
    assert str(err).startswith("a.pdf: [I012] no text could be recognised")


def test_file_too_large_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(FileTooLarge, match=r"big\.txt: .*2048 bytes.*1024-byte limit"):
        read(path, options=ReaderOptions(max_bytes=1024))
    assert read(path, options=ReaderOptions(max_bytes=4096)).blocks


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(UnreadableFile, match="folder"):
        read(tmp_path)


def test_legacy_encoding_with_a_wrong_hint_is_named() -> None:
    with pytest.raises(UndecodableText, match="not valid utf-8"):
        read("Café crème".encode("cp1252"), filename="x.txt", options=ReaderOptions(encoding="utf-8"))


def test_options_reject_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown encoding"):
        ReaderOptions(encoding="klingon-8")


def test_a_bad_scan_in_a_batch_stores_nothing_and_the_rest_goes_on(tmp_path: Path) -> None:
    from PIL import Image
    from typer.testing import CliRunner

    from ingest.cli import app
    from ingest.store import DocumentStore

    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("L", (400, 560), 255).save(folder / "blank.pdf", "PDF", resolution=50.0)
    (folder / "a.txt").write_text("CHỈ THỊ\nVề công tác năm 2025\n1. Các sở, ngành triển khai.\n", encoding="utf-8")
    data = tmp_path / "data"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", str(data)])
    assert "blank.pdf: [I011]" in result.output and "1 failed" in result.output
    store = DocumentStore(data)
    assert len(store.ids()) == 1  # a.txt only: the refused scan left nothing behind
