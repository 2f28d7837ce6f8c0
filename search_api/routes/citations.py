"""Citations both ways: ``/citations/{number}`` (with ``?depth=N``), ``/citations/graph``
(JSON or GraphML) and ``/references/unresolved``. One engine request per walked level."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Annotated, Any, Literal
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query
from fastapi.responses import Response

from search_api.deps import CtxDep
from search_api.errors import CitationNotFound
from search_api.legal import service as legal_service
from search_api.openapi import GRAPHML_SAMPLE, READ, download, problems
from search_api.routes.documents import SUMMARY_FIELDS, edge, resolve_keys, summary
from search_api.schemas import (
    CitationEdge,
    CitationsPublic,
    Graph,
    GraphEdge,
    GraphNode,
    UnresolvedPage,
    UnresolvedReference,
)
from search_api.search.model import AnyOf, Collection, Facet, Filter, SearchQuery, SortKey, Term
from search_api.security import ReaderKey
from search_api.text import fold, number_key, reference_key

router = APIRouter(tags=["citations"])

PAGE = 2000
MAX_EDGES = 20000
MAX_NAME_KEYS = 5000
CITATION_SORT = (SortKey("id"),)


def _scan(ctx: Any, collection: Collection, filters: tuple[Filter, ...] = (),
          source: list[str] | None = None, limit: int = MAX_EDGES) -> list[dict[str, Any]]:
    """Every matching document, paged with cursors (never a 10,000 cap)."""
    out: list[dict[str, Any]] = []
    cursor: str | None = None
    while len(out) < limit:
        result = ctx.search.search(SearchQuery(
            collections=(collection,), filters=filters, sort=CITATION_SORT, size=PAGE, cursor=cursor,
            include_fields=tuple(source) if source is not None else None))
        out.extend(h.source for h in result.hits)
        if result.next is None or len(result.hits) < PAGE:
            break
        cursor = result.next
    return out


def _key_counts(ctx: Any, filters: tuple[Filter, ...], size: int) -> list[Any]:
    """The ``cited_key`` values (with counts) among the citations matching ``filters``."""
    result = ctx.search.search(SearchQuery(collections=(Collection.CITATIONS,), filters=filters, size=0,
                                           facets=(Facet("keys", "cited_key", size),)))
    return result.facets.get("keys", [])


def _node_key(c: dict[str, Any]) -> str:
    return c.get("citing_key") or f"doc:{c['citing_doc_id']}"


@router.get("/citations/graph", response_model=Graph,
            responses={200: {"description": "JSON (default) or GraphML (`format=graphml`)", "content": {
                **download("application/graphml+xml", GRAPHML_SAMPLE, "")[200]["content"]}},
                **problems(*READ)})
def citation_graph(
    ctx: CtxDep, _key: ReaderKey,
    format: Annotated[Literal["json", "graphml"], Query(description="json (default) or graphml")] = "json",
) -> Any:
    """Every document and cited document as nodes, every citation as an edge."""
    graph = build_graph(ctx)
    if format == "graphml":
        return Response(to_graphml(graph), media_type="application/graphml+xml")
    return graph


def build_graph(ctx: Any) -> Graph:
    docs = _scan(ctx, Collection.DOCUMENTS, (), SUMMARY_FIELDS)
    cits = _scan(ctx, Collection.CITATIONS)
    by_key = {d["number_key"]: d["id"] for d in docs if d.get("number_key")}
    nodes = {d["id"]: GraphNode(id=d["id"], key=d.get("number_key"), label=d.get("document_number") or d.get("title") or d["id"],
                                in_corpus=True, doc_type=d.get("document_type"), title=d.get("title") or None)
             for d in docs}
    edges: list[GraphEdge] = []
    for c in cits:
        target = by_key.get(c["cited_key"], c["cited_key"])
        if target not in nodes:
            nodes[target] = GraphNode(id=target, key=c["cited_key"], label=c["cited_id"], in_corpus=False,
                                      doc_type=c.get("cited_type"))
        edges.append(GraphEdge(source=c["citing_doc_id"], target=target,
                               relation=c.get("relation") or "mentions", sentence=c.get("sentence")))
    legal_service.node_validity(ctx, list(nodes.values()))
    return Graph(nodes=sorted(nodes.values(), key=lambda n: n.id), edges=edges)


def to_graphml(graph: Graph) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="in_corpus" for="node" attr.name="in_corpus" attr.type="boolean"/>',
        '  <key id="doc_type" for="node" attr.name="doc_type" attr.type="string"/>',
        '  <key id="validity" for="node" attr.name="validity" attr.type="string"/>',
        '  <key id="title" for="node" attr.name="title" attr.type="string"/>',
        '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
        '  <graph id="citations" edgedefault="directed">',
    ]
    for n in graph.nodes:
        lines.append(f"    <node id={quoteattr(n.id)}><data key=\"label\">{escape(n.label)}</data>"
                     f"<data key=\"in_corpus\">{str(n.in_corpus).lower()}</data>"
                     f"<data key=\"doc_type\">{escape(n.doc_type or '')}</data>"
                     f"<data key=\"validity\">{escape(n.validity or 'unknown')}</data>"
                     f"<data key=\"title\">{escape(n.title or '')}</data></node>")
    for i, e in enumerate(graph.edges):
        lines.append(f"    <edge id=\"e{i}\" source={quoteattr(e.source)} target={quoteattr(e.target)}>"
                     f"<data key=\"relation\">{escape(e.relation)}</data></edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _spellings(text: str) -> list[str]:
    """The key as written, lower-cased and folded (NFC, single spaces), duplicates dropped."""
    exact = " ".join(unicodedata.normalize("NFC", text).split())
    return list(dict.fromkeys(k for k in (exact, exact.lower(), fold(exact)) if k))


def cited_key_for(ctx: Any, text: str) -> str:
    """The citations' join key meant by ``text``, in this order:

    1. a cited key written exactly so (as given, lower-cased or folded): name-only references
       such as ``luật thi hành án dân sự 2008``, even when the name contains a number;
    2. the document number found in ``text`` (``Quyết định số 1804/qđ-btp`` -> ``1804/QĐ-BTP``);
    3. a name-only cited key equal to ``text`` once both are folded
       (``Luat thi hanh an dan su 2008`` finds ``luật thi hành án dân sự 2008``);
    4. else ``reference_key(text)`` (which then answers 404 unless a document carries it).
    """
    spellings = _spellings(text)
    if not spellings:
        return reference_key(text, numbered=True)
    present = {b.value for b in _key_counts(ctx, (Term("cited_key", tuple(spellings)),), len(spellings))}
    for spelling in spellings:
        if spelling in present:
            return spelling
    numbered = number_key(text)
    if numbered:
        return numbered
    folded = fold(spellings[0])
    names = sorted(b.value for b in _key_counts(ctx, (Term("cited_numbered", (False,)),), MAX_NAME_KEYS))
    return next((k for k in names if " ".join(fold(k).split()) == folded),
                reference_key(text, numbered=True))


@router.get("/citations/{number:path}", response_model=CitationsPublic,
            responses=problems(401, 404, 422, 503, d404="Neither in the corpus nor cited by it"))
def read_citations(
    ctx: CtxDep, _key: ReaderKey, number: str,
    depth: Annotated[int, Query(ge=1, le=5, description="Walk citations this many steps both ways")] = 1,
) -> CitationsPublic:
    """Who cites ``number`` (citing sentence + relation) and what it cites; works for documents
    only known because something cites them."""
    key = cited_key_for(ctx, number)
    resolved = resolve_keys(ctx, [key])
    doc_src = None
    if key in resolved:
        doc_src = ctx.search.get(Collection.DOCUMENTS, resolved[key])
    frontier_keys, frontier_docs = {key}, set(resolved.values())
    seen_keys, seen_docs = set(frontier_keys), set(frontier_docs)
    cited_by: list[CitationEdge] = []
    cites: list[CitationEdge] = []
    all_edges: dict[str, dict[str, Any]] = {}
    for level in range(1, depth + 1):
        should: list[Filter] = [Term("cited_key", tuple(sorted(frontier_keys))),
                                Term("citing_key", tuple(sorted(frontier_keys)))]
        if frontier_docs:
            should.append(Term("citing_doc_id", tuple(sorted(frontier_docs))))
        found = _scan(ctx, Collection.CITATIONS, (AnyOf(tuple(should)),))
        next_keys: set[str] = set()
        next_docs: set[str] = set()
        for c in found:
            if c["id"] in all_edges:
                continue
            all_edges[c["id"]] = {**c, "_depth": level}
            incoming = c["cited_key"] in frontier_keys
            if incoming:
                if level == 1:
                    cited_by.append(edge(c, resolved, level))
                nk = _node_key(c)
                if nk not in seen_keys and c["citing_doc_id"] not in seen_docs:
                    next_keys.add(nk)
                    next_docs.add(c["citing_doc_id"])
            if c["citing_doc_id"] in frontier_docs or c.get("citing_key") in frontier_keys:
                if level == 1:
                    cites.append(edge(c, {}, level))
                if c["cited_key"] not in seen_keys:
                    next_keys.add(c["cited_key"])
        if not found and level == 1 and doc_src is None:
            raise CitationNotFound(f"{number!r} is neither in the corpus nor cited by it")
        seen_keys |= next_keys
        seen_docs |= next_docs
        frontier_keys, frontier_docs = next_keys, next_docs
        if not frontier_keys and not frontier_docs:
            break
    targets = resolve_keys(ctx, [c["cited_key"] for c in all_edges.values()])
    for e in cites:
        e.cited_document_id = targets.get(e.cited_key)
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []
    for c in all_edges.values():
        src_id = c["citing_doc_id"]
        nodes.setdefault(src_id, GraphNode(id=src_id, key=c.get("citing_key"), label=c.get("citing_number") or c.get("citing_title") or src_id,
                                           in_corpus=True, doc_type=c.get("citing_type")))
        tgt = targets.get(c["cited_key"], c["cited_key"])
        nodes.setdefault(tgt, GraphNode(id=tgt, key=c["cited_key"], label=c["cited_id"],
                                        in_corpus=tgt != c["cited_key"], doc_type=c.get("cited_type")))
        edges.append(GraphEdge(source=src_id, target=tgt, relation=c.get("relation") or "mentions",
                               sentence=c.get("sentence")))
    legal_service.node_validity(ctx, list(nodes.values()))
    return CitationsPublic(key=key, document=summary(doc_src) if doc_src else None, cited_by=cited_by,
                           cites=cites, depth=depth, nodes=sorted(nodes.values(), key=lambda n: n.id),
                           edges=edges, **legal_service.citation_extras(ctx, key, resolved.get(key)))


@router.get("/references/unresolved", response_model=UnresolvedPage, responses=problems(*READ), tags=["citations"])
def unresolved_references(
    ctx: CtxDep, _key: ReaderKey,
    numbered_only: Annotated[bool, Query(description="Only numbered documents (skip name-only laws)")] = False,
    size: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> UnresolvedPage:
    """Documents the corpus cites but does not contain, most-cited first."""
    filters = (Term("cited_numbered", (True,)),) if numbered_only else ()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for c in _scan(ctx, Collection.CITATIONS, filters,
                   ["cited_key", "cited_id", "cited_type", "citing_doc_id"]):
        grouped.setdefault(c["cited_key"], []).append(c)
    present = resolve_keys(ctx, list(grouped))
    out = []
    for key, rows in grouped.items():
        if key in present:
            continue
        labels = Counter(r.get("cited_id") for r in rows if r.get("cited_id"))
        kinds = Counter(r.get("cited_type") for r in rows if r.get("cited_type"))
        out.append(UnresolvedReference(
            key=key, id=labels.most_common(1)[0][0] if labels else key,
            doc_type=kinds.most_common(1)[0][0] if kinds else None, count=len(rows),
            cited_by=sorted({r["citing_doc_id"] for r in rows})[:50]))
    out.sort(key=lambda r: (-r.count, r.key))
    return UnresolvedPage(total=len(out), data=out[:size])
