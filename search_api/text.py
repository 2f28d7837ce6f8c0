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

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
# number [sep] [year/] symbol: 1804/QĐ-BTP, 04-CT/TW, 62/2015/NĐ-CP, 23-NQ/BCSĐ
_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,6}[a-z]?)\s*([/-])\s*(?:(\d{4})\s*/\s*)?([^\W\d_]+[\w]*(?:\s*[-/]\s*[^\W_][\w]*)*)",
    re.IGNORECASE,
)
NUMBER_IN_TEXT = _NUMBER
_WORD = re.compile(r"\w", re.UNICODE)


def fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese accents, one output character per input character."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))


def number_key(text: str | None) -> str | None:
    """The canonical document number found in ``text`` (upper-case symbol, no spaces), or None."""
    if not text:
        return None
    m = _NUMBER.search(unicodedata.normalize("NFC", text).translate(_DASHES))
    if not m:
        return None
    num, sep, year, symbol = m.groups()
    symbol = re.sub(r"\s+", "", symbol).upper()
    return f"{num.upper()}{sep}{year + '/' if year else ''}{symbol}"


def reference_key(ref_id: str, numbered: bool) -> str:
    """Join key for a cited document: its number key, or the folded name for name-only refs."""
    if numbered:
        key = number_key(ref_id)
        if key:
            return key
    return " ".join(fold(ref_id).split())


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
