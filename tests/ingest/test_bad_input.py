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
    ("notes.rtf", b"{\\rtf1 hello}", UnsupportedFormat, ".rtf"),
    ("sheet.xyz", b"plain text", UnsupportedFormat, "'.xyz'"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RANDOM, UnsupportedFormat, ".doc"),
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
    ("scanned.pdf", NoTextLayer, "OCR"),
    ("truncated.pdf", CorruptDocument, "corrupt"),
])
# fmt: on
def test_bad_fixture_files(fixture: str, error: type[IngestError], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        read(FIXTURES / fixture)
    assert str(info.value).startswith(f"{fixture}: ")


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
