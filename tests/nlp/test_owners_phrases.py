"""Organisation phrases read by their structure (issue 12, D13): sentences of our own, other
bodies, places and word orders than the documents the rules were measured on."""

import pytest

from nlp.owners import split_owners, subject_at

# fmt: off
CONNECTED_PARTS = [
    # a joining word ('các', 'và'), lower-case nouns, then the capitalised word closing the part
    ("Cục Quản lý các khu công nghiệp Hà Nội chủ trì hướng dẫn.", "Cục Quản lý các khu công nghiệp Hà Nội"),
    ("Ban Quản lý các khu chế xuất và công nghiệp Đồng Nai chủ trì, phối hợp.",
     "Ban Quản lý các khu chế xuất và công nghiệp Đồng Nai"),
    ("Cục Văn hóa các dân tộc Việt Nam chủ trì tham mưu.", "Cục Văn hóa các dân tộc Việt Nam"),
    ("Vụ Bảo tồn các di sản Thế giới phối hợp kiểm tra.", "Vụ Bảo tồn các di sản Thế giới"),
    # after another joining word the lower-case run ends the name
    ("Ủy ban nhân dân tỉnh trong công tác Phòng chống thiên tai cần chủ động.", "Ủy ban nhân dân tỉnh"),
    # a verb after the joining word is the predicate, not a name part
    ("Sở Tài chính và phối hợp Sở Nội vụ thực hiện.", "Sở Tài chính"),
    # a second body after 'và' stays a body of its own
    ("Công an tỉnh và lực lượng Quân sự tỉnh chủ trì.", "Công an tỉnh và lực lượng Quân sự tỉnh"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CONNECTED_PARTS)
def test_name_part_after_joining_word(text: str, expected: str | None) -> None:
    phrase = subject_at(text, 0)
    assert (phrase.text if phrase else None) == expected


# fmt: off
OWN_KINDS = [
    # a kind outside the public bodies after a list of public bodies is an owner of its own
    ("Các sở, ban, ngành, địa phương, doanh nghiệp", ["Các sở, ban, ngành, địa phương", "doanh nghiệp"]),
    ("UBND các huyện, thị xã, người dân", ["UBND các huyện, thị xã", "người dân"]),
    ("Các cơ quan, đơn vị, hợp tác xã", ["Các cơ quan, đơn vị", "hợp tác xã"]),
    # a list such a kind leads stays whole; places and kinds of one body stay whole
    ("các doanh nghiệp, hợp tác xã có liên quan", ["các doanh nghiệp, hợp tác xã có liên quan"]),
    ("các hiệp hội, doanh nghiệp ngành dệt may", ["các hiệp hội, doanh nghiệp ngành dệt may"]),
    ("UBND các xã, phường, đặc khu", ["UBND các xã, phường, đặc khu"]),
    ("Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh", ["Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh"]),
]
# fmt: on


@pytest.mark.parametrize(("phrase", "expected"), OWN_KINDS)
def test_kind_outside_public_bodies_is_its_own_owner(phrase: str, expected: list[str]) -> None:
    assert split_owners(phrase) == expected
