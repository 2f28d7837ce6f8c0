"""Owner naming on sentences of our own: tone placement, clause openings (D20, issue 12)."""

import pytest

from nlp import lexicon
from nlp.owners import clause_subject_at, fold, head_at, subject_at, tone_placement


@pytest.mark.parametrize("text, expected", [
    # the tone on either vowel of "uy" / "oa": one head, whatever the spelling
    ("Uỷ ban Mặt trận Tổ quốc Việt Nam huyện phối hợp giám sát.", "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện phối hợp giám sát.", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
    ("Uỷ ban Kiểm tra Huyện ủy chủ trì kiểm tra.", "Uỷ ban Kiểm tra Huyện ủy"),
    ("Toà án nhân dân huyện Lệ Thuỷ rà soát hồ sơ.", "Toà án nhân dân huyện Lệ Thuỷ"),
    ("Sở Văn hoá và Thể thao chủ trì tổ chức giải đấu.", "Sở Văn hoá và Thể thao"),
])
def test_a_head_matches_with_the_tone_on_either_vowel(text, expected):
    found = subject_at(text, 0)
    assert found is not None and found.text == expected


def test_the_head_is_returned_as_written():
    head = head_at("Uỷ ban Kiểm tra Đảng ủy xã", 0)
    assert head is not None and head.text.startswith("Uỷ ban")


def test_tone_placement_keeps_case_and_length():
    assert tone_placement("Ủy ban Hòa Vang, THỦY") == "Uỷ ban Hoà Vang, THUỶ"
    assert fold("Ủy  ban Hòa") == fold("uỷ ban hoà") == "uỷ ban hoà"
    assert tone_placement("hoàn thành quý") == "hoàn thành quý"  # a tone already on the second vowel


def test_no_two_heads_differ_only_by_tone_placement():
    folded = [tone_placement(h.head) for h in lexicon.owner_heads()]
    assert len(folded) == len(set(folded))


def test_a_clause_subject_in_lower_case_is_read_as_written():
    text = "Trong quá trình thực hiện, nếu có vướng mắc, cơ quan, đơn vị chủ động báo cáo."
    at = text.index("cơ quan")
    found = clause_subject_at(text, at)
    assert found is not None and found.text == "cơ quan, đơn vị" and found.start == at
    assert subject_at(text, at) is None  # only the clause reading opens it


@pytest.mark.parametrize("text, expected", [
    # lower-case words inside a name written in sentence case, between two capitalised words
    ("Ủy ban Công tác đại biểu Quốc hội tổng hợp danh sách.", "Ủy ban Công tác đại biểu Quốc hội"),
    # ... or up to the colon that ends a label
    ("Vụ Hợp tác quốc tế và Thông tin đối ngoại: tham mưu báo cáo.", "Vụ Hợp tác quốc tế và Thông tin đối ngoại"),
    # a head that ends on a function, its object in lower case up to its place
    ("Ban Chỉ đạo phòng, chống thiên tai tỉnh theo dõi sát diễn biến.", "Ban Chỉ đạo phòng, chống thiên tai tỉnh"),
    # a slash without spaces offers the next place of the same body
    ("UBND các phường/xã chủ động rà soát hồ sơ.", "UBND các phường/xã"),
    ("Ủy ban nhân dân các huyện/thị xã báo cáo kết quả.", "Ủy ban nhân dân các huyện/thị xã"),
])
def test_sentence_case_names_read_to_their_end(text, expected):
    found = subject_at(text, 0)
    assert found is not None and found.text == expected


@pytest.mark.parametrize("text, expected", [
    ("Sở Y tế hướng dẫn Sở Giáo dục triển khai.", "Sở Y tế"),  # a predicate, then another owner
    ("Sở Tài chính tại Tờ trình số 12/TTr-STC đề nghị.", "Sở Tài chính"),  # a preposition, a document
    ("Sở Tài chính hướng dẫn như sau:", "Sở Tài chính"),  # a predicate before the label's colon
    ("Ban Chỉ đạo hướng dẫn các đơn vị của tỉnh.", None),  # a predicate's object names a plural
    ("UBND các xã/tổ chức thực hiện.", "UBND các xã"),  # a verb after the slash
])
def test_what_ends_a_sentence_case_name(text, expected):
    found = subject_at(text, 0)
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("text, expected", [
    # a kind written with a capital after a quantifier is the kind
    ("Các Đoàn thể huyện tham gia vận động hội viên.", "Các Đoàn thể huyện"),
    ("Sở Nội vụ và các Đoàn thể tỉnh phối hợp.", "Sở Nội vụ và các Đoàn thể tỉnh"),
    # an assigned clause the responsibility cue follows names which bodies
    ("Các đơn vị, địa phương được phân công có trách nhiệm báo cáo kết quả.", "Các đơn vị, địa phương được phân công"),
    ("Các sở được giao nhiệm vụ phải hoàn thành trước ngày 30/6.", "Các sở được giao nhiệm vụ"),
])
def test_generic_kinds_read_to_their_end(text, expected):
    found = subject_at(text, 0)
    assert found is not None and found.text == expected


def test_an_assigned_clause_without_the_cue_after_it_stays_out():
    found = subject_at("Các cơ quan được phân công chủ trì xây dựng đề án.", 0)
    assert found is not None and found.text == "Các cơ quan"
