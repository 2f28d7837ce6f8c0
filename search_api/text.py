"""Text helpers shared by indexing and querying: accent folding, pyvi segmentation, number keys.

>>> fold("Thu hồi tài sản Đảng")
'thu hoi tai san dang'
>>> number_key("Quyết định số 1804/qđ-btp ngày 2/3/2021")
'1804/QĐ-BTP'
>>> segment("Thu hồi tài sản bị thất thoát.")
'Thu_hồi tài_sản bị thất_thoát'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nlp import canonical
from nlp.canonical import number_pattern

#: Finds document numbers in free text (the extraction's own pattern, see nlp.canonical).
NUMBER_IN_TEXT = number_pattern()
_WORD = re.compile(r"\w", re.UNICODE)


def fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character (fold_char cached)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code))
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese accents, one output character per input character."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def number_key(text: str | None) -> str | None:
    """The canonical document number found in ``text`` (``nlp.canonical.number_key``), or None.

    The same id extraction gives the reference: ``1804/qđ-btp`` -> ``1804/QĐ-BTP``,
    ``62/2015/ND-CP`` -> ``62/2015/NĐ-CP``, ``05/ct-ttg`` -> ``05/CT-TTg``.
    """
    return canonical.number_key(text)


def reference_key(ref_id: str, numbered: bool | None = None) -> str:
    """Join key for a cited document (``nlp.canonical.ref_key``): its number key, or the
    lower-cased name (accents kept) for name-only refs. ``numbered`` None (a bare id such as
    ``Task.refs``): numbered when the id itself is a number."""
    return canonical.ref_key(ref_id, numbered)


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - pyvi has no types
    try:
        from pyvi import ViTokenizer
    except ImportError as exc:  # pragma: no cover - pyvi is a dependency
        raise ImportError("pyvi is required for Vietnamese segmentation: pip install pyvi") from exc
    return ViTokenizer


def segment(text: str) -> str:
    """pyvi word segmentation, words joined by ``_``, punctuation-only tokens dropped."""
    if not text or not text.strip():
        return ""
    return _segment_cached(text) if len(text) < 2000 else _segment(text)


@lru_cache(maxsize=20000)
def _segment_cached(text: str) -> str:
    return _segment(text)


def _segment(text: str) -> str:
    tokens = _tokenizer().tokenize(text).split()
    return " ".join(t for t in tokens if _WORD.search(t))
