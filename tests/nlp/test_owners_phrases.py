"""Organisation phrases read by their structure (issue 12, D13): sentences of our own, other
bodies, places and word orders than the documents the rules were measured on."""

import pytest

from nlp.owners import subject_at

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
