"""Compile :mod:`search_api.search.model` values to Elasticsearch query DSL (pure functions).

User text only ever goes into ``match``, ``multi_match``, ``match_phrase`` and ``term``, never
``query_string``.

>>> compile_filter(Term("owner_keys", ("bo tu phap",)))
{'term': {'owner_keys': 'bo tu phap'}}
"""

from __future__ import annotations

from typing import Any

from search_api.search.es.schema import SPECS
from search_api.search.model import (
    AllOf,
    AnyOf,
    CountOf,
    Exists,
    Facet,
    Filter,
    Not,
    Range,
    SearchQuery,
    SortKey,
    Term,
    TextQuery,
    Words,
)

TEXT_FIELDS = ["text.folded", "title.folded^2", "body.folded^0.3", "document_number.text"]
ACCENTED_FIELDS = ["text", "title^1.5"]
MIN_MATCH = "2<75%"
WORD_FIELDS = {  # logical field of a Words filter -> the analysed fields that hold it
    "text": ["text", "text.folded"],
    "document_title": ["document_title.folded"],
    "document_number": ["document_number.text"],
    "deadline_text": ["deadline_text"],
    "title": ["title.folded"],
}


def is_accented(q: str) -> bool:
    """True when ``q`` has a non-ASCII letter (the user typed accents)."""
    return any(ord(c) > 127 and c.isalpha() for c in q)


def _field_type(name: str) -> str | None:
    for spec in SPECS.values():
        prop = spec.mappings["properties"].get(name)
        if prop:
            return prop.get("type")
    return None


def compile_text(t: TextQuery) -> dict[str, Any]:
    """Recall on the folded fields (accents optional) plus at most two ranking clauses: an
    accented query adds an exact-accent match and a phrase match on the pyvi-segmented field; an
    accent-free query a phrase match on the folded field. Each variant adds one recall clause."""
    q = t.q
    recall: list[dict] = [
        {"multi_match": {"query": q, "fields": TEXT_FIELDS, "minimum_should_match": MIN_MATCH}}
    ]
    boosts: list[dict] = []
    if is_accented(q):
        boosts.append({"multi_match": {"query": q, "fields": ACCENTED_FIELDS, "boost": 1.0}})
        if t.segmented:
            boosts.append({"match_phrase": {"text_segmented": {"query": t.segmented, "slop": 1, "boost": 4.0}}})
    else:
        boosts.append({"match_phrase": {"text.folded": {"query": q, "slop": 1, "boost": 3.0}}})
    for v in t.variants:
        recall.append({"multi_match": {"query": v, "fields": TEXT_FIELDS, "minimum_should_match": MIN_MATCH,
                                       "boost": 0.9}})
    if t.number_key:
        key = t.number_key
        number_clauses = [
            {"constant_score": {"filter": {"bool": {"filter": [
                {"term": {"number_key": key}}, {"term": {"kind": "document"}}]}}, "boost": 50.0}},
            {"constant_score": {"filter": {"term": {"number_key": key}}, "boost": 10.0}},
            {"constant_score": {"filter": {"term": {"refs": key}}, "boost": 5.0}},
        ]
        if t.number_only:
            return {"bool": {"should": number_clauses, "minimum_should_match": 1}}
        recall.extend(number_clauses)
    return {"bool": {"must": [{"bool": {"should": recall, "minimum_should_match": 1}}], "should": boosts}}


def compile_filter(f: Filter) -> dict[str, Any]:
    if isinstance(f, Term):
        values = list(f.values)
        return {"term": {f.field: values[0]}} if len(values) == 1 else {"terms": {f.field: values}}
    if isinstance(f, Range):
        bounds = {k: v for k, v in (("gte", f.gte), ("lte", f.lte), ("lt", f.lt), ("gt", f.gt)) if v is not None}
        return {"range": {f.field: bounds}}
    if isinstance(f, Exists):
        return {"exists": {"field": f.field}}
    if isinstance(f, Not):
        return {"bool": {"must_not": [compile_filter(f.filter)]}}
    if isinstance(f, AnyOf):
        return {"bool": {"should": [compile_filter(x) for x in f.filters], "minimum_should_match": 1}}
    if isinstance(f, AllOf):
        return {"bool": {"filter": [compile_filter(x) for x in f.filters]}}
    if isinstance(f, Words):
        fields = [x for name in f.fields for x in WORD_FIELDS.get(name, [name])]
        return {"multi_match": {"query": f.text, "fields": fields, "operator": "and"}}
    raise TypeError(f"not a filter: {f!r}")


def compile_sort(keys: tuple[SortKey, ...]) -> list[dict[str, Any]]:
    """Every sort ends on the unique ``id`` so ``search_after`` pages are stable."""
    out: list[dict[str, Any]] = []
    for k in keys:
        if k.field == "_score":
            out.append({"_score": k.order.value})
            continue
        clause: dict[str, Any] = {"order": k.order.value, "missing": "_last"}
        ftype = _field_type(k.field)
        if ftype:
            clause["unmapped_type"] = ftype
        out.append({k.field: clause})
    if not any(k.field == "id" for k in keys):
        out.append({"id": {"order": "asc", "unmapped_type": "keyword"}})
    return out


def compile_facets(facets: tuple[Facet, ...], counts: tuple[CountOf, ...]) -> dict[str, Any]:
    aggs: dict[str, Any] = {}
    for f in facets:
        agg: dict[str, Any] = {"terms": {"field": f.field, "size": f.size}}
        if f.counts:
            agg["aggs"] = {name: {"filter": compile_filter(flt)} for name, flt in f.counts}
        aggs[f.name] = agg
    for c in counts:
        aggs[c.name] = {"filter": compile_filter(c.filter)}
    return aggs


def compile_query(q: SearchQuery) -> dict[str, Any]:
    """The ``query`` clause of a search body."""
    flt = [compile_filter(f) for f in q.filters]
    if q.text is not None and q.text.q.strip():
        query = compile_text(q.text)
        query["bool"]["filter"] = flt
        return query
    if not flt:
        return {"match_all": {}}
    return {"bool": {"filter": flt}}


def compile_search(q: SearchQuery, search_after: list[Any] | None = None) -> dict[str, Any]:
    """Keyword arguments for ``es.search`` (index excluded)."""
    body: dict[str, Any] = {
        "query": compile_query(q),
        "sort": compile_sort(q.sort),
        "size": q.size,
        "track_total_hits": q.track_total,
    }
    if q.include_fields is not None:
        body["source"] = list(q.include_fields)
    elif q.exclude_fields:
        body["source"] = {"excludes": list(q.exclude_fields)}
    if search_after is not None:
        body["search_after"] = search_after
    elif q.offset:
        body["from_"] = q.offset
    aggs = compile_facets(q.facets, q.counts)
    if aggs:
        body["aggs"] = aggs
    return body
