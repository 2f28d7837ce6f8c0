"""Canonical forms of reference ids, so citations of one document join across documents.

>>> normalize_ref_id("1804/qđ-btp")
'1804/QĐ-BTP'
>>> normalize_ref_id("132 - QĐ/TW")
'132-QĐ/TW'
>>> normalize_ref_id("62/2015/ND–CP")
'62/2015/NĐ-CP'
"""

from __future__ import annotations

import re
import unicodedata

from nlp.lexicon import known_codes

_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*")
_SLASH = re.compile(r"\s*/\s*")
_SPACES = re.compile(r"\s+")
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
_CODE = re.compile(r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*")


def _fold_d(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d")


def _folded_codes() -> dict[str, str]:
    """Codes typed without the Đ (ND -> NĐ), only where the folded form is unambiguous."""
    exact = known_codes()
    folded: dict[str, list[str]] = {}
    for upper, code in exact.items():
        folded.setdefault(_fold_d(upper), []).append(code)
    return {k: v[0] for k, v in folded.items() if len(v) == 1 and k not in exact}


def canonical_code(code: str) -> str:
    """One code of a symbol in its official case: ``ttg`` -> ``TTg``, ``ND`` -> ``NĐ``.

    Unknown codes are kept as written when they carry a capital, else upper-cased.
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
    return code if any(ch.isupper() for ch in code) else upper


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


def ref_key(ref_id: str) -> str:
    """Join key across documents: the canonical id, upper-cased for name-only ids too."""
    canon = normalize_ref_id(ref_id)
    if "/" in canon and re.search(r"\d", canon) and " " not in canon:
        return canon
    return canon.lower()
