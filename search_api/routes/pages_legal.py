"""Legal-team pages (issue 17): ``/van-ban/{doc_id}/trien-khai``, the implementation trace of a
document: the tree of documents implementing it, per instruction the suggested implementing
tasks (score, matched words) an editor confirms or rejects (static/trace.js), the coverage, and
what the document itself implements; and ``/van-ban/{doc_id}/ban-goc``, the original file. Both
read the API like every page does (``pages_data.PageData``)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from search_api.routes import pages_view as view
from search_api.routes.pages import error_page, render
from search_api.routes.pages_data import ApiError, PageData

router = APIRouter(include_in_schema=False, tags=["pages"])


def anchor(task_id: str) -> str:
    """A stable HTML id for a task (task ids hold spaces and colons)."""
    return "t-" + hashlib.sha1(task_id.encode("utf-8")).hexdigest()[:12]


def trace_href(doc_id: str, task_id: str | None = None) -> str:
    href = f"/van-ban/{view.path_segment(doc_id)}/trien-khai"
    return f"{href}#{anchor(task_id)}" if task_id else href


def _task(t: Mapping[str, Any]) -> dict[str, Any]:
    return {**t, "anchor": anchor(str(t["id"])), "href": f"/nhiem-vu/{view.path_segment(str(t['id']))}",
            "trace_href": trace_href(str(t["document_id"]), str(t["id"]))}


def group_links(links: list[Mapping[str, Any]], side: str) -> list[dict[str, Any]]:
    """Links grouped by their ``side`` task ("upstream": one group per instruction, its
    implementing tasks inside; "downstream": one group per own task, what it implements)."""
    other = "downstream" if side == "upstream" else "upstream"
    groups: dict[str, dict[str, Any]] = {}
    for x in links:
        key = str(x[side]["id"])
        g = groups.setdefault(key, {"task": _task(x[side]), "links": []})
        g["links"].append({**x, "other": _task(x[other]), "words": list(x.get("words") or [])})
    return list(groups.values())


def flatten_tree(node: Mapping[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    """The tree as rows with their depth (drawn as nested, indented items)."""
    rows = [{**node, "depth": depth, "href": f"/van-ban/{view.path_segment(str(node['document_id']))}",
             "trace_href": trace_href(str(node["document_id"]))}]
    for child in node.get("children") or []:
        rows += flatten_tree(child, depth + 1)
    return rows


@router.get("/van-ban/{doc_id}/trien-khai", response_class=HTMLResponse)
async def trace_page(request: Request, doc_id: str) -> HTMLResponse:
    data = PageData(request)
    try:
        trace = await data.call("GET", f"/documents/{view.path_segment(doc_id)}/trace")
    except ApiError as err:
        return error_page(request, err, f"Không có văn bản mã “{doc_id}” trong kho.")
    uncovered = [_task(t) for t in (trace.get("coverage") or {}).get("uncovered") or []]
    return render(request, "trace.html", trace=trace, doc=trace["document"], tree=trace["tree"],
                  rows=flatten_tree(trace["tree"]), groups=group_links(trace.get("links") or [], "upstream"),
                  uncovered=uncovered, upward=group_links(trace.get("upstream_links") or [], "downstream"),
                  implements=trace.get("implements") or [],
                  validity=trace.get("validity") or {})


@router.get("/van-ban/{doc_id}/ban-goc")
async def original_download(request: Request, doc_id: str) -> Response:
    """The original file through the page's own credentials (API key cookie or session), so the
    download works when reading needs a key; ``GET /documents/{id}/original`` underneath."""
    data = PageData(request)
    async with data._client() as client:
        resp = await client.get(f"/documents/{view.path_segment(doc_id)}/original",
                                headers={"accept": "*/*"})
    if resp.status_code >= 400:
        try:
            body: Any = resp.json()
        except ValueError:
            body = resp.text
        detail = body.get("detail", "") if isinstance(body, Mapping) else str(body)
        return error_page(request, ApiError(resp.status_code, "Không tải được tệp gốc", detail, body),
                          "Không có tệp gốc của văn bản này (văn bản được nạp trước khi hệ thống lưu tệp gốc).")
    keep = {k: v for k, v in resp.headers.items() if k in ("content-type", "content-disposition", "cache-control")}
    return Response(resp.content, status_code=200, headers=keep)


def _register_globals() -> None:
    from search_api.legal.search import label
    from search_api.routes.pages import templates

    templates.env.globals.update(validity_label=label, trace_href=trace_href)


_register_globals()
