import pytest

from search_api.abbreviations import AbbreviationMap

PAIRS = {"THADS": "thi hành án dân sự", "PCTN": {"phòng, chống tham nhũng"}}


@pytest.mark.parametrize(("query", "expected"), [
    ("công tác THADS", ["công tác thi hành án dân sự"]),
    ("thads", ["thi hành án dân sự"]),
    ("cong tac thi hanh an dan su", ["cong tac THADS"]),
    ("Thi hành án dân sự năm 2022", ["THADS năm 2022"]),
    ("thi hành án hình sự", []),  # not a long form
    ("THADSX", []),  # not a whole word
    ("", []),
])
def test_variants(query: str, expected: list[str]) -> None:
    assert AbbreviationMap(PAIRS).variants(query) == expected


def test_add_merges_long_forms_and_ignores_junk() -> None:
    m = AbbreviationMap(PAIRS)
    m.add({"THADS": "Thi hành án dân sự", "": "x", "X": "một chữ"})
    assert len(m) == 2
    assert "Thi hành án dân sự nay" in m.variants("THADS nay")
