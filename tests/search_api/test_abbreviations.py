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


def _scanned_variants(m: AbbreviationMap, query: str) -> list[str]:
    """The variants by scanning every pair for every word (what the index replaces)."""
    import re

    from search_api.text import fold

    items = [(s, sorted(longs)) for s, longs in m._short.items()]
    out: list[str] = []
    tokens = query.split()
    for i, tok in enumerate(tokens):
        bare = tok.strip(".,;:()\"'")
        if len(bare) <= 2 and not bare.isupper():
            continue
        for short, longs in items:
            if bare.upper() == short:
                out.extend(" ".join([*tokens[:i], long, *tokens[i + 1:]]) for long in longs)
    folded = fold(query)
    for short, longs in items:
        for long in longs:
            mt = re.search(rf"(?<!\w){re.escape(fold(long))}(?!\w)", folded)
            if mt:
                out.append(query[: mt.start()] + short + query[mt.end():])
    seen: list[str] = []
    for v in out:
        if v != query and v not in seen:
            seen.append(v)
    return seen[:4]


def test_indexed_lookups_give_the_variants_of_a_scan_of_every_pair() -> None:
    from search_api.abbreviations import builtin_pairs

    m = AbbreviationMap(builtin_pairs())
    m.add(PAIRS)
    queries = ["công tác THADS", "CSDL quốc gia về BHYT", "cơ sở dữ liệu quốc gia", "UBND tỉnh, HĐND tỉnh",
               "bảo hiểm y tế và bảo hiểm xã hội", "phòng, chống tham nhũng", "KH,CN và ĐMST", "thads pctn",
               "ủy ban nhân dân thành phố", "không có chữ viết tắt", ""]
    nonempty = 0
    for q in queries:
        assert m.variants(q) == _scanned_variants(m, q), q
        nonempty += bool(m.variants(q))
    assert nonempty >= 7


def test_expand_names_the_long_forms_of_two_words_or_more() -> None:
    m = AbbreviationMap({**PAIRS, "CP": "Chính phủ", "TW": "trung ương"})
    m.add({"HN": "Hà Nội"})
    assert m.expand("công tác THADS") == (["công tác thi hành án dân sự"], ["thi hành án dân sự"])
    assert m.expand("thi hành án dân sự") == (["THADS"], [])  # contracted: no phrase
    variants, expansions = m.expand("THADS và PCTN")
    assert variants == ["thi hành án dân sự và PCTN", "THADS và phòng, chống tham nhũng"]
    assert expansions == ["thi hành án dân sự", "phòng, chống tham nhũng"]
    m.add({"XY": "một"})  # a one-word long form is no phrase; ``add`` refreshes the index
    assert m.expand("XY") == (["một"], [])


def test_a_two_letter_short_form_expands_only_in_capitals() -> None:
    m = AbbreviationMap({"TƯ": "trung ương", "CP": "Chính phủ", "THADS": "thi hành án dân sự"})
    assert m.variants("Bộ Tư pháp") == []  # "Tư" is a word
    assert m.variants("Ban chấp hành TƯ") == ["Ban chấp hành trung ương"]
    assert m.variants("nghị định cp") == []
    assert m.variants("Nghị quyết CP") == ["Nghị quyết Chính phủ"]
    assert m.variants("thads") == ["thi hành án dân sự"]  # longer ones in any case
