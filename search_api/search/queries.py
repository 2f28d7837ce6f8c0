"""``GET /search`` parameters -> a :class:`~search_api.search.model.SearchQuery` (pure).

>>> params = SearchParams(q="thu hoi tai san", owner=["bo tu phap"], facets=True)
>>> query = build_search(params, today=date(2024, 6, 1))
>>> [c.value for c in query.collections], len(query.facets)
(['tasks', 'documents'], 7)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from search_api.search.model import (
    SCORE,
    AllOf,
    Collection,
    Facet,
    Filter,
    Not,
    Range,
    SearchQuery,
    SortKey,
    SortOrder,
    Term,
    TextQuery,
)
from search_api.search.understand import Interpretation
from search_api.text import NUMBER_IN_TEXT, number_key

TASK_ONLY_FIELDS = ("co_owner", "status", "deadline_from", "deadline_to", "overdue")
FACETS: dict[str, tuple[str, int]] = {  # facet name -> (field, size)
    "kind": ("kind", 5),
    "document_type": ("document_type", 20),
    "issuer": ("issuer", 20),
    "owner": ("owner_keys", 30),
    "status": ("status", 10),
    "year": ("issue_year", 20),
}
OWNER_LABELS = "_owner_labels"  # helper facet, folded into the owner facet (display names)
SOURCE_EXCLUDES = ("body", "text_segmented", "sections", "references", "abbreviations")


class SortMode(StrEnum):
    RELEVANCE = "relevance"
    DEADLINE = "deadline"
    ISSUED_DATE = "issued_date"


class Kind(StrEnum):
    TASK = "task"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str | None = None
    owner: list[str] = field(default_factory=list)
    co_owner: list[str] = field(default_factory=list)
    doc_type: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    number: str | None = None
    year: list[int] = field(default_factory=list)
    deadline_from: date | None = None
    deadline_to: date | None = None
    overdue: bool | None = None
    status: list[str] = field(default_factory=list)
    kind: Kind | None = None
    include_stale: bool = False
    facets: bool = False
    sort: SortMode = SortMode.RELEVANCE
    size: int = 20
    cursor: str | None = None

    def kinds(self) -> list[Kind]:
        """Which collections the search needs: task-only filters exclude documents."""
        if self.kind is not None:
            return [self.kind]
        if any(getattr(self, f) not in (None, [], False) for f in TASK_ONLY_FIELDS) or (
            self.sort == SortMode.DEADLINE
        ):
            return [Kind.TASK]
        return [Kind.TASK, Kind.DOCUMENT]


def is_number_query(q: str) -> bool:
    """True when ``q`` is a document number with at most a type word or two around it."""
    m = NUMBER_IN_TEXT.search(q)
    if not m:
        return False
    rest = (q[: m.start()] + " " + q[m.end():]).split()
    return len(rest) <= 3


def overdue_filter(today: date) -> Filter:
    """Deadline passed and not done (derived at query time, never stored)."""
    return AllOf((Range("deadline", lt=today.isoformat()), Not(Term("status", ("done",)))))


def text_query(q: str, *, variants: list[str] | None = None, segmented: str | None = None,
               interpretation: Interpretation | None = None, expansions: list[str] | None = None) -> TextQuery:
    """The text part of a search; with an ``interpretation`` (issue 14) its number (however
    typed), owner, period and quoted phrases, and its spelling variants as variants.
    ``expansions``: the long forms of the abbreviations expanded in ``variants``; they and the
    recognised owner's label match as phrases."""
    phrased = list(expansions or ())
    if interpretation is None:
        key = number_key(q)
        return TextQuery(q=q, variants=tuple(variants or ()), segmented=segmented, number_key=key,
                         number_only=bool(key and is_number_query(q)), expansions=tuple(phrased))
    i = interpretation
    extra = [v for v in i.spelling_variants if v not in (variants or [])]
    if i.owner is not None and len(i.owner.label.split()) > 1 and i.owner.label not in phrased:
        phrased.append(i.owner.label)
    return TextQuery(expansions=tuple(phrased),
        q=q, variants=(*(variants or ()), *extra), segmented=segmented,
        number_key=i.number_key, number_only=i.number_only,
        words=i.words if i.words != q else None, phrases=i.phrases,
        owner_keys=i.owner.keys if i.owner else (),
        deadline_from=i.period.start if i.period else None, deadline_to=i.period.end if i.period else None,
    )


def filters(p: SearchParams, today: date) -> list[Filter]:
    out: list[Filter] = []
    for values, field_name in ((p.owner, "owner_keys"), (p.co_owner, "co_owner_keys"),
                               (p.doc_type, "document_type"), (p.issuer, "issuer"),
                               (p.year, "issue_year"), (p.status, "status")):
        if values:
            out.append(Term(field_name, tuple(values)))
    if p.number:
        key = number_key(p.number) or p.number.strip().upper()
        out.append(Term("number_key", (key,)))
    if p.deadline_from or p.deadline_to:
        out.append(Range("deadline", gte=p.deadline_from.isoformat() if p.deadline_from else None,
                         lte=p.deadline_to.isoformat() if p.deadline_to else None))
    if p.overdue is True:
        out.append(overdue_filter(today))
    elif p.overdue is False:
        out.append(Not(overdue_filter(today)))
    if not p.include_stale:
        out.append(Not(Term("stale", (True,))))
    return out


def sort_keys(mode: SortMode) -> tuple[SortKey, ...]:
    if mode == SortMode.DEADLINE:
        return (SortKey("deadline"), SortKey("id"))
    if mode == SortMode.ISSUED_DATE:
        return (SortKey("issued_date", SortOrder.DESC), SortKey("id"))
    return (SCORE, SortKey("issued_date", SortOrder.DESC), SortKey("id"))


def facets() -> tuple[Facet, ...]:
    return tuple(Facet(name, f, size) for name, (f, size) in FACETS.items()) + (
        Facet(OWNER_LABELS, "owner_labels", 200),)


def build_search(
    p: SearchParams,
    *,
    today: date,
    variants: list[str] | None = None,
    segmented: str | None = None,
    interpretation: Interpretation | None = None,
    expansions: list[str] | None = None,
) -> SearchQuery:
    """The query for ``GET /search``."""
    q = (p.q or "").strip()
    collections = tuple(Collection.TASKS if k == Kind.TASK else Collection.DOCUMENTS for k in p.kinds())
    return SearchQuery(
        collections=collections,
        text=text_query(q, variants=variants, segmented=segmented, interpretation=interpretation,
                        expansions=expansions) if q else None,
        filters=tuple(filters(p, today)),
        sort=sort_keys(p.sort),
        size=p.size,
        cursor=p.cursor,
        facets=facets() if p.facets and not p.cursor else (),
        exclude_fields=SOURCE_EXCLUDES,
    )
