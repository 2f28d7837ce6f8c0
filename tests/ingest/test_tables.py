"""Appendix tables: header roles, group rows, row sections."""

from __future__ import annotations

import pytest

from ingest import parse
from ingest.model import ColumnRole, SectionKind
from ingest.rawdoc import Paragraph, RawDocument, TableBlock
from ingest.tables import header_roles, is_group_row, role_of

# fmt: off
ROLES = [
    ("STT", ColumnRole.INDEX), ("TT", ColumnRole.INDEX), ("Nội dung nhiệm vụ", ColumnRole.TASK),
    ("Nội dung công việc", ColumnRole.TASK), ("Cơ quan chủ trì", ColumnRole.OWNER), ("Đơn vị chủ trì", ColumnRole.OWNER),
    ("Cơ quan phối hợp", ColumnRole.CO_OWNER), ("Thời gian hoàn thành", ColumnRole.DEADLINE),
    ("Thời hạn hoàn thành", ColumnRole.DEADLINE), ("Thời gian thực hiện", ColumnRole.DEADLINE),
    ("Tiến độ", ColumnRole.DEADLINE), ("Sản phẩm", ColumnRole.PRODUCT), ("Ghi chú", ColumnRole.NOTE),
    ("Kinh phí", ColumnRole.OTHER),
    # a cue of four characters or more also names a header it begins; a shorter one only itself
    ("Nội dung nhiệm vụ trọng tâm", ColumnRole.TASK), ("Thời hạn hoàn thành (dự kiến)", ColumnRole.DEADLINE),
    ("STT.", ColumnRole.INDEX), ("TTg", ColumnRole.OTHER), ("Số TT:", ColumnRole.INDEX),
    # the earlier role of table_headers.json wins: "nhiệm vụ" (task) before "chủ trì" (owner)
    ("Nhiệm vụ chủ trì", ColumnRole.TASK), ("Chủ trì", ColumnRole.OWNER),
]
# fmt: on


@pytest.mark.parametrize(("cell", "role"), ROLES)
def test_role_of(cell: str, role: ColumnRole) -> None:
    assert role_of(cell) is role


def test_header_roles_needs_a_real_header() -> None:
    assert header_roles(["1", "Rà soát văn bản", "Sở Tư pháp"]) is None
    assert header_roles(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"]) is not None


@pytest.mark.parametrize(
    ("cells", "group"),
    [(["I", "NHIỆM VỤ CHUNG", "", ""], True), (["", "NHIỆM VỤ CHUNG", "", ""], True),
     (["1", "Rà soát văn bản", "Sở Tư pháp", "Quý I/2026"], False), (["2", "Kiểm tra", "", ""], False)],
)
def test_group_rows(cells: list[str], group: bool) -> None:
    roles = [ColumnRole.INDEX, ColumnRole.TASK, ColumnRole.OWNER, ColumnRole.DEADLINE]
    assert is_group_row(cells, roles) is group


def _raw() -> RawDocument:
    return RawDocument(blocks=[
        Paragraph("PHỤ LỤC\nDANH MỤC NHIỆM VỤ"),
        TableBlock(rows=[
            ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["I", "NHIỆM VỤ CHUNG", "", "", ""],
            ["1", "Rà soát văn bản quy phạm", "Sở Tư pháp", "Các sở", "Quý I/2026"],
            ["2", "Tổ chức tập huấn", "Sở Nội vụ", "", "Tháng 6/2026"],
            ["II", "NHIỆM VỤ CỤ THỂ", "", "", ""],
            ["1", "Kiểm tra việc thực hiện", "Thanh tra tỉnh", "", "Năm 2026"],
        ]),
    ])


def test_table_rows_become_sections(monkeypatch) -> None:
    import ingest.readers

    monkeypatch.setattr(ingest.readers, "read", lambda *a, **k: _raw())
    doc = parse(b"ignored", filename="plan.docx")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.roles[:3] == [ColumnRole.INDEX, ColumnRole.TASK, ColumnRole.OWNER]
    assert [r.is_group for r in table.rows] == [True, False, False, True, False]
    rows = [s for s in doc.sections if s.kind is SectionKind.TABLE_ROW]
    assert [s.path for s in rows] == ["I", "I.1", "I.2", "II", "II.1"]
    first = rows[1]
    assert doc.text[first.text_start:first.text_end] == "Rà soát văn bản quy phạm"
    assert doc.sections[first.parent].path == "I" and first.table == 0 and first.row == 1
    for row in table.rows:
        for cell in row.cells:
            assert doc.text[cell.start:cell.end] == cell.text


def test_a_group_row_spanning_the_table_is_named_by_its_own_marker(monkeypatch) -> None:
    """A group heading written in one cell across the table (``I. NHIỆM VỤ CHUNG``, STT column
    empty) names its rows: ``I.1``, ``I.2``, not ``I. NHIỆM VỤ CHUNG.1``."""
    import ingest.readers

    raw = RawDocument(blocks=[
        Paragraph("PHỤ LỤC\nDANH MỤC NHIỆM VỤ"),
        TableBlock(rows=[
            ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
            ["I. NHIỆM VỤ CHUNG", "", "", ""],
            ["1", "Rà soát văn bản quy phạm", "Sở Tư pháp", "Quý I/2026"],
            ["2", "Tổ chức tập huấn", "Sở Nội vụ", "Tháng 6/2026"],
            ["II. NHIỆM VỤ CỤ THỂ", "", "", ""],
            ["3", "Kiểm tra việc thực hiện", "Thanh tra tỉnh", "Năm 2026"],
        ]),
    ])
    monkeypatch.setattr(ingest.readers, "read", lambda *a, **k: raw)
    doc = parse(b"ignored", filename="plan.docx")
    rows = [s for s in doc.sections if s.kind is SectionKind.TABLE_ROW]
    assert [s.path for s in rows] == ["I", "I.1", "I.2", "II", "II.3"]
