"""Text/Markdown reader: decoding, pipe tables, file-type detection."""

from __future__ import annotations

import pytest

from ingest.filetype import FileType, detect
from ingest.rawdoc import Paragraph, TableBlock
from ingest.readers import read


# fmt: off
@pytest.mark.parametrize(("name", "data", "expected"), [
    ("a.txt", b"%PDF-1.7\n...", FileType.PDF),             # content beats the extension
    ("a.bin", b"PK\x03\x04....word/document.xml", FileType.DOCX),
    ("a.txt", "Kế hoạch số 12/KH-UBND".encode(), FileType.TXT),
    ("a.md", b"# Title", FileType.MD),
    ("a.html", b"<p>x</p>", FileType.HTML),
    ("page", b"<!DOCTYPE html><html><body>x</body></html>", FileType.HTML),
    (None, "Chỉ thị".encode(), FileType.TXT),
])
# fmt: on
def test_detect(name: str | None, data: bytes, expected: FileType) -> None:
    assert detect(name, data) is expected


def test_filetype_carries_its_metadata() -> None:
    assert ".docx" in FileType.DOCX.extensions
    assert FileType.PDF.mime_type == "application/pdf"
    assert FileType.from_extension("HTM") is FileType.HTML
    assert FileType.from_mime_type("text/html; charset=utf-8") is FileType.HTML
    assert FileType.from_extension(".xlsx") is None


def test_txt_is_decoded_not_normalised() -> None:
    text = "Điều 1.  Ban hành\nkế hoạch   này.\r\n"
    raw = read(text.encode("utf-8"), filename="a.txt")
    assert raw.file_type == "txt"
    assert raw.encoding is None
    assert raw.blocks == [Paragraph("Điều 1.  Ban hành\nkế hoạch   này.\n")]


def test_utf8_bom_and_utf16_are_read() -> None:
    assert read("\ufeffChỉ thị".encode("utf-8"), filename="a.txt").blocks[0].text == "Chỉ thị"
    raw = read("Chỉ thị số 05".encode("utf-16"), filename="a.txt")
    assert raw.blocks[0].text == "Chỉ thị số 05"
    assert raw.encoding == "utf-16"


def test_markdown_pipe_table_becomes_table_block() -> None:
    md = "PHỤ LỤC\n| STT | Nhiệm vụ |\n|---|---|\n| 1 | Rà soát |\n| 2 | Báo cáo |\nHết."
    raw = read(md.encode(), filename="plan.md")
    assert raw.file_type == "md"
    assert raw.blocks == [
        Paragraph("PHỤ LỤC"),
        TableBlock(rows=[["STT", "Nhiệm vụ"], ["1", "Rà soát"], ["2", "Báo cáo"]]),
        Paragraph("Hết."),
    ]


def test_a_single_pipe_line_is_not_a_table() -> None:
    raw = read(b"| not a table |\nnext", filename="a.txt")
    assert all(isinstance(b, Paragraph) for b in raw.blocks)
