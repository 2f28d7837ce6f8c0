"""Highlights computed by the search layer, the same on every backend: whole words and phrases.

A word is marked when it is part of a run of at least two consecutive words that also follow
each other in the query (or in one of its variants: abbreviations, spelling variants such as
``quản lí`` / ``quản lý``), so a query never marks stray syllables (``thu hoi tai san`` does not
mark a lone "tại" or "thư"); a one-word query, a number or an abbreviation marks the word alone.
Accents count when the query has them; a word typed with another tone mark is marked only
beside one typed right. Quoted phrases are words of the query like the others.

>>> highlight("Thu hồi tài sản bị thất thoát tại địa phương.", TextQuery("thu hoi tai san"))
['<mark>Thu hồi tài sản</mark> bị thất thoát tại địa phương.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from search_api.search.model import TextQuery
from search_api.text import fold

_WORD = re.compile(r"\w+(?:[/-]\w+)*", re.UNICODE)
FRAGMENT = 160


def is_accented(q: str) -> bool:
    return any(ord(c) > 127 and c.isalpha() for c in q)


def _is_standalone(word: str) -> bool:
    """Numbers and abbreviations are marked on their own."""
    return any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a query marks, computed once per query: candidate words (folded), the exact
    accented forms when the query has accents, word pairs that follow each other in the query
    or a variant, and the words that are marked alone."""

    finder: re.Pattern[str] | None
    accented: frozenset[str]  # lower-cased accented query words (empty: accents do not count)
    loose: frozenset[str]  # folded words of the variants (accents never count there)
    pairs: frozenset[tuple[str, str]]
    alone: frozenset[str]


@lru_cache(maxsize=512)
def _plan(tq: TextQuery) -> _Plan:
    accented = is_accented(tq.searched)
    own = _WORD.findall(tq.searched)
    variants = [_WORD.findall(v) for v in tq.variants]
    seqs = [[fold(w) for w in own]] + [[fold(w) for w in v] for v in variants]
    seqs = [x for x in seqs if x]
    words = {w for seq in seqs for w in seq}
    alone = {x[0] for x in seqs if len(x) == 1}
    alone |= {fold(w) for phrase in [own, *variants] for w in phrase if _is_standalone(w)}
    finder = None
    if words:
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        finder = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.UNICODE)
    return _Plan(
        finder=finder,
        accented=frozenset(w.lower() for w in own) if accented else frozenset(),
        loose=frozenset(w for v in variants for w in (fold(x) for x in v)),
        pairs=frozenset((x[i], x[i + 1]) for x in seqs for i in range(len(x) - 1)),
        alone=frozenset(alone),
    )


def marked_spans(text: str, tq: TextQuery) -> list[tuple[int, int]]:
    """``[(start, end)]`` of the runs to mark in ``text`` (merged, in order)."""
    plan = _plan(tq)
    if plan.finder is None:
        return []
    folded = fold(text)  # one character per character: positions line up with ``text``
    if len(folded) != len(text):
        return []
    found: list[tuple[int, int, str]] = []
    exact: list[bool] = []
    for m in plan.finder.finditer(folded):
        word = m.group(0)
        found.append((m.start(), m.end(), word))
        # the query has accents and this word has others: a tone-mark slip ("giãi quyết" for
        # "giải quyết") is marked only beside a word matched exactly, never alone
        exact.append(not plan.accented or text[m.start():m.end()].lower() in plan.accented or word in plan.loose)
    if not found:
        return []
    # a slip is the query's only when the text never has the word as typed right
    right = {w for i, (_, _, w) in enumerate(found) if exact[i]}
    slip = [not exact[i] and w not in right for i, (_, _, w) in enumerate(found)]
    marked = [w in plan.alone and exact[i] for i, (_, _, w) in enumerate(found)]
    for i in range(len(found) - 1):
        (_, e1, w1), (s2, _, w2) = found[i], found[i + 1]
        ok = (exact[i] or slip[i]) and (exact[i + 1] or slip[i + 1]) and (exact[i] or exact[i + 1])
        if (w1, w2) in plan.pairs and ok and not _WORD.search(text, e1, s2):
            marked[i] = marked[i + 1] = True
    spans: list[tuple[int, int]] = []
    for i, (s, e, _) in enumerate(found):
        if not marked[i]:
            continue
        if spans and i > 0 and marked[i - 1] and spans[-1][1] == found[i - 1][1] and not text[spans[-1][1]:s].strip():
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
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
