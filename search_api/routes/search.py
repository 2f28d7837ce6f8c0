"""``GET /search`` over tasks and documents: one search-layer request per page."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from search_api.deps import CtxDep, Today
from search_api.errors import InvalidParameter
from search_api.legal import search as legal_search
from search_api.openapi import READ, problems
from search_api.schemas import FacetBucket, SearchHit, SearchInterpretation, SearchPage, SearchPeriod
from search_api.search.backend import CursorError
from search_api.search.highlight import highlight
from search_api.search.model import Bucket, Collection, Facet, Hit, SearchQuery, TextQuery
from search_api.search.queries import OWNER_LABELS, Kind, SearchParams, SortMode, build_search
from search_api.search.understand import Interpretation, OwnerDirectory, OwnerEntry, understand
from search_api.security import ReaderKey
from search_api.text import segment

router = APIRouter(tags=["search"])

MAX_SIZE = 100
CORPUS_TTL = 30.0  # seconds the owners and numbers of the corpus are kept for query understanding
MAX_Q = 500


@dataclass
class _Terms:
    ctx: Any  # held so its id is not reused
    expiry: float
    directory: OwnerDirectory
    numbers: list[str]
    entries: list[OwnerEntry]
    pairs: list[tuple[str, str]]
    refreshing: bool = False


class _CorpusTerms:
    """The corpus's owners and document numbers for :func:`understand`, read with two facet
    requests and kept ``CORPUS_TTL`` seconds per context.

    Only the first request of a context waits for them: past the TTL a search goes on with the
    ones it has while one thread reads them again, and the owner directory is built again only
    when the owners or the abbreviations changed (building it is most of the cost)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[int, _Terms] = {}  # id(ctx) -> terms

    def get(self, ctx: Any) -> tuple[OwnerDirectory, list[str]]:
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(id(ctx))
            if hit is not None and hit.ctx is not ctx:
                hit = None
            stale = hit is not None and hit.expiry <= now and not hit.refreshing
            if stale:
                hit.refreshing = True  # type: ignore[union-attr]
        if hit is None:
            fresh = self._read(ctx, None)
            return (fresh.directory, fresh.numbers) if fresh is not None else (OwnerDirectory([]), [])
        if stale:
            threading.Thread(target=self._read, args=(ctx, hit), name="corpus-terms", daemon=True).start()
        return hit.directory, hit.numbers

    def _read(self, ctx: Any, old: _Terms | None) -> _Terms | None:
        try:
            owners = ctx.search.search(SearchQuery(collections=(Collection.TASKS,), size=0,
                                                   facets=(Facet("labels", "owner_labels", 5000),)))
            numbers = ctx.search.search(SearchQuery(collections=(Collection.DOCUMENTS,), size=0,
                                                    facets=(Facet("numbers", "number_key", 5000),)))
        except Exception:  # noqa: BLE001 - understanding is a bonus: search goes on without it
            if old is not None:
                with self._lock:
                    old.refreshing = False
                    old.expiry = time.monotonic() + CORPUS_TTL
            return None
        entries = []
        for b in owners.facets.get("labels", []):
            key, _, label = str(b.value).partition("|")
            if key and label:
                entries.append(OwnerEntry(key, label))
        pairs = ctx.abbreviations.pairs()
        if old is not None and old.entries == entries and old.pairs == pairs:
            directory = old.directory
        else:
            directory = OwnerDirectory(entries, pairs)
        keys = [str(b.value) for b in numbers.facets.get("numbers", [])]
        fresh = _Terms(ctx, time.monotonic() + CORPUS_TTL, directory, keys, entries, pairs)
        with self._lock:
            self._cache[id(ctx)] = fresh
        return fresh


CORPUS_TERMS = _CorpusTerms()


def interpretation_of(i: Interpretation) -> SearchInterpretation:
    return SearchInterpretation(
        owner=i.owner.label if i.owner else None, owner_keys=list(i.owner.keys) if i.owner else [],
        number=i.number_key, phrases=list(i.phrases), words=i.words,
        period=SearchPeriod(start=i.period.start, end=i.period.end, text=i.period.text) if i.period else None,
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _date(value: Any) -> str | None:
    return str(value)[:10] if value else None


def _overdue(src: dict[str, Any], today: date) -> bool | None:
    if src.get("kind") != "task":
        return None
    deadline = _date(src.get("deadline"))
    return bool(deadline and deadline < today.isoformat() and src.get("status") != "done")


def hit_from_source(hit: Hit, today: date, text_query: TextQuery | None = None) -> SearchHit:
    src = hit.source
    is_task = src.get("kind") == "task"
    shown = (src.get("text") if is_task else src.get("title")) or ""
    fragments = highlight(shown, text_query) if text_query is not None else []
    return SearchHit(
        kind="task" if is_task else "document",
        id=src["id"],
        document_id=src.get("doc_id") or src["id"],
        text=(src.get("text") if is_task else src.get("title")) or "",
        owners=_as_list(src.get("owners")),
        owner_keys=_as_list(src.get("owner_keys")),
        co_owners=_as_list(src.get("co_owners")),
        deadline=_date(src.get("deadline")),
        deadline_text=src.get("deadline_text"),
        status=src.get("status") if is_task else None,
        overdue=_overdue(src, today),
        stale=src.get("stale") if is_task else None,
        section=src.get("section"),
        document_number=src.get("document_number"),
        document_type=src.get("document_type"),
        document_title=src.get("document_title"),
        issued_date=_date(src.get("issued_date")),
        score=hit.score,
        highlight=fragments,
        ocr_confidence=src.get("ocr_confidence"),
    )


def facets_from(facets: dict[str, list[Bucket]]) -> dict[str, list[FacetBucket]]:
    """Facet buckets; owner buckets get the most frequent written name for their key."""
    labels: dict[str, str] = {}
    for b in facets.get(OWNER_LABELS, []):  # sorted by count
        key, _, name = str(b.value).partition("|")
        labels.setdefault(key, name)
    out: dict[str, list[FacetBucket]] = {}
    for name, buckets in facets.items():
        if name == OWNER_LABELS:
            continue
        out[name] = [FacetBucket(value=str(b.value), count=b.count,
                                 label=labels.get(str(b.value)) if name == "owner"
                                 else legal_search.label(str(b.value)) if name == legal_search.FACET else None)
                     for b in buckets]
    return out


@router.get("/search", response_model=SearchPage, responses=problems(*READ), summary="Search tasks and documents")
def search(
    ctx: CtxDep,
    today: Today,
    _key: ReaderKey,
    q: Annotated[str | None, Query(max_length=MAX_Q, description="Words, with or without accents; abbreviations expand (THADS); a number, an owner (`nhiệm vụ của Sở Y tế`), a period (`quý III/2024`) and quoted phrases are recognised", examples=["thu hoi tai san"])] = None,
    as_words: Annotated[bool, Query(description="Search q as words only: no owner recognised (the page's undo link)", examples=[True])] = False,
    owner: Annotated[list[str], Query(description="Owner canonical key (repeatable)")] = [],  # noqa: B006
    co_owner: Annotated[list[str], Query(description="Co-owner canonical key (repeatable)")] = [],  # noqa: B006
    doc_type: Annotated[list[str], Query(description="Document type, e.g. Kế hoạch")] = [],  # noqa: B006
    issuer: Annotated[list[str], Query()] = [],  # noqa: B006
    number: Annotated[str | None, Query(description="Document number written any usual way", examples=["1804/QĐ-BTP"])] = None,
    year: Annotated[list[int], Query(description="Issue year (repeatable)")] = [],  # noqa: B006
    deadline_from: Annotated[date | None, Query()] = None,
    deadline_to: Annotated[date | None, Query()] = None,
    overdue: Annotated[bool | None, Query(description="Deadline passed and not done")] = None,
    status: Annotated[list[str], Query(description="not_started | in_progress | done | on_hold")] = [],  # noqa: B006
    validity: Annotated[list[str], Query(description="Validity of the document: replaced | repealed | partly_repealed | amended | expired | unknown", examples=["replaced"])] = [],  # noqa: B006
    kind: Annotated[Kind | None, Query()] = None,
    include_stale: Annotated[bool, Query(description="Also tasks that vanished from a newer version")] = False,
    facets: Annotated[bool, Query(description="Return facet counts (costs an aggregation)")] = False,
    sort: Annotated[SortMode, Query()] = SortMode.RELEVANCE,
    cursor: Annotated[str | None, Query(max_length=2000, description="`next` from the previous page")] = None,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 20,
) -> Response:
    """Tasks and documents matching ``q`` and the filters.

    Accent-free queries match accented text (exact accents rank higher), whole phrases rank
    above scattered syllables, abbreviations are expanded both ways. Pages are walked with the
    opaque ``next`` cursor (``search_after``), which stays correct past 10,000 hits.
    """
    if deadline_from and deadline_to and deadline_from > deadline_to:
        raise InvalidParameter("deadline_from is after deadline_to")
    params = SearchParams(
        q=q, owner=owner, co_owner=co_owner, doc_type=doc_type, issuer=issuer, number=number,
        year=year, deadline_from=deadline_from, deadline_to=deadline_to, overdue=overdue,
        status=status, kind=kind, include_stale=include_stale, facets=facets, sort=sort,
        size=size, cursor=cursor,
    )
    text = (q or "").strip()
    reading = None
    if text:
        owners, numbers = CORPUS_TERMS.get(ctx)
        reading = understand(text, owners=owners, numbers=numbers, as_words=as_words)
    words = reading.words if reading else text
    variants, expansions = ctx.abbreviations.expand(words) if text else (None, None)
    query = build_search(
        params, today=today,
        variants=variants, expansions=expansions,
        segmented=segment(words) if text else None,
        interpretation=reading,
    )
    query = legal_search.with_validity(query, validity, facets=facets)  # issue 17
    try:
        result = ctx.search.search(query)
    except CursorError as exc:
        raise InvalidParameter(str(exc)) from exc
    view = legal_search.corpus_view(ctx) if any(h.source.get("refs") for h in result.hits) else None
    page = SearchPage(
        total=result.total,
        hits=[legal_search.with_warning(hit_from_source(h, today, query.text), h.source, view) for h in result.hits],
        facets=facets_from(result.facets) if facets and not cursor else None,
        next=result.next,
        interpretation=interpretation_of(reading) if reading else None,
    )
    # The page is built from the response model already: its JSON goes out as is, without
    # FastAPI validating it a second time (in a thread hop) and encoding it through Python
    # objects (the same bytes, a third of the CPU).
    return Response(page.model_dump_json(by_alias=True), media_type="application/json")
