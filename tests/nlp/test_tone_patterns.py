"""Owner data patterns match a tone on either vowel of oa/oe/uy, as owner heads do."""

from __future__ import annotations

import re

import pytest

from nlp.owners import split_owners
from nlp.patterns import either_placement_pattern


@pytest.mark.parametrize(
    "phrase",
    ["các huyện uỷ, thị uỷ", "Ban Thường vụ các quận uỷ, thành uỷ", "các tỉnh uỷ, thành uỷ"],
)
def test_committee_pairs_stay_one_owner_in_either_spelling(phrase: str) -> None:
    assert split_owners(phrase) == [phrase]
    assert split_owners(phrase.replace("uỷ", "ủy")) == [phrase.replace("uỷ", "ủy")]


def test_character_classes_and_escapes_are_left_as_written() -> None:
    assert re.fullmatch(either_placement_pattern(r"hòa\ giải"), "hoà giải")
    assert not re.fullmatch(either_placement_pattern("[ủ]y"), "uỷ")
    assert either_placement_pattern(r"\d+ ngày") == r"\d+ ngày"
