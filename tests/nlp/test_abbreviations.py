"""nlp.abbreviations: definitions in text, built-in list, expansion."""

from __future__ import annotations

import pytest

from nlp.abbreviations import builtin_abbreviations, expand, find_abbreviations

# fmt: off
CASES = [
    ("công tác thi hành án dân sự (THADS) và thi hành án hành chính (THAHC)",
     {"THADS": "thi hành án dân sự", "THAHC": "thi hành án hành chính"}),
    ("Tổng cục Thi hành án dân sự (THADS)", {"THADS": "Thi hành án dân sự"}),
    ("về phòng chống tham nhũng (PCTN) và", {"PCTN": "phòng chống tham nhũng"}),
    ("công tác phòng, chống tham nhũng (PCTN)", {"PCTN": "phòng, chống tham nhũng"}),
    ("công tác thi hành án dân sự (*sau đây viết tắt là THADS*), ", {"THADS": "thi hành án dân sự"}),
    ("Ủy ban nhân dân (sau đây gọi tắt là UBND) tỉnh", {"UBND": "Ủy ban nhân dân"}),
    ("Sở Khoa học và Công nghệ (KH&CN)", {"KH&CN": "Khoa học và Công nghệ"}),
    ("phát triển kinh tế - xã hội (KT-XH)", {"KT-XH": "kinh tế - xã hội"}),
    ("Ban Chỉ đạo (BCĐ) tỉnh", {"BCĐ": "Ban Chỉ đạo"}),
    # negatives: parentheses whose initials do not spell the word
    ("phòng, chống dịch bệnh (COVID-19)", {}),
    ("Thủ tướng Chính phủ (để b/c)", {}),
    ("Luật THADS (sửa đổi)", {}),
    ("công tác tuyên truyền (TTHC)", {}),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_abbreviations(text, expected):
    assert find_abbreviations(text) == expected


def test_first_definition_wins():
    text = "thi hành án dân sự (THADS) ... Tổng cục Thi hành án dân sự (THADS)"
    assert find_abbreviations(text) == {"THADS": "thi hành án dân sự"}


def test_builtin_and_expand():
    table = builtin_abbreviations()
    assert table["UBND"] == "Ủy ban nhân dân" and table["THADS"] == "thi hành án dân sự"
    assert expand("Cục THADS tỉnh và UBND huyện", table) == "Cục thi hành án dân sự tỉnh và Ủy ban nhân dân huyện"
    assert expand("THADSX", table) == "THADSX"
    assert expand("không đổi", {}) == "không đổi"
