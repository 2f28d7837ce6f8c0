"""Shared heads in lower case; persons holding one title; committees "X ủy" (D23, issue 12)."""

import pytest

from nlp.owners import person_title, split_owners, subject_at


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


@pytest.mark.parametrize("text, expected", [
    ("Các đồng chí Phó Chủ tịch Ủy ban nhân dân huyện theo dõi, đôn đốc.", "Phó Chủ tịch Ủy ban nhân dân huyện"),
    ("các đồng chí Ủy viên Ban Thường vụ Huyện ủy chỉ đạo thực hiện.", "Ủy viên Ban Thường vụ Huyện ủy"),
])
def test_persons_holding_one_title_own_the_work(text, expected):
    assert person_title(text, 0, len(text)) == expected


@pytest.mark.parametrize("text", [
    "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ theo chức năng chỉ đạo.",  # several titles: a list
    "Các đồng chí Giám đốc Sở và Chủ tịch UBND huyện chỉ đạo.",
    "Các cơ quan chỉ đạo thực hiện.",
])
def test_a_quantifier_before_several_titles_or_no_honorific_is_no_person(text):
    assert person_title(text, 0, len(text)) is None


@pytest.mark.parametrize("text, expected", [
    ("Quân uỷ Trung ương lãnh đạo thực hiện.", "Quân uỷ Trung ương"),
    ("Khối ủy Doanh nghiệp tỉnh chỉ đạo các chi bộ.", "Khối ủy Doanh nghiệp tỉnh"),
])
def test_a_word_compounded_with_uy_is_a_committee(text, expected):
    found = subject_at(text, 0)
    assert found is not None and found.text == expected


@pytest.mark.parametrize("text", ["Quân ủy chỉ đạo.", "Phương án ủy quyền cho xã."])
def test_a_committee_needs_a_name_after_it(text):
    assert subject_at(text, 0) is None
