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
>>> word_pairs(fold("Thu hồi tài sản"))
['thu_hoi', 'hoi_tai', 'tai_san']
"""

from __future__ import annotations

import re
import unicodedata

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from search_api.text import fold_char

SEGMENTED_TOKENIZER = "vi_ws"  # whitespace + lowercase: input already segmented by pyvi
PAIRS_TOKENIZER = SEGMENTED_TOKENIZER  # word pairs are whitespace-separated tokens too
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


_TOKENS = TextAnalyzerBuilder(Tokenizer.simple()).build()  # the default analyzer's tokenizer, alone
PAIR_JOIN = "_"  # never inside a token of the simple tokenizer (runs of alphanumeric characters)


def pair_term(first: str, second: str) -> str:
    """The term of the word-pairs field for two folded words that follow each other."""
    return f"{first}{PAIR_JOIN}{second}"


def word_pairs(folded: str) -> list[str]:
    """Every two tokens that stand side by side in ``folded`` as the default analyzer indexes
    it, as one term each: a term query on a pair matches exactly the documents a slop-0 phrase
    query of those two words matches (tantivy's own tokenizer; a token of 40 bytes or more is
    dropped by that analyzer and leaves a gap, so no pair spans it; lower-casing is per
    character, so the pairs field's lowercase filter gives the pair of the lower-cased words)."""
    tokens = _TOKENS.analyze(folded)
    return [pair_term(a, b) for a, b in zip(tokens, tokens[1:], strict=False)
            if len(a.encode()) < MAX_TOKEN_BYTES and len(b.encode()) < MAX_TOKEN_BYTES]


def segmented_analyzer() -> TextAnalyzer:
    return TextAnalyzerBuilder(Tokenizer.whitespace()).filter(Filter.lowercase()).build()
