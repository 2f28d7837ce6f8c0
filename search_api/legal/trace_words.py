"""Words of the implementation trace: accent-folded syllables and syllable pairs of a task's
text, weighted by how rare they are among the tasks of the two documents compared.

A task's text becomes *units*: each syllable ("quy", "che") and each pair of neighbouring
syllables ("quy che") of the same clause, lower-case without accents; numbers, one-letter
syllables and the stop phrases of data/trace.json ("thực hiện", "các") are left out and break
the pairs. Pairs carry the meaning of Vietnamese compounds ("tai san", "thu tuc"), single
syllables let "cấu trúc lại" meet "tái cấu trúc". A unit's weight is its inverse document
frequency over both documents' tasks, so what every task says weighs little.

>>> units("Rà soát quy chế, tài sản công", frozenset({"rà soát"}))
('quy', 'che', 'tai', 'san', 'cong', 'quy che', 'tai san', 'san cong')
>>> phrases("Sở rà soát quy chế", {"quy", "che", "quy che", "soat"}, len)
('quy chế',)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_]+|\d\w*|[^\w\s]+")  # a syllable, a number ("30%", "02-KH"), punctuation


def fold(text: str) -> str:
    """Lowercase without accents, one character per character of the NFC text (đ -> d)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append("d" if ch in "đĐ" else unicodedata.normalize("NFD", ch)[0].lower())
    return "".join(out)


@lru_cache(maxsize=8192)
def syllables(text: str, stop: frozenset[str] = frozenset()) -> tuple[tuple[str, int, int] | None, ...]:
    """The folded syllables of ``text`` with their offsets in its NFC form; None for a break:
    a number, punctuation, a one-letter syllable, or a ``stop`` phrase (lower-case syllables
    with their accents, joined by one space, up to three: "ra" is a stop word, "rà" is not)."""
    nfc = unicodedata.normalize("NFC", text)
    toks = [(m.group().lower(), m.start(), m.end()) if m.group()[0].isalpha() and len(m.group()) > 1 else None
            for m in _TOKEN.finditer(nfc)]
    out: list[tuple[str, int, int] | None] = []
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            part = toks[i:i + n]
            if len(part) == n and all(part) and " ".join(t[0] for t in part if t) in stop:
                out.append(None)
                i += n
                break
        else:
            t = toks[i]
            out.append((fold(t[0]), t[1], t[2]) if t else None)
            i += 1
    return tuple(out)


def units(text: str, stop: frozenset[str], compounds: bool = False) -> tuple[str, ...]:
    """Syllables, then pairs of neighbouring syllables, of ``text`` (see :func:`syllables`);
    ``compounds``: only the pairs inside one word of pyvi's segmentation (it reads "quản lý tài
    sản" as one word: no "san cong").

    >>> units("quản lý tài sản công", frozenset(), compounds=True)
    ('quan', 'ly', 'tai', 'san', 'cong', 'quan ly', 'ly tai', 'tai san')
    """
    syl = syllables(text, stop)
    singles = [s[0] for s in syl if s]
    word = _word_of(text) if compounds else None
    pairs = [f"{a[0]} {b[0]}" for a, b in zip(syl, syl[1:], strict=False)
             if a and b and (word is None or word(a[1]) == word(b[1]) is not None)]
    return tuple(singles + pairs)


def _word_of(text: str) -> Callable[[int], int | None]:
    """The index of pyvi's word holding a character offset of the NFC ``text`` (None: none)."""
    nfc = unicodedata.normalize("NFC", text)
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in _words(text):
        at = nfc.find(w, pos)
        if at < 0:
            continue
        spans.append((at, at + len(w)))
        pos = at + len(w)

    def word(offset: int) -> int | None:
        for i, (a, b) in enumerate(spans):
            if a <= offset < b:
                return i
        return None

    return word


def phrases(text: str, matched: Iterable[str], weight: Callable[[str], float]) -> tuple[str, ...]:
    """The matched units as words written in ``text`` (accents back), heaviest first: each
    word of pyvi's segmentation, or the longest part of it whose syllable pairs all matched
    ("cấu trúc" of "tái cấu trúc"); a syllable alone only when it is a word by itself (half a
    compound is not shown)."""
    matched = set(matched)
    out: dict[str, tuple[str, float]] = {}  # folded -> (as written, weight)
    for word in _words(text):
        syl = [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(word) if m.group()[0].isalpha()]
        if len(syl) == 1 and syl[0][0] in matched:
            out.setdefault(syl[0][0], (word[syl[0][1]:syl[0][2]], weight(syl[0][0])))
            continue
        i = 0
        while i < len(syl) - 1:
            j = i
            while j + 1 < len(syl) and f"{syl[j][0]} {syl[j + 1][0]}" in matched:
                j += 1
            if j > i:
                run = syl[i:j + 1]
                units_ = [s for s, _, _ in run] + [f"{a[0]} {b[0]}" for a, b in zip(run, run[1:], strict=False)]
                out.setdefault(" ".join(s for s, _, _ in run),
                               (word[run[0][1]:run[-1][2]], sum(weight(u) for u in units_)))
            i = j + 1
    return tuple(w for w, _ in sorted(out.values(), key=lambda x: -x[1]))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    from pyvi import ViTokenizer

    return tuple(w.replace("_", " ") for w in ViTokenizer.tokenize(unicodedata.normalize("NFC", text)).split())


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of units over tasks other than the pair's (``n`` tasks), to count
    in the IDF beside the pair's own.

    >>> b = Background.of([frozenset({"quy", "che"}), frozenset({"quy"})])
    >>> b.n, b.df["quy"]
    (2, 2)
    """

    df: Mapping[str, int]
    n: int

    @classmethod
    def of(cls, bags: Iterable[frozenset[str]]) -> Background:
        bags = list(bags)
        return cls(Counter(u for bag in bags for u in bag), len(bags))


@dataclass(frozen=True, slots=True)
class Weights:
    """Inverse document frequencies of units over a set of task texts."""

    idf: Mapping[str, float]
    pair_weight: float  # a pair counts this many times a single syllable of the same rarity

    @classmethod
    def of(cls, bags: Iterable[frozenset[str]], pair_weight: float, background: Background | None = None) -> Weights:
        """IDF over ``bags`` (the tasks of the two documents compared), counted together with
        ``background``'s tasks when given (other documents' tasks: a word every task of the
        pair says may still be rare in general)."""
        bags = list(bags)
        df = Counter(u for bag in bags for u in bag)
        n = len(bags)
        if background is not None:
            n += background.n
            df = Counter({u: c + background.df.get(u, 0) for u, c in df.items()})
        return cls({u: math.log(1 + n / c) for u, c in df.items()}, pair_weight)

    def weight(self, unit: str) -> float:
        w = self.idf.get(unit, 0.0)
        return w * self.pair_weight if " " in unit else w

    def total(self, bag: Iterable[str]) -> float:
        return sum(self.weight(u) for u in bag)
