"""Task-view filters as search-layer values (pure, unit-testable without an engine).

>>> from datetime import date
>>> build_filters(TaskFilters(owner="bo tu phap"), date(2024, 5, 1))[0]
Term(field='owner_keys', values=('bo tu phap',))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from search_api.search.model import (
    AllOf,
    AnyOf,
    CountOf,
    Facet,
    Filter,
    Not,
    Range,
    SortKey,
    Term,
    Words,
)

DONE = Term("status", ("done",))
OWNER_FIELDS = {"owner": ["owner_keys"], "co_owner": ["co_owner_keys"], "any": ["owner_keys", "co_owner_keys"]}
MAX_OWNER_BUCKETS = 1000
SORT = (SortKey("deadline"), SortKey("id"))
# Orders of a task list (GET /tasks?sort=, the board): by deadline, by unit, by document.
SORTS: dict[str, tuple[SortKey, ...]] = {
    "deadline": SORT,
    "unit": (SortKey("owner_keys"), SortKey("deadline"), SortKey("id")),
    "document": (SortKey("doc_id"), SortKey("position"), SortKey("id")),
}


@dataclass(frozen=True, slots=True)
class TaskFilters:
    """Filters shared by GET /tasks, the exports and the calendar feed."""

    owner: str | tuple[str, ...] | None = None  # one key, or any of several (a unit's aliases)
    role: str = "owner"  # owner | co_owner | any: which owner fields ``owner`` matches
    status: tuple[str, ...] = ()
    overdue: bool | None = None
    due_within: int | None = None  # days from today, open tasks only
    document: str | None = None  # doc id, document number or canonical number
    year: int | None = None  # issue year of the document
    assignee: str | None = None
    stale: bool | None = None
    q: str | None = None
    sort: str = "deadline"  # a key of SORTS


def overdue_clause(today: date) -> Filter:
    """Deadline before today and not done."""
    return AllOf((Range("deadline", lt=today.isoformat()), Not(DONE)))


def build_filters(f: TaskFilters, today: date) -> tuple[Filter, ...]:
    out: list[Filter] = []
    if f.owner:
        fields = OWNER_FIELDS.get(f.role, OWNER_FIELDS["owner"])
        values = (f.owner,) if isinstance(f.owner, str) else tuple(f.owner)
        clauses = [Term(fld, values) for fld in fields]
        out.append(clauses[0] if len(clauses) == 1 else AnyOf(tuple(clauses)))
    if f.status:
        out.append(Term("status", tuple(f.status)))
    if f.overdue is True:
        out.append(overdue_clause(today))
    elif f.overdue is False:
        out.append(Not(overdue_clause(today)))
    if f.due_within is not None:
        end = today + timedelta(days=f.due_within)
        out.append(Range("deadline", gte=today.isoformat(), lte=end.isoformat()))
        out.append(Not(DONE))
    if f.document:
        out.append(AnyOf((Term("doc_id", (f.document,)), Term("document_number", (f.document,)),
                          Term("number_key", (f.document,)))))
    if f.year is not None:
        out.append(Term("issue_year", (f.year,)))
    if f.assignee:
        out.append(Term("assignee", (f.assignee,)))
    if f.stale is True:
        out.append(Term("stale", (True,)))
    elif f.stale is False:
        out.append(Not(Term("stale", (True,))))
    if f.q and f.q.strip():
        out.append(Words(f.q.strip()))
    return tuple(out)


def list_facets() -> tuple[Facet, ...]:
    """Counts per owner and per status."""
    return (Facet("owners", "owner_keys", MAX_OWNER_BUCKETS), Facet("status", "status", 10))


def list_counts(today: date) -> tuple[CountOf, ...]:
    """How many of the listed tasks are overdue."""
    return (CountOf("overdue", overdue_clause(today)),)


def owner_facets(today: date) -> tuple[Facet, ...]:
    """Per owner key: open / overdue / done counts; and the names as written, for display."""
    return (
        Facet("owners", "owner_keys", MAX_OWNER_BUCKETS,
              counts=(("open", Not(DONE)), ("done", DONE), ("overdue", overdue_clause(today)))),
        Facet("labels", "owner_labels", MAX_OWNER_BUCKETS * 4),
    )
