"""The legal views of a running app: validity of every document, relations both ways, the best
title of a cited-only document, and the implementation trace with editors' decisions.

One :class:`~search_api.legal.corpus.CorpusView` per data directory is cached and rebuilt when
the store's current documents change (or the day does); the pipeline calls :func:`on_commit`
after every ingest, which drops it and writes the ``validity`` field of every document (and its
tasks) whose validity the new document changed. :func:`sync_validity` does the same for all
(after a rebuild).

>>> v = view(ctx)
>>> validity_out(v, v.key_of(doc_id))["status"]
'replaced'
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from nlp.model import Relation
from nlp.relations import relation_labels
from search_api.legal.corpus import CorpusView, Edge, load_view
from search_api.legal.decisions import DecisionStore
from search_api.legal.originals import keep_from_path
from search_api.legal.trace import TraceTask, match, tasks_of
from search_api.legal.validity import Status, Validity
from search_api.search.model import Collection, Term

log = logging.getLogger(__name__)

_VIEWS: dict[Path, CorpusView] = {}
_ENTRIES: dict[Path, dict[str, Any]] = {}  # per data directory: doc id -> (DocInfo, Extraction)
_TASKS: dict[tuple[Path, str], tuple[list[TraceTask], dict[str, Any], dict[str, str]]] = {}
_DECISIONS: dict[str, DecisionStore] = {}  # per database (edit log's file or URL)
_LOCK = threading.Lock()
MAX_DEPTH = 5
SCAN = 2000
# statuses a citing task is warned about
WARN_STATUSES = frozenset({Status.REPLACED.value, Status.REPEALED.value, Status.EXPIRED.value})


# --------------------------------------------------------------------------- the cached view


def _root(ctx: Any) -> Path:
    return Path(ctx.settings.data_dir).resolve()


def view(ctx: Any) -> CorpusView:
    """The corpus view of ``ctx.store``, rebuilt when its current documents or the day changed."""
    root = _root(ctx)
    today = ctx.today()
    token = (today, tuple(sorted(ctx.store.current_ids())))
    with _LOCK:
        cached = _VIEWS.get(root)
        if cached is not None and cached.token == token:
            return cached
    with _LOCK:
        entries = _ENTRIES.setdefault(root, {})
    fresh = load_view(ctx.store, today=today, token=token, cache=entries)
    with _LOCK:
        _VIEWS[root] = fresh
        for k in [k for k in _TASKS if k[0] == root]:
            del _TASKS[k]
    return fresh


def invalidate(ctx: Any) -> None:
    root = _root(ctx)
    with _LOCK:
        _VIEWS.pop(root, None)
        for k in [k for k in _TASKS if k[0] == root]:
            del _TASKS[k]


def on_commit(ctx: Any, doc: Any = None, ext: Any = None) -> int:
    """After an ingest: keep the original file of a document read from disk (``directives
    ingest`` commits without ``ingest_one``), drop the cached view and bring every document's
    (and its tasks') ``validity`` field in the index up to date. Returns how many documents
    changed; never raises (the ingest has succeeded; the next sync repairs what this one could
    not write)."""
    if doc is not None:
        keep_from_path(ctx, doc)
    try:
        invalidate(ctx)
        changed = sync_validity(ctx, also=_own(doc, ext))
        return changed
    except Exception as exc:  # noqa: BLE001 - validity is derived; never fail an ingest for it
        log.warning("validity not updated after ingesting %s: %s", getattr(doc, "id", "?"), exc)
        return 0


def _own(doc: Any, ext: Any) -> tuple[str, list[str]] | None:
    return (doc.id, [t.id for t in ext.tasks]) if doc is not None and ext is not None else None


def sync_validity(ctx: Any, *, refresh: bool = True, also: tuple[str, list[str]] | None = None) -> int:
    """Write ``validity`` on every document and task whose indexed value differs from the
    corpus view's. One scan of the documents, one task lookup per changed document.

    ``also``: a document just written (id, task ids), which an unrefreshed index may not show
    to the scan yet; it was indexed as "unknown" and is set directly when it is not."""
    v = view(ctx)
    indexed = _scan(ctx, Collection.DOCUMENTS, (), ("id", "validity"))

    def wanted(doc_id: str) -> str:
        key = v.key_of(doc_id)
        return v.validity[key].status.value if key and key in v.validity else Status.UNKNOWN.value

    changed = {src["id"]: wanted(src["id"]) for src in indexed if src.get("validity") != wanted(src["id"])}
    task_ids: dict[str, list[str]] = {}
    if also is not None and also[0] not in changed and wanted(also[0]) != Status.UNKNOWN.value:
        changed[also[0]] = wanted(also[0])
        task_ids[also[0]] = also[1]
    if not changed:
        return 0
    ctx.search.update(Collection.DOCUMENTS, {i: {"validity": s} for i, s in changed.items()})
    for doc_id, status in changed.items():
        ids = task_ids.get(doc_id)
        if ids is None:
            ids = [t["id"] for t in _scan(ctx, Collection.TASKS, (Term("doc_id", (doc_id,)),), ("id",))]
            if also is not None and doc_id == also[0]:
                ids = sorted(set(ids) | set(also[1]))
        if ids:
            ctx.search.update(Collection.TASKS, {t: {"validity": status} for t in ids})
    if refresh:
        ctx.search.refresh()
    log.info("validity changed on %d documents", len(changed))
    return len(changed)


def _scan(ctx: Any, collection: Collection, filters: tuple[Any, ...], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    from search_api.search.model import SearchQuery, SortKey

    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        result = ctx.search.search(SearchQuery(collections=(collection,), filters=filters,
                                               sort=(SortKey("id"),), size=SCAN, cursor=cursor,
                                               include_fields=fields))
        out.extend(h.source for h in result.hits)
        if result.next is None or len(result.hits) < SCAN:
            return out
        cursor = result.next


# --------------------------------------------------------------------------- validity / relations


def doc_ref(v: CorpusView, key: str | None) -> dict[str, Any]:
    """How another document is shown: name ("Quyết định số 90/QĐ-UBND"), title, link target."""
    doc_id = v.by_key.get(key) if key else None
    d = v.docs.get(doc_id) if doc_id else None
    return {"key": key, "document_id": doc_id, "name": v.name(key),
            "title": (d.title if d else v.titles.get(key or "")) or None,
            "number": d.number if d else None, "doc_type": d.doc_type if d else v.cited_types.get(key or ""),
            "issued_date": (d.issued_date or "")[:10] or None if d else None,
            "validity": v.validity[key].status.value if key and key in v.validity else None}


def validity_out(v: CorpusView, key: str | None) -> dict[str, Any]:
    """``{status, label, explanation, by: [...]}`` for the API."""
    val: Validity | None = v.validity.get(key) if key else None
    if val is None:
        return {"status": Status.UNKNOWN.value, "label": "chưa xác định", "explanation": "chưa xác định", "by": []}
    labels = relation_labels()
    by = []
    for c in val.causes:
        ref = doc_ref(v, c.key)
        reporter = doc_ref(v, c.reported_by) if c.reported_by else None
        by.append({**{k: ref[k] for k in ("key", "document_id", "name", "title")},
                   "relation": c.relation.value, "label": labels[c.relation].text(inverse=True, partial=c.partial),
                   "partial": c.partial, "date": c.date.isoformat() if c.date else None,
                   "reported_by": reporter["key"] if reporter else None,
                   "reported_by_name": reporter["name"] if reporter else None,
                   "reported_by_document_id": reporter["document_id"] if reporter else None})
    return {"status": val.status.value, "label": val.label, "explanation": val.explanation, "by": by}


def relations_out(v: CorpusView, key: str | None, doc_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Outgoing (this document's own relation, forward label), incoming (the citing document's
    relation read from this side: "được thay thế bởi"), and reported relations between others
    ("theo văn bản này, X sửa đổi Y" / "theo Z, X sửa đổi văn bản này")."""
    labels = relation_labels()
    outgoing, incoming, reported = [], [], []
    for e in v.edges:
        if doc_id and e.citing_id == doc_id:
            outgoing.append({**doc_ref(v, e.cited_key), "relation": e.relation.value,
                             "label": labels[e.relation].text(partial=e.partial), "partial": e.partial,
                             "sentence": e.sentence, "mention": e.mention})
    seen_in: set[str] = set()
    for e in sorted((e for e in v.edges if key and e.cited_key == key and e.citing_id != doc_id),
                    key=lambda e: (v.docs[e.citing_id].issued_date or "", e.citing_id), reverse=True):
        if e.citing_id in seen_in:
            continue
        seen_in.add(e.citing_id)
        citing = v.docs[e.citing_id]
        ref = doc_ref(v, citing.key)
        incoming.append({**ref, "document_id": citing.id, "name": _doc_name(citing),
                         "title": citing.title, "number": citing.number, "doc_type": citing.doc_type,
                         "relation": e.relation.value,
                         "label": labels[e.relation].text(inverse=True, partial=e.partial),
                         "partial": e.partial, "sentence": e.sentence, "mention": e.mention})
    for r in v.reported:
        mine = doc_id is not None and r.reported_by_id == doc_id
        about = key is not None and key in (r.subject_key, r.object_key) and not mine
        if not (mine or about):
            continue
        subject = v.name(r.subject_key) if r.subject_key else "(văn bản không nêu số)"
        obj = v.name(r.object_key)
        reporter = v.docs[r.reported_by_id]
        by = "văn bản này" if mine else _doc_name(reporter)
        verb = labels[r.relation].text(partial=r.partial)
        reported.append({
            "reported_by": doc_ref(v, reporter.key) | {"document_id": reporter.id, "name": _doc_name(reporter)},
            "subject": doc_ref(v, r.subject_key) if r.subject_key else None,
            "object": doc_ref(v, r.object_key), "relation": r.relation.value, "label": verb,
            "partial": r.partial, "sentence": r.sentence, "text": f"theo {by}, {subject} {verb} {obj}"})
    return {"outgoing": outgoing, "incoming": incoming, "reported": reported}


def _doc_name(d: Any) -> str:
    if d.number:
        return f"{d.doc_type or 'Văn bản'} số {d.number}"
    return d.title or d.filename


def warning_for(status: str | None, name: str) -> str | None:
    """The warning a task of a document in this state carries on search results."""
    if status == Status.REPLACED.value:
        return f"{name} đã bị thay thế; nhiệm vụ có thể không còn hiệu lực"
    if status == Status.REPEALED.value:
        return f"{name} đã bị bãi bỏ; nhiệm vụ có thể không còn hiệu lực"
    if status == Status.EXPIRED.value:
        return f"{name} đã hết thời hạn"
    return None


# --------------------------------------------------------------------------- trace


def decisions(ctx: Any) -> DecisionStore:
    """The decisions table next to the edit log (opened once per edit log)."""
    log_ = ctx.edit_log
    where = f"{getattr(log_, 'backend', 'sqlite')}:{getattr(log_, 'url', None) or getattr(log_, 'path', '')}"
    with _LOCK:
        store = _DECISIONS.get(where)
        if store is None:
            store = _DECISIONS[where] = DecisionStore.for_log(log_)
        return store


def _tasks(ctx: Any, doc_id: str) -> tuple[list[TraceTask], dict[str, Any], dict[str, str]]:
    """Trace tasks, task texts/sections and abbreviations of a stored document (cached)."""
    k = (_root(ctx), doc_id)
    with _LOCK:
        hit = _TASKS.get(k)
    if hit is not None:
        return hit
    _, ext = ctx.store.load(doc_id)
    out = (tasks_of(ext), {t.id: t for t in ext.tasks}, dict(ext.abbreviations))
    with _LOCK:
        _TASKS[k] = out
    return out


def implementers(v: CorpusView, key: str) -> list[Edge]:
    """Corpus documents whose own relation to ``key`` is "triển khai, thực hiện", newest first."""
    seen: dict[str, Edge] = {}
    for e in v.edges:
        if e.cited_key == key and e.relation is Relation.IMPLEMENTS and e.citing_id not in seen:
            seen[e.citing_id] = e
    return sorted(seen.values(), key=lambda e: (v.docs[e.citing_id].issued_date or "", e.citing_id), reverse=True)


def implemented(v: CorpusView, doc_id: str) -> list[Edge]:
    """What ``doc_id`` itself implements, among the corpus's documents."""
    seen: dict[str, Edge] = {}
    for e in v.edges:
        if e.citing_id == doc_id and e.relation is Relation.IMPLEMENTS and e.cited_key in v.by_key:
            seen.setdefault(e.cited_key, e)
    return list(seen.values())


def _task_out(t: Any, doc_id: str, v: CorpusView) -> dict[str, Any]:
    d = v.docs.get(doc_id)
    return {"id": t.id, "text": t.text, "section": t.section, "owners": [o.name for o in t.owners],
            "document_id": doc_id, "document_name": _doc_name(d) if d else doc_id}


def pair_links(ctx: Any, v: CorpusView, up_id: str, down_id: str,
               decided: dict[tuple[str, str], Any]) -> list[dict[str, Any]]:
    """Suggested and decided links between an upstream and a downstream document."""
    up_tasks, up_by_id, up_abbr = _tasks(ctx, up_id)
    down_tasks, down_by_id, down_abbr = _tasks(ctx, down_id)
    down_doc = v.docs.get(down_id)
    found = match(up_tasks, down_tasks, abbreviations=up_abbr | down_abbr, upstream_key=v.key_of(up_id),
                  downstream_issuer=down_doc.issuer if down_doc else None)
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for x in found.links:
        links[(x.upstream, x.downstream)] = {"score": x.score, "words": list(x.words), "owners": list(x.owners),
                                              "refs": list(x.refs), "why": list(x.why), "suggested": True,
                                              "confidence": x.confidence, "confidence_label": x.confidence_label}
    for (u, d), dec in decided.items():
        if u in up_by_id and d in down_by_id and (u, d) not in links:
            links[(u, d)] = {"score": dec.score, "words": [], "owners": [], "refs": [], "why": [], "suggested": False,
                             "confidence": None, "confidence_label": None}
    out = []
    for (u, d), link in links.items():
        dec = decided.get((u, d))
        out.append({"upstream": _task_out(up_by_id[u], up_id, v), "downstream": _task_out(down_by_id[d], down_id, v),
                    **link, "decision": dec.decision if dec else None, "decided_by": dec.actor if dec else None,
                    "decided_at": dec.at if dec else None})
    order = {t.id: i for i, t in enumerate(up_tasks)}
    out.sort(key=lambda x: (order.get(x["upstream"]["id"], 0), -(x["score"] or 0)))
    return out


def coverage_out(v: CorpusView, up_id: str, up_tasks: list[TraceTask], by_id: dict[str, Any],
                 links: list[dict[str, Any]]) -> dict[str, Any]:
    covered = {x["upstream"]["id"] for x in links if x["decision"] != "rejected"}
    uncovered = [_task_out(by_id[t.id], up_id, v) for t in up_tasks if t.id not in covered]
    n = len(up_tasks)
    return {"covered": n - len(uncovered), "total": n,
            "text": f"{n - len(uncovered)} trên {n} nhiệm vụ có nhiệm vụ triển khai", "uncovered": uncovered}


def trace_out(ctx: Any, doc_id: str) -> dict[str, Any]:
    """The implementation trace of one corpus document: the tree of documents implementing it
    (through intermediate plans), per level the suggested task links and the coverage; and
    what this document itself implements, with its own tasks' links upward."""
    v = view(ctx)
    root = v.docs[doc_id]
    store = decisions(ctx)
    links: list[dict[str, Any]] = []
    visited = {doc_id}

    def node(d_id: str, relation: str | None, depth: int) -> dict[str, Any]:
        d = v.docs[d_id]
        out = {**doc_ref(v, d.key), "document_id": d_id, "name": _doc_name(d), "title": d.title,
               "issuer": d.issuer, "relation": relation, "children": [], "coverage": None}
        if depth >= MAX_DEPTH:
            return out
        kids = [e for e in implementers(v, d.key) if e.citing_id not in visited]
        if not kids:
            return out
        up_tasks, up_by_id, _ = _tasks(ctx, d_id)
        decided = store.latest(upstream_tasks=[t.id for t in up_tasks])
        level: list[dict[str, Any]] = []
        for e in kids:
            visited.add(e.citing_id)
            pair = pair_links(ctx, v, d_id, e.citing_id, decided)
            level += pair
            out["children"].append(node(e.citing_id, e.relation.value, depth + 1))
        links.extend(level)
        out["coverage"] = coverage_out(v, d_id, up_tasks, up_by_id, level)
        return out

    tree = node(doc_id, None, 0)
    own_tasks, own_by_id, _ = _tasks(ctx, doc_id)
    upward: list[dict[str, Any]] = []
    parents = []
    decided_up = store.latest(downstream_tasks=[t.id for t in own_tasks])
    for e in implemented(v, doc_id):
        parent_id = v.by_key[e.cited_key]
        if parent_id == doc_id:
            continue
        parents.append({**doc_ref(v, e.cited_key), "relation": e.relation.value,
                        "label": relation_labels()[e.relation].text(partial=e.partial)})
        pair = pair_links(ctx, v, parent_id, doc_id, decided_up)
        upward += pair
    empty = {"covered": 0, "total": len(own_tasks),
             "text": f"0 trên {len(own_tasks)} nhiệm vụ có nhiệm vụ triển khai",
             "uncovered": [_task_out(own_by_id[t.id], doc_id, v) for t in own_tasks]}
    return {"document": {**doc_ref(v, root.key), "document_id": doc_id, "name": _doc_name(root)},
            "validity": validity_out(v, root.key), "tree": tree, "links": links,
            "coverage": tree["coverage"] or empty, "implements": parents, "upstream_links": upward}


# --------------------------------------------------------------------------- route helpers


def document_extras(ctx: Any, doc_id: str) -> dict[str, Any]:
    """``validity`` and ``relations`` of a corpus document, for ``GET /documents/{id}``."""
    v = view(ctx)
    key = v.key_of(doc_id)
    return {"validity": validity_out(v, key), "relations": relations_out(v, key, doc_id)}


def citation_extras(ctx: Any, key: str, doc_id: str | None) -> dict[str, Any]:
    """``title``, ``validity`` and ``relations`` of a cited key, for ``GET /citations/{number}``."""
    v = view(ctx)
    return {"title": v.title(key), "validity": validity_out(v, key), "relations": relations_out(v, key, doc_id)}


def node_validity(ctx: Any, nodes: list[Any]) -> None:
    """Set ``validity`` (and a cited-only node's ``title``) on citation graph nodes, in place."""
    v = view(ctx)
    for n in nodes:
        key = n.key or v.key_of(n.id)
        val = v.validity.get(key) if key else None
        n.validity = val.status.value if val else Status.UNKNOWN.value
        if not n.in_corpus and key:
            n.title = v.titles.get(key)
