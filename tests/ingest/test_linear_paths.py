"""The fast paths of normalisation and decoding give the same text and offsets as the slow ones."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.encoding import SAMPLE_HEAD, SAMPLE_MIDDLE, decode_text, legacy_table, sample
from ingest.normalize import nfc
from ingest.offsets import TrackedText


@pytest.mark.parametrize(
    ("text", "pattern", "repl", "expected_text", "expected_src"),
    [
        ("a  b", r" +", " ", "a b", [0, 1, 3]),
        ("ab", r"x", "y", "ab", [0, 1]),  # no match: unchanged
        ("ab", r"(a)(b)", r"\2-\1", "b-a", [0, 1, 1]),  # group template, longer than the match
        ("ab", r"b", "XYZ", "aXYZ", [0, 1, 1, 1]),  # inserted characters take the last position
        ("ab", r"a", "", "b", [1]),
        ("ab", r"$", "!", "ab!", [0, 1, 2]),  # empty match at the end: one past the last
        ("ab", r"^", "!", "!ab", [0, 0, 1]),  # empty match: the next character's position
    ],
)
def test_sub_positions(text: str, pattern: str, repl: str, expected_text: str, expected_src: list[int]) -> None:
    out = TrackedText.from_raw(text).sub(pattern, repl)
    assert (out.text, out.src) == (expected_text, expected_src)


@pytest.mark.parametrize(
    ("text", "expected_text", "expected_src"),
    [
        ("Vie\u0302\u0323t", "Việt", [0, 1, 2, 5]),  # decomposed: the cluster keeps its first position
        ("\u00d0i\u1ec1u", "Điều", [0, 1, 2, 3]),  # eth, already composed
        ("\u00f0o\u0302\u0300ng", "đồng", [0, 1, 4, 5]),  # eth and a decomposed cluster
        ("\u00f0x\u0301", "đx\u0301", [0, 1, 1]),  # a cluster NFC keeps still takes one position
        ("\u2126 m", "\u03a9 m", [0, 1, 2]),  # a character NFC changes on its own
        ("a\U0001d15e", "a\U0001d157\U0001d165", [0, 1, 1]),  # beyond U+FFFF
        ("Việt Nam", "Việt Nam", list(range(8))),
    ],
)
def test_nfc_clusters(text: str, expected_text: str, expected_src: list[int]) -> None:
    out = nfc(TrackedText.from_raw(text))
    assert (out.text, out.src) == (expected_text, expected_src)


@pytest.mark.parametrize("kind", [str, bytes])
def test_sample_is_bounded_and_whole_for_short_text(kind: type) -> None:
    short = "Người dân " * 100
    long = "Người dân " * 100_000
    if kind is bytes:
        short, long = short.encode(), long.encode()
    assert sample(short) is short
    part = sample(long)
    assert len(part) <= SAMPLE_HEAD + SAMPLE_MIDDLE + 1
    newline, space = ("\n", " ") if kind is str else (b"\n", b" ")
    pieces = part.split(newline)
    assert len(pieces) == 2  # the head and a middle slice, each cut at whitespace
    assert all(not p.startswith(space) and not p.endswith(space) for p in pieces)


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda t: t.encode(), "utf-8"),
        (lambda t: _to_vni(t).encode("cp1252"), "vni"),
        (lambda t: _to_vni(t).encode(), "utf-8+vni"),
    ],
)
def test_large_file_decision_on_a_sample(encode, expected: str) -> None:  # noqa: ANN001
    text = "Ủy ban nhân dân tỉnh triển khai kế hoạch phòng thủ dân sự năm 2025.\n" * 5000
    decoded, name = decode_text(encode(text))
    assert name == expected
    assert decoded == unicodedata.normalize("NFC", text)


def _to_vni(text: str) -> str:
    table = {v: k for k, v in legacy_table("vni").items()}
    return "".join(table.get(c, c) for c in text)
