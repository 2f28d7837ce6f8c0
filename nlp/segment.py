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


def segment(text: str) -> list[tuple[int, int]]:
    """pyvi's words of ``text`` as offsets (a word may hold the spaces between its syllables),
    joined as spaCy's ``vi`` tokenizer joins them.

    >>> ["Bộ máy hành chính"[s:e] for s, e in segment("Bộ máy hành chính")]
    ['Bộ máy', 'hành chính']
    """
    starts: list[int] = []
    ends: list[int] = []
    syllables: list[str] = []
    for m in _SYLLABLE.finditer(text):
        token = m.group()
        if not token.isspace():
            syllables.append(token)
            starts.append(m.start())
            ends.append(m.end())
    if not syllables:
        return []
    labels = ViTokenizer.model.tagger_.tag(features(syllables))  # what model.predict calls
    words: list[tuple[int, int]] = []
    start = starts[0]
    for i in range(1, len(syllables)):
        cur, prev = syllables[i], syllables[i - 1]
        if (labels[i] == "I_W" and cur not in _PUNCTUATION and prev not in _PUNCTUATION
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
        pos = 0
        pyvi_words = segment(text)
        for start, end in pyvi_words:
            if start > pos:  # whitespace other than one space after a word is a token
                words.append(text[pos:start])
                spaces.append(False)
            words.append(text[start:end])
            pos = end
            if pos < len(text) and text[pos] == " ":
                spaces.append(True)
                pos += 1
            else:
                spaces.append(False)
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        starts, at = [], 0
        for word, space in zip(words, spaces, strict=True):
            starts.append(at)
            at += len(word) + space
        doc.user_data["text"] = text
        doc.user_data["word_starts"] = frozenset(starts)
        doc.user_data["pyvi_words"] = pyvi_words
        return doc
