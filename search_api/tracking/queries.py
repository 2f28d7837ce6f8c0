"""Pure query and aggregation builders for task views (unit-testable without an engine).

>>> from datetime import date
>>> q = build_query(TaskFilters(owner="bo-tu-phap", overdue=True), date(2024, 5, 1))
>>> q["bool"]["filter"][0]
{'terms': {'owner_keys': ['bo-tu-phap']}}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DONE = {"term": {"status": "done"}}
TEXT_FIELDS = ["text", "text.folded", "document_title.folded", "document_number.text", "deadline_text"]
OWNER_FIELDS = {"owner": ["owner_keys"], "co_owner": ["co_owner_keys"], "any": ["owner_keys", "co_owner_keys"]}
MAX_OWNER_BUCKETS = 1000
SORT = [{"deadline": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]


@dataclass(frozen=True, slots=True)
class TaskFilters:
    """Filters shared by GET /tasks, the exports and the calendar feed."""

    owner: str | None = None
    role: str = "owner"  # owner | co_owner | any: which owner fields ``owner`` matches
    status: tuple[str, ...] = ()
    overdue: bool | None = None
    due_within: int | None = None  # days from today, open tasks only
    document: str | None = None  # doc id, document number or canonical number
    year: int | None = None  # issue year of the document
    assignee: str | None = None
    stale: bool | None = None
    q: str | None = None


def overdue_clause(today: date) -> dict[str, Any]:
    """Deadline before today and not done."""
    return {"bool": {"filter": [{"range": {"deadline": {"lt": today.isoformat()}}}], "must_not": [DONE]}}


def build_query(f: TaskFilters, today: date) -> dict[str, Any]:
    filters: list[dict[str, Any]] = []
    must_not: list[dict[str, Any]] = []
    must: list[dict[str, Any]] = []
    if f.owner:
        fields = OWNER_FIELDS.get(f.role, OWNER_FIELDS["owner"])
        clauses = [{"terms": {fld: [f.owner]}} for fld in fields]
        filters.append(clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}})
    if f.status:
        filters.append({"terms": {"status": list(f.status)}})
    if f.overdue is True:
        filters.append(overdue_clause(today))
    elif f.overdue is False:
        must_not.append(overdue_clause(today))
    if f.due_within is not None:
        end = today + timedelta(days=f.due_within)
        filters.append({"range": {"deadline": {"gte": today.isoformat(), "lte": end.isoformat()}}})
        must_not.append(DONE)
    if f.document:
        filters.append({"bool": {"should": [{"term": {"doc_id": f.document}},
                                            {"term": {"document_number": f.document}},
                                            {"term": {"number_key": f.document}}],
                                 "minimum_should_match": 1}})
    if f.year is not None:
        filters.append({"term": {"issue_year": f.year}})
    if f.assignee:
        filters.append({"term": {"assignee": f.assignee}})
    if f.stale is True:
        filters.append({"term": {"stale": True}})
    elif f.stale is False:
        must_not.append({"term": {"stale": True}})
    if f.q and f.q.strip():
        must.append({"multi_match": {"query": f.q.strip(), "fields": TEXT_FIELDS, "operator": "and"}})
    if not (filters or must_not or must):
        return {"match_all": {}}
    body: dict[str, Any] = {}
    if filters:
        body["filter"] = filters
    if must_not:
        body["must_not"] = must_not
    if must:
        body["must"] = must
    return {"bool": body}


def facet_aggs(today: date) -> dict[str, Any]:
    """Counts per owner and per status, plus how many are overdue."""
    return {
        "owners": {"terms": {"field": "owner_keys", "size": MAX_OWNER_BUCKETS}},
        "status": {"terms": {"field": "status", "size": 10}},
        "overdue": {"filter": overdue_clause(today)},
    }


def owner_aggs(today: date) -> dict[str, Any]:
    """Per owner key: open / overdue / done counts and one sample hit for the display name."""
    return {
        "owners": {
            "terms": {"field": "owner_keys", "size": MAX_OWNER_BUCKETS},
            "aggs": {
                "open": {"filter": {"bool": {"must_not": [DONE]}}},
                "done": {"filter": DONE},
                "overdue": {"filter": overdue_clause(today)},
                "sample": {"top_hits": {"size": 1, "_source": ["owners", "owner_keys"]}},
            },
        }
    }
