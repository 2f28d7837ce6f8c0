"""Markdown tables whose web copy broke each row over several lines, with stray pipes."""

from __future__ import annotations

from ingest import parse_text
from ingest.model import ColumnRole, SectionKind

# Our own table, broken the way web copies break them: a lone "|" after the header, a line of
# empty cells, rows split over lines that open on a pipe and do not close one, a wrapped cell
# ending on a pipe, and rows whose empty STT cell (or an inner cell) the copy lost.
BROKEN = """KẾ HOẠCH THỬ NGHIỆM

| TT | Tên văn bản | Cơ quan trình | Cơ quan soạn thảo | Cơ quan thẩm tra | Tiến độ | Hồ sơ | |
|
| I. Văn bản thuộc thẩm quyền của Hội đồng |
| |||||
| | Quy chế quản lý kho lưu trữ của Hội đồng | Thường trực Hội đồng | Ban Pháp chế
| - Ban Kinh tế chủ trì thẩm tra
| - Trình Hội đồng trước ngày 15/03/2026 | - Tờ trình; dự thảo Quy chế | |
| Quy định về chế độ báo cáo định kỳ | Thường trực Hội đồng | Văn phòng Hội đồng
| - Ban Văn hóa chủ trì thẩm tra
| - Trình Hội đồng trong tháng 6/2026 | - Tờ trình; dự thảo Quy định | ||
| II. Văn bản thuộc thẩm quyền của Thường trực |
|
| |||||||
| Quyết định thành lập Tổ giúp việc | Ban Tổ chức |
Ban Tổ chức (Văn phòng phối hợp) |
| Trình Thường trực trước ngày 30/04/2026 | - Tờ trình |
| ||

Nơi nhận: như trên."""


def _table(text: str):  # type: ignore[no-untyped-def]
    doc = parse_text(text)
    assert len(doc.tables) == 1
    return doc, doc.tables[0]


def test_broken_rows_are_joined_into_whole_rows() -> None:
    doc, table = _table(BROKEN)
    assert table.roles[:2] == [ColumnRole.INDEX, ColumnRole.TASK]
    assert table.roles[5] is ColumnRole.DEADLINE
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert len(rows) == 5
    assert all(len(r) == 8 for r in rows)
    assert rows[1][1] == "Quy chế quản lý kho lưu trữ của Hội đồng"
    assert rows[1][4] == "- Ban Kinh tế chủ trì thẩm tra"
    assert rows[1][5] == "- Trình Hội đồng trước ngày 15/03/2026"
    # the lost STT cell is put back: the name stays in the task column
    assert rows[2][:2] == ["", "Quy định về chế độ báo cáo định kỳ"]
    assert rows[2][5] == "- Trình Hội đồng trong tháng 6/2026"
    # a wrapped cell ending on a pipe, a lost inner cell: the deadline stays in its column
    assert rows[4][3] == "Ban Tổ chức (Văn phòng phối hợp)"
    assert rows[4][4] == ""
    assert rows[4][5] == "Trình Thường trực trước ngày 30/04/2026"
    assert [r.is_group for r in table.rows] == [True, False, False, True, False]
    # nothing of the table leaks into the paragraphs
    assert "|" not in " ".join(p for p in doc.text.split("\n") if "Nơi nhận" in p)


def test_cells_point_into_the_text() -> None:
    doc, table = _table(BROKEN)
    for row in table.rows:
        for cell in row.cells:
            assert doc.text[cell.start : cell.end] == cell.text


def test_rows_are_numbered_within_their_group() -> None:
    doc, _ = _table(BROKEN)
    rows = [s for s in doc.sections if s.kind is SectionKind.TABLE_ROW]
    assert [s.path for s in rows] == ["I", "I.1", "I.2", "II", "II.1"]
    assert rows[1].heading == "Quy chế quản lý kho lưu trữ của Hội đồng"


WELL_FORMED = """| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
|---|---|---|---|
| 1 | Rà soát quy chế lưu trữ | Sở Nội vụ | Quý II/2026 |
| | Công bố danh mục | Sở Tư pháp | |
| 2 | Báo cáo kết quả | Sở Nội vụ | Tháng 12/2026 |"""


def test_well_formed_table_rows_stay_as_written() -> None:
    _, table = _table(WELL_FORMED)
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows == [
        ["1", "Rà soát quy chế lưu trữ", "Sở Nội vụ", "Quý II/2026"],
        ["", "Công bố danh mục", "Sở Tư pháp", ""],
        ["2", "Báo cáo kết quả", "Sở Nội vụ", "Tháng 12/2026"],
    ]
