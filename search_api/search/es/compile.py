"""Compile :mod:`search_api.search.model` values to Elasticsearch query DSL (pure functions).

User text only ever goes into ``match``, ``multi_match``, ``match_phrase`` and ``term``, never
``query_string``.

>>> compile_filter(Term("owner_keys", ("bo tu phap",)))
{'term': {'owner_keys': 'bo tu phap'}}
"""

from __future__ import annotations

import math
import re
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
    phrase_branches,
    split_phrases,
)
from search_api.text import fold

# Documents match on their title and number only (their body is not searched as words: a
# document is a hit when the query is about a document, issue 14).
TEXT_FIELDS = ["text.folded", "document_number.text"]
TITLE_FIELD, TITLE_BOOST = "title.folded", 1.0  # a title needs every word (but one of five or more)
ACCENTED_FIELDS = ["text"]
GATE_FIELD = "text.folded"
PHRASE_FIELDS = ["text.folded", "title.folded"]  # where a quoted phrase must stand
VARIANT_BOOST = 0.9
OWNER_BOOST = 60.0
NUMBER_IN_BODY_BOOST = 20.0
PERIOD_BOOST = 30.0
WORD_FIELDS = {  # logical field of a Words filter -> the analysed fields that hold it
    "text": ["text", "text.folded"],
    "document_title": ["document_title.folded"],
    "document_number": ["document_number.text"],
    "deadline_text": ["deadline_text"],
    "title": ["title.folded"],
}


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_accented(q: str) -> bool:
    """True when ``q`` has a non-ASCII letter (the user typed accents)."""
    return any(ord(c) > 127 and c.isalpha() for c in q)


def _field_type(name: str) -> str | None:
    for spec in SPECS.values():
        prop = spec.mappings["properties"].get(name)
        if prop:
            return prop.get("type")
    return None


def min_should_match(n: int) -> int:
    """How many of ``n`` query words a hit needs: all of one, all but one of two or three (a
    two-word query with one word matching still finds, ranked lower), else 75% rounded down."""
    return n if n <= 1 else n - 1 if n <= 3 else math.ceil(n / 2)


def title_should_match(n: int) -> int:
    """A document's title must hold every word of the query (75% of five or more)."""
    return n if n <= 6 else math.ceil(n * 0.85)


def words_of(q: str) -> list[str]:
    """The query's words as the analysers see them (letters and digits)."""
    return WORD.findall(q)


def _gate(words: list[str], accented: bool) -> dict[str, Any] | None:
    """The score floor of a query of three words or more on the task text: two of its words side
    by side, or (accented query) half of its words with their accents. An absent topic whose
    words only match here and there as folded syllables finds nothing. (A title needs every word
    anyway.)"""
    if len(words) < 3:
        return None
    should: list[dict] = [{"match_phrase": {GATE_FIELD: {"query": f"{a} {b}"}}}
                          for a, b in zip(words, words[1:], strict=False)]
    if accented:
        should.append({"match": {"text": {"query": " ".join(words),
                                          "minimum_should_match": str(math.ceil(len(words) / 2))}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _exact_phrase(field: str, words: list[str]) -> list[dict[str, Any]]:
    """The filters of a phrase: on the task text the conjunction of its word pairs (as the
    embedded backend's pairs field: the same documents), elsewhere a ``match_phrase``."""
    if field == GATE_FIELD:
        return [{"match_phrase": {field: {"query": f"{a} {b}"}}} for a, b in zip(words, words[1:], strict=False)]
    return [{"match_phrase": {field: {"query": " ".join(words)}}}]


def _phrase_match(field: str, query: str, rest: list[str], found: list[list[str]], msm: int,
                  boost: float = 1.0) -> dict[str, Any]:
    """A ``match`` of ``query`` on ``field`` where each of ``found`` (phrases of the query)
    weighs as its words but counts only as a phrase (:func:`_exact_phrase`): scored as the plain
    match, filtered to the hits that reach ``msm`` words so (as the embedded backend)."""
    branches = []
    for subset, need in phrase_branches(len(rest), found, msm):
        parts = [p for i in subset for p in _exact_phrase(field, found[i])]
        if need:
            parts.append({"match": {field: {"query": " ".join(rest), "minimum_should_match": str(need)}}})
        branches.append({"bool": {"filter": parts}})
    match: dict[str, Any] = {"query": query} if boost == 1.0 else {"query": query, "boost": boost}
    return {"bool": {"must": [{"match": {field: match}}],
                     "filter": [{"bool": {"should": branches, "minimum_should_match": 1}}]}}


def _recall(q: str, boost: float = 1.0, expansions: tuple[str, ...] = ()) -> dict[str, Any] | None:
    words = words_of(q)
    if not words:
        return None
    query = q  # the text as typed: the fields' analysers split it as words_of does
    msm = min_should_match(len(words))
    rest, found = split_phrases([fold(w) for w in words], [[fold(w) for w in words_of(e)] for e in expansions])
    text: dict[str, Any]
    if found:
        text = {"dis_max": {"queries": [_phrase_match(f, query, rest, found, msm) for f in TEXT_FIELDS]}}
        title = _phrase_match(TITLE_FIELD, query, rest, found, title_should_match(len(words)), TITLE_BOOST)
    else:
        text = {"multi_match": {"query": query, "fields": TEXT_FIELDS, "minimum_should_match": str(msm)}}
        title = {"match": {TITLE_FIELD: {"query": query, "minimum_should_match": str(title_should_match(len(words))),
                                         "boost": TITLE_BOOST}}}
    # a phrase holds two words side by side: the score floor is needed only where a hit can
    # match without a phrase
    gate = _gate(words, is_accented(q)) if len(rest) >= msm else None
    if gate is not None:
        text = {"bool": {"must": [text], "filter": [gate]}}
    match = {"dis_max": {"queries": [text, title]}}
    return match if boost == 1.0 else {"bool": {"must": [match], "boost": boost}}


def variant_boost(q: str, variant: str) -> float:
    """0.9, times how many words the variant folds into fewer (``thi hành án hành chính`` ->
    ``THAHC``: 5 words for 1), so an abbreviation weighs as the phrase it stands for."""
    n_q, n_v = len(words_of(q)), len(words_of(variant))
    return VARIANT_BOOST * max(1.0, n_q / n_v) if n_v else VARIANT_BOOST


def number_clauses(key: str) -> list[dict[str, Any]]:
    return [
        {"constant_score": {"filter": {"bool": {"filter": [
            {"term": {"number_key": key}}, {"term": {"kind": "document"}}]}}, "boost": 50.0}},
        {"constant_score": {"filter": {"term": {"number_key": key}}, "boost": 10.0}},
        {"constant_score": {"filter": {"term": {"refs": key}}, "boost": 5.0}},
        # a document whose header was not read: the number written in its text
        {"constant_score": {"filter": {"match_phrase": {"body.folded": {"query": key}}}, "boost": NUMBER_IN_BODY_BOOST}},
    ]


def compile_text(t: TextQuery) -> dict[str, Any]:
    """Recall on the folded fields (accents optional, minimum-should-match degrading for short
    queries, a score floor for three words or more), one recall clause per variant (abbreviations,
    spelling variants), the recognised owner's tasks (constant 60) and tasks due in the period
    (30); ranking: an accented query adds an exact-accent match and a phrase match on the
    pyvi-segmented field, an accent-free query a phrase match on the folded field. Quoted
    phrases must match as phrases."""
    q = t.searched
    if t.number_key and t.number_only:
        return {"bool": {"should": number_clauses(t.number_key), "minimum_should_match": 1}}
    recall: list[dict] = [c for c in [_recall(q, expansions=t.expansions)] if c]
    boosts: list[dict] = []
    words = words_of(q)
    if is_accented(q):
        if words:
            boosts.append({"multi_match": {"query": q, "fields": ACCENTED_FIELDS, "boost": 1.0}})
        if t.segmented:  # tasks only (a document's segmented field is its title)
            boosts.append({"bool": {"must": [{"match_phrase": {"text_segmented": {
                "query": t.segmented, "slop": 1, "boost": 4.0}}}], "filter": [{"term": {"kind": "task"}}]}})
    elif len(words) == 1:  # a phrase of one word is that word (a match: noida-db ignores phrase boosts)
        boosts.append({"match": {"text.folded": {"query": q, "boost": 3.0}}})
    elif words:
        boosts.append({"match_phrase": {"text.folded": {"query": q, "slop": 1, "boost": 3.0}}})

    for v in t.variants:
        vq = _recall(v, variant_boost(q, v), t.expansions)
        if vq:
            recall.append(vq)
    if t.number_key:
        recall.extend(number_clauses(t.number_key))
    if t.owner_keys:
        recall.append({"constant_score": {"filter": {"bool": {"filter": [
            {"terms": {"owner_keys": list(t.owner_keys)}}, {"term": {"kind": "task"}}]}}, "boost": OWNER_BOOST}})
    if t.deadline_from or t.deadline_to:
        bounds = {k: v for k, v in (("gte", t.deadline_from), ("lte", t.deadline_to)) if v}
        recall.append({"constant_score": {"filter": {"range": {"deadline": bounds}}, "boost": PERIOD_BOOST}})
    if not recall:  # no word at all ("*", "?"): analysed to no term, matches nothing
        return {"bool": {"must": [{"multi_match": {"query": q, "fields": TEXT_FIELDS}}]}}
    must: list[dict] = [{"bool": {"should": recall, "minimum_should_match": 1}}]
    out: dict[str, Any] = {"bool": {"must": must, "should": boosts}}
    phrases = [p for p in t.phrases if words_of(p)]
    if phrases:
        out["bool"]["filter"] = [{"bool": {"should": [{"match_phrase": {f: {"query": p}}}
                                                      for f in PHRASE_FIELDS], "minimum_should_match": 1}}
                                 for p in phrases]
    return out


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
        query["bool"]["filter"] = [*query["bool"].get("filter", []), *flt]
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
