"""Pure builders for search requests: text query, filters, facet aggregations, sort, cursor.

Nothing here talks to the engine; routes and the benchmark call :func:`build_search` and send
the result with ``es.search(index=..., **body)``. User text only ever goes into ``match``,
``multi_match``, ``match_phrase`` and ``term`` (never ``query_string``).

>>> params = SearchParams(q="thu hoi tai san", owner=["bo-tu-phap"], facets=True)
>>> body = build_search(params, today=date(2024, 6, 1))
>>> sorted(body)
['aggs', 'highlight', 'query', 'size', 'sort', 'track_total_hits']
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from search_api.text import NUMBER_IN_TEXT, number_key

TEXT_FIELDS = ["text.folded", "title.folded^2", "body.folded^0.3", "document_number.text"]
MIN_MATCH = "2<75%"
TASK_ONLY_FIELDS = ("co_owner", "status", "deadline_from", "deadline_to", "overdue")
FACETS: dict[str, tuple[str, int]] = {  # facet name -> (field, size)
    "kind": ("kind", 5),
    "document_type": ("document_type", 20),
    "issuer": ("issuer", 20),
    "owner": ("owner_keys", 30),
    "status": ("status", 10),
    "year": ("issue_year", 20),
}
ACCENTED_FIELDS = ["text", "title^1.5"]
HIGHLIGHT_ACCENTED = ("text", "title")
HIGHLIGHT_FOLDED = ("text.folded", "title.folded")
OWNER_LABELS = "_owner_labels"  # helper aggregation, folded into the owner facet
SOURCE_EXCLUDES = ("body", "text_segmented", "sections", "references", "abbreviations")


class SortMode(StrEnum):
    RELEVANCE = "relevance"
    DEADLINE = "deadline"
    ISSUED_DATE = "issued_date"


class Kind(StrEnum):
    TASK = "task"
    DOCUMENT = "document"


class CursorError(ValueError):
    """The ``cursor`` parameter is not one this API issued for this sort."""


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
        """Which indices the search needs: task-only filters exclude documents."""
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


def is_accented(q: str) -> bool:
    """True when ``q`` has a non-ASCII letter (the user typed accents)."""
    return any(ord(c) > 127 and c.isalpha() for c in q)


def text_query(q: str, *, variants: list[str] | None = None, segmented: str | None = None) -> dict:
    """Recall on the folded fields (accents optional) plus at most two ranking clauses.

    The local engine costs about 0.1 ms per document per text clause, so the query stays lean:
    an accented query adds an exact-accent match and a phrase match on the pyvi-segmented
    field (whole words in order rank above scattered syllables); an accent-free query adds a
    phrase match on the folded field. Each abbreviation variant adds one recall clause.
    """
    recall: list[dict] = [
        {"multi_match": {"query": q, "fields": TEXT_FIELDS, "minimum_should_match": MIN_MATCH}}
    ]
    boosts: list[dict] = []
    if is_accented(q):
        boosts.append({"multi_match": {"query": q, "fields": ACCENTED_FIELDS, "boost": 1.0}})
        if segmented:
            boosts.append({"match_phrase": {"text_segmented": {"query": segmented, "slop": 1, "boost": 4.0}}})
    else:
        boosts.append({"match_phrase": {"text.folded": {"query": q, "slop": 1, "boost": 3.0}}})
    for v in variants or []:
        recall.append(
            {"multi_match": {"query": v, "fields": TEXT_FIELDS, "minimum_should_match": MIN_MATCH,
                             "boost": 0.9}}
        )
    key = number_key(q)
    if key:
        number_clauses = [
            {"constant_score": {"filter": {"bool": {"filter": [
                {"term": {"number_key": key}}, {"term": {"kind": "document"}}]}}, "boost": 50.0}},
            {"constant_score": {"filter": {"term": {"number_key": key}}, "boost": 10.0}},
            {"constant_score": {"filter": {"term": {"refs": key}}, "boost": 5.0}},
        ]
        if is_number_query(q):  # "1804/QĐ-BTP", "Quyết định số 1804/qđ-btp": the number only
            return {"bool": {"should": number_clauses, "minimum_should_match": 1}}
        recall.extend(number_clauses)
    return {"bool": {"must": [{"bool": {"should": recall, "minimum_should_match": 1}}],
                     "should": boosts}}


def _terms(field_name: str, values: list[Any]) -> dict:
    return {"term": {field_name: values[0]}} if len(values) == 1 else {"terms": {field_name: values}}


def overdue_clause(today: date) -> dict:
    """Deadline passed and not done (derived at query time, never stored)."""
    return {"bool": {"filter": [{"range": {"deadline": {"lt": today.isoformat()}}}],
                     "must_not": [{"term": {"status": "done"}}]}}


def filters(p: SearchParams, today: date) -> tuple[list[dict], list[dict]]:
    """``(filter, must_not)`` clauses for the parameters."""
    out: list[dict] = []
    must_not: list[dict] = []
    for values, field_name in ((p.owner, "owner_keys"), (p.co_owner, "co_owner_keys"),
                               (p.doc_type, "document_type"), (p.issuer, "issuer"),
                               (p.year, "issue_year"), (p.status, "status")):
        if values:
            out.append(_terms(field_name, list(values)))
    if p.number:
        key = number_key(p.number) or p.number.strip().upper()
        out.append({"term": {"number_key": key}})
    if p.deadline_from or p.deadline_to:
        rng: dict[str, str] = {}
        if p.deadline_from:
            rng["gte"] = p.deadline_from.isoformat()
        if p.deadline_to:
            rng["lte"] = p.deadline_to.isoformat()
        out.append({"range": {"deadline": rng}})
    if p.overdue is True:
        out.append(overdue_clause(today))
    elif p.overdue is False:
        must_not.append(overdue_clause(today))
    if not p.include_stale:
        must_not.append({"term": {"stale": True}})
    return out, must_not


def facet_aggs() -> dict:
    """Terms aggregations only (the local engine has no composite/significant_terms)."""
    aggs: dict[str, Any] = {}
    for name, (field_name, size) in FACETS.items():
        aggs[name] = {"terms": {"field": field_name, "size": size}}
    aggs[OWNER_LABELS] = {"terms": {"field": "owner_labels", "size": 200}}
    return aggs


def sort_clause(mode: SortMode) -> list[dict]:
    """Every sort ends on the unique ``id`` so ``search_after`` pages are stable."""
    # ``unmapped_type``: documents have no deadline; searching documents only must still sort.
    if mode == SortMode.DEADLINE:
        return [{"deadline": {"order": "asc", "missing": "_last", "unmapped_type": "date"}}, {"id": "asc"}]
    if mode == SortMode.ISSUED_DATE:
        return [{"issued_date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}, {"id": "asc"}]
    return [{"_score": "desc"}, {"issued_date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}},
            {"id": "asc"}]


def encode_cursor(mode: SortMode, values: list[Any]) -> str:
    raw = json.dumps({"s": mode.value, "v": values}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, mode: SortMode) -> list[Any]:
    """The ``search_after`` values in ``cursor``; :class:`CursorError` if it is not ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values = data["v"]
        sort = data["s"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise CursorError("cursor is not valid") from exc
    if sort != mode.value:
        raise CursorError(f"cursor was issued for sort={sort}, not sort={mode.value}")
    if not isinstance(values, list) or len(values) != len(sort_clause(mode)):
        raise CursorError("cursor is not valid")
    return values


def build_search(
    p: SearchParams,
    *,
    today: date,
    variants: list[str] | None = None,
    segmented: str | None = None,
) -> dict[str, Any]:
    """The complete search body (keyword arguments for ``es.search``)."""
    flt, must_not = filters(p, today)
    q = (p.q or "").strip()
    query: dict[str, Any]
    if q:
        query = text_query(q, variants=variants, segmented=segmented)
        query["bool"]["filter"] = flt
        query["bool"]["must_not"] = must_not
    else:
        query = {"bool": {"filter": flt, "must_not": must_not}}
    body: dict[str, Any] = {
        "query": query,
        "sort": sort_clause(p.sort),
        "size": p.size,
        "track_total_hits": True,
        "source": {"excludes": list(SOURCE_EXCLUDES)},
    }
    if q:
        body["highlight"] = {
            "fields": {f: {"number_of_fragments": 2, "fragment_size": 160}
                       for f in (HIGHLIGHT_ACCENTED if is_accented(q) else HIGHLIGHT_FOLDED)},
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
        }
    if p.cursor:
        after = decode_cursor(p.cursor, p.sort)
        body["search_after"] = after
        # Scores may round-trip through JSON with a tiny error, which would return the
        # boundary hit again: the last id seen is excluded explicitly (ids are unique).
        query["bool"].setdefault("must_not", []).append({"term": {"id": after[-1]}})
    if p.facets and not p.cursor:
        body["aggs"] = facet_aggs()
    return body
