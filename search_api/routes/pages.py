"""Web pages (Vietnamese, server-rendered Jinja2, a little vanilla JS): search, task board,
task, document, citation graph, cited-only document, upload, and proper error pages.

Pages read the JSON API in-process (``pages_data.PageData``) so they show exactly what the API
returns; in-place edits (task status, notes) are made by the browser against the JSON API with
the user's editor key (``X-API-Key``). Page URLs are Vietnamese slugs so they never collide
with the API's paths:

    /                          search (q + facets in the URL)
    /nhiem-vu                  task board, grouped by owner or deadline
    /nhiem-vu/{task_id}        one task: details, status, notes, history
    /van-ban/{doc_id}          one document: metadata, marked-up text, cites / cited by
    /van-ban/{doc_id}/do-thi   citation graph around it (depth 1-2)
    /trich-dan/{number}        a cited document that is not in the corpus
    /tai-len                   upload a new document
    /static/{path}             CSS / JS of the pages
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from search_api.routes import pages_view as view
from search_api.routes.pages_data import ApiError, PageData, items_of

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE / "templates"
STATIC_DIR = PACKAGE / "static"

router = APIRouter(include_in_schema=False, tags=["pages"])
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals.update(
    status_label=view.status_label,
    relation_label=view.relation_label,
    format_date=view.format_date,
    deadline_text=view.deadline_text,
    owner_names=view.owner_names,
    url_with=view.url_with,
    seg=view.path_segment,
    highlight=view.highlight_fragment,
    STATUS_LABELS=view.STATUS_LABELS,
    FACETS=view.FACETS,
)

# Search parameters kept in the URL (and passed to GET /search as they are).
SEARCH_FILTERS: tuple[str, ...] = tuple(view.FACETS)
# Alternative names the API may use for a facet in its ``facets`` object.
FACET_ALIASES: dict[str, tuple[str, ...]] = {
    "owner": ("owner", "owners", "owner_key", "owner_keys"),
    "type": ("type", "document_type", "doc_type"),
    "issuer": ("issuer",),
    "year": ("year", "issue_year"),
    "status": ("status",),
    "overdue": ("overdue",),
}
PAGE_SIZE = 20


def _today() -> date:
    return date.today()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("today", _today())
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, err: ApiError, what: str = "") -> HTMLResponse:
    """A page for an API error: 404 unknown, 503 engine down, 4xx bad input, else 500."""
    if err.status == 404:
        title = "Không tìm thấy"
        message = what or "Không tìm thấy nội dung bạn yêu cầu."
    elif err.status in (502, 503, 504):
        title = "Hệ thống tìm kiếm tạm thời không hoạt động"
        message = ("Máy tìm kiếm (Elasticsearch) đang không phản hồi. Dữ liệu của bạn không bị mất; "
                   "vui lòng thử lại sau ít phút.")
    elif 400 <= err.status < 500:
        title = "Yêu cầu không hợp lệ"
        message = err.detail
    else:
        title = "Đã xảy ra lỗi"
        message = "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại."
    status = err.status if 400 <= err.status < 600 else 500
    return render(request, "error.html", status_code=status, title=title, message=message,
                  detail=err.detail if err.status not in (404,) else "", code=status)


# --- search -------------------------------------------------------------------------------


def _facet_buckets(raw: Any) -> list[dict[str, Any]]:
    """``[{"value", "label", "count"}]`` from a list of buckets or ``{"buckets": [...]}``."""
    if isinstance(raw, Mapping):
        raw = raw.get("buckets", raw.get("values", []))
    out = []
    for bucket in raw or []:
        if not isinstance(bucket, Mapping):
            continue
        value = bucket.get("key", bucket.get("value"))
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        label = bucket.get("label") or bucket.get("name") or value
        out.append({"value": str(value), "label": str(label),
                    "count": bucket.get("count", bucket.get("doc_count", 0))})
    return out


def facets_for_page(facets: Any, params: Mapping[str, str]) -> list[dict[str, Any]]:
    """The facets to show, in ``view.FACETS`` order, each with its buckets and links."""
    facets = facets if isinstance(facets, Mapping) else {}
    out = []
    for name, title in view.FACETS.items():
        raw = next((facets[a] for a in FACET_ALIASES[name] if a in facets), None)
        buckets = _facet_buckets(raw)
        current = params.get(name)
        for b in buckets:
            if name == "status":
                b["label"] = view.status_label(b["value"])
            elif name == "overdue":
                b["label"] = "quá hạn" if b["value"] in ("true", "1") else "chưa quá hạn"
            b["active"] = current == b["value"]
            b["href"] = view.url_with("/", params, **{name: None if b["active"] else b["value"],
                                                      "after": None})
        if buckets or current:
            out.append({"name": name, "title": title, "buckets": buckets, "current": current,
                        "clear": view.url_with("/", params, **{name: None, "after": None})})
    return out


def _hit_kind(hit: Mapping[str, Any]) -> str:
    kind = hit.get("kind") or hit.get("type") or hit.get("_kind")
    if kind in ("task", "document"):
        return kind
    return "task" if "owners" in hit or "deadline" in hit else "document"


def _hit_snippets(hit: Mapping[str, Any]) -> list[Markup]:
    hl = hit.get("highlight") or hit.get("highlights") or {}
    fragments: list[str] = []
    if isinstance(hl, Mapping):
        for value in hl.values():
            fragments.extend(value if isinstance(value, list) else [value])
    elif isinstance(hl, list):
        fragments.extend(hl)
    elif isinstance(hl, str):
        fragments.append(hl)
    seen, out = set(), []
    for frag in fragments:
        if isinstance(frag, str) and frag not in seen:
            seen.add(frag)
            out.append(view.highlight_fragment(frag))
    return out[:3]


@router.get("/", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    owner: str | None = None,
    type: str | None = None,  # noqa: A002 - the URL parameter is called "type"
    issuer: str | None = None,
    year: str | None = None,
    status: str | None = None,
    overdue: str | None = None,
    after: str | None = None,
) -> HTMLResponse:
    """Search page: one box; results as tasks and documents; facets narrow; all in the URL."""
    params = {"q": q.strip(), "owner": owner, "type": type, "issuer": issuer, "year": year,
              "status": status, "overdue": overdue}
    params = {k: v for k, v in params.items() if v}
    data = PageData(request)
    try:
        result = await data.search({**params, "size": PAGE_SIZE, "after": after})
    except ApiError as err:
        if err.status == 422:
            return render(request, "search.html", status_code=422, params=params, result=None,
                          hits=[], facets=[], error=err.detail, next_url=None)
        return error_page(request, err)
    hits = []
    for hit in items_of(result):
        hits.append({**hit, "_kind": _hit_kind(hit), "_snippets": _hit_snippets(hit),
                     "_overdue": view.is_overdue(hit, _today())})
    next_token = result.get("next")
    next_url = view.url_with("/", params, after=next_token) if next_token and hits else None
    return render(request, "search.html", params=params, result=result, hits=hits,
                  total=result.get("total", len(hits)), facets=facets_for_page(result.get("facets"), params),
                  next_url=next_url, error=None)


# --- task board and task page -------------------------------------------------------------

BOARD_FILTERS: tuple[str, ...] = ("owner", "status", "overdue", "doc_id", "q")


@router.get("/nhiem-vu", response_class=HTMLResponse)
async def task_board(
    request: Request,
    group: str = Query("deadline", pattern="^(deadline|owner)$"),
    owner: str | None = None,
    status: str | None = None,
    overdue: str | None = None,
    doc_id: str | None = None,
    q: str | None = None,
) -> HTMLResponse:
    """Task board for a secretariat: grouped by deadline or owner, status changed in place."""
    filters = {"owner": owner, "status": status, "overdue": overdue, "doc_id": doc_id, "q": q}
    filters = {k: v for k, v in filters.items() if v}
    try:
        tasks = await PageData(request).tasks({**filters, "size": 1000})
    except ApiError as err:
        return error_page(request, err)
    groups = view.group_tasks(tasks, group, _today())
    owners = sorted({n for t in tasks for n in view.owner_names(t)}, key=str.casefold)
    export_query = view.url_with("", filters).lstrip("?")
    return render(request, "board.html", groups=groups, group=group, filters=filters,
                  total=len(tasks), owners=owners, export_query=export_query)


@router.get("/nhiem-vu/{task_id}", response_class=HTMLResponse)
async def task_page(request: Request, task_id: str) -> HTMLResponse:
    """One task: what, who, by when, source, status change, notes and history."""
    data = PageData(request)
    try:
        task = await data.task(task_id)
    except ApiError as err:
        return error_page(request, err, f"Không có nhiệm vụ mã “{task_id}”.")
    try:
        history = await data.history(task_id)
    except ApiError:
        history = []
    notes = task.get("notes") or []
    return render(request, "task.html", task=task, history=history, notes=notes,
                  overdue=view.is_overdue(task, _today()))


# --- documents ------------------------------------------------------------------------------


def _ref_href(ref: Mapping[str, Any]) -> str:
    """Link of a reference: its document page when in the corpus, else its cited-only page."""
    target = ref.get("target_doc_id") or ref.get("doc_id") or ref.get("resolved_doc_id")
    if target:
        return f"/van-ban/{view.path_segment(str(target))}"
    key = ref.get("key") or ref.get("id") or ""
    return f"/trich-dan/{view.path_segment(str(key))}"


def _link_of_citation(item: Mapping[str, Any], side: str) -> dict[str, Any]:
    """A cites / cited-by row as ``{"href", "label", "relation", "title"}``."""
    doc_id = item.get(f"{side}_doc_id") or item.get("doc_id")
    number = item.get(f"{side}_number") or item.get(f"{side}_id") or item.get("number") or item.get("id")
    key = item.get(f"{side}_key") or item.get("key") or number
    title = item.get(f"{side}_title") or item.get("title") or item.get("mention") or ""
    doc_type = item.get(f"{side}_type") or item.get("doc_type") or item.get("document_type") or ""
    if doc_id:
        href = f"/van-ban/{view.path_segment(str(doc_id))}"
    elif key:
        href = f"/trich-dan/{view.path_segment(str(key))}"
    else:
        href = None
    return {"href": href, "label": " ".join(x for x in (str(doc_type), str(number or "")) if x).strip()
            or str(title), "title": title, "relation": item.get("relation"),
            "in_corpus": bool(doc_id)}


@router.get("/van-ban/{doc_id}", response_class=HTMLResponse)
async def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """Metadata, text with tasks and references marked in place, cites / cited-by lists."""
    data = PageData(request)
    try:
        doc = await data.document(doc_id)
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản mã “{doc_id}” trong kho.")
    tasks = doc.get("tasks")
    if not isinstance(tasks, list):
        try:
            tasks = await data.tasks({"doc_id": doc_id, "size": 1000})
        except ApiError:
            tasks = []
    references = [r for r in doc.get("references") or [] if isinstance(r, Mapping)]
    marks = view.task_marks(tasks) + view.reference_marks(references, _ref_href)
    text = doc.get("text") or ""
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), Mapping) else doc
    cites = [_link_of_citation(c, "cited") for c in doc.get("cites") or []]
    if not cites:
        cites = [{"href": _ref_href(r), "label": str(r.get("id") or ""), "title": r.get("mention"),
                  "relation": r.get("relation"), "in_corpus": bool(r.get("target_doc_id"))}
                 for r in references]
    cited_by = [_link_of_citation(c, "citing") for c in doc.get("cited_by") or []]
    task_info = {str(t.get("id")): {
        "id": t.get("id"), "owners": view.owner_names(t), "co_owners": view.owner_names(t, "co_owners"),
        "deadline": view.deadline_text(t), "status": view.status_label(t.get("status")),
        "section": t.get("section"), "href": f"/nhiem-vu/{view.path_segment(str(t.get('id')))}",
    } for t in tasks}
    return render(request, "document.html", doc=doc, meta=meta, tasks=tasks,
                  references=references, marked=view.mark_text(text, marks), cites=cites,
                  cited_by=cited_by, task_json=Markup(json.dumps(task_info, ensure_ascii=False)
                                                       .replace("</", "<\\/")))


def graph_for_page(graph: Mapping[str, Any], center: str) -> dict[str, Any]:
    """Nodes ``{id, label, type, href, center, depth}`` and edges ``{source, target, label}``."""
    nodes = []
    for node in graph.get("nodes") or []:
        if not isinstance(node, Mapping):
            continue
        nid = str(node.get("id") or node.get("key"))
        doc_id = node.get("doc_id") or (nid if node.get("in_corpus") else None)
        label = node.get("number") or node.get("label") or node.get("title") or nid
        href = (f"/van-ban/{view.path_segment(str(doc_id))}" if doc_id
                else f"/trich-dan/{view.path_segment(str(node.get('key') or nid))}")
        nodes.append({"id": nid, "label": str(label), "type": node.get("doc_type")
                      or node.get("document_type") or node.get("type") or "Khác",
                      "title": node.get("title") or "", "href": href,
                      "center": bool(node.get("center")) or nid == center or doc_id == center,
                      "depth": node.get("depth")})
    ids = {n["id"] for n in nodes}
    edges = []
    for edge in graph.get("edges") or graph.get("links") or []:
        if not isinstance(edge, Mapping):
            continue
        source, target = str(edge.get("source")), str(edge.get("target"))
        if source in ids and target in ids:
            edges.append({"source": source, "target": target,
                          "label": view.relation_label(edge.get("relation") or edge.get("label"))})
    return {"nodes": nodes, "edges": edges}


@router.get("/van-ban/{doc_id}/do-thi", response_class=HTMLResponse)
async def graph_page(request: Request, doc_id: str, depth: int = Query(1, ge=1, le=2)) -> HTMLResponse:
    """Citation graph around one document, drawn in SVG by static/graph.js."""
    data = PageData(request)
    try:
        doc = await data.document(doc_id)
        graph = await data.graph(doc_id, depth)
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản mã “{doc_id}” trong kho.")
    page_graph = graph_for_page(graph, doc_id)
    types = sorted({n["type"] for n in page_graph["nodes"]})
    return render(request, "graph.html", doc=doc, depth=depth, graph=page_graph, types=types,
                  graph_json=Markup(json.dumps(page_graph, ensure_ascii=False).replace("</", "<\\/")))


@router.get("/trich-dan/{number:path}", response_class=HTMLResponse)
async def cited_page(request: Request, number: str) -> HTMLResponse:
    """A document known only because others cite it: what it is and who cites it."""
    data = PageData(request)
    try:
        info = await data.citation(number)
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản nào trích dẫn “{number}”.")
    if isinstance(info, Mapping) and info.get("doc_id"):
        return RedirectResponse(f"/van-ban/{view.path_segment(str(info['doc_id']))}", status_code=303)
    citing = [_link_of_citation(c, "citing") for c in items_of(info) or
              (info.get("cited_by") if isinstance(info, Mapping) else []) or []]
    return render(request, "cited.html", number=number, info=info if isinstance(info, Mapping) else {},
                  citing=citing)


# --- upload ---------------------------------------------------------------------------------


@router.get("/tai-len", response_class=HTMLResponse)
async def upload_form(request: Request) -> HTMLResponse:
    return render(request, "upload.html", error=None, result=None)


@router.post("/tai-len", response_class=HTMLResponse)
async def upload_submit(request: Request, file: UploadFile = File(...)) -> Response:
    """Form fallback without JavaScript: forward to POST /documents and show the outcome."""
    content = await file.read()
    try:
        result = await PageData(request).upload(file.filename or "document", content, file.content_type)
    except ApiError as err:
        if err.status in (502, 503, 504):
            return error_page(request, err)
        return render(request, "upload.html", status_code=err.status, error=err, result=None)
    doc_id = result.get("id") or result.get("doc_id") if isinstance(result, Mapping) else None
    if doc_id:
        return RedirectResponse(f"/van-ban/{view.path_segment(str(doc_id))}", status_code=303)
    return render(request, "upload.html", error=None, result=result)


# --- static files ---------------------------------------------------------------------------


@router.get("/static/{path:path}")
async def static_file(path: str) -> Response:
    """CSS/JS of the pages (served here so the router needs no mount in ``main.py``)."""
    target = (STATIC_DIR / path).resolve()
    if STATIC_DIR not in target.parents or not target.is_file():
        return Response("Không tìm thấy", status_code=404, media_type="text/plain; charset=utf-8")
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media_type, headers={"cache-control": "public, max-age=300"})
