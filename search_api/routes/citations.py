"""Citations both ways: ``/citations/{number}`` (with ``?depth=N``), ``/citations/graph``
(JSON or GraphML) and ``/references/unresolved``. One engine request per walked level."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query
from fastapi.responses import Response

from search_api.deps import CtxDep
from search_api.errors import CitationNotFound
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
from search_api.security import ReaderKey
from search_api.text import fold, number_key, reference_key

router = APIRouter(tags=["citations"])

PAGE = 2000
MAX_EDGES = 20000
MAX_NAME_KEYS = 5000
CITATION_SORT = [{"id": "asc"}]


def _scan(ctx: Any, index: str, query: dict[str, Any], source: list[str] | None = None,
          limit: int = MAX_EDGES) -> list[dict[str, Any]]:
    """Every matching document, paged with ``search_after`` (never a 10,000 cap)."""
    out: list[dict[str, Any]] = []
    after: list[Any] | None = None
    while len(out) < limit:
        kw: dict[str, Any] = {"query": query, "sort": CITATION_SORT, "size": PAGE}
        if source is not None:
            kw["source"] = source
        if after is not None:
            kw["search_after"] = after
        hits = ctx.es.search(index=index, **kw)["hits"]["hits"]
        out.extend(h["_source"] for h in hits)
        if len(hits) < PAGE:
            break
        after = hits[-1]["sort"]
    return out


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
    docs = _scan(ctx, ctx.aliases.documents, {"match_all": {}}, SUMMARY_FIELDS)
    cits = _scan(ctx, ctx.aliases.citations, {"match_all": {}})
    by_key = {d["number_key"]: d["id"] for d in docs if d.get("number_key")}
    nodes = {d["id"]: GraphNode(id=d["id"], key=d.get("number_key"), label=d.get("document_number") or d.get("title") or d["id"],
                                in_corpus=True, doc_type=d.get("document_type")) for d in docs}
    edges: list[GraphEdge] = []
    for c in cits:
        target = by_key.get(c["cited_key"], c["cited_key"])
        if target not in nodes:
            nodes[target] = GraphNode(id=target, key=c["cited_key"], label=c["cited_id"], in_corpus=False,
                                      doc_type=c.get("cited_type"))
        edges.append(GraphEdge(source=c["citing_doc_id"], target=target,
                               relation=c.get("relation") or "mentions", sentence=c.get("sentence")))
    return Graph(nodes=sorted(nodes.values(), key=lambda n: n.id), edges=edges)


def to_graphml(graph: Graph) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="in_corpus" for="node" attr.name="in_corpus" attr.type="boolean"/>',
        '  <key id="doc_type" for="node" attr.name="doc_type" attr.type="string"/>',
        '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
        '  <graph id="citations" edgedefault="directed">',
    ]
    for n in graph.nodes:
        lines.append(f"    <node id={quoteattr(n.id)}><data key=\"label\">{escape(n.label)}</data>"
                     f"<data key=\"in_corpus\">{str(n.in_corpus).lower()}</data>"
                     f"<data key=\"doc_type\">{escape(n.doc_type or '')}</data></node>")
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
    resp = ctx.es.search(index=ctx.aliases.citations, query={"terms": {"cited_key": spellings}},
                         size=0, aggs={"keys": {"terms": {"field": "cited_key", "size": len(spellings)}}})
    present = {b["key"] for b in resp["aggregations"]["keys"]["buckets"]}
    for spelling in spellings:
        if spelling in present:
            return spelling
    numbered = number_key(text)
    if numbered:
        return numbered
    folded = fold(spellings[0])
    resp = ctx.es.search(index=ctx.aliases.citations, query={"term": {"cited_numbered": False}}, size=0,
                         aggs={"keys": {"terms": {"field": "cited_key", "size": MAX_NAME_KEYS}}})
    names = sorted(b["key"] for b in resp["aggregations"]["keys"]["buckets"])
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
        doc_src = ctx.es.get(index=ctx.aliases.documents, id=resolved[key], source=SUMMARY_FIELDS)["_source"]
    frontier_keys, frontier_docs = {key}, set(resolved.values())
    seen_keys, seen_docs = set(frontier_keys), set(frontier_docs)
    cited_by: list[CitationEdge] = []
    cites: list[CitationEdge] = []
    all_edges: dict[str, dict[str, Any]] = {}
    for level in range(1, depth + 1):
        should: list[dict[str, Any]] = [{"terms": {"cited_key": sorted(frontier_keys)}},
                                        {"terms": {"citing_key": sorted(frontier_keys)}}]
        if frontier_docs:
            should.append({"terms": {"citing_doc_id": sorted(frontier_docs)}})
        found = _scan(ctx, ctx.aliases.citations, {"bool": {"should": should, "minimum_should_match": 1}})
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
    return CitationsPublic(key=key, document=summary(doc_src) if doc_src else None, cited_by=cited_by,
                           cites=cites, depth=depth, nodes=sorted(nodes.values(), key=lambda n: n.id),
                           edges=edges)


@router.get("/references/unresolved", response_model=UnresolvedPage, responses=problems(*READ), tags=["citations"])
def unresolved_references(
    ctx: CtxDep, _key: ReaderKey,
    numbered_only: Annotated[bool, Query(description="Only numbered documents (skip name-only laws)")] = False,
    size: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> UnresolvedPage:
    """Documents the corpus cites but does not contain, most-cited first."""
    query: dict[str, Any] = {"term": {"cited_numbered": True}} if numbered_only else {"match_all": {}}
    aggs = {"keys": {"terms": {"field": "cited_key", "size": 5000}, "aggs": {
        "label": {"terms": {"field": "cited_id", "size": 1}},
        "type": {"terms": {"field": "cited_type", "size": 1}},
        "citing": {"terms": {"field": "citing_doc_id", "size": 50}}}}}
    resp = ctx.es.search(index=ctx.aliases.citations, query=query, size=0, aggs=aggs)
    buckets = resp["aggregations"]["keys"]["buckets"]
    present = resolve_keys(ctx, [b["key"] for b in buckets])
    out = []
    for b in buckets:
        if b["key"] in present:
            continue
        label = b["label"]["buckets"]
        kind = b["type"]["buckets"]
        out.append(UnresolvedReference(
            key=b["key"], id=label[0]["key"] if label else b["key"],
            doc_type=kind[0]["key"] if kind else None, count=int(b["doc_count"]),
            cited_by=sorted(x["key"] for x in b["citing"]["buckets"])))
    out.sort(key=lambda r: (-r.count, r.key))
    return UnresolvedPage(total=len(out), data=out[:size])
