"""DOCX reader: body order, Word numbering restored, layout vs data tables, corruption."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document

from ingest.errors import CorruptDocument
from ingest.rawdoc import Paragraph, TableBlock
from ingest.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _bytes(document: Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture()
def numbered_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Mở đầu kế hoạch")
    d.add_paragraph("Rà soát văn bản", style="List Number")
    d.add_paragraph("Tổ chức tập huấn", style="List Number")
    d.add_paragraph("việc thường xuyên", style="List Bullet")
    table = d.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for c, v in enumerate(["STT", "Nội dung", "Thời hạn"]):
        table.cell(0, c).text = v
    for c, v in enumerate(["1", "Báo cáo", "Quý II/2025"]):
        table.cell(1, c).text = v
    d.add_paragraph("Kết thúc")
    return _bytes(d)


def test_paragraphs_tables_and_numbering_in_body_order(numbered_docx: bytes) -> None:
    raw = read(numbered_docx, filename="kh.docx")
    assert raw.file_type == "docx"
    assert raw.blocks == [
        Paragraph("Mở đầu kế hoạch"),
        Paragraph("1. Rà soát văn bản", style="List Number", list_marker="1."),
        Paragraph("2. Tổ chức tập huấn", style="List Number", list_marker="2."),
        Paragraph("• việc thường xuyên", style="List Bullet", list_marker="•"),
        TableBlock(rows=[["STT", "Nội dung", "Thời hạn"], ["1", "Báo cáo", "Quý II/2025"]]),
        Paragraph("Kết thúc"),
    ]


def test_borderless_table_is_read_as_layout() -> None:
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)  # default style: no borders
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    raw = read(_bytes(d), filename="a.docx")
    assert [b.text for b in raw.blocks if isinstance(b, Paragraph) and b.text] == [
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    assert not any(isinstance(b, TableBlock) for b in raw.blocks)


def test_borderless_table_with_a_task_header_is_a_table() -> None:
    d = docx.Document()
    table = d.add_table(rows=2, cols=4)  # default style: no borders
    for c, v in enumerate(["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn hoàn thành"]):
        table.cell(0, c).text = v
    for c, v in enumerate(["1", "Số hóa hồ sơ", "Văn phòng UBND tỉnh", "Tháng 10/2025"]):
        table.cell(1, c).text = v
    raw = read(_bytes(d), filename="a.docx")
    tables = [b for b in raw.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 1 and tables[0].rows[1] == ["1", "Số hóa hồ sơ", "Văn phòng UBND tỉnh", "Tháng 10/2025"]


def test_vni_font_text_in_docx_is_converted() -> None:
    d = docx.Document()
    d.add_paragraph("Ngöôøi daân vaø doanh nghieäp")
    raw = read(_bytes(d), filename="vni.docx")
    assert raw.blocks[0].text == "Người dân và doanh nghiệp"
    assert raw.encoding == "vni"


def test_fixture_docx_reads_header_table_in_order() -> None:
    raw = read(FIXTURES / "layout.docx")
    texts = [b.text for b in raw.blocks if isinstance(b, Paragraph)]
    assert texts[:3] == ["ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND"]


# fmt: off
@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + b"\x00" * 40,                       # truncated zip
    None,                                              # a zip without word/document.xml
])
# fmt: on
def test_corrupt_docx(data: bytes | None, numbered_docx: bytes) -> None:
    if data is None:
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/other.xml", "<x/>")
        data = buf.getvalue()
    with pytest.raises(CorruptDocument, match=r"^bad\.docx: \[I006\]"):
        read(data, filename="bad.docx")


def test_truncated_real_docx_is_corrupt(numbered_docx: bytes) -> None:
    with pytest.raises(CorruptDocument):
        read(numbered_docx[: len(numbered_docx) // 2], filename="half.docx")
