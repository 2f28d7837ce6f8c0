"""Text analysis done in Python so indexing and querying agree (and agree with Elasticsearch).

Folded fields receive :func:`fold` of the text (the same output as
:func:`search_api.text.fold`, through a per-character cache); tantivy's ``default`` analyzer
(simple tokenizer, tokens of 40 bytes or more dropped, lowercase) then splits it. Query terms are
produced here by :func:`words`, which splits like that analyzer, so a term query never misses a
token the index holds.

>>> folded_words("Thu hồi TÀI SẢN, Đảng")
['thu', 'hoi', 'tai', 'san', 'dang']
>>> accented_words("Thu hồi tài sản")
['thu', 'hồi', 'tài', 'sản']
>>> segmented_words("Thu_hồi tài_sản")
['thu_hồi', 'tài_sản']
"""

from __future__ import annotations

import re
import unicodedata

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from search_api.text import fold_char

SEGMENTED_TOKENIZER = "vi_ws"  # whitespace + lowercase: input already segmented by pyvi
DEFAULT_TOKENIZER = "default"  # simple tokenizer + remove_long(40) + lowercase
MAX_TOKEN_BYTES = 40  # tantivy's default analyzer drops tokens of this many bytes or more
_SIMPLE = re.compile(r"[^\W_]+")


class _FoldTable(dict[int, str]):
    """``str.translate`` table computing :func:`search_api.text.fold_char` once per character."""

    def __missing__(self, code: int) -> str:
        out = fold_char(chr(code))
        self[code] = out
        return out


_FOLD = _FoldTable()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase, accents stripped, one output character per input character (as
    :func:`search_api.text.fold`, about 20x faster on long texts)."""
    return nfc(text).translate(_FOLD)


def _split(text: str) -> list[str]:
    """Tokens as tantivy's simple tokenizer yields them (runs of alphanumeric characters)."""
    return [t for t in _SIMPLE.findall(text) if len(t.encode()) < MAX_TOKEN_BYTES]


def folded_words(text: str) -> list[str]:
    """The terms a folded field holds for ``text``."""
    return _split(fold(text))


def accented_words(text: str) -> list[str]:
    """The terms an accented field holds for ``text`` (lowercase, accents kept)."""
    return [t.lower() for t in _split(nfc(text))]


def segmented_words(text: str) -> list[str]:
    """The terms the segmented field holds for a pyvi-segmented ``text``."""
    return nfc(text).lower().split()


def segmented_analyzer() -> TextAnalyzer:
    return TextAnalyzerBuilder(Tokenizer.whitespace()).filter(Filter.lowercase()).build()
