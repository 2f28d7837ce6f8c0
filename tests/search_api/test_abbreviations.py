from pathlib import Path

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


def test_search_builtin_list_has_the_usual_abbreviations() -> None:
    from search_api.abbreviations import builtin_pairs, search_pairs

    pairs = search_pairs()
    for short in ("BHYT", "BHXH", "CSDL", "MTTQ", "ĐMST", "KH,CN", "UBND", "HĐND", "CNTT", "CĐS"):
        assert short in pairs, short
    m = AbbreviationMap(builtin_pairs())
    assert "cơ sở dữ liệu quốc gia" in m.variants("CSDL quốc gia")


def test_a_broken_abbreviations_file_names_file_and_line(tmp_path: Path) -> None:
    from search_api.abbreviations import AbbreviationFileError, search_pairs

    bad = tmp_path / "abbr.tsv"
    bad.write_text("# comment\nBHYT\tbảo hiểm y tế\nCSDL cơ sở dữ liệu\n", encoding="utf-8")
    with pytest.raises(AbbreviationFileError, match=r"abbr.tsv:3"):
        search_pairs(bad)
