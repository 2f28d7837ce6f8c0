"""Highlights computed by the search layer, the same on every backend: whole words and phrases.

A word is marked when it is part of a run of at least two consecutive words that also follow
each other in the query (or in one of its variants), so a query never marks stray syllables
(``thu hoi tai san`` does not mark a lone "tại" or "thư"); a one-word query, a number or an
abbreviation marks the word alone. Accents count when the query has them.

>>> highlight("Thu hồi tài sản bị thất thoát tại địa phương.", TextQuery("thu hoi tai san"))
['<mark>Thu hồi tài sản</mark> bị thất thoát tại địa phương.']
"""

from __future__ import annotations

import re

from search_api.search.model import TextQuery
from search_api.text import fold

_WORD = re.compile(r"\w+(?:[/-]\w+)*", re.UNICODE)
FRAGMENT = 160


def is_accented(q: str) -> bool:
    return any(ord(c) > 127 and c.isalpha() for c in q)


def _key(word: str, accented: bool) -> str:
    return word.lower() if accented else fold(word)


def _is_standalone(word: str) -> bool:
    """Numbers and abbreviations are marked on their own."""
    return any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2


def marked_spans(text: str, tq: TextQuery) -> list[tuple[int, int]]:
    """``[(start, end)]`` of the runs to mark in ``text`` (merged, in order)."""
    phrases = [tq.q, *tq.variants]
    accented = is_accented(tq.q)
    seqs = [[_key(w, accented and p is tq.q) for w in _WORD.findall(p)] for p in phrases]
    seqs = [s for s in seqs if s]
    if not seqs:
        return []
    single = {s[0] for s in seqs if len(s) == 1}
    standalone = {_key(w, accented) for p in phrases for w in _WORD.findall(p) if _is_standalone(w)}
    pairs = {(s[i], s[i + 1]) for s in seqs for i in range(len(s) - 1)}
    words = list(_WORD.finditer(text))
    keys = [(_key(m.group(0), accented), fold(m.group(0))) for m in words]

    def k(i: int) -> str:
        return keys[i][0]

    marked = [False] * len(words)
    for i in range(len(words) - 1):
        if (k(i), k(i + 1)) in pairs or (not accented and (keys[i][1], keys[i + 1][1]) in pairs):
            marked[i] = marked[i + 1] = True
    for i in range(len(words)):
        if k(i) in single or k(i) in standalone or (accented and keys[i][1] in {fold(x) for x in standalone}):
            marked[i] = True
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(words):
        if not marked[i]:
            continue
        if spans and i > 0 and marked[i - 1] and text[spans[-1][1]:m.start()].strip() == "":
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def highlight(text: str, tq: TextQuery, *, fragments: int = 2, size: int = FRAGMENT) -> list[str]:
    """Up to ``fragments`` excerpts of about ``size`` characters with ``<mark>`` around the
    marked runs (text not escaped: the pages escape it and keep only the marks)."""
    spans = marked_spans(text, tq)
    if not spans:
        return []
    if len(text) <= size:
        return [_mark(text, 0, len(text), spans)]
    out: list[str] = []
    covered_to = -1
    for s, e in spans:
        if s < covered_to:
            continue
        start = max(0, s - size // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind(" ", start, end)
            end = cut if cut > e else end
        out.append(_mark(text, start, end, spans))
        covered_to = end
        if len(out) == fragments:
            break
    return out


def _mark(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(text[pos:s])
        parts.append(f"<mark>{text[s:e]}</mark>")
        pos = e
    parts.append(text[pos:end])
    return "".join(parts)
