"""Normalisation: joins, cleaning, tables and the offset invariants."""

from __future__ import annotations

import pytest

from ingest.normalize import normalize, normalize_text
from ingest.rawdoc import Paragraph, RawDocument, TableBlock

from .conftest import parsed

# fmt: off
JOINS = [
    # (raw text, expected normalised text)
    ("BỘ\n  NỘI VỤ\n-------\nSố:\n  12/QĐ-BNV", "BỘ NỘI VỤ\nSố: 12/QĐ-BNV"),
    ("Đà\n  Nẵng, ngày 05 tháng 02 năm 2026", "Đà Nẵng, ngày 05 tháng 02 năm 2026"),
    ("Điều 1.\nPhê duyệt Kế hoạch\nnăm 2026.\nĐiều 2.\nHiệu lực.", "Điều 1. Phê duyệt Kế hoạch năm 2026.\nĐiều 2. Hiệu lực."),
    ("2.\nTriển\nkhai kế hoạch.", "2. Triển khai kế hoạch."),
    ("lên\nC\nổng thông tin", "lên Cổng thông tin"),
    ("điều kiện c\nầ\nn thiết", "điều kiện cần thiết"),
    ("Giám đốc Sở\nTài chính chủ trì.\nSở Y tế phối hợp.", "Giám đốc Sở Tài chính chủ trì.\nSở Y tế phối hợp."),
    ("I. MỤC ĐÍCH,\nYÊU CẦU\n1. Bảo đảm an toàn.", "I. MỤC ĐÍCH, YÊU CẦU\n1. Bảo đảm an toàn."),
    ("a) Rà soát\n- Kiểm tra\n+ Báo cáo", "a) Rà soát\n- Kiểm tra\n+ Báo cáo"),
]
CLEAN = [
    ("B\u00d4\u0323 T\u01af PH\u00c1P", "BỘ TƯ PHÁP"),             # NFD-ish input -> NFC
    ("\u00d0i\u1ec1u 1. \u00f0\u00f4n \u00f0\u1ed1c", "Điều 1. đôn đốc"),  # eth typed for Đ/đ
    ("Hòa Bình và Hoà Bình", "Hòa Bình và Hoà Bình"),         # tone placement kept as written
    ("a\u00a0b\u200b c", "ab c".replace("ab", "a b")),       # nbsp -> space, zero-width dropped
    ("(*sau đây viết tắt là THADS*)", "(sau đây viết tắt là THADS)"),
    ("**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"),
    ("## Tiêu đề\nNội dung.", "Tiêu đề\nNội dung."),
    ("Nội dung.\nTải Văn bản tiếng Việt\nTải Văn bản gốc", "Nội dung."),
    ("- Nội dung thứ nhất;", "- Nội dung thứ nhất;"),        # a list dash is not emphasis
]
UNWRAPPED = [
    # long one-paragraph-per-line text: only lower-case continuations and open brackets join
    ("Tin bài ngắn\n\n23/06/2023\nSáng 23/6/2023, Ban Thường vụ đã họp " + "x" * 200, 3),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), JOINS)
def test_joins_hard_wrapped_lines(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), CLEAN)
def test_cleans_characters_and_markup(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


@pytest.mark.parametrize(("raw", "paragraphs"), UNWRAPPED)
def test_unwrapped_text_keeps_lines(raw: str, paragraphs: int) -> None:
    assert len(normalize_text(raw).paragraphs) == paragraphs


def test_lower_case_continuation_after_blank_line_joins() -> None:
    raw = ("Viện kiểm sát tăng cường kiểm sát việc thi hành\n\nán đối với các cơ quan. " + "y " * 80)
    assert "thi hành án đối với" in normalize_text(raw).text


def test_open_bracket_joins_without_space() -> None:
    raw = ("Các khâu của quá trình (\nnhư: phân công, kiểm tra). " + "z " * 90)
    assert "(như: phân công" in normalize_text(raw).text


def test_table_rows_render_with_cell_spans() -> None:
    raw = RawDocument(blocks=[
        Paragraph("PHỤ LỤC"),
        TableBlock(rows=[["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"], ["1", "Rà soát\nvăn bản", "Sở Tư pháp"], ["2", "", "Sở Nội vụ"]]),
    ])
    n = normalize(raw)
    assert n.text.split("\n")[1:] == ["STT | Nội dung nhiệm vụ | Cơ quan chủ trì", "1 | Rà soát văn bản | Sở Tư pháp", "2 | | Sở Nội vụ"]
    row = n.paragraphs[2]
    assert [n.text[s:e] for s, e in row.cells] == ["1", "Rà soát văn bản", "Sở Tư pháp"]


def test_markdown_table_lines_become_a_table() -> None:
    n = normalize_text("| STT | Nội dung nhiệm vụ |\n|---|---|\n| 1 | Kiểm tra |")
    assert n.text == "STT | Nội dung nhiệm vụ\n1 | Kiểm tra"
    assert len(n.tables) == 1 and n.tables[0].rows == [["1", "Kiểm tra"]]


@pytest.mark.parametrize("raw", ["", "   \n\n", "x", "*", "1.", "Số:", "(\n)", "\u0301a"])
def test_hostile_inputs_keep_offsets_consistent(raw: str) -> None:
    n = normalize_text(raw)
    assert len(n.offsets) == len(n.text)
    for p in n.paragraphs:
        assert n.text[p.start:p.end] == p.text


def test_offsets_point_back_to_raw_characters() -> None:
    raw = "BỘ\n  TƯ PHÁP\nĐiều 1.\nBan   hành."
    n = normalize_text(raw)
    for i, ch in enumerate(n.text):
        where = n.offsets.to_raw(i)
        if where is not None and ch != " ":
            assert raw[where[1]] == ch


def test_seed_offset_invariants(seed_paths) -> None:
    for path in seed_paths:
        doc = parsed(path)
        assert "\n\n" not in doc.text and "  " not in doc.text.replace(" |  |", "")
        for s in doc.sections:
            assert s.start <= s.text_start <= s.text_end <= s.end <= len(doc.text)
            assert doc.text[s.text_start:s.text_end].strip()
        for z in doc.zones:
            assert 0 <= z.start < z.end <= len(doc.text)


def test_short_items_in_an_unwrapped_text_do_not_make_it_hard_wrapped():
    long_par = ("Thực hiện Chỉ thị số 21-CT/TW ngày 20/4/2023 của Ban Bí thư về tiếp tục đổi mới, nâng cao "
                "chất lượng công tác kiểm tra, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:")
    lines = ["KẾ HOẠCH", "thực hiện Chỉ thị số 21-CT/TW ngày 20/4/2023 của Ban Bí thư", long_par,
             "I. MỤC ĐÍCH, YÊU CẦU", "1. Quán triệt sâu sắc nội dung Chỉ thị đến cán bộ, đảng viên.",
             "2. Xác định rõ trách nhiệm của cấp ủy, người đứng đầu cấp ủy các cấp.",
             "II. NHIỆM VỤ", "1. Các cấp ủy tổ chức quán triệt Chỉ thị, hoàn thành trong quý III/2023.",
             long_par.replace("như sau:", "và báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 30/9/2023.")]
    text = normalize_text("\n".join(lines)).text
    assert "của Ban Bí thư\nThực hiện Chỉ thị" in text


_WRAPPED_BLOCK = [
    "1. Sở Y tế chỉ đạo các bệnh viện trên địa bàn tỉnh chuẩn bị đủ thuốc, hóa chất,",
    "trang thiết bị và nhân lực cho công tác phòng, chống dịch bệnh sau mưa lũ kịp thời.",
    "Đồng thời, tổ chức phun hóa chất khử khuẩn tại các khu dân cư bị ngập sâu, kéo dài",
    "ngày, bảo đảm vệ sinh môi trường, nguồn nước sinh hoạt an toàn cho người dân.",
    "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.",
    "2. Sở Nông nghiệp và Môi trường hướng dẫn người dân khôi phục sản xuất nông nghiệp",
    "sau mưa lũ, bảo đảm cung ứng đủ giống cây trồng, vật nuôi cho các hộ bị thiệt hại.",
    "3. Sở Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ nêu tại Kế hoạch này,",
    "bảo đảm kịp thời, đúng quy định của pháp luật về ngân sách nhà nước hiện hành.",
    "4. Công an tỉnh bảo đảm an ninh trật tự, an toàn giao thông tại các vùng bị ảnh hưởng",
    "của mưa lũ, xử lý nghiêm các hành vi lợi dụng thiên tai để trục lợi, gây rối trật tự.",
]


def test_a_sentence_that_ends_where_the_wrap_falls_does_not_end_its_paragraph() -> None:
    # a hard-wrapped block: a line that ends a sentence but is as full as the wrapped ones could
    # not have held the next word, so the break may be the wrap's; a short one is a real break
    paras = [p.text for p in normalize_text("\n".join(_WRAPPED_BLOCK)).paragraphs]
    assert any("kịp thời. Đồng thời, tổ chức phun" in p for p in paras)
    assert not any("người dân. Trên đây" in p for p in paras)  # ends well short of the width
    assert sum(p.startswith(("1.", "2.", "3.", "4.")) for p in paras) == 4  # markers still open items
