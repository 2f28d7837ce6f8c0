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
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from search_api.accounts.web import page_csrf, request_session
from search_api.errors import RETRY_AFTER_SECONDS, IndexRepairingProblem
from search_api.routes import pages_view as view
from search_api.routes.pages_data import ApiError, PageData, items_of

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE / "templates"
STATIC_DIR = PACKAGE / "static"
UPLOAD_ERRORS = PACKAGE / "data" / "upload_errors.json"

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
    timeliness_text=view.timeliness_text,
    timeliness_class=view.timeliness_class,
    format_datetime=view.format_datetime,
    current_user=lambda request: (s.user if (s := request_session(request)) else None),
    csrf_token=page_csrf,
)

# Search parameters kept in the URL (and passed to GET /search as they are).
SEARCH_FILTERS: tuple[str, ...] = tuple(view.FACETS)
# Alternative names the API may use for a facet in its ``facets`` object.
FACET_ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("kind",),
    "owner": ("owner", "owners", "owner_key", "owner_keys"),
    "doc_type": ("document_type", "doc_type", "type"),
    "issuer": ("issuer",),
    "year": ("year", "issue_year"),
    "status": ("status",),
    "overdue": ("overdue",),
    "validity": ("validity",),
}
PAGE_SIZE = 20
MAX_QUERY = 500  # GET /search's limit on q


def page_today(request: Request) -> date:
    """The app's clock (``Context.today``, which tests set), the system date without a context."""
    ctx = getattr(request.app.state, "ctx", None)
    return ctx.today() if ctx is not None else date.today()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("today", page_today(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, err: ApiError, what: str = "") -> HTMLResponse:
    """A page for an API error: 404 unknown, 503 engine down, 4xx bad input, else 500; a 401
    (reading needs sign-in or a key) sends the person to the sign-in page and back."""
    if err.status == 401 and request.method == "GET":
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(view.url_with("/dang-nhap", {}, next=back), status_code=303)  # type: ignore[return-value]
    if err.status == 404:
        title = "Không tìm thấy"
        message = what or "Không tìm thấy nội dung bạn yêu cầu."
    elif err.status == 503 and repairing(err):
        title = "Chỉ mục tìm kiếm đang được kiểm tra lại"
        message = ("Máy tìm kiếm vừa khởi động lại: chỉ mục đang được kiểm tra lại từ thư mục dữ liệu "
                   "trước khi trả lời. Dữ liệu đã ghi không bị mất; vui lòng tải lại trang sau vài giây.")
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
    page = render(request, "error.html", status_code=status, title=title, message=message,
                  detail=err.detail if err.status not in (404,) else "", code=status)
    if status == 503 and repairing(err):
        page.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return page


def repairing(err: ApiError) -> bool:
    """The API refused because the index is being verified after an engine restart."""
    return isinstance(err.body, Mapping) and err.body.get("code") == IndexRepairingProblem.code


def not_found_page(request: Request) -> HTMLResponse:
    """The HTML 404 page for a path that exists neither as a page nor as an API endpoint."""
    return error_page(request, ApiError(404, "Not found", request.url.path),
                      "Trang bạn tìm không tồn tại. Có thể đường dẫn đã bị gõ sai hoặc đã thay đổi.")


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
        if name == "overdue" and not buckets:  # no aggregation for it: a plain toggle
            buckets = [{"value": "true", "label": "quá hạn", "count": None}]
        current = params.get(name)
        for b in buckets:
            if name == "status":
                b["label"] = view.status_label(b["value"])
            elif name == "kind":
                b["label"] = view.KIND_LABELS.get(b["value"], b["value"])
            elif name == "overdue":
                b["label"] = "quá hạn" if b["value"] in ("true", "1") else "chưa quá hạn"
            b["active"] = current == b["value"]
            b["href"] = view.url_with("/", params, **{name: None if b["active"] else b["value"]})
        if buckets or current:
            out.append({"name": name, "title": title, "buckets": buckets, "current": current,
                        "clear_href": view.url_with("/", params, **{name: None})})
    return out


def _hit_kind(hit: Mapping[str, Any]) -> str:
    kind = hit.get("kind") or hit.get("type") or hit.get("_kind")
    if kind in ("task", "document"):
        return kind
    return "task" if "owners" in hit or "deadline" in hit else "document"


def _fragments(hit: Mapping[str, Any]) -> list[str]:
    hl = hit.get("highlight") or hit.get("highlights") or {}
    fragments: list[str] = []
    if isinstance(hl, Mapping):
        for value in hl.values():
            fragments.extend(value if isinstance(value, list) else [value])
    elif isinstance(hl, list):
        fragments.extend(hl)
    elif isinstance(hl, str):
        fragments.append(hl)
    return [f for f in fragments if isinstance(f, str)]


def _hit_snippets(hit: Mapping[str, Any]) -> list[Markup]:
    seen, out = set(), []
    for frag in _fragments(hit):
        if frag not in seen:
            seen.add(frag)
            out.append(view.highlight_fragment(frag))
    return out[:3]


def active_filters(facets: list[dict[str, Any]], params: Mapping[str, str]) -> list[dict[str, str]]:
    """Chips for the filters in force: ``{"title", "label", "clear"}`` (label from the facet)."""
    labels = {(f["name"], b["value"]): b["label"] for f in facets for b in f["buckets"]}
    out = []
    for name, title in view.FACETS.items():
        value = params.get(name)
        if value:
            label = labels.get((name, value)) or (view.status_label(value) if name == "status" else value)
            out.append({"name": name, "title": title, "label": label,
                        "clear_href": view.url_with("/", params, **{name: None})})
    return out


@router.get("/", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: str = Query("", max_length=20000),  # longer than the API's 500: said on the page, not as JSON
    kind: str | None = None,
    owner: str | None = None,
    doc_type: str | None = None,
    issuer: str | None = None,
    year: str | None = None,
    status: str | None = None,
    overdue: str | None = None,
    validity: str | None = None,
    as_words: str | None = None,
    cursor: str | None = Query(None, max_length=2000),
) -> HTMLResponse:
    """Search page: one box; results as tasks and documents; facets narrow; all in the URL.

    The URL's parameters are GET /search's own, so ``/?q=thads&owner=...`` and
    ``/search?q=thads&owner=...`` show the same results.
    """
    params = {"q": q.strip(), "kind": kind, "owner": owner, "doc_type": doc_type, "issuer": issuer,
              "year": year, "status": status, "overdue": overdue, "validity": validity,
              "as_words": "1" if as_words in ("1", "true") else None}  # the undo of an owner reading
    params = {k: v for k, v in params.items() if v}
    if len(params.get("q", "")) > MAX_QUERY:
        return render(request, "search.html", status_code=422, params={**params, "q": params["q"][:MAX_QUERY]},
                      result={}, hits=[], facets=[], chips=[], total=0, next_url=None,
                      error=f"Từ khóa quá dài: tối đa {MAX_QUERY} ký tự.")
    data = PageData(request)
    try:
        result = await data.search({**params, "size": PAGE_SIZE, "cursor": cursor,
                                    "facets": "false" if cursor else "true"})
    except ApiError as err:
        if err.status in (400, 422):
            return render(request, "search.html", status_code=err.status, params=params, result={},
                          hits=[], facets=[], chips=[], total=0, error=err.detail, next_url=None)
        return error_page(request, err)
    today = page_today(request)
    hits = []
    for hit in items_of(result):
        hits.append({**hit, "doc_id": hit.get("doc_id") or hit.get("document_id"),
                     "_kind": _hit_kind(hit), "_snippets": _hit_snippets(hit),
                     "_marked": view.highlight_text(str(hit.get("text") or ""),
                                                    view.marked_terms(_fragments(hit))),
                     "_overdue": view.is_overdue(hit, today)})
    next_token = result.get("next")
    next_url = view.url_with("/", params, cursor=next_token) if next_token and hits else None
    facets = facets_for_page(result.get("facets"), params)
    reading = result.get("interpretation") or {}
    as_words_url = view.url_with("/", params, as_words="1", cursor=None) if reading.get("owner") else None
    return render(request, "search.html", params=params, result=result, hits=hits,
                  total=result.get("total", len(hits)), facets=facets,
                  chips=active_filters(facets, params), next_url=next_url, error=None,
                  reading=reading, as_words_url=as_words_url)


# --- task board and task page -------------------------------------------------------------

BOARD_PAGE = 50  # tasks on one page of the board
BOARD_PAGE_MAX = 200
BOARD_SORTS = {"deadline": "thời hạn", "unit": "đơn vị", "document": "văn bản"}


def board_pages(total: int, offset: int, per_page: int, base: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The pager of the board: first/last shown, links to the previous and next pages."""
    prev_offset = max(0, offset - per_page)
    return {
        "first": offset + 1 if total else 0, "last": min(total, offset + per_page), "total": total,
        "page": offset // per_page + 1, "pages": max(1, -(-total // per_page)),
        "prev": view.url_with(base, params, offset=prev_offset or None) if offset > 0 else None,
        "next": view.url_with(base, params, offset=offset + per_page) if offset + per_page < total else None,
    }


@router.get("/nhiem-vu", response_class=HTMLResponse)
async def task_board(
    request: Request,
    group: str = Query("deadline", pattern="^(deadline|owner)$"),
    owner: str | None = None,
    status: str | None = None,
    overdue: str | None = None,
    document: str | None = None,
    q: str | None = Query(None, max_length=500),
    sort: str = Query("deadline", pattern="^(deadline|unit|document)$"),
    offset: int = Query(0, ge=0, le=9_999),
    per_page: int = Query(BOARD_PAGE, ge=1, le=BOARD_PAGE_MAX),
) -> HTMLResponse:
    """Task board for a secretariat: one page of tasks (50, with the total), sorted by deadline,
    unit or document, grouped by deadline or owner, status changed in place."""
    filters = {"owner": owner, "status": status, "overdue": overdue, "document": document, "q": q}
    filters = {k: v for k, v in filters.items() if v}
    data = PageData(request)
    try:
        body = await data.get("tasks", params={**filters, "sort": sort, "offset": offset,
                                               "limit": min(per_page, 10_000 - offset)})
        try:  # display names from the register of units
            units = items_of(await data.call("GET", "/units"))
        except ApiError:
            units = []
    except ApiError as err:
        if err.status in (400, 422):
            message = err.body.get("message_vi") if isinstance(err.body, Mapping) else None
            return render(request, "error.html", status_code=err.status, title="Bộ lọc không hợp lệ",
                          message=message or "Bộ lọc không hợp lệ.", detail="", code=err.status)
        return error_page(request, err)
    tasks = items_of(body)
    total = int(body.get("count", len(tasks))) if isinstance(body, Mapping) else len(tasks)
    counts = {str(b.get("key")): b.get("count") for b in ((body.get("facets") or {}).get("owners") or [])} \
        if isinstance(body, Mapping) else {}
    groups = view.group_tasks(tasks, group, page_today(request))
    if group == "owner" or sort != "deadline":  # keep the API's order (unit / document) in groups
        order = {str(t.get("id")): i for i, t in enumerate(tasks)}
        for g in groups:
            g.tasks.sort(key=lambda t: order.get(str(t.get("id")), 0))
    names = {u["key"]: u["name"] for u in units}
    for u in units:
        for k in u.get("keys") or []:
            names.setdefault(k, u["name"])
    owners = [{"value": u["key"], "label": u["name"], "count": u.get("total")} for u in units] or \
        [{"value": k, "label": names.get(k, k), "count": c} for k, c in counts.items()]
    keep = {**filters, "group": group if group != "deadline" else None, "sort": sort if sort != "deadline" else None,
            "per_page": per_page if per_page != BOARD_PAGE else None}
    export_query = view.url_with("", filters).lstrip("?")
    calendar = (f"/owners/{view.path_segment(owner)}/calendar.ics" if owner else
                "/exports/calendar.ics" + (f"?{export_query}" if export_query else ""))
    return render(request, "board.html", groups=groups, group=group, filters=filters, sort=sort,
                  sorts=BOARD_SORTS, total=total, shown=len(tasks), owners=owners, export_query=export_query,
                  pager=board_pages(total, offset, per_page, "/nhiem-vu", keep), calendar=calendar,
                  active="board")


@router.get("/nhiem-vu/{task_id}", response_class=HTMLResponse)
async def task_page(request: Request, task_id: str) -> HTMLResponse:
    """One task: what, who, by when, source, status change, notes and history."""
    data = PageData(request)
    try:
        task = await data.task(task_id)
    except ApiError as err:
        return error_page(request, err, f"Không có nhiệm vụ mã “{task_id}”.")
    try:
        history = view.history_entries(await data.history(task_id))
    except ApiError:
        history = []
    notes = task.get("notes") or []
    try:  # the register of units feeds the owners' autocomplete
        units = items_of(await data.call("GET", "/units"))
    except ApiError:
        units = []
    return render(request, "task.html", task=task, history=history, notes=notes, units=units,
                  overdue=view.is_overdue(task, page_today(request)))


# --- documents ------------------------------------------------------------------------------


def _ref_href(ref: Mapping[str, Any]) -> str:
    """Link of a reference: its document page when in the corpus, else its cited-only page."""
    target = ref.get("document_id") or ref.get("cited_document_id")
    if target:
        return f"/van-ban/{view.path_segment(str(target))}"
    key = ref.get("key") or ref.get("cited_key") or ref.get("id") or ""
    return f"/trich-dan/{view.path_segment(str(key))}"


def _citing_link(edge: Mapping[str, Any]) -> dict[str, Any]:
    """A "cited by" row from a CitationEdge: the citing document's page."""
    doc_id = edge.get("citing_id") or edge.get("citing_doc_id")
    label = edge.get("citing_number") or edge.get("citing_title") or doc_id or ""
    return {"href": f"/van-ban/{view.path_segment(str(doc_id))}" if doc_id else None,
            "label": str(label), "title": edge.get("citing_title") or "",
            "relation": edge.get("relation"), "sentence": edge.get("sentence") or "", "in_corpus": True}


def _cites_link(ref: Mapping[str, Any]) -> dict[str, Any]:
    """A "cites" row from a ReferenceOut: the cited document's page or its cited-only page."""
    label = " ".join(x for x in (ref.get("doc_type") if ref.get("numbered") is not False else None,
                                 ref.get("id")) if x)
    return {"href": _ref_href(ref), "label": label or str(ref.get("key", "")),
            "title": ref.get("mention") or "", "relation": ref.get("relation"),
            "sentence": ref.get("sentence") or "", "in_corpus": bool(ref.get("document_id"))}


@router.get("/van-ban/{doc_id}", response_class=HTMLResponse)
async def document_page(request: Request, doc_id: str) -> Response:
    """Metadata, text with tasks and references marked in place, cites / cited-by lists.

    The id of a superseded version redirects to the version in force (its archived text stays
    readable at ``/van-ban/{id}/luu-tru``)."""
    data = PageData(request)
    try:
        doc = await data.document(doc_id)
    except ApiError as err:
        if err.status == 404:
            moved = await _moved_version(data, doc_id)
            if moved is not None:
                return moved
        return error_page(request, err, f"Không có văn bản mã “{doc_id}” trong kho.")
    text = str(doc.get("text") or "")
    tasks = [t for t in doc.get("tasks") or [] if isinstance(t, Mapping)]
    references = [r for r in doc.get("references") or [] if isinstance(r, Mapping)]
    task_marks = view.task_marks(tasks)
    marks = task_marks + view.reference_marks(references, _ref_href)
    marked_ids = {m.ident for m in task_marks}
    cites = [_cites_link(r) for r in references]
    cited_by = [_citing_link(c) for c in doc.get("cited_by") or []]
    task_info = {str(t.get("id")): {
        "id": t.get("id"), "owners": view.owner_names(t), "co_owners": view.owner_names(t, "co_owners"),
        "deadline": view.deadline_text(t), "status": view.status_label(t.get("status")),
        "overdue": bool(t.get("overdue")), "section": t.get("section"), "assignee": t.get("assignee"),
        "timeliness": view.timeliness_text(t, page_today(request)),
        "timeliness_class": view.timeliness_class(t, page_today(request)),
        "href": f"/nhiem-vu/{view.path_segment(str(t.get('id')))}",
    } for t in tasks}
    meta = {"doc_type": doc.get("doc_type"), "number": doc.get("number"), "title": doc.get("title"),
            "issuer": doc.get("issuer"), "issued_date": doc.get("issued_date"), "place": doc.get("place"),
            "signer": doc.get("signer"), "signer_title": doc.get("signer_title"),
            "filename": doc.get("filename")}
    return render(request, "document.html", doc=doc, meta=meta, tasks=tasks, text=text,
                  references=references, marked=view.mark_text(text, marks), cites=cites,
                  cited_by=cited_by, unmarked=[t for t in tasks if str(t.get("id", "")) not in marked_ids],
                  task_json=_json_script(task_info))


async def _moved_version(data: PageData, doc_id: str) -> Response | None:
    """Where an old document link goes: the current version, else its archived page."""
    try:
        version = await data.get_object("version", doc_id=doc_id)
    except ApiError:
        return None
    current = version.get("current")
    if current and current != doc_id:
        return RedirectResponse(f"/van-ban/{view.path_segment(str(current))}?phien-ban-cu={view.path_segment(doc_id)}",
                                status_code=301)
    if version.get("archived"):
        return RedirectResponse(f"/van-ban/{view.path_segment(doc_id)}/luu-tru", status_code=303)
    return None


def _json_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))


def local_graph(graph: Mapping[str, Any], center: str, depth: int) -> dict[str, Any]:
    """The part of a citation graph within ``depth`` steps of ``center`` (either direction)."""
    edges = [e for e in graph.get("edges") or [] if isinstance(e, Mapping)]
    keep, frontier = {center}, {center}
    for _ in range(depth):
        nxt = set()
        for e in edges:
            s, t = str(e.get("source")), str(e.get("target"))
            if s in frontier and t not in keep:
                nxt.add(t)
            if t in frontier and s not in keep:
                nxt.add(s)
        keep |= nxt
        frontier = nxt
    nodes = [n for n in graph.get("nodes") or [] if isinstance(n, Mapping) and str(n.get("id")) in keep]
    return {"nodes": nodes, "edges": [e for e in edges if str(e.get("source")) in keep
                                      and str(e.get("target")) in keep]}


def graph_for_page(graph: Mapping[str, Any], center: str) -> dict[str, Any]:
    """Nodes ``{id, label, type, href, center}`` and edges ``{source, target, label}``."""
    nodes = []
    for node in graph.get("nodes") or []:
        if not isinstance(node, Mapping):
            continue
        nid = str(node.get("id") or node.get("key"))
        in_corpus = node.get("in_corpus", True)
        href = (f"/van-ban/{view.path_segment(nid)}" if in_corpus
                else f"/trich-dan/{view.path_segment(str(node.get('key') or nid))}")
        nodes.append({"id": nid, "label": str(node.get("label") or node.get("number") or nid),
                      "type": node.get("doc_type") or "Khác", "href": href, "in_corpus": bool(in_corpus),
                      "center": nid == center, "validity": node.get("validity"), "title": node.get("title")})
    ids = {n["id"] for n in nodes}
    edges = []
    for edge in graph.get("edges") or []:
        if not isinstance(edge, Mapping):
            continue
        source, target = str(edge.get("source")), str(edge.get("target"))
        if source in ids and target in ids:
            edges.append({"source": source, "target": target, "relation": edge.get("relation"),
                          "label": view.relation_label(edge.get("relation"))})
    return {"nodes": nodes, "edges": edges}


@router.get("/van-ban/{doc_id}/do-thi", response_class=HTMLResponse)
async def graph_page(request: Request, doc_id: str, depth: int = Query(1, ge=1, le=2)) -> HTMLResponse:
    """Citation graph around one document (depth 1-2), drawn in SVG by static/graph.js.

    Numbered documents use ``/citations/{number}?depth=``; documents without a number (news
    reports) are cut out of the whole graph (``/citations/graph``).
    """
    data = PageData(request)
    try:
        doc = await data.document(doc_id)
        raw: Mapping[str, Any] | None = None
        if doc.get("number"):
            try:
                raw = await data.get("citation", params={"depth": depth}, number=str(doc["number"]))
            except ApiError as err:
                if err.status != 404:
                    raise
        if raw is None or not any(str(n.get("id")) == doc_id for n in raw.get("nodes") or []):
            raw = local_graph(await data.get("graph"), doc_id, depth)
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản mã “{doc_id}” trong kho.")
    page_graph = graph_for_page(raw, doc_id)
    if not any(n["center"] for n in page_graph["nodes"]):
        page_graph["nodes"].insert(0, {"id": doc_id, "label": str(doc.get("number") or doc.get("title") or doc_id),
                                       "type": doc.get("doc_type") or "Khác", "in_corpus": True,
                                       "href": f"/van-ban/{view.path_segment(doc_id)}", "center": True})
    return render(request, "graph.html", doc=doc, depth=depth, graph=page_graph,
                  graph_json=_json_script(page_graph))


@router.get("/trich-dan/{number:path}", response_class=HTMLResponse)
async def cited_page(request: Request, number: str) -> HTMLResponse:
    """A document known only because others cite it: what it is and who cites it."""
    try:
        info = await PageData(request).citation(number)
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản nào trong kho trích dẫn “{number}”.")
    document = info.get("document") if isinstance(info, Mapping) else None
    if isinstance(document, Mapping) and document.get("id"):
        return RedirectResponse(f"/van-ban/{view.path_segment(str(document['id']))}", status_code=303)
    edges = [e for e in info.get("cited_by") or [] if isinstance(e, Mapping)]
    first = edges[0] if edges else {}
    return render(request, "cited.html", number=first.get("cited_id") or number, info=info,
                  citing=[_citing_link(e) for e in edges], mention=first.get("mention") or "")


# --- upload ---------------------------------------------------------------------------------


@cache
def upload_messages() -> dict[str, str]:
    """Vietnamese explanations of refused uploads, by reader code or problem code."""
    data = json.loads(UPLOAD_ERRORS.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k != "#"}


def upload_message(err: ApiError) -> str:
    """What to tell the person for a refused upload (the API's detail is shown beside it)."""
    body = err.body if isinstance(err.body, Mapping) else {}
    messages = upload_messages()
    for key in (body.get("input_error"), body.get("code")):
        if isinstance(key, str) and key in messages:
            return messages[key]
    return "Hệ thống không xử lý được tệp này."


@router.get("/tai-len", response_class=HTMLResponse)
async def upload_form(request: Request) -> HTMLResponse:
    return render(request, "upload.html", error=None, result=None, messages=upload_messages())


@router.post("/tai-len", response_class=HTMLResponse)
async def upload_submit(request: Request, file: UploadFile = File(...)) -> Response:
    """Form fallback without JavaScript: forward to POST /documents and show the outcome."""
    content = await file.read()
    try:
        result = await PageData(request).upload(file.filename or "document", content, file.content_type)
    except ApiError as err:
        if err.status in (502, 503, 504):
            return error_page(request, err)
        return render(request, "upload.html", status_code=err.status, error=err, result=None,
                      message=upload_message(err), messages=upload_messages())
    doc_id = result.get("id") if isinstance(result, Mapping) else None
    if doc_id and result.get("status") == "unchanged":  # the same document, maybe another format
        return render(request, "upload.html", error=None, result=result, messages=upload_messages())
    if doc_id:
        return RedirectResponse(f"/van-ban/{view.path_segment(str(doc_id))}", status_code=303)
    return render(request, "upload.html", error=None, result=result, messages=upload_messages())


# --- static files ---------------------------------------------------------------------------


@router.get("/static/{path:path}")
async def static_file(path: str) -> Response:
    """CSS/JS of the pages (served here so the router needs no mount in ``main.py``)."""
    target = (STATIC_DIR / path).resolve()
    if STATIC_DIR not in target.parents or not target.is_file():
        return Response("Không tìm thấy", status_code=404, media_type="text/plain; charset=utf-8")
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media_type, headers={"cache-control": "public, max-age=300"})
