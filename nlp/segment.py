"""pyvi word segmentation with offsets: the tokenizer of the spaCy pipeline.

spaCy's ``vi`` tokenizer runs pyvi's CRF model on the syllables of the whole text, joins the
syllables labelled ``I_W`` into words, then searches each word back in the text
(``get_words_and_spaces``) to recover the spaces. :class:`PyviTokenizer` makes the same Doc
(same words, same spaces; ``tests/nlp/test_segment.py`` compares the two on every corpus
text and on odd strings) from the syllables' offsets, which it knows, computes pyvi's
features once per syllable instead of once per feature that reads it, and hands the CRF only
the flags that are true (a false one weighs nothing). It also keeps what the
components reuse: the text (``doc.user_data["text"]``), where the tokens start
(``doc.user_data["word_starts"]``) and pyvi's words as offsets (``doc.user_data["pyvi_words"]``,
which the POS tagger reads instead of segmenting again).

Example::

    >>> import spacy
    >>> tok = PyviTokenizer(spacy.blank("vi").vocab)
    >>> [t.text for t in tok("Sở Tư pháp chủ trì rà soát.")]
    ['Sở', 'Tư pháp', 'chủ trì', 'rà soát', '.']
"""

from __future__ import annotations

import re
import string
from functools import cache

from pyvi.ViTokenizer import ViTokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

# spaCy's pyvi_sylabelize_with_ws, compiled once: whitespace runs are tokens, so the
# syllables and the whitespace between them cover the text exactly.
_SYLLABLE = re.compile(
    r"(\s+|[A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\.|==>|->|\.\.\.|>>|\w+://[^\s]+"
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+|\d+(?:[\.,_]\d+)+|[^\w\s]|\w+)"
)
_PUNCTUATION = string.punctuation  # tested as spaCy tests it (``in`` a string)


def features(syllables: list[str]) -> list[dict[str, object]]:
    """pyvi's ``ViTokenizer.sent2features(syllables, False)`` without its false flags, each
    syllable read once. A false flag is an attribute of value 0 for the CRF: it adds nothing to
    any label's score, so the labels are the same, and the tagger has half as much to read.

    >>> s = ["Sở", "Tư", "pháp", "chủ", "trì"]
    >>> features(s) == [{k: v for k, v in f.items() if v is not False} for f in ViTokenizer.sent2features(s, False)]
    True
    """
    n = len(syllables)
    low = [w.lower() for w in syllables]
    upper = [w.isupper() for w in syllables]
    title = [w.istitle() for w in syllables]
    digit = [w.isdigit() for w in syllables]
    bigrams, trigrams = ViTokenizer.bi_grams, ViTokenizer.tri_grams
    bi = [False] + [(syllables[i - 1] + " " + syllables[i]).lower() in bigrams for i in range(1, n)]
    tri = [False, False] + [(syllables[i - 2] + " " + syllables[i - 1] + " " + syllables[i]).lower() in trigrams
                            for i in range(2, n)]
    out: list[dict[str, object]] = []
    for i in range(n):
        f: dict[str, object] = {"bias": 1.0, "word.lower()": low[i]}
        if upper[i]:
            f["word.isupper()"] = True
        if title[i]:
            f["word.istitle()"] = True
        if digit[i]:
            f["word.isdigit()"] = True
        if i > 0:
            f["-1:word.lower()"] = low[i - 1]
            if title[i - 1]:
                f["-1:word.istitle()"] = True
            if upper[i - 1]:
                f["-1:word.isupper()"] = True
            if bi[i]:
                f["-1:word.bi_gram()"] = True
            if i > 1 and tri[i]:
                f["-2:word.tri_gram()"] = True
        if i < n - 1:
            f["+1:word.lower()"] = low[i + 1]
            if title[i + 1]:
                f["+1:word.istitle()"] = True
            if upper[i + 1]:
                f["+1:word.isupper()"] = True
            if bi[i + 1]:
                f["+1:word.bi_gram()"] = True
            if i < n - 2 and tri[i + 2]:
                f["+2:word.tri_gram()"] = True
        out.append(f)
    return out


# What a syllable contributes to its own item and to its neighbours', as crfsuite attributes
# (UTF-8 bytes, which the tagger copies as they are instead of encoding a string per attribute),
# learnt once per distinct syllable; cleared when it grows past _PIECES_MAX.
_PIECES: dict[str, tuple[str, tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]] = {}
_PIECES_MAX = 200_000
_NONE: tuple[bytes, ...] = ()
_BI_BEFORE, _TRI_BEFORE = (b"-1:word.bi_gram()",), (b"-2:word.tri_gram()",)
_BI_AFTER, _TRI_AFTER = (b"+1:word.bi_gram()",), (b"+2:word.tri_gram()",)
_NO_WORDS: frozenset[str] = frozenset()


def _pieces(syllable: str) -> tuple[str, tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]:
    """(lower case, own attributes, attributes as the previous syllable, as the next one), in
    the order :func:`features` writes them."""
    if len(_PIECES) >= _PIECES_MAX:
        _PIECES.clear()
    low = syllable.lower()
    upper, title, digit = syllable.isupper(), syllable.istitle(), syllable.isdigit()
    word = low.encode("utf-8")
    own = [b"bias", b"word.lower():" + word]
    if upper:
        own.append(b"word.isupper()")
    if title:
        own.append(b"word.istitle()")
    if digit:
        own.append(b"word.isdigit()")
    before, after = [b"-1:word.lower():" + word], [b"+1:word.lower():" + word]
    if title:
        before.append(b"-1:word.istitle()")
        after.append(b"+1:word.istitle()")
    if upper:
        before.append(b"-1:word.isupper()")
        after.append(b"+1:word.isupper()")
    found = _PIECES[syllable] = (low, tuple(own), tuple(before), tuple(after))
    return found


@cache
def _ngrams() -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], frozenset[str]]]:
    """pyvi's bigrams and trigrams by their first syllables: ``"a b" in bi_grams`` is
    ``b in bigrams[a]`` for syllables (never empty, never holding a space)."""
    bigrams: dict[str, set[str]] = {}
    trigrams: dict[tuple[str, str], set[str]] = {}
    for gram in ViTokenizer.bi_grams:
        a, b = gram.split(" ")
        if a and b:
            bigrams.setdefault(a, set()).add(b)
    for gram in ViTokenizer.tri_grams:
        a, b, c = gram.split(" ")
        if a and b and c:
            trigrams.setdefault((a, b), set()).add(c)
    return ({k: frozenset(v) for k, v in bigrams.items()}, {k: frozenset(v) for k, v in trigrams.items()})


def items(syllables: list[str]) -> list[tuple[bytes, ...]]:
    """:func:`features` as the tagger reads them: each true attribute as ``key:value`` (or
    ``key`` for a flag and the bias, weight 1.0) in UTF-8, in the same order, so the tagger
    adds the same weights in the same order and gives the same labels. A syllable's parts are
    learnt once; a bigram is looked up by its first syllable (lower-casing ``"a b"`` is
    lower-casing ``a`` and ``b``: a space is neither cased nor case-ignorable, so it bounds the
    context of a final sigma).

    >>> s = ["Sở", "Tư", "pháp", "chủ", "trì"]
    >>> items(s) == [tuple((k if v is True or k == "bias" else f"{k}:{v}").encode() for k, v in f.items())
    ...              for f in features(s)]
    True
    """
    get = _PIECES.get
    parts = [get(s) or _pieces(s) for s in syllables]
    low = [p[0] for p in parts]
    bigrams, trigrams = _ngrams()
    bi = [b in bigrams.get(a, _NO_WORDS) for a, b in zip(low, low[1:], strict=False)]  # bi[k]: k, k+1
    tri = [c in trigrams.get((a, b), _NO_WORDS)  # tri[k]: k, k+1, k+2
           for a, b, c in zip(low, low[1:], low[2:], strict=False)]
    own = [p[1] for p in parts]
    before = [_NONE] + [p[2] for p in parts[:-1]]
    after = [p[3] for p in parts[1:]] + [_NONE]
    bi_before = [_NONE] + [_BI_BEFORE if x else _NONE for x in bi]
    tri_before = [_NONE, _NONE] + [_TRI_BEFORE if x else _NONE for x in tri]
    bi_after = [_BI_AFTER if x else _NONE for x in bi] + [_NONE]
    tri_after = [_TRI_AFTER if x else _NONE for x in tri] + [_NONE, _NONE]
    return [(*o, *b, *bb, *tb, *a, *ba, *ta) for o, b, bb, tb, a, ba, ta
            in zip(own, before, bi_before, tri_before, after, bi_after, tri_after, strict=False)]


def labels(syllables: list[str]) -> list[str]:
    """pyvi's word labels (``B_W`` / ``I_W``) of ``syllables``: its CRF on :func:`items`."""
    return ViTokenizer.model.tagger_.tag(items(syllables))  # what model.predict calls


def segment(text: str) -> list[tuple[int, int]]:
    """pyvi's words of ``text`` as offsets (a word may hold the spaces between its syllables),
    joined as spaCy's ``vi`` tokenizer joins them.

    >>> ["Bộ máy hành chính"[s:e] for s, e in segment("Bộ máy hành chính")]
    ['Bộ máy', 'hành chính']
    """
    starts: list[int] = []
    ends: list[int] = []
    syllables: list[str] = []
    pos = 0
    # the tokens cover the text one after another (every character is a space, a word character
    # or neither, and some branch takes each), so their offsets are the sums of their lengths:
    # findall's strings instead of a match object per token (a third of the segmentation's time)
    for token in _SYLLABLE.findall(text):
        end = pos + len(token)
        if not token.isspace():
            syllables.append(token)
            starts.append(pos)
            ends.append(end)
        pos = end
    if not syllables:
        return []
    tags = labels(syllables)
    words: list[tuple[int, int]] = []
    start = starts[0]
    for i in range(1, len(syllables)):
        cur, prev = syllables[i], syllables[i - 1]
        if (tags[i] == "I_W" and cur not in _PUNCTUATION and prev not in _PUNCTUATION
                and not cur[0].isdigit() and not prev[0].isdigit()
                and not (cur[0].istitle() and not prev[0].istitle())):
            continue
        words.append((start, ends[i - 1]))
        start = starts[i]
    words.append((start, ends[-1]))
    return words


class PyviTokenizer:
    """The pipeline's tokenizer: pyvi's words (:func:`segment`) as a spaCy Doc whose tokens
    and spaces are those of spaCy's ``vi`` tokenizer; keeps the text and the word starts in
    ``doc.user_data``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[int] = []  # each token's offset, written as the tokens are
        pos = 0
        pyvi_words = segment(text)
        for start, end in pyvi_words:
            if start > pos:  # whitespace other than one space after a word is a token
                words.append(text[pos:start])
                spaces.append(False)
                starts.append(pos)
            words.append(text[start:end])
            starts.append(start)
            pos = end
            if pos < len(text) and text[pos] == " ":
                spaces.append(True)
                pos += 1
            else:
                spaces.append(False)
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
            starts.append(pos)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["text"] = text
        doc.user_data["word_starts"] = frozenset(starts)
        doc.user_data["pyvi_words"] = pyvi_words
        return doc
