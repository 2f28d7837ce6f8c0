"""The trie alternation finds exactly what the words sorted longest first find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.patterns import alternation

SYLLABLES = st.text(alphabet="abđĐ", min_size=1, max_size=3)
WORDS = st.lists(st.lists(SYLLABLES, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12)
TEXTS = st.text(alphabet="abđĐ c,\n", max_size=60)


def _sorted_alternation(words: list[str]) -> str:
    """The plain form: escaped words, longest first, spaces as ``\\s+``."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in ordered)


def _spans(source: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXTS, st.booleans())
def test_trie_alternation_matches_like_the_sorted_words(words, text, ignore_case):
    flags = re.I if ignore_case else 0
    assert _spans(alternation(words), text, flags) == _spans(_sorted_alternation(words), text, flags)


def test_trie_alternation_prefers_the_longest_word_and_shares_prefixes():
    source = alternation(["phối hợp", "phối hợp với", "phát hiện"])
    assert source.count("ph") == 1  # one shared prefix, not three copies
    rx = re.compile(rf"(?:{source})(?!\w)")
    assert rx.match("phối hợp với Sở").group() == "phối hợp với"
    assert rx.match("phối  hợp, ").group() == "phối  hợp"
    assert alternation([]) == "(?!)"
    assert alternation(["  phối   hợp "]) == alternation(["phối hợp"])  # spacing is normalised


def test_trie_alternation_is_verbose_safe():
    rx = re.compile(rf"(?:{alternation(['a b', '#x'])})", re.VERBOSE)
    assert rx.fullmatch("a   b") and rx.fullmatch("#x")


def test_case_variant_branches_still_prefer_the_longest_word_when_matched_ignoring_case():
    # 'Đ' and 'đ' are two branches of one trie node; with IGNORECASE both match 'Đ', and a
    # trie would take the first ('Đ') instead of the longest word ('đ ĐaĐ').
    source = alternation(["Đ", "đ ĐaĐ"])
    assert re.compile(rf"(?:{source})(?!\w)", re.I).match("Đ ĐaĐ").group() == "Đ ĐaĐ"
    assert re.compile(rf"(?:{source})(?!\w)").match("Đ ĐaĐ").group() == "Đ"
    assert re.compile(rf"(?:{source})(?!\w)", re.I).match("ủy ban", 0) is None
