"""Encoding detection and conversion: UTF-8/16, Windows-1258, TCVN3 (ABC) and VNI.

The legacy encoders below are written for the tests from the data tables' inverse, plus
hand-checked strings that real converters produce.
"""

from __future__ import annotations

import unicodedata

import pytest

from ingest.encoding import (
    decode_text,
    fix_legacy_text,
    is_vietnamese_syllable,
    legacy_table,
)
from ingest.readers import read

SENTENCES = [
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương triển khai thực hiện nghiêm túc.",
    "Người đứng đầu cơ quan chịu trách nhiệm trước Chủ tịch về kết quả thực hiện nhiệm vụ được giao.",
    "Thời hạn hoàn thành trước ngày 30 tháng 6 năm 2025; báo cáo kết quả về Sở Nội vụ.",
]
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def encode_vni(text: str) -> bytes:
    inverse = {v: k for k, v in legacy_table("vni").items()}
    return "".join(inverse.get(c, c) for c in text).encode("cp1252")


def encode_tcvn3(text: str) -> bytes:
    inverse = {v: k for k, v in legacy_table("tcvn3").items()}
    out = []
    for c in text:
        if c in inverse:
            out.append(inverse[c])
        elif c.lower() in inverse and c.isupper():  # VN3 has no toned capitals
            out.append(inverse[c.lower()])
        else:
            out.append(c)
    return "".join(out).encode("latin-1")


def encode_cp1258(text: str) -> bytes:
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", d.translate(_TONES))
            tones = "".join(c for c in d if ord(c) in _TONES)
            out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(("encoder", "name"), [
    (encode_vni, "vni"), (encode_cp1258, "cp1258"), (lambda s: s.encode("utf-8"), "utf-8"),
    (lambda s: s.encode("utf-16"), "utf-16"), (lambda s: b"\xef\xbb\xbf" + s.encode(), "utf-8-sig"),
])
def test_round_trip(sentence: str, encoder, name: str) -> None:
    assert decode_text(encoder(sentence)) == (sentence, name)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip_tcvn3_lowercase_letters(sentence: str) -> None:
    text, name = decode_text(encode_tcvn3(sentence))
    assert name == "tcvn3"
    assert text.lower() == sentence.lower()  # VN3 loses the case of toned capitals


# fmt: off
@pytest.mark.parametrize(("data", "expected"), [
    ("Vieät Nam".encode("cp1252"), ("Việt Nam", "vni")),
    ("Thaønh phoá Hoà Chí Minh ñaõ hoaøn thaønh".encode("cp1252"), ("Thành phố Hồ Chí Minh đã hoàn thành", "vni")),
    (b"B\xb6o Th\xbeng, M\xad\xeang Kh\xad\xacng", ("Bảo Thắng, Mường Khương", "tcvn3")),
    (b"QUY\xd5T \xa7\xdeNH", ("QUYẾT ĐỊNH", "tcvn3")),   # capitals font: restored upper case
    ("Người dân".encode(), ("Người dân", "utf-8")),
    ("Ngöôøi daân vaø doanh nghieäp".encode(), ("Người dân và doanh nghiệp", "utf-8+vni")),
])
# fmt: on
def test_known_strings(data: bytes, expected: tuple[str, str]) -> None:
    assert decode_text(data) == expected


def test_unicode_text_with_western_accents_is_left_alone() -> None:
    text = "Café crème và người dân"
    assert fix_legacy_text(text) == (text, None)


def test_hint_wins() -> None:
    assert decode_text("Vieät".encode("cp1252"), hint="cp1252") == ("Vieät", "cp1252")


# fmt: off
@pytest.mark.parametrize(("word", "ok"), [
    ("người", True), ("nghiêng", True), ("khuya", True), ("quyết", True), ("giữa", True),
    ("Vieọt", False), ("ngửụứi", False), ("crème", False), ("xyzw", False),
])
# fmt: on
def test_syllables(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok


def test_tables_cover_the_alphabet() -> None:
    lower = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    assert set(legacy_table("vni").values()) == set(lower + lower.upper())
    assert set(lower) <= set(legacy_table("tcvn3").values())


def test_reader_reports_the_encoding() -> None:
    raw = read(encode_vni(SENTENCES[0]), filename="cu.txt")
    assert raw.encoding == "vni"
    assert raw.blocks[0].text == SENTENCES[0]
