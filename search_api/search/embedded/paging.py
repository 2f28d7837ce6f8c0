"""Exact multi-key sorting and offset pages over tantivy hits; opaque cursors.

A sort is a list of keys (``_score`` or a field) always ending on ``id`` (unique), so every
order is total and pages never overlap. Missing values sort last in either direction.

* Up to ``exact_limit`` hits: every hit's sort values are read from fast fields (numbers via
  ``fast_field_values``, strings via one ``order_by_field`` pass) and sorted in Python.
* More hits, field sort: tantivy returns the top ``offset + size`` by the first key; groups of
  equal first-key values that straddle the page edges are re-queried (``query AND key = value``)
  and sorted by the remaining keys, recursively, so the page is exact at any offset.
* More hits, relevance sort: tantivy's top ``offset + size`` by score, ties broken by the other
  keys among those (ties across the cut are not resolved).

>>> decode_cursor(encode_cursor(40, "abc"), "abc")
40
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from tantivy import DocAddress, Occur, Order, Query, Searcher

from search_api.search.backend import CursorError
from search_api.search.embedded.schema import COLLECTION, FIELDS, PRESENT, SOURCE, Kind
from search_api.search.model import SearchQuery, SortKey, SortOrder

SCORE = "_score"
ID = "id"
EXACT_LIMIT = 2000


# --- cursors ---------------------------------------------------------------------------------


def signature(q: SearchQuery) -> str:
    """What a cursor must have been issued for: the collections, text, filters and sort."""
    raw = repr((q.collections, q.text, q.filters, q.sort))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def encode_cursor(offset: int, sig: str) -> str:
    raw = json.dumps({"o": offset, "s": sig}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sig: str) -> int:
    """The offset in ``cursor``; :class:`CursorError` if it is not ours or not for this query."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, issued = data["o"], data["s"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise CursorError("cursor is not valid") from exc
    if issued != sig:
        raise CursorError("cursor was issued for another query or sort")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise CursorError("cursor is not valid")
    return offset


# --- sort keys -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Key:
    field: str
    desc: bool
    kind: str  # "score" | "number" | "string" | "none" (unknown field: every hit is missing)


def resolve(sort: tuple[SortKey, ...], *, scored: bool) -> list[Key]:
    """Keys to sort on; ``_score`` is dropped when nothing scores, ``id`` always closes."""
    keys: list[Key] = []
    for k in sort:
        desc = k.order == SortOrder.DESC
        if k.field == SCORE:
            if scored:
                keys.append(Key(SCORE, True, "score"))
            continue
        spec = FIELDS.get(k.field)
        if spec is None or spec.kind == Kind.STORED or spec.kind in (
                Kind.VI_TEXT, Kind.FOLDED_TEXT, Kind.SEGMENTED):
            keys.append(Key(k.field, desc, "none"))
        elif spec.numeric:
            keys.append(Key(k.field, desc, "number"))
        else:
            keys.append(Key(k.field, desc, "string"))
        if k.field == ID:
            return keys
    keys.append(Key(ID, False, "string"))
    return keys


class _Rev:
    """Reverses the order of a string inside a sort tuple."""

    __slots__ = ("v",)

    def __init__(self, v: str) -> None:
        self.v = v

    def __lt__(self, other: _Rev) -> bool:
        return self.v > other.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Rev) and self.v == other.v

    def __hash__(self) -> int:
        return hash(self.v)


def _part(value: Any, key: Key) -> tuple[int, Any]:
    if value is None:
        return (1, 0)
    if key.desc:
        if isinstance(value, str):
            return (0, _Rev(value))
        return (0, -value)
    return (0, value)


def _addr(a: DocAddress) -> tuple[int, int]:
    return (a.segment_ord, a.doc)


T = TypeVar("T")


def exact_order(items: list[T], keys: list[Key], lo: int, hi: int,
                values: Callable[[Key, list[T]], list[Any]]) -> list[T]:
    """``items`` ordered on ``keys`` so that positions ``[lo, hi)`` are exact: ``values(key,
    group)`` reads one key's values, called for a later key only on the ties that reach the
    window (missing values last, descending keys reversed)."""
    if len(items) <= 1:
        return items
    key = keys[0]
    vals = values(key, items)
    order = sorted(range(len(items)), key=lambda i: _part(vals[i], key))
    out = [items[i] for i in order]
    ordered = [vals[i] for i in order]
    if len(keys) == 1:
        return out
    i = 0
    while i < len(out) and i < hi:
        j = i + 1
        while j < len(out) and ordered[j] == ordered[i]:
            j += 1
        if j - i > 1 and j > lo:
            out[i:j] = exact_order(out[i:j], keys[1:], max(0, lo - i), min(j - i, hi - i), values)
        i = j
    return out


Hit = tuple[float | None, DocAddress]
LOAD_LIMIT = 256  # up to this many hits, string sort values come from their stored documents
TIE_WINDOW = 64  # hits a relevance page asks for at least, to break a tie at its end without a second pass


class Pager:
    """Pages of one query on one searcher; keeps the stored documents it loaded."""

    def __init__(self, searcher: Searcher, query: Query, *, exact_limit: int = EXACT_LIMIT,
                 equal: Callable[[Key, Any], Query]) -> None:
        self.searcher = searcher
        self.query = query
        self.exact_limit = exact_limit
        self.equal = equal  # key, value -> the filter "key has this value" (None: missing)
        self.docs: dict[tuple[int, int], Any] = {}
        self.loaded: dict[tuple[int, int], tuple[str, dict[str, Any]]] = {}

    def _doc(self, addr: DocAddress) -> Any:
        k = _addr(addr)
        doc = self.docs.get(k)
        if doc is None:
            doc = self.docs[k] = self.searcher.doc(addr)
        return doc

    def load(self, addr: DocAddress) -> tuple[str, dict[str, Any]]:
        """``(collection, source)`` of the document at ``addr`` (loaded once per page)."""
        k = _addr(addr)
        found = self.loaded.get(k)
        if found is None:
            doc = self._doc(addr)
            found = self.loaded[k] = (doc.get_first(COLLECTION), json.loads(doc.get_first(SOURCE)))
        return found

    def count(self, query: Query) -> int:
        return self.searcher.search(query, limit=1, count=True).count

    def _string_values(self, query: Query, key: Key, hits: list[Hit]) -> list[Any]:
        if len(hits) <= LOAD_LIMIT and key.field == ID:  # stored: no source to parse
            return [self._doc(a).get_first(ID) for _, a in hits]
        if len(hits) <= LOAD_LIMIT:
            out = []
            for _, a in hits:
                v = self.load(a)[1].get(key.field)
                if isinstance(v, list):  # Elasticsearch sorts on the smallest (asc) / largest (desc)
                    v = (max(v) if key.desc else min(v)) if v else None
                out.append(v if v is None or isinstance(v, str) else str(v))
            return out
        # Strings have no fast_field_values: one pass ordered by the field reads them all.
        total = self.count(query)
        ordered = self.searcher.search(query, limit=max(1, total), order_by_field=key.field, count=False).hits
        by_addr = {_addr(a): v for v, a in ordered}
        return [by_addr.get(_addr(a)) for _, a in hits]

    def _values(self, query: Query, key: Key, hits: list[Hit]) -> list[Any]:
        if key.kind == "score":
            return [s for s, _ in hits]
        if key.kind == "none":
            return [None] * len(hits)
        if key.kind == "number":
            return self.searcher.fast_field_values(key.field, [a for _, a in hits])
        return self._string_values(query, key, hits)

    def _sorted(self, query: Query, keys: list[Key], hits: list[Hit], lo: int, hi: int) -> list[Hit]:
        """``hits`` (every hit of a group, or of the query) ordered so that positions
        ``[lo, hi)`` are exact: later keys are read only for ties that reach the window."""
        return exact_order(hits, keys, lo, hi, lambda key, group: self._values(query, key, group))

    def page(self, keys: list[Key], offset: int, size: int, total: int | None = None,
             query: Query | None = None) -> tuple[list[Hit], int]:
        """``(hits of the page, total hits)``; scores are None unless sorted by relevance."""
        query = query if query is not None else self.query
        limit = max(1, offset + size)
        first = keys[0]
        end = offset + size
        if first.kind == "score":
            # A few more hits than the page: a tie across the cut is then usually all in hand.
            res = self.searcher.search(query, limit=max(limit + 1, TIE_WINDOW), count=True)
            total = res.count
            hits: list[Hit] = list(res.hits)
            if len(hits) > limit and hits[limit][0] == hits[limit - 1][0] and total <= self.exact_limit:
                # A tie across the cut: the exact order needs every hit scoring as the cut (those
                # scoring less never reach the page), all of them only if the window ends in it.
                cut = hits[limit - 1][0]
                if hits[-1][0] == cut and len(hits) < total:
                    hits = list(self.searcher.search(query, limit=total, count=False).hits)
                hits = [h for h in hits if h[0] >= cut]
            else:
                hits = hits[:limit]
            return self._sorted(query, keys, hits, offset, end)[offset:end], total
        every: list[DocAddress] | None = None
        if total is None:  # one pass counts and, for a moderate set, collects every hit
            res = self.searcher.search(query, limit=max(1, self.exact_limit), count=True)
            total = res.count
            if total <= self.exact_limit:
                every = [a for _, a in res.hits]
        if size <= 0 or offset >= total:
            return [], total
        if total <= self.exact_limit or first.kind == "none":
            if every is None:
                every = [a for _, a in self.searcher.search(query, limit=total, count=False).hits]
            hits = [(None, a) for a in every]
            return self._sorted(query, keys, hits, offset, end)[offset:end], total
        order = Order.Desc if first.desc else Order.Asc
        res = self.searcher.search(query, limit=limit, count=False, order_by_field=first.field, order=order)
        ordered = list(res.hits)  # (value, address), missing values last
        window = ordered[offset:end]
        out: list[Hit] = []
        i = 0
        while i < len(window):
            value = window[i][0]
            j = i
            while j < len(window) and window[j][0] == value:
                j += 1
            rest = keys[1:]
            group = [(None, a) for _, a in window[i:j]]
            if not rest:  # the last key (id) is unique: no ties
                out.extend(group)
            elif 0 < i and j < len(window):  # the whole group lies inside the page
                out.extend(self._sorted(query, rest, group, 0, len(group)))
            else:  # the group may run on beyond an edge of the page: page through it alone
                start = next(k for k, (v, _) in enumerate(ordered) if v == value)
                sub = self._and(query, self.equal(first, value))
                sub_hits, _ = self.page(rest, offset + i - start, j - i, None, sub)
                out.extend(sub_hits)
            i = j
        return out, total

    @staticmethod
    def _and(a: Query, b: Query) -> Query:
        return Query.boolean_query([(Occur.Must, a), (Occur.Must, b)])


def missing(field: str, term: Callable[[str, Any], Query]) -> Query:
    """Documents without a value for ``field``."""
    return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, term(PRESENT, field))])


def merge(pages: list[tuple[Pager, list[Hit]]], keys: list[Key], lo: int, hi: int) -> list[tuple[Pager, Hit]]:
    """The sorted pages of several indices as one order, exact on ``[lo, hi)``: as in
    :meth:`Pager._sorted`, later keys are read (from each hit's own index) only for ties."""
    items = [(pager, hit) for pager, hits in pages for hit in hits]

    def values(key: Key, group: list[tuple[Pager, Hit]]) -> list[Any]:
        out: list[Any] = [None] * len(group)
        by_pager: dict[int, list[int]] = {}
        for i, (pager, _) in enumerate(group):
            by_pager.setdefault(id(pager), []).append(i)
        for positions in by_pager.values():
            pager = group[positions[0]][0]
            vals = pager._values(pager.query, key, [group[i][1] for i in positions])
            for i, v in zip(positions, vals, strict=True):
                out[i] = v
        return out

    return exact_order(items, keys, lo, hi, values)
