"""Name-only references that are no cited text (round 4, issue 12; sentences of our own).

- A programme named without a number is the programme carried out, not a text: the dev gold
  holds no unnumbered ``Chương trình ...`` (first sight: spurious in 123, 128, 132, 150), while
  an action programme (``Chương trình hành động của ...``) is a text its issuer adopts.
- A text that a creation verb right before it asks for (``tham mưu ban hành Nghị định của Chính
  phủ về ...``, ``xây dựng Luật sửa đổi, bổ sung ...``) is still to be issued; the laws an
  amending law names are cited, and ``đã ban hành`` tells a text issued already.
"""
import pytest

from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lồng ghép nguồn vốn Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
     "thiểu số giai đoạn 2021 - 2030 với các dự án của huyện.", []),
    ("Các xã đẩy mạnh thực hiện Chương trình MTQG xây dựng nông thôn mới trên địa bàn.", []),
    ("Sở Y tế triển khai Chương trình phòng, chống bệnh không lây nhiễm đến năm 2030 tại các trạm y tế.", []),
    ("Đề nghị bố trí kinh phí thực hiện Chương trình Sức khỏe học đường giai đoạn 2026 - 2030.", []),
    # an action programme is a text; a numbered programme is cited as any
    ("Quán triệt Chương trình hành động của Ban Thường vụ Huyện ủy về phát triển du lịch giai đoạn 2025 - 2030.",
     ["Chương trình hành động của Ban Thường vụ Huyện ủy về phát triển du lịch giai đoạn 2025 - 2030"]),
    ("Thực hiện Chương trình số 15-CTr/TU ngày 02/3/2025 của Tỉnh ủy.", ["15-CTr/TU"]),
    # other kinds named with their period stay references
    ("Thực hiện Chiến lược phát triển giáo dục giai đoạn 2021 - 2030 trên địa bàn huyện.",
     ["Chiến lược phát triển giáo dục giai đoạn 2021 - 2030"]),
])
def test_a_programme_named_without_number_is_no_text(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bộ Tư pháp chủ trì tham mưu ban hành Nghị định của Chính phủ về cơ chế thí điểm đấu giá trực tuyến.", []),
    ("Khẩn trương xây dựng Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo viên mầm non.", []),
    ("Sở Nội vụ tham mưu ban hành Quy chế của Ủy ban nhân dân tỉnh về quản lý viên chức.", []),
    ("Bộ Xây dựng chủ trì xây dựng Luật sửa đổi, bổ sung 05 luật trong lĩnh vực xây dựng, trình Quốc hội.", []),
    ("Bộ Tài chính xây dựng Luật sửa đổi, bổ sung một số luật (Luật Ngân sách nhà nước; Luật Kế toán).",
     ["Luật Ngân sách nhà nước", "Luật Kế toán"]),
    # issued already, or carried out: cited
    ("Chính phủ đã ban hành Nghị định của Chính phủ về cơ chế thí điểm đấu giá trực tuyến.",
     ["Nghị định của Chính phủ về cơ chế thí điểm đấu giá trực tuyến"]),
    ("Triển khai Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo viên mầm non.",
     ["Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo viên mầm non"]),
])
def test_a_text_a_creation_verb_asks_for_is_no_reference(text, expected):
    assert ids(text) == expected


# The same title written twice with a word left out once is one document (the scorer's word
# overlap would count the second as a spurious id); a title with other words stays another.
@pytest.mark.parametrize(("text", "expected"), [
    ("Rà soát Luật Thuế xuất khẩu, thuế nhập khẩu. Sửa đổi quy định theo Luật Thuế xuất khẩu, nhập khẩu.",
     ["Luật Thuế xuất khẩu, thuế nhập khẩu"]),
    ("Thực hiện Luật Phòng, chống thiên tai. Phổ biến Luật Phòng chống thiên tai đến người dân.",
     ["Luật Phòng, chống thiên tai"]),
    ("Triển khai Luật Đầu tư; rà soát theo Luật Đầu tư công.", ["Luật Đầu tư", "Luật Đầu tư công"]),
])
def test_a_title_written_twice_is_one_reference(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "Việc cấp phép thực hiện theo quy định của Luật chuyên ngành và các văn bản hướng dẫn.",
    "Các nội dung khác áp dụng theo Luật có liên quan.",
])
def test_a_category_of_laws_is_no_document(text):
    assert ids(text) == []
