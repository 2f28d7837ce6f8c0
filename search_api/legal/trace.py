"""Implementation trace: which tasks of a downstream document carry out which tasks of the
upstream document it implements (relation ``implements``), as a pure function.

Each proposed link has a score and the words that matched. The score is the cosine of the two
tasks' word vectors (folded, pyvi-segmented words weighted by their IDF over the tasks of the
two documents, stop words of data/trace.json left out), plus a bonus for a shared owner and
one for a shared cited document. Precision first: a link is proposed only at or above the
threshold of data/trace.json, chosen on the hand-linked benchmark (tests/bench/bench_trace.py).

>>> up = [TraceTask("u1", "Rà soát, sửa đổi quy chế quản lý tài sản công", ("Bộ Tài chính",)),
...       TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy trong trường học", ("Bộ Công an",))]
>>> down = [TraceTask("d1", "Sở Tài chính rà soát quy chế quản lý tài sản công của tỉnh", ("Sở Tài chính",))]
>>> t = match(up, down)
>>> [(x.downstream, x.upstream) for x in t.links], t.coverage.covered, t.coverage.total
([('d1', 'u1')], 1, 2)
>>> t.coverage.text
'1 trên 2 nhiệm vụ có nhiệm vụ triển khai'
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data" / "trace.json"
_TOKEN = re.compile(r"[0-9a-zđ_]+")
_NUMBER = re.compile(r"^[\d_]+$")


class TraceDataError(ValueError):
    """data/trace.json is missing or malformed."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{_DATA.name}: {reason}")


@dataclass(frozen=True, slots=True)
class TraceTask:
    """A task as the trace needs it (``nlp.model.Task``: id, text, owner names, section, refs)."""

    id: str
    text: str
    owners: tuple[str, ...] = ()
    section: str | None = None
    refs: tuple[str, ...] = ()  # keys (or ids) of the documents the task cites


@dataclass(frozen=True, slots=True)
class TraceLink:
    """A proposed downstream-task -> upstream-task link."""

    downstream: str  # task id
    upstream: str  # task id
    score: float
    words: tuple[str, ...]  # the matched words, most telling first ("thủ tục hành chính")
    owners: tuple[str, ...] = ()  # shared owners
    refs: tuple[str, ...] = ()  # shared cited documents


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: int  # upstream tasks with at least one implementing downstream task
    total: int
    uncovered: tuple[str, ...] = ()  # ids of the upstream tasks with none

    @property
    def text(self) -> str:
        return f"{self.covered} trên {self.total} nhiệm vụ có nhiệm vụ triển khai"


@dataclass(frozen=True, slots=True)
class Trace:
    links: tuple[TraceLink, ...]
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class Settings:
    stop_words: frozenset[str]
    text_weight: float
    owner_weight: float
    refs_weight: float
    threshold: float


@cache
def settings() -> Settings:
    """data/trace.json, validated."""
    try:
        data: Any = json.loads(_DATA.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TraceDataError("file not found") from exc
    except json.JSONDecodeError as exc:
        raise TraceDataError(f"invalid JSON: {exc}") from exc
    try:
        words, weights, threshold = data["stop_words"], data["weights"], data["threshold"]
        if not all(isinstance(w, str) and w == _fold(w) for w in words):
            raise TraceDataError("stop_words must be folded strings")
        return Settings(frozenset(words), float(weights["text"]), float(weights["owner"]),
                        float(weights["refs"]), float(threshold))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, TraceDataError):
            raise
        raise TraceDataError(f"expected stop_words, weights (text, owner, refs), threshold: {exc}") from exc


def match(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], *,
          abbreviations: dict[str, str] | None = None, upstream_key: str | None = None,
          threshold: float | None = None, per_downstream: int = 3) -> Trace:
    """Propose links from ``downstream`` tasks to the ``upstream`` tasks they implement.

    ``abbreviations`` (both documents' ``Extraction.abbreviations``; the built-in list of
    nlp is always added) are expanded before words are compared, so "TTHC" meets "thủ tục
    hành chính". ``upstream_key``: a downstream task citing the upstream document itself
    ("theo chỉ đạo tại Thông báo số 627/TB-VPCP") gets the refs bonus on its best match. A
    downstream task links to at most ``per_downstream`` upstream tasks, each scoring at least
    ``threshold`` (default: data/trace.json); the coverage counts the upstream tasks with at
    least one link.
    """
    cfg = settings()
    limit = cfg.threshold if threshold is None else threshold
    scored = score_all(upstream, downstream, abbreviations=abbreviations, upstream_key=upstream_key)
    links: list[TraceLink] = []
    for d in downstream:
        cands = sorted((x for x in scored if x.downstream == d.id and x.score >= limit),
                       key=lambda x: -x.score)
        links += cands[:per_downstream]
    linked = {x.upstream for x in links}
    uncovered = tuple(u.id for u in upstream if u.id not in linked)
    return Trace(tuple(links), Coverage(len(upstream) - len(uncovered), len(upstream), uncovered))


def score_all(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], *,
              abbreviations: dict[str, str] | None = None,
              upstream_key: str | None = None) -> list[TraceLink]:
    """Every downstream x upstream pair with its score (no threshold), for tuning and review."""
    from nlp.abbreviations import builtin_abbreviations, expand

    cfg = settings()
    abbr = builtin_abbreviations() | (abbreviations or {})
    bags = ({("u", t.id): _bag(t, abbr) for t in upstream}
            | {("d", t.id): _bag(t, abbr) for t in downstream})
    df = Counter(w for bag in bags.values() for w in set(bag))
    n = len(bags)
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    vecs = {k: {w: (1 + math.log(c)) * idf[w] for w, c in bag.items()} for k, bag in bags.items()}
    norms = {k: math.sqrt(sum(v * v for v in vec.values())) or 1.0 for k, vec in vecs.items()}
    out = []
    for d in downstream:
        dv, dn = vecs[("d", d.id)], norms[("d", d.id)]
        d_owners = {_fold(o) for o in d.owners}
        cites_upstream = upstream_key is not None and upstream_key in d.refs
        row = []
        for u in upstream:
            uv, un = vecs[("u", u.id)], norms[("u", u.id)]
            common = {w: dv[w] * uv[w] for w in dv.keys() & uv.keys()}
            cosine = sum(common.values()) / (dn * un)
            owners = tuple(o for o in u.owners if _fold(o) in d_owners)
            refs = tuple(r for r in u.refs if r in set(d.refs))
            score = (cfg.text_weight * cosine + cfg.owner_weight * bool(owners)
                     + cfg.refs_weight * bool(refs))
            words = tuple(w.replace("_", " ") for w, _ in
                          sorted(common.items(), key=lambda kv: -kv[1])[:8])
            row.append(TraceLink(d.id, u.id, score, _surface(words, expand(d.text, abbr), expand(u.text, abbr)),
                                  owners, refs))
        if cites_upstream and row:
            best = max(range(len(row)), key=lambda i: row[i].score)
            x = row[best]
            if not x.refs:
                row[best] = TraceLink(x.downstream, x.upstream, x.score + cfg.refs_weight, x.words,
                                      x.owners, (upstream_key,))
        out += [TraceLink(x.downstream, x.upstream, round(x.score, 4), x.words, x.owners, x.refs)
                for x in row]
    return out


def tasks_of(extraction: Any) -> list[TraceTask]:
    """:class:`TraceTask` values of an ``nlp.model.Extraction``'s tasks."""
    return [TraceTask(t.id, t.text, tuple(o.name for o in t.owners), t.section, tuple(t.refs))
            for t in extraction.tasks]


# --------------------------------------------------------------------------- words


def _bag(task: TraceTask, abbreviations: dict[str, str]) -> Counter[str]:
    """Content words of a task: its text, abbreviations expanded, without stop words, numbers
    and the words of its owners' names (they are compared as owners, not as text)."""
    from nlp.abbreviations import expand

    stop = settings().stop_words
    owner_words = {w for o in task.owners for w in _words(expand(o, abbreviations))}
    return Counter(w for w in _words(expand(task.text, abbreviations))
                   if w not in stop and w not in owner_words and not _NUMBER.match(w) and len(w) > 1)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    from pyvi import ViTokenizer

    return tuple(_TOKEN.findall(_fold(ViTokenizer.tokenize(text))))


def _surface(words: Iterable[str], *texts: str) -> tuple[str, ...]:
    """The matched words as written in the first of ``texts`` holding them (accents back),
    the folded form when none does."""
    folded = [(_fold(t), t) for t in texts]
    out = []
    for w in words:
        hit = next((t[i:i + len(w)] for f, t in folded if len(f) == len(t)
                    for i in [_find_word(f, w)] if i >= 0), w)
        out.append(hit)
    return tuple(out)


def _find_word(folded: str, word: str) -> int:
    m = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", folded)
    return m.start() if m else -1


def _fold(text: str) -> str:
    """Lowercase without accents, one character per character (đ -> d)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append("d" if ch in "đĐ" else unicodedata.normalize("NFD", ch)[0].lower())
    return "".join(out)


