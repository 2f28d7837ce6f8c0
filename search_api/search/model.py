"""The typed query model every backend compiles: collections, text, filters, sort, page, facets.

Nothing here knows an engine. Routes, tracking, exports and the CLI describe what they want with
these values; :mod:`search_api.search.es` compiles them to Elasticsearch DSL and
:mod:`search_api.search.embedded` to tantivy queries. Field names are the logical names of
:mod:`search_api.search.fields` (``owner_keys``, ``deadline``, ``status`` ...).

>>> q = SearchQuery(collections=(Collection.TASKS,), text=TextQuery("thu hoi tai san"),
...                 filters=(Term("owner_keys", ("bo tu phap",)),), facets=(Facet("owner", "owner_keys", 30),))
>>> q.size
20
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations
from typing import Any


class Collection(StrEnum):
    """The three logical indices (aliases on Elasticsearch, one ``kind`` each on tantivy)."""

    DOCUMENTS = "documents"
    TASKS = "tasks"
    CITATIONS = "citations"


# --- filters ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """``field`` has one of ``values`` (keyword, integer or boolean fields)."""

    field: str
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Range:
    """``field`` within bounds (ISO dates or numbers; ``None`` = open). Missing values never match."""

    field: str
    gte: Any = None
    lte: Any = None
    lt: Any = None
    gt: Any = None


@dataclass(frozen=True, slots=True)
class Exists:
    """``field`` has a value."""

    field: str


@dataclass(frozen=True, slots=True)
class Not:
    filter: Filter


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one of ``filters`` (an OR)."""

    filters: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every one of ``filters`` (an AND)."""

    filters: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class Words:
    """Every word of ``text`` appears in one of the text ``fields`` (accent-insensitive): the
    task board's free-text filter, which must not rank, only narrow."""

    text: str
    fields: tuple[str, ...] = ("text", "document_title", "document_number", "deadline_text")


Filter = Term | Range | Exists | Not | AnyOf | AllOf | Words


# --- text ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextQuery:
    """What the user typed, with what the search layer derived from it.

    ``variants`` are whole alternative phrasings (abbreviations expanded both ways), each a
    recall clause of its own; ``segmented`` is the pyvi segmentation of ``q`` for phrase ranking;
    ``number_key`` a document number found in ``q`` (documents carrying it rank first, and a
    query that is only a number matches only by number).

    From the query understanding (issue 14, :mod:`search_api.search.understand`): ``words`` is
    what is searched as words when it differs from ``q`` (the intent words around an owner
    removed); each of ``phrases`` must match as a phrase; tasks of ``owner_keys`` rank first;
    tasks due within ``deadline_from``..``deadline_to`` rank higher.

    ``expansions`` are phrases of two words or more standing for one thing: the long forms an
    abbreviation of ``q`` was expanded to in ``variants``, the recognised owner's label. Where
    one appears in ``q`` or a variant it matches as a phrase and weighs as its words in the
    minimum-should-match (a hit holding only some of its words scattered does not count them).
    """

    q: str
    variants: tuple[str, ...] = ()
    segmented: str | None = None
    number_key: str | None = None
    number_only: bool = False
    words: str | None = None
    phrases: tuple[str, ...] = ()
    owner_keys: tuple[str, ...] = ()
    deadline_from: str | None = None
    deadline_to: str | None = None
    expansions: tuple[str, ...] = ()

    @property
    def searched(self) -> str:
        """The words searched (``words``, else ``q``)."""
        return self.q if self.words is None else self.words


# --- sort, page, facets ----------------------------------------------------------------------


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True, slots=True)
class SortKey:
    """Sort on ``field`` (``_score`` for relevance); documents without a value sort last."""

    field: str
    order: SortOrder = SortOrder.ASC


SCORE = SortKey("_score", SortOrder.DESC)


@dataclass(frozen=True, slots=True)
class Facet:
    """A terms aggregation: the ``size`` most frequent values of ``field`` with their counts.

    ``counts`` adds, per bucket, how many of its hits also match each named filter (open,
    done, overdue per owner).
    """

    name: str
    field: str
    size: int = 20
    counts: tuple[tuple[str, Filter], ...] = ()


@dataclass(frozen=True, slots=True)
class CountOf:
    """How many hits of the query also match ``filter`` (e.g. how many are overdue)."""

    name: str
    filter: Filter


@dataclass(frozen=True, slots=True)
class SearchQuery:
    collections: tuple[Collection, ...]
    text: TextQuery | None = None
    filters: tuple[Filter, ...] = ()
    sort: tuple[SortKey, ...] = (SCORE,)
    size: int = 20
    offset: int = 0
    cursor: str | None = None  # opaque ``next`` of the previous page (same query and sort)
    facets: tuple[Facet, ...] = ()
    counts: tuple[CountOf, ...] = ()
    exclude_fields: tuple[str, ...] = ()  # source fields not returned (large ones)
    include_fields: tuple[str, ...] | None = None  # only these source fields
    track_total: bool = True


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bucket:
    value: Any
    count: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    collection: Collection
    source: dict[str, Any]
    score: float | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[Bucket]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    next: str | None = None  # cursor for the following page, None on the last one
    took_ms: float | None = None  # the engine's own time for the query, when it reports one


# --- phrases inside a query ------------------------------------------------------------------


def split_phrases(words: list[str], phrases: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """``words`` (folded) cut into ``(the words outside any phrase, the phrases found)``: each of
    ``phrases`` (folded words, two or more) that stands in ``words`` as a run, longest first, at
    its first place not taken by a longer one.

    >>> split_phrases(["cong", "tac", "thi", "hanh", "an"], [["thi", "hanh", "an"]])
    (['cong', 'tac'], [['thi', 'hanh', 'an']])
    """
    taken = [False] * len(words)
    found: list[list[str]] = []
    for p in sorted((p for p in phrases if len(p) > 1), key=len, reverse=True):
        n = len(p)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == p and not any(taken[i:i + n]):
                taken[i:i + n] = [True] * n
                found.append(p)
                break
    return [w for w, t in zip(words, taken, strict=True) if not t], found


def phrase_branches(n_rest: int, phrases: list[list[str]], msm: int) -> list[tuple[tuple[int, ...], int]]:
    """The ways a hit reaches ``msm`` words when each phrase weighs as its words and counts only
    as a whole: ``(indices of the phrases required, how many other words)`` — every minimal set
    of phrases with the number of the other ``n_rest`` words it still needs (0: none).

    >>> phrase_branches(2, [["thi", "hanh", "an", "dan", "su"]], 4)
    [((0,), 0)]
    >>> phrase_branches(3, [["so", "y", "te"]], 3)
    [((), 3), ((0,), 0)]
    """
    out: list[tuple[tuple[int, ...], int]] = []
    for size in range(len(phrases) + 1):
        for subset in _subsets(len(phrases), size):
            if any(set(done) <= set(subset) for done, k in out if k == 0):
                continue  # a smaller set of phrases is already enough
            need = msm - sum(len(phrases[i]) for i in subset)
            if need <= n_rest:
                out.append((subset, max(0, need)))
    return out


def _subsets(n: int, size: int) -> list[tuple[int, ...]]:
    return list(combinations(range(n), size))
