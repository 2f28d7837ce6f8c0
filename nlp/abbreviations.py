"""Abbreviations defined in a text, the built-in list, and expansion for search.

>>> find_abbreviations("công tác thi hành án dân sự (THADS) và thủ tục hành chính (TTHC)")
{'THADS': 'thi hành án dân sự', 'TTHC': 'thủ tục hành chính'}
"""

from __future__ import annotations

import re
import unicodedata

from nlp.annotate import once
from nlp.lexicon import abbreviation_table

# "(THADS)", "(*sau đây viết tắt là THADS*)", "(sau đây gọi tắt là “PCTN”)"
_DEFINITION = re.compile(
    r"\(\s*\**\s*(?:sau\s+đây\s+(?:được\s+)?(?:viết\s+tắt|gọi\s+tắt|gọi\s+chung|gọi)\s+là\s*:?\s*)?"
    r"[“\"]?(?P<abbr>[A-ZĐÐ][A-Za-zĐđÐð&\-]{0,11})[”\"]?\s*\**\s*\)"
)
_WORD = re.compile(r"[^\W\d_]+|&|-", re.UNICODE)
_MAX_WORDS = 14


def _initial(word: str) -> str:
    ch = unicodedata.normalize("NFD", word[:1].lower())[:1]
    return "d" if ch in "đð" else ch


def _letters(abbr: str) -> list[str]:
    out = []
    for ch in abbr:
        if ch == "&":
            out.append("&")
        elif ch.isupper():
            out.append(_initial(ch))
        # lower-case letters (TTg, KH&ĐT's 'h') are not initials of their own: skipped
    return out


def _match_expansion(abbr: str, words: list[re.Match[str]]) -> int | None:
    """Index into ``words`` where the expansion starts, or None when the initials do not match."""
    letters = _letters(abbr)
    if len(letters) < 2 or sum(1 for c in abbr if c.isupper()) < 2:
        return None
    i, j = len(letters) - 1, len(words) - 1
    while i >= 0 and j >= 0:
        w = words[j].group(0)
        if w == "-":
            j -= 1
            continue
        if letters[i] == "&":
            if w.lower() != "và" and w != "&":
                return None
        elif _initial(w) != letters[i]:
            return None
        i -= 1
        j -= 1
    return j + 1 if i < 0 else None


def find_abbreviations(text: str) -> dict[str, str]:
    """See :func:`_find_abbreviations`; a fresh dict each call (read once per annotated
    document: references and tasks both ask for it)."""
    return dict(once(text, "abbreviations", _find_abbreviations))


def _find_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines: the words before ``(ABBR)`` whose initials spell it.

    ``"phòng chống tham nhũng (PCTN)"`` gives ``{"PCTN": "phòng chống tham nhũng"}``; a
    parenthesis whose initials do not match (``(COVID)``) defines nothing. First definition wins.
    """
    out: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        abbr = m.group("abbr").replace("Ð", "Đ").replace("ð", "đ")
        if abbr in out:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        words = list(_WORD.finditer(before))[-_MAX_WORDS:]
        start = _match_expansion(abbr, words)
        if start is None:
            continue
        expansion = " ".join(before[words[start].start():].split()).strip(" ,;-")
        if expansion:
            out[abbr] = expansion
    return out


def builtin_abbreviations() -> dict[str, str]:
    """The built-in list from ``nlp/data/abbreviations.tsv`` (``{"UBND": "Ủy ban nhân dân", ...}``)."""
    return dict(abbreviation_table())


def expand(text: str, abbrevs: dict[str, str]) -> str:
    """Replace whole-word abbreviations by their expansions (longest first), e.g. for search.

    ``expand("Cục THADS tỉnh", {"THADS": "thi hành án dân sự"}) == "Cục thi hành án dân sự tỉnh"``
    """
    if not abbrevs:
        return text
    keys = sorted(abbrevs, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    return pattern.sub(lambda m: abbrevs[m.group(0)], text)
