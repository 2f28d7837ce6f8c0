"""Compile :mod:`search_api.search.model` values to tantivy queries (no query parser on user text).

The text query reproduces :func:`search_api.search.es.compile.compile_text`: recall is a
``multi_match`` (best fields: the best field's score) over the folded fields with
``minimum_should_match: 2<75%`` per field; an accented query adds an accented ``multi_match``
and a phrase on the pyvi-segmented field (slop 1, boost 4), an accent-free query a phrase on the
folded text (slop 1, boost 3); each variant is a recall clause boosted 0.9; a number key adds
constant-score clauses 50 (a document with that number) / 10 (that number) / 5 (cites it), and
a number-only query matches by number only. Filters never score (constant score 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from tantivy import FieldType, Occur, Query, Schema

from search_api.search.embedded.analysis import accented_words, fold, folded_words, pair_term, segmented_words
from search_api.search.embedded.convert import DocumentError, date_millis
from search_api.search.embedded.schema import COLLECTION, FIELDS, META, PAIRED, PAIRS, PRESENT, Kind
from search_api.search.model import (
    AllOf,
    AnyOf,
    Exists,
    Filter,
    Not,
    Range,
    SearchQuery,
    Term,
    TextQuery,
    Words,
    phrase_branches,
    split_phrases,
)

# Documents match on their title and number only, never on their body (issue 14).
TEXT_FIELDS = (("text__folded", 1.0), ("document_number__text", 1.0))
TITLE_FIELD, TITLE_BOOST = "title__folded", 1.0  # a title needs every word (but one of five or more)
ACCENTED_FIELDS = (("text", 1.0),)
GATE_FIELD = f"{PAIRED}__folded"  # its side-by-side words are the terms of PAIRS
PHRASE_FIELDS = ("text__folded", "title__folded")  # where a quoted phrase must stand
VARIANT_BOOST = 0.9
OWNER_BOOST = 60.0
PERIOD_BOOST = 30.0
SEGMENTED_PHRASE_BOOST = 4.0
FOLDED_PHRASE_BOOST = 3.0
PHRASE_SLOP = 1
NUMBER_BOOSTS = (50.0, 10.0, 5.0)
NUMBER_IN_BODY_BOOST = 20.0
# tantivy's BM25 keeps the (k1 + 1) factor Lucene dropped in 8.0. noida-db (the engine the
# Elasticsearch backend is tested on) keeps it too: its scores equal ours, so text scores are not
# rescaled. Against a Lucene-based cluster, 1 / 2.2 here would weigh text against the constant
# number clauses (50 / 10 / 5) as that cluster does.
BM25_SCALE = 1.0


def is_accented(q: str) -> bool:
    """True when ``q`` has a non-ASCII letter (the user typed accents)."""
    return any(ord(c) > 127 and c.isalpha() for c in q)


def min_should_match(n: int) -> int:
    """As :func:`search_api.search.es.compile.min_should_match`: all of one word, all but one of
    two or three, else 75% rounded down."""
    return n if n <= 1 else n - 1 if n <= 3 else math.ceil(n / 2)


def title_should_match(n: int) -> int:
    """As :func:`search_api.search.es.compile.title_should_match`."""
    return n if n <= 6 else math.ceil(n * 0.85)


def variant_boost(q: str, variant: str) -> float:
    """As :func:`search_api.search.es.compile.variant_boost`: an abbreviation weighs as the
    words it stands for."""
    n_q, n_v = len(folded_words(q)), len(folded_words(variant))
    return VARIANT_BOOST * max(1.0, n_q / n_v) if n_v else VARIANT_BOOST


def _all() -> Query:
    return Query.all_query()


def _none() -> Query:
    return Query.empty_query()


def _and(queries: list[Query]) -> Query:
    if not queries:
        return _all()
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _or(queries: list[Query]) -> Query:
    if not queries:
        return _none()
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries], 1)


def at_least_two(queries: list[Query]) -> Query:
    """Documents matching two of ``queries`` or more, as a tree of unions and intersections
    (``a AND (b OR c OR d) OR b AND (c OR d) OR c AND d``): the same documents as a boolean
    query with ``minimum_number_should_match`` 2, about twice as fast to match on common words,
    but scored otherwise (a matching-only query)."""
    out = []
    for i in range(len(queries) - 1):
        rest = queries[i + 1:]
        out.append(_and([queries[i], rest[0] if len(rest) == 1 else _or(rest)]))
    return _or(out)


def at_least(k: int, queries: list[Query]) -> Query | None:
    """A matching-only query: ``k`` of ``queries`` or more (None: nothing required)."""
    if k <= 0:
        return None
    if k == 1:
        return _or(queries)
    if k >= len(queries):
        return _and(queries)
    if k == 2 and len(queries) in (3, 4):
        return at_least_two(queries)
    return Query.boolean_query([(Occur.Should, q) for q in queries], k)


class Compiler:
    """Builds queries against one tantivy ``schema``.

    A ``matching`` compiler builds queries that match the same documents but are not meant to
    be scored (facets and counts): it leaves out the clauses that only add to a score and
    rewrites "two words or more of three or four" to unions and intersections."""

    def __init__(self, schema: Schema, *, matching: bool = False) -> None:
        self.schema = schema
        self.matching = matching

    # --- terms -----------------------------------------------------------------------------

    def term(self, field: str, value: Any) -> Query:
        return Query.term_query(self.schema, field, value)

    def terms(self, field: str, values: Iterable[Any]) -> Query:
        vals = list(dict.fromkeys(values))
        if not vals:
            return _none()
        if len(vals) == 1:
            return self.term(field, vals[0])
        return Query.term_set_query(self.schema, field, vals)

    def _match(self, field: str, words: list[str], msm: int | None, *, unscored: bool = False) -> Query:
        """A ``match`` on one analysed field: any of ``words``, at least ``msm`` of them;
        ``unscored`` when its score is never used (inside a constant-score filter)."""
        if not words:
            return _none()
        clauses = [(Occur.Should, self.term(field, w)) for w in words]
        if len(clauses) == 1:
            return clauses[0][1]
        if (self.matching or unscored) and msm == 2 and len(clauses) in (3, 4):
            return at_least_two([q for _, q in clauses])
        return Query.boolean_query(clauses, msm)

    def _phrase_match(self, field: str, words: list[str], phrases: list[list[str]], msm: int) -> Query:
        """A ``match`` of ``words`` on one analysed field where each of ``phrases`` (words of
        ``words`` side by side) weighs as its words but counts only as a phrase: scored as the
        plain match (every matched word), matching the documents that reach ``msm`` words so.
        On the task text a phrase is the conjunction of its word pairs (terms of ``PAIRS``:
        rare, so cheap to intersect), elsewhere a phrase query."""
        rest, found = split_phrases(words, phrases)
        if not found:
            return self._match(field, words, msm)
        rest_terms = [self.term(field, w) for w in rest]
        branches = []
        for subset, need in phrase_branches(len(rest), found, msm):
            parts = [self._exact_phrase(field, found[i]) for i in subset]
            others = at_least(need, rest_terms)
            branches.append(_and(parts + ([others] if others is not None else [])))
        matched = _or(branches)
        if self.matching:
            return matched
        return Query.boolean_query([(Occur.Must, Query.const_score_query(matched, 0.0))]
                                   + [(Occur.Should, self.term(field, w)) for w in words])

    def _exact_phrase(self, field: str, words: list[str]) -> Query:
        if field == GATE_FIELD:
            return _and([self.term(PAIRS, pair_term(a, b)) for a, b in zip(words, words[1:], strict=False)])
        return self._phrase(field, words, 0)

    def _multi_match(self, fields: tuple[tuple[str, float], ...], words: list[str], msm: int | None) -> Query:
        """Best-fields ``multi_match``: the best field's (boosted) score."""
        subs = []
        for field, boost in fields:
            q = self._match(field, words, msm)
            subs.append(q if boost == 1.0 else Query.boost_query(q, boost))
        return Query.disjunction_max_query(subs)

    def _phrase(self, field: str, words: list[str], slop: int) -> Query:
        if not words:
            return _none()
        if len(words) == 1:
            return self.term(field, words[0])
        return Query.phrase_query(self.schema, field, words, slop)

    # --- text ------------------------------------------------------------------------------

    def _gate(self, q: str) -> Query | None:
        """The score floor of a query of three words or more on the task text (as the
        Elasticsearch backend's): two of its words side by side, or (accented query) half of
        its words with accents. Two words side by side are one term of the pairs field (the
        same documents as the phrase ``a b`` on ``GATE_FIELD``, without reading positions)."""
        words = folded_words(q)
        if len(words) < 3:
            return None
        subs = [self.term(PAIRS, pair_term(a, b)) for a, b in zip(words, words[1:], strict=False)]
        if is_accented(q):
            acc = accented_words(q)
            subs.append(self._match("text", acc, math.ceil(len(acc) / 2), unscored=True))  # the gate scores 0
        return _or(subs)

    def _recall(self, q: str, expansions: tuple[str, ...] = ()) -> Query | None:
        words = folded_words(q)
        if not words:
            return None
        phrases = [p for p in (folded_words(e) for e in expansions) if len(p) > 1]
        rest, found = split_phrases(words, phrases)
        msm = min_should_match(len(words))
        text = Query.disjunction_max_query([self._phrase_match(f, words, found, msm) for f, _ in TEXT_FIELDS])
        # a phrase holds two words side by side: the score floor is needed only where a hit
        # can match without a phrase
        gate = self._gate(q) if len(rest) >= msm else None
        if gate is not None:
            text = Query.boolean_query([(Occur.Must, text), (Occur.Must, Query.const_score_query(gate, 0.0))])
        title = Query.boost_query(self._phrase_match(TITLE_FIELD, words, found, title_should_match(len(words))),
                                  TITLE_BOOST)
        return Query.boost_query(Query.disjunction_max_query([text, title]), BM25_SCALE)

    def _number_clauses(self, key: str) -> list[Query]:
        doc, number, cited = NUMBER_BOOSTS
        return [
            Query.const_score_query(_and([self.term("number_key", key), self.term("kind", "document")]), doc),
            Query.const_score_query(self.term("number_key", key), number),
            Query.const_score_query(self.term("refs", key), cited),
            # a document whose header was not read: the number written in its text
            Query.const_score_query(self._phrase("body__folded", folded_words(key), 0), NUMBER_IN_BODY_BOOST),
        ]

    def _phrase_filter(self, phrase: str) -> Query | None:
        words = folded_words(phrase)
        if not words:
            return None
        return Query.const_score_query(_or([self._phrase(f, words, 0) for f in PHRASE_FIELDS]), 0.0)

    def text(self, t: TextQuery) -> Query:
        if t.number_key and t.number_only:
            return _or(self._number_clauses(t.number_key))
        q = t.searched
        recall: list[Query] = []
        main = self._recall(q, t.expansions)
        if main is not None:
            recall.append(main)
        for v in t.variants:
            vq = self._recall(v, t.expansions)
            if vq is not None:
                recall.append(Query.boost_query(vq, variant_boost(q, v)))
        if t.number_key:
            recall.extend(self._number_clauses(t.number_key))
        if t.owner_keys:
            recall.append(Query.const_score_query(
                _and([self._term_filter(Term("owner_keys", t.owner_keys)), self.term("kind", "task")]), OWNER_BOOST))
        if t.deadline_from or t.deadline_to:
            recall.append(Query.const_score_query(
                self._range_filter(Range("deadline", gte=t.deadline_from, lte=t.deadline_to)), PERIOD_BOOST))
        if not recall:
            return _none()
        boosts: list[Query] = []
        if self.matching:
            pass  # the boosts are optional clauses: they never change which documents match
        elif is_accented(q):
            words = accented_words(q)
            if words:
                boosts.append(Query.boost_query(self._multi_match(ACCENTED_FIELDS, words, None), BM25_SCALE))
            if t.segmented:
                seg = segmented_words(t.segmented)
                if seg:  # tasks only (a document's segmented field is its title)
                    phrase = Query.boost_query(self._phrase("text_segmented", seg, PHRASE_SLOP),
                                               SEGMENTED_PHRASE_BOOST * BM25_SCALE)
                    task = Query.const_score_query(self.term("kind", "task"), 0.0)
                    boosts.append(Query.boolean_query([(Occur.Must, phrase), (Occur.Must, task)]))
        else:
            words = folded_words(q)
            if words:
                boosts.append(Query.boost_query(self._phrase("text__folded", words, PHRASE_SLOP),
                                                FOLDED_PHRASE_BOOST * BM25_SCALE))
        clauses = [(Occur.Must, _or(recall))] + [(Occur.Should, b) for b in boosts]
        for p in t.phrases:
            pf = self._phrase_filter(p)
            if pf is not None:
                clauses.append((Occur.Must, pf))
        return Query.boolean_query(clauses)

    # --- filters ---------------------------------------------------------------------------

    def _value(self, field: str, kind: Kind, v: Any) -> Any:
        if kind == Kind.INTEGER:
            return int(v)
        if kind == Kind.DATE:
            return date_millis(v)
        if kind == Kind.BOOLEAN:
            return v if isinstance(v, bool) else v == "true"
        if kind in (Kind.KEYWORD, Kind.KEYWORD_TEXT):
            return v if isinstance(v, str) else (str(v).lower() if isinstance(v, bool) else str(v))
        if kind == Kind.SEGMENTED:
            return str(v).lower()
        if kind == Kind.FOLDED_TEXT:
            return fold(str(v))
        return str(v).lower()

    def _term_filter(self, f: Term) -> Query:
        spec = FIELDS.get(f.field)
        if spec is None or spec.kind == Kind.STORED:
            return _none()  # an unmapped field holds no terms (as on Elasticsearch)
        try:
            values = [self._value(f.field, spec.kind, v) for v in f.values]
        except (TypeError, ValueError, DocumentError):
            return _none()
        return self.terms(f.field, values)

    def _range_filter(self, f: Range) -> Query:
        spec = FIELDS.get(f.field)
        if spec is None:
            return _none()
        if spec.kind not in (Kind.INTEGER, Kind.DATE):
            raise TypeError(f"the embedded backend ranges only over numbers and dates, not {f.field!r}")
        date = spec.kind == Kind.DATE
        lower = upper = None
        inc_lower = inc_upper = True
        if f.gte is not None:
            lower, inc_lower = (date_millis(f.gte) if date else f.gte), True
        if f.gt is not None:
            gt = date_millis(f.gt, end_of_day=True) if date else f.gt
            if lower is None or gt >= lower:
                lower, inc_lower = gt, False
        if f.lte is not None:
            upper, inc_upper = (date_millis(f.lte, end_of_day=True) if date else f.lte), True
        if f.lt is not None:
            lt = date_millis(f.lt) if date else f.lt
            if upper is None or lt <= upper:
                upper, inc_upper = lt, False
        if lower is None and upper is None:
            return Query.exists_query(f.field)
        if isinstance(lower, float) or isinstance(upper, float):
            # Integer fields: a fractional bound becomes the nearest integer inside the range.
            if isinstance(lower, float):
                lower, inc_lower = (math.ceil(lower), True) if not lower.is_integer() else (int(lower), inc_lower)
            if isinstance(upper, float):
                upper, inc_upper = (math.floor(upper), True) if not upper.is_integer() else (int(upper), inc_upper)
        return Query.range_query(self.schema, f.field, FieldType.Integer, lower, upper, inc_lower, inc_upper)

    def _words_filter(self, f: Words) -> Query:
        per_field: list[Query] = []
        for name in f.fields:
            spec = FIELDS.get(name)
            if spec is None:
                continue
            target = spec.folded
            if target is not None:
                words = folded_words(f.text)
                if words:
                    per_field.append(_and([self.term(target, w) for w in words]))
            elif spec.raw:
                per_field.append(self.term(name, f.text.strip()))  # a keyword matches as a whole
        return _or(per_field)

    def filter(self, f: Filter) -> Query:
        if isinstance(f, Term):
            return self._term_filter(f)
        if isinstance(f, Range):
            return self._range_filter(f)
        if isinstance(f, Exists):
            return self.term(PRESENT, f.field) if f.field in FIELDS else _none()
        if isinstance(f, Not):
            return Query.boolean_query([(Occur.Must, _all()), (Occur.MustNot, self.filter(f.filter))])
        if isinstance(f, AnyOf):
            return _or([self.filter(x) for x in f.filters])
        if isinstance(f, AllOf):
            return _and([self.filter(x) for x in f.filters])
        if isinstance(f, Words):
            return self._words_filter(f)
        raise TypeError(f"not a filter: {f!r}")

    def _clauses(self, f: Filter, out: list[tuple[Occur, Query]]) -> None:
        """Top-level filters as flat clauses: ``Not`` becomes a must-not, ``AllOf`` its parts, so a
        dense negation (``stale`` is not true) never iterates the whole index."""
        if isinstance(f, AllOf):
            for x in f.filters:
                self._clauses(x, out)
        elif isinstance(f, Not):
            out.append((Occur.MustNot, self.filter(f.filter)))
        else:
            out.append((Occur.Must, Query.const_score_query(self.filter(f), 0.0)))

    # --- the whole query -------------------------------------------------------------------

    def query(self, q: SearchQuery, extra: tuple[Filter, ...] = (), *, exclude_meta: bool = False) -> Query:
        """The complete query on one collection's index: text (scoring) plus filters (constant
        score 0); ``exclude_meta`` for the index that also holds the meta documents."""
        clauses: list[tuple[Occur, Query]] = []
        if has_text(q):
            clauses.append((Occur.Must, self.text(q.text)))  # type: ignore[arg-type]
        if exclude_meta:
            clauses.append((Occur.MustNot, self.term(COLLECTION, META)))
        for f in (*q.filters, *extra):
            self._clauses(f, clauses)
        if not any(occur == Occur.Must for occur, _ in clauses):
            clauses.append((Occur.Must, Query.const_score_query(_all(), 0.0)))
        return Query.boolean_query(clauses)


def has_text(q: SearchQuery) -> bool:
    return q.text is not None and bool(q.text.q.strip())
