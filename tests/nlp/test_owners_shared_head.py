"""A head shared by the list after a colon, written in lower case (D23, issue 12)."""

import pytest

from nlp.owners import split_owners, subject_at


@pytest.mark.parametrize("text, expected", [
    ("Các sở: Tài chính, Xây dựng, Y tế chủ trì triển khai.", ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"]),
    ("các bộ: Công Thương, Nội vụ phối hợp hướng dẫn.", ["Bộ Công Thương", "Bộ Nội vụ"]),
    ("Các trung tâm: Y tế huyện, Văn hóa tỉnh tổ chức tuyên truyền.",
     ["Trung tâm Y tế huyện", "Trung tâm Văn hóa tỉnh"]),
    ("các Đảng ủy: Quân sự tỉnh, Biên phòng tỉnh lãnh đạo thực hiện.",
     ["Đảng ủy Quân sự tỉnh", "Đảng ủy Biên phòng tỉnh"]),
    ("Các chi cục: Thủy lợi, Kiểm lâm báo cáo kết quả.", ["Chi cục Thủy lợi", "Chi cục Kiểm lâm"]),
])
def test_a_lower_case_shared_head_gives_one_owner_per_item(text, expected):
    found = subject_at(text, 0)
    assert found is not None
    assert split_owners(found.text) == expected


def test_a_place_kind_stays_in_lower_case():
    found = subject_at("Chủ tịch Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk chỉ đạo.", 0)
    assert found is not None
    assert split_owners(found.text) == ["Chủ tịch Ủy ban nhân dân tỉnh Gia Lai", "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk"]
