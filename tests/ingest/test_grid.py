"""Web copies' pipe-per-line layout grids: data tables recovered, layout cells left alone."""

from __future__ import annotations

import json

import pytest

from ingest import parse, parse_text
from ingest.grid import find_grids
from ingest.model import ColumnRole, SectionKind
from ingest.tables import row_patterns
from ingest.vocab import DATA


def _grid(*cells: str) -> list[str]:
    """Lines of a grid: every argument is a cell ("" an empty slot), pipes between them."""
    lines = ["|"]
    for cell in cells:
        if cell:
            lines.extend(cell.split("\n"))
        lines.append("|")
    return lines


def _texts(lines: list[str]) -> list[list[list[str]]]:
    return [
        [[" ".join(lines[c[0] : c[1]]) if c else "" for c in row] for row in grid.rows] for grid in find_grids(lines)
    ]


HEADER = ("STT", "Nội dung\nnhiệm vụ", "Cơ quan\nchủ trì", "Cơ quan phối hợp", "Thời gian\nhoàn thành")

# fmt: off
GRIDS = [
    # full rows; an empty co-owner cell; an empty last cell before the row boundary ("| | |")
    (_grid(*HEADER, "", "1", "Rà soát văn bản\nquy phạm pháp luật", "Sở Tư pháp", "", "Quý I/2026", "",
           "2", "Tổ chức tập huấn", "Sở Nội vụ", "Các sở", "", "", "3", "Kiểm tra", "Thanh tra tỉnh", "UBND cấp xã", "2026"),
     [[["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
       ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "", "Quý I/2026"],
       ["2", "Tổ chức tập huấn", "Sở Nội vụ", "Các sở", ""],
       ["3", "Kiểm tra", "Thanh tra tỉnh", "UBND cấp xã", "2026"]]]),
    # group rows (roman + caps text spanning the table, one caps cell), dotted and lettered STT
    (_grid(*HEADER, "", "I", "NHIỆM VỤ\nCHUNG", "", "1.1", "Xây dựng kế hoạch", "Sở Tài chính", "Các sở", "Năm 2026",
           "", "a", "Báo cáo định kỳ", "Sở Nội vụ", "", "Hằng quý", "", "THEO DÕI, ĐÔN ĐỐC", "",
           "b", "Tổng kết", "Văn phòng UBND tỉnh", "", "Tháng 12/2026"),
     [[["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
       ["I", "NHIỆM VỤ CHUNG", "", "", ""],
       ["1.1", "Xây dựng kế hoạch", "Sở Tài chính", "Các sở", "Năm 2026"],
       ["a", "Báo cáo định kỳ", "Sở Nội vụ", "", "Hằng quý"],
       ["THEO DÕI, ĐÔN ĐỐC", "", "", "", ""],
       ["b", "Tổng kết", "Văn phòng UBND tỉnh", "", "Tháng 12/2026"]]]),
    # a copy that left rows out: the elision mark is a row of its own, no boundary around it
    (_grid(*HEADER, "", "1", "Rà soát", "Sở Tư pháp", "Các sở", "2026", "…........", "5", "Kiểm tra",
           "Thanh tra tỉnh", "Các sở", "2027"),
     [[["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
       ["1", "Rà soát", "Sở Tư pháp", "Các sở", "2026"],
       ["…........", "", "", "", ""],
       ["5", "Kiểm tra", "Thanh tra tỉnh", "Các sở", "2027"]]]),
    # the table ends at a layout cell that is not a row (long prose), which stays outside
    (_grid("Tiêu đề kế hoạch", "TT", "Nhiệm vụ", "Đơn vị chủ trì", "Tiến độ", "", "1", "Rà soát", "Sở Tư pháp",
           "2026", "", "Các sở, ban, ngành có trách nhiệm triển khai thực hiện nghiêm túc Kế hoạch này."),
     [[["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Tiến độ"], ["1", "Rà soát", "Sở Tư pháp", "2026"]]]),
    # no STT column: rows are told apart by the row boundaries alone
    (_grid("Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian", "", "Rà soát", "Sở Tư pháp", "",
           "2026", "", "Kiểm tra", "Thanh tra tỉnh", "Các sở", "Quý I/2027"),
     [[["Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"],
       ["Rà soát", "Sở Tư pháp", "", "2026"], ["Kiểm tra", "Thanh tra tỉnh", "Các sở", "Quý I/2027"]]]),
    # two tables in one grid, each found by its own header
    (_grid("TT", "Nhiệm vụ", "Chủ trì", "", "1", "Rà soát", "Sở Tư pháp", "", "Phụ lục II", "STT", "Nội dung",
           "Cơ quan chủ trì", "Tiến độ", "", "1", "Kiểm tra", "Thanh tra", "2026"),
     [[["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát", "Sở Tư pháp"]],
      [["STT", "Nội dung", "Cơ quan chủ trì", "Tiến độ"], ["1", "Kiểm tra", "Thanh tra", "2026"]]]),
    # a header-less layout grid (issuer | motto, number | place-date): no table
    (_grid("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "",
           "Số: 12/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025"), []),
    # the signature grid (recipients | signature) holds no table either
    (_grid("Nơi nhận:\n- Như trên;\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A"), []),
    # role-like labels, but only two columns: not a table header
    (_grid("Nội dung", "Tiến độ", "", "1", "Rà soát"), []),
    # a header with no row under it
    (_grid(*HEADER, ""), []),
]
# fmt: on


@pytest.mark.parametrize(("lines", "expected"), GRIDS)
def test_find_grids(lines: list[str], expected: list[list[list[str]]]) -> None:
    assert _texts(lines) == expected


@pytest.mark.parametrize("stop", [lambda line: line.startswith("KT."), None])
def test_grid_ends_before_a_signature_cell(stop) -> None:
    lines = _grid(*HEADER, "", "1", "Rà soát", "Sở Tư pháp", "", "2026", "", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "")
    grids = find_grids(lines, stop)
    assert len(grids) == 1 and len(grids[0].rows) == 2  # header + one row
    assert grids[0].end <= lines.index("KT. CHỦ TỊCH")


WEB_COPY = "\n".join(
    [
        "**ỦY BAN NHÂN DÂN**",
        "TỈNH AN GIANG",
        "|",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "Độc lập - Tự do - Hạnh phúc",
        "|",
        "|",
        "Số: 45/KH-UBND",
        "|",
        "*An Giang, ngày 03 tháng 3 năm 2026*",
        "|",
        "**KẾ HOẠCH**",
        "Triển khai công tác cải cách hành chính năm 2026",
        "**I. NHIỆM VỤ**",
        "Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.",
        "|",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "|",
        "**KT. CHỦ TỊCH**",
        "PHÓ CHỦ TỊCH",
        "Trần Văn B",
        "|",
        "**PHỤ LỤC**",
        "DANH MỤC NHIỆM VỤ",
        "|",
        "**STT**",
        "|",
        "**Nội dung nhiệm vụ**",
        "|",
        "**Cơ quan chủ trì**",
        "|",
        "**Cơ quan phối hợp**",
        "|",
        "**Thời hạn**",
        "|",
        "|",
        "**I**",
        "|",
        "**CẢI CÁCH THỂ CHẾ**",
        "|",
        "|",
        "1",
        "|",
        "Rà soát, đánh giá thủ tục",
        "hành chính thuộc thẩm quyền",
        "|",
        "Sở Tư pháp",
        "|",
        "|",
        "Quý II/2026",
        "|",
        "|",
        "2",
        "|",
        "Công bố danh mục thủ tục hành chính",
        "|",
        "Văn phòng UBND",
        "tỉnh",
        "|",
        "Các sở, ngành",
        "|",
        "**2026**",
        "|",
    ]
)


def test_web_copy_table_rows_sections_and_offsets() -> None:
    doc = parse_text(WEB_COPY, filename="45-kh-ubnd.txt")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.roles == [ColumnRole.INDEX, ColumnRole.TASK, ColumnRole.OWNER, ColumnRole.CO_OWNER, ColumnRole.DEADLINE]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền", "Sở Tư pháp", "", "Quý II/2026"],
        ["2", "Công bố danh mục thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ngành", "2026"],
    ]
    for row in table.rows:
        assert doc.text[row.start : row.end]
        for cell in row.cells:
            assert doc.text[cell.start : cell.end] == cell.text
    rows = [s for s in doc.sections if s.kind is SectionKind.TABLE_ROW]
    assert [s.path for s in rows] == ["I", "I.1", "I.2"]
    assert doc.text[rows[1].text_start : rows[1].text_end] == "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền"
    # the layout cells around the table are still paragraphs, the header still read
    assert doc.metadata.number == "45/KH-UBND" and doc.metadata.signer == "Trần Văn B"
    assert "Nơi nhận:" in doc.text.split("\n")


def test_elision_loses_the_group() -> None:
    lines = WEB_COPY.split("\n")
    cut = lines.index("2")
    lines[cut - 2 : cut] = ["|", "…......", "|"]  # "2026 | …...... | 2": rows left out, no row end
    doc = parse_text("\n".join(lines), filename="45-kh-ubnd.txt")
    rows = [s for s in doc.sections if s.kind is SectionKind.TABLE_ROW]
    assert [s.path for s in rows] == ["I", "I.1", None, None]


# fmt: off
MARKDOWN = [
    ("| STT | Nội dung nhiệm vụ | Cơ quan chủ trì |\n|---|---|---|\n| I | NHIỆM VỤ CHUNG | |\n| 1 | Rà soát | Sở Tư pháp |",
     ["I", "I.1"]),
    ("| TT | Công việc | Đơn vị thực hiện | Thời gian |\n|:--|:--|:--|:--|\n| 1 | Rà soát | Sở Tư pháp | 2026 |\n"
     "| 2 | Kiểm tra | Thanh tra | 2027 |", ["1", "2"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "paths"), MARKDOWN)
@pytest.mark.parametrize("via_reader", [False, True])
def test_markdown_pipe_tables(text: str, paths: list[str], via_reader: bool) -> None:
    source = "KẾ HOẠCH\nPHỤ LỤC\n" + text
    doc = parse(source.encode(), filename="plan.md") if via_reader else parse_text(source)
    assert len(doc.tables) == 1
    assert [s.path for s in doc.sections if s.kind is SectionKind.TABLE_ROW] == paths
    for row in doc.tables[0].rows:
        for cell in row.cells:
            assert doc.text[cell.start : cell.end] == cell.text


def _pattern_entries() -> list[tuple[str, str, bool]]:
    data = json.loads((DATA / "table_headers.json").read_text(encoding="utf-8"))
    out = []
    for key in ("row_index", "group_index", "elision"):
        out += [(key, e, True) for e in data[key]["examples"]]
        out += [(key, e, False) for e in data[key]["counter_examples"]]
    return out


@pytest.mark.parametrize(("key", "text", "matches"), _pattern_entries())
def test_row_pattern_examples(key: str, text: str, matches: bool) -> None:
    assert bool(getattr(row_patterns(), key).match(text)) is matches
