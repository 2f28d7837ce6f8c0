"""Canonical forms of reference ids, so citations of one document join across documents.

>>> normalize_ref_id("1804/qđ-btp")
'1804/QĐ-BTP'
>>> normalize_ref_id("132 - QĐ/TW")
'132-QĐ/TW'
>>> normalize_ref_id("62/2015/ND–CP")
'62/2015/NĐ-CP'
>>> number_key("Quyết định số 1804/qđ-btp ngày 2/3/2021")
'1804/QĐ-BTP'
>>> ref_key("Luật Đất  đai")
'luật đất đai'

:func:`number_key` (a number found in free text), :func:`normalize_ref_id` (the id of a cited
number) and :func:`ref_key` (the join key of any reference) are THE canonical forms: extraction,
the index and the API all call them, so one number has one key however it is written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from nlp import lexicon
from nlp.lexicon import known_codes

_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*")
_SLASH = re.compile(r"\s*/\s*")
_SPACES = re.compile(r"\s+")
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
_CODE = re.compile(r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*")


def _fold_d(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d")


@cache
def _folded_codes() -> dict[str, str]:
    """Codes typed without the Đ (ND -> NĐ), only where the folded form is unambiguous (made
    once per process from the data files)."""
    exact = known_codes()
    folded: dict[str, list[str]] = {}
    for upper, code in exact.items():
        folded.setdefault(_fold_d(upper), []).append(code)
    return {k: v[0] for k, v in folded.items() if len(v) == 1 and k not in exact}


def canonical_code(code: str) -> str:
    """One code of a symbol in its official case: ``ttg`` -> ``TTg``, ``ND`` -> ``NĐ``.

    Unknown codes are upper-cased (``TTs`` and ``tts`` give one key ``TTS``).
    """
    code = code.translate(_ETH)
    upper = code.upper()
    exact = known_codes()
    if upper in exact:
        return exact[upper]
    parts = re.split(r"(\d+)", upper)
    if len(parts) > 1 and parts[0] in exact:  # QH14, UBTVQH15
        return exact[parts[0]] + "".join(parts[1:])
    folded = _folded_codes()
    if upper in folded:
        return folded[upper]
    if "&" in upper:
        return "&".join(canonical_code(p) for p in code.split("&"))
    return upper  # unknown: upper-cased, so a key never depends on how the code was typed


def normalize_ref_id(ref_id: str) -> str:
    """A number-and-symbol id without spaces, with ``-`` dashes, ``Đ`` and official code case.

    ``normalize_ref_id("05/2016/TTLT-BTP-BCA")`` keeps every code; a name-only id
    (``Luật Thi hành án dân sự 2008``) only gets NFC and single spaces.
    """
    text = unicodedata.normalize("NFC", ref_id).translate(_ETH).strip()
    joined = _SLASH.sub("/", _DASHES.sub("-", text))
    if not re.search(r"\d", text) or "/" not in text or re.search(r"\s", joined):
        return _SPACES.sub(" ", text)
    text = joined
    return _CODE.sub(lambda m: canonical_code(m.group(0)), text)


_HS = r"[ \t\u00a0]*"
_DASH_CHARS = r"\-\u2010\u2011\u2012\u2013\u2014\u2212"
# One code after the number, no year ("Công văn số 123/UBND"): the ``id`` pattern of
# reference_patterns.json needs two codes there (so fractions never match); here the code must
# start with a capital, and may not continue with a dash or slash (then ``id`` applies).
_SINGLE_CODE = (
    rf"(?<![\w/.,{_DASH_CHARS}])\d{{1,5}}{_HS}/{_HS}[A-ZĐÐ][A-Za-zĐđÐð0-9&]*(?![\w/{_DASH_CHARS}])"
)
# The whole text is such a number, in any case ("123/ubnd", "số 123/UBND").
_WHOLE_SINGLE = re.compile(r"(?:số\s*:?\s*)?(\d{1,5}\s*/\s*[^\W\d_][\w&]*)", re.IGNORECASE)


@cache
def number_pattern() -> re.Pattern[str]:
    """Finds document numbers in free text: the extraction's ``id`` pattern, or one code."""
    ids = lexicon.pattern("reference_patterns.json", "id")
    return re.compile(f"(?:{ids.pattern})|(?:{_SINGLE_CODE})", ids.flags)


def number_key(text: str | None) -> str | None:
    """The canonical id (:func:`normalize_ref_id`) of the first document number in ``text``.

    ``text`` may be a bare number in any spelling (``1804/qđ-btp``, ``62/2015/ND–CP``,
    ``132 - QĐ/TW``) or free text (``Quyết định số 1804/QĐ-BTP ngày 02/12/2021``); None when it
    holds no number (dates and fractions are not numbers).
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    m = number_pattern().search(text)
    if m:
        return normalize_ref_id(m.group(0))
    whole = _WHOLE_SINGLE.fullmatch(text.strip())
    return normalize_ref_id(whole.group(1)) if whole else None


def is_numbered_id(ref_id: str) -> bool:
    """True when ``ref_id`` canonicalises to a number-and-symbol id (no spaces)."""
    canon = normalize_ref_id(ref_id)
    return "/" in canon and bool(re.search(r"\d", canon)) and " " not in canon


def ref_key(ref_id: str, numbered: bool | None = None) -> str:
    """Join key across documents: the canonical number, else the name lower-cased (NFC, single
    spaces; accents kept, as extraction's ``Reference.key``).

    ``numbered`` is the reference's own flag when known: a numbered reference keys on the number
    found in its id; a name-only one on its name even when the name contains a number
    (``Kế hoạch ... thực hiện Quy định 132-QĐ/TW`` is not ``132-QĐ/TW``). Unknown (None):
    numbered when the id itself is a number.

    >>> ref_key("62/2015/nd-cp"), ref_key("Luật Thi hành án dân sự 2008")
    ('62/2015/NĐ-CP', 'luật thi hành án dân sự 2008')
    """
    if numbered is None:
        numbered = is_numbered_id(ref_id)
    if numbered:
        key = number_key(ref_id)
        if key:
            return key
    return normalize_ref_id(ref_id).lower()
