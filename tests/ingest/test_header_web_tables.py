"""Headers and signature blocks of web copies laid out as tables (Markdown pipes, HTML tables,
cells flattened onto one line, cells wrapped over lines, one cell per row, the party form) and
the line cutting of a flattened cell, with negatives next to positives."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import parse, parse_text
from ingest.cells import is_layout_cell, split
from ingest.header import org_case
from ingest.normalize import is_layout_table, normalize_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "headers"

# fmt: off
DOCUMENTS = [
    # (fixture, expected metadata fields)
    ("qd_ubnd_tinh_pipes.txt", {"doc_type": "Quyết định", "number": "12/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Quảng Nam",
        "issued_date": "2024-03-05", "place": "Quảng Nam", "signer": "Nguyễn Văn Anh", "signer_title": "Phó Chủ tịch",
        "recipients": ["Như Điều 3", "Bộ Nội vụ (b/c)", "Lưu: VT, NC"]}),
    ("kh_so_bold_pipes.txt", {"doc_type": "Kế hoạch", "number": "208/KH-STC", "issuer": "Sở Tài chính tỉnh Đồng Tháp",
        "issued_date": "2025-08-14", "place": "Đồng Tháp", "signer": "Trần Thị Bích Hạnh", "signer_title": "Giám đốc"}),
    ("kh_tinh_uy_party_pipes.txt", {"doc_type": "Kế hoạch", "number": "45-KH/TU", "issuer": "Tỉnh ủy Nghệ An",
        "issued_date": "2025-04-03", "place": "Nghệ An", "signer": "Hoàng Nghĩa Hiếu",
        "signer_title": "Phó Bí thư thường trực"}),
    ("cv_ubnd_huyen_wrapped.txt", {"doc_type": "Công văn", "number": "1520/UBND-VP", "issuer": "Ủy ban nhân dân huyện Tuy Phong",
        "issued_date": "2024-05-20", "place": "Tuy Phong", "title": "Triển khai công tác phòng, chống thiên tai năm 2024",
        "signer": "Phan Văn Hòa", "signer_title": "Phó Chủ tịch", "recipients": ["Như trên", "Lưu: VT"]}),
    ("tb_ubnd_xa_single_cells.txt", {"doc_type": "Thông báo", "number": "07/TB-UBND", "issuer": "Ủy ban nhân dân xã Hòa Bình",
        "issued_date": "2025-10-02", "place": "Hòa Bình", "signer": "Lê Văn Dũng", "signer_title": "Chủ tịch"}),
    ("ct_bo_tu_phap_pipes.txt", {"doc_type": "Chỉ thị", "number": "01/CT-BTP", "issuer": "Bộ Tư pháp", "issued_date": "2025-01-10",
        "signer": "Mai Lương Khôi", "signer_title": "Thứ trưởng",
        "recipients": ["Thủ tướng Chính phủ (để b/c)", "Bộ Lao động - Thương binh và Xã hội", "Lưu: VT, TCTHADS"]}),
    ("ct_ttg_pipes.txt", {"doc_type": "Chỉ thị", "number": "11/CT-TTg", "issuer": "Thủ tướng Chính phủ", "issued_date": "2020-03-04",
        "place": "Hà Nội", "signer": "Nguyễn Xuân Phúc", "signer_title": "Thủ tướng"}),
    ("tb_huyen_uy_pipes.txt", {"doc_type": "Thông báo", "number": "93-TB/HU", "issuer": "Huyện ủy Tuy Phong",
        "issued_date": "2021-01-15", "signer": "Nguyễn Văn Tuấn", "signer_title": "Bí thư"}),
    ("kh_bcsd_pipes.txt", {"doc_type": "Kế hoạch", "number": "196-KH/BCSĐ", "issuer": "Ban cán sự đảng Bộ Tư pháp",
        "issued_date": "2024-04-26", "signer": "Lê Thành Long", "signer_title": "Bí thư"}),
    ("tb_vpcp_pipes.txt", {"doc_type": "Thông báo", "number": "304/TB-VPCP", "issuer": "Văn phòng Chính phủ",
        "issued_date": "2025-06-28", "signer": "Nguyễn Sỹ Hiệp", "signer_title": "Phó Chủ nhiệm"}),
    ("kh_so_bordered.html", {"doc_type": "Kế hoạch", "number": "56/KH-SNV", "issuer": "Sở Nội vụ thành phố Hải Phòng", "issued_date": "2025-05-09",
        "place": "Hải Phòng", "signer": "Phạm Thị Thu", "signer_title": "Giám đốc", "recipients": ["UBND thành phố (b/c)", "Lưu: VT, CCVC"]}),
    ("qd_ubnd_flat_cells.html", {"doc_type": "Quyết định", "number": "2215/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Bình Dương",
        "issued_date": "2024-08-12", "place": "Bình Dương", "signer": "Nguyễn Lộc Hà", "signer_title": "Phó Chủ tịch",
        "recipients": ["Như Điều 2", "Bộ Công Thương", "Lưu: VT"]}),
    ("kh_ubnd_side_by_side.html", {"doc_type": "Kế hoạch", "number": "88/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Lâm Đồng",
        "issued_date": "2025-02-21", "place": "Lâm Đồng", "signer": "Đặng Trí Dũng", "signer_title": "Phó Chủ tịch"}),
    ("cv_sgddt_three_columns_pipes.txt", {"doc_type": "Công văn", "number": "1234/SGDĐT-VP", "issuer": "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh",
        "issued_date": "2025-04-10", "place": "Thành phố Hồ Chí Minh", "title": "Tổ chức ngày hội đọc sách năm 2025",
        "signer": "Nguyễn Bảo Quốc", "signer_title": "Phó Giám đốc", "recipients": ["Như trên", "Lưu: VT, VP"]}),
    ("qd_ubnd_side_by_side.txt", {"doc_type": "Quyết định", "number": "1512/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa",
        "issued_date": "2025-06-17", "place": "Khánh Hòa", "signer": "Lê Văn Khoa", "signer_title": "Phó Chủ tịch",
        "recipients": ["Như Điều 2", "Bộ Y tế (b/c)", "Lưu: VT, KGVX"]}),
    # /TW: the issuer block is the issuer, the deciding body opens the title (dev 113)
    ("ct_ban_bi_thu_pipes.txt", {"doc_type": "Chỉ thị", "number": "35-CT/TW", "issuer": "Ban Chấp hành Trung ương",
        "issued_date": "2024-06-14",
        "title": "Chỉ thị của Ban Bí thư về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        "signer": "Trương Thị Mai", "signer_title": None}),
    ("kh_ubnd_huyen_abbrev_pipes.txt", {"number": "45/KH-UBND", "issuer": "Ủy ban nhân dân huyện Đông Anh", "place": "Đông Anh"}),
    ("qd_ubnd_open_rows_pipes.txt", {"doc_type": "Quyết định", "number": "301/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "issued_date": "2025-04-11", "place": "Quảng Ngãi", "signer": "Trần Phước Hiền", "signer_title": "Phó Chủ tịch",
        "recipients": ["Như Điều 2", "Lưu: VT, KGVX"]}),                                   # rows without their closing pipe
    # the pipe-per-line layout of thuvienphapluat Markdown exports
    ("kh_tinh_uy_pipe_per_line.txt", {"doc_type": "Kế hoạch", "number": "12-KH/TU", "issuer": "Tỉnh ủy Thanh Hóa",
        "issued_date": "2025-03-05", "place": "Thanh Hóa", "signer": "Lại Thế Nguyên", "signer_title": "Phó Bí thư thường trực"}),
    ("cv_bo_tai_chinh_pipe_per_line.txt", {"doc_type": "Công văn", "number": "1234/BTC-NSNN", "issuer": "Bộ Tài chính",
        "title": "Hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2026", "signer": "Võ Thành Hưng", "signer_title": "Thứ trưởng"}),
    ("qd_ubnd_number_wrapped_pipe_per_line.txt", {"number": "215/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Quảng Ninh",
        "issued_date": "2025-01-20", "signer": "Cao Tường Huy", "signer_title": "Chủ tịch"}),
    ("ct_bo_y_te_signed_mark_pipe_per_line.txt", {"number": "45/CT-BYT", "issuer": "Bộ Y tế", "signer": "Đào Hồng Lan",
        "signer_title": "Bộ trưởng"}),                                                      # "(Đã ký)" between title and name
    ("kh_huyen_uy_party.html", {"doc_type": "Kế hoạch", "number": "112-KH/HU", "issuer": "Huyện ủy Hàm Thuận Bắc",
        "issued_date": "2024-07-08", "place": "Hàm Thuận Bắc", "signer": "Nguyễn Minh Tâm", "signer_title": "Phó Bí thư"}),
]

CELLS = [
    # (flattened cell, its lines)
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM -------", ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"]),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ------",
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ -------", ["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"]),             # parent, then issuer
    ("ĐẢNG BỘ TỈNH BẮC NINH TỈNH ỦY *", ["ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY"]),
    ("TỈNH ỦY NGHỆ AN BAN TỔ CHỨC", ["TỈNH ỦY NGHỆ AN", "BAN TỔ CHỨC"]),
    ("VĂN PHÒNG CHÍNH PHỦ", ["VĂN PHÒNG CHÍNH PHỦ"]),                                    # one body, not two
    ("BAN CÁN SỰ ĐẢNG BỘ TƯ PHÁP", ["BAN CÁN SỰ ĐẢNG BỘ TƯ PHÁP"]),
    ("ỦY BAN NHÂN DÂN HUYỆN VỤ BẢN", ["ỦY BAN NHÂN DÂN HUYỆN VỤ BẢN"]),                  # a place, not "Vụ"
    ("SỞ NỘI VỤ", ["SỞ NỘI VỤ"]),
    ("Số: 12/QĐ-UBND Quảng Nam, ngày 05 tháng 3 năm 2024", ["Số: 12/QĐ-UBND", "Quảng Nam, ngày 05 tháng 3 năm 2024"]),
    ("Số: 45/UBND-VP V/v triển khai công tác", ["Số: 45/UBND-VP", "V/v triển khai công tác"]),
    ("Nơi nhận: - Như Điều 2; - Bộ Lao động - Thương binh và Xã hội; - Lưu: VT.",
     ["Nơi nhận:", "- Như Điều 2;", "- Bộ Lao động - Thương binh và Xã hội;", "- Lưu: VT."]),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]),
    ("T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Trần Văn B", ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Văn B"]),
    ("K/T CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG THƯỜNG TRỰC Lê Văn C",
     ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG THƯỜNG TRỰC", "Lê Văn C"]),
    ("KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM Nguyễn Sỹ Hiệp",                             # the comma: one authority
     ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Sỹ Hiệp"]),
    ("KT. TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG (Đã ký) Đặng Ngọc Minh",
     ["KT. TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "Đặng Ngọc Minh"]),
    ("THỦ TƯỚNG Nguyễn Xuân Phúc", ["THỦ TƯỚNG", "Nguyễn Xuân Phúc"]),
    ("T/M BAN BÍ THƯ Trương Thị Mai", ["T/M BAN BÍ THƯ", "Trương Thị Mai"]),          # a body named by a title word
    ("T/M BỘ CHÍNH TRỊ TỔNG BÍ THƯ Tô Lâm", ["T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ", "Tô Lâm"]),
]

ORG_CASE = [
    ("UBND HUYỆN ĐÔNG ANH", "Ủy ban nhân dân huyện Đông Anh"),
    ("SỞ TƯ PHÁP TỈNH BẮC NINH", "Sở Tư pháp tỉnh Bắc Ninh"),
    ("CÔNG AN TỈNH NGHỆ AN", "Công an tỉnh Nghệ An"),
    ("BAN CÁN SỰ ĐẢNG BỘ TƯ PHÁP", "Ban cán sự đảng Bộ Tư pháp"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),                              # no place: unchanged
]

PARAGRAPHS_KEPT = [
    # paragraphs outside a layout table that must not be cut
    "Số 5 đơn vị chưa hoàn thành, đề nghị Sở Nội vụ - Sở Tài chính phối hợp.",
    "Nơi nhận: KT. TỔNG CỤC TRƯỞNG",                    # a PDF's flattened columns: read by the header
    "Các sở, ngành triển khai - theo dõi - báo cáo kết quả.",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "Bộ Lao động - Thương binh và Xã hội chủ trì.",
    "Số: 12/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân tỉnh về ban hành Kế hoạch.",   # a citation, not a header
]

LAYOUT_TABLES = [
    # (rows, is a layout table)
    ([["UBND TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 1/KH-UBND", "X, ngày 1 tháng 2 năm 2025"]], True),
    ([["Nơi nhận: - Như trên; - Lưu: VT.", "CHỦ TỊCH Lê Văn D"]], True),
    ([["STT", "Nội dung", "Cơ quan chủ trì"], ["1", "Rà soát", "Sở Nội vụ"]], False),          # a data table
    ([["Chỉ tiêu", "Năm 2024"], ["Số hộ nghèo", "120"]], False),                               # no layout cell
    ([["1", "Số: 5/KH-UBND", "a", "b"]], False),                                              # four filled cells
    ([["1", "Số 45-KH/TU ngày 3/4/2025", "Kế hoạch quán triệt"],
      ["2", "Số 12-CT/TU ngày 5/5/2025", "Chỉ thị về cán bộ"]], False),                          # a numbered list of documents
    ([["Chỉ tiêu", "Kết quả"], ["Hộ nghèo", "120"], ["Số: 5/KH-UBND", "x"]], False),             # a label cell low in the table
]
# fmt: on


@pytest.mark.parametrize(("fixture", "expected"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_header_and_signature_of_web_tables(fixture: str, expected: dict) -> None:
    meta = parse(FIXTURES / fixture).metadata.model_dump()
    for field, value in expected.items():
        if field == "title" and value is not None:  # scored case-insensitively (score.py)
            assert (meta[field] or "").lower() == value.lower(), field
        else:
            assert meta[field] == value, field


@pytest.mark.parametrize(("cell", "lines"), CELLS)
def test_flattened_cell_is_cut_into_its_lines(cell: str, lines: list[str]) -> None:
    assert [cell[a:b] for a, b in split(cell, layout=True)] == lines


@pytest.mark.parametrize("text", PARAGRAPHS_KEPT)
def test_ordinary_paragraph_is_not_cut(text: str) -> None:
    assert [text[a:b] for a, b in split(text)] == [text]
    assert normalize_text(text).text == text


@pytest.mark.parametrize(("caps", "expected"), ORG_CASE)
def test_issuer_written_form(caps: str, expected: str) -> None:
    assert org_case(caps) == expected


@pytest.mark.parametrize(("rows", "expected"), LAYOUT_TABLES)
def test_layout_table_detection(rows: list[list[str]], expected: bool) -> None:
    assert is_layout_table(rows) is expected


def test_data_table_stays_a_table() -> None:
    text = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Rà soát quy trình | Sở Nội vụ |\n"
    doc = parse_text(text)
    assert len(doc.tables) == 1 and doc.tables[0].rows[0].cells[1].text == "Rà soát quy trình"


def test_data_table_without_closing_pipes_stays_a_table() -> None:
    text = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì\n|---|---|---\n| 1 | Rà soát quy trình | Sở Nội vụ\n"
    doc = parse_text(text)
    assert len(doc.tables) == 1 and doc.tables[0].rows[0].cells[2].text == "Sở Nội vụ"


def test_layout_cells_are_not_tables() -> None:
    doc = parse(FIXTURES / "qd_ubnd_tinh_pipes.txt")
    assert doc.tables == []
    assert "Số: 12/QĐ-UBND\nQuảng Nam, ngày 05 tháng 3 năm 2024" in doc.text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Số 45-KH/TU", True),
        ("Nghệ An, ngày 03 tháng 4 năm 2025", True),
        ("Nơi nhận: - Như trên;", True),
        ("T/M BAN THƯỜNG VỤ", True),
        ("Số hộ nghèo", False),
        ("Rà soát quy trình", False),
        ("", False),
    ],
)
def test_layout_cell(cell: str, expected: bool) -> None:
    assert is_layout_cell(cell) is expected


_SIGNED = "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSố: 5/KH-UBND\nKẾ HOẠCH\nRà soát\n1. Các sở rà soát.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n{}\n"


@pytest.mark.parametrize(
    ("block", "signer", "title"),
    [
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNGUYỄN VĂN ĐỆ", "Nguyễn Văn Đệ", "Phó Chủ tịch"),       # a name in capitals
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐã ký: Nguyễn Văn Đệ", "Nguyễn Văn Đệ", "Phó Chủ tịch"),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn Đệ", "Nguyễn Văn Đệ", "Phó Chủ tịch"),
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", None, "Thứ trưởng"),                                   # no name: none made up
        ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC", None, "Phó Bí thư thường trực"),
    ],
)
def test_signature_block_variants(block: str, signer: str | None, title: str | None) -> None:
    meta = parse_text(_SIGNED.format(block)).metadata
    assert (meta.signer, meta.signer_title) == (signer, title)



@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh"),
        ("UBND TỈNH NGHỆ AN\nSỞ Y TẾ", "Sở Y tế tỉnh Nghệ An"),
        ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ", "Tổng cục Thuế"),                              # a ministry's unit: no place
        ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSỞ TƯ PHÁP TỈNH BẮC NINH", "Sở Tư pháp tỉnh Bắc Ninh"),  # names it already
    ],
)
def test_department_takes_its_ubnd_place(head: str, issuer: str) -> None:
    text = f"{head}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/KH-X\nKẾ HOẠCH\nRà soát\n1. Rà soát.\n"
    assert parse_text(text).metadata.issuer == issuer


def test_cong_van_subject_written_ve_under_the_number() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n|\n"
        "Số: 5155/SGDĐT-GDTX\n*Về hướng dẫn đánh giá trung tâm\nhọc tập cộng đồng năm 2025*\n|\n"
        "*Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025*\n|\nKính gửi: Ủy ban nhân dân phường, xã\n"
        "Đề nghị các phường thực hiện đánh giá.\n"
    )
    meta = parse_text(text).metadata
    assert (meta.doc_type, meta.title, meta.issued_date) == (
        "Công văn", "Về hướng dẫn đánh giá trung tâm học tập cộng đồng năm 2025", "2025-11-28"
    )


# A number written after the issuer in the same flattened cell starts its own line (the number
# pattern is not tied to the start of the text); "BAN THƯỜNG TRỰC" and "TIỂU BAN" are bodies, so
# the signer's title after "TM. BAN THƯỜNG TRỰC" is the title alone.
@pytest.mark.parametrize(
    ("cell", "lines"),
    [
        ("HỘI NÔNG DÂN XÃ HÒA AN BAN THƯỜNG TRỰC Số: 07/KH-HND",
         ["HỘI NÔNG DÂN XÃ HÒA AN", "BAN THƯỜNG TRỰC", "Số: 07/KH-HND"]),
        ("HỘI ĐỒNG THI ĐUA XÃ TÂN LẬP TIỂU BAN KHEN THƯỞNG Số: 3/KH-TBKT",
         ["HỘI ĐỒNG THI ĐUA XÃ TÂN LẬP", "TIỂU BAN KHEN THƯỞNG", "Số: 3/KH-TBKT"]),
        ("TM. BAN THƯỜNG TRỰC PHÓ CHỦ TỊCH Trần Văn Bình", ["TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]),
    ],
)
def test_number_and_sub_body_in_one_header_cell(cell: str, lines: list[str]) -> None:
    assert [cell[a:b] for a, b in split(cell, layout=True)] == lines


_SUB_BODY = (
    "| {head} Số: 05/KH-BTT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
    "Hòa An, ngày 02 tháng 3 năm 2026 |\n\nKẾ HOẠCH\n\nTổ chức hội nghị cử tri\n\n"
    "1. Các thôn tổ chức hội nghị cử tri trước ngày 10/3/2026.\n\n"
    "| Nơi nhận: - Như trên; - Lưu: VT. | TM. BAN THƯỜNG TRỰC CHỦ TỊCH Trần Văn Bình |\n"
)


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        ("ỦY BAN MTTQ VIỆT NAM XÃ HÒA AN BAN THƯỜNG TRỰC", "ban thường trực ủy ban mttq việt nam xã hòa an"),
        ("ỦY BAN BẦU CỬ XÃ HÒA AN TIỂU BAN KHEN THƯỞNG", "tiểu ban khen thưởng ủy ban bầu cử xã hòa an"),
    ],
)
def test_sub_body_issuer_takes_its_parent_from_the_header(head: str, issuer: str) -> None:
    meta = parse_text(_SUB_BODY.format(head=head)).metadata
    assert (meta.issuer or "").lower() == issuer
    assert meta.number == "05/KH-BTT"
    assert meta.signer_title == "Chủ tịch"
