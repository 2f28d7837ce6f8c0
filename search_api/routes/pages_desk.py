"""Pages of the secretariat's desk: the register of units and a page per unit.

    /don-vi                     every unit with open / overdue / done counts; administrators merge
    /don-vi/{key}               one unit: open / overdue / done on time / done late, its tasks,
                                filters "sắp đến hạn" (7 days) and "quá hạn", its iCal feed;
                                administrators rename it or split some tasks off
    POST /don-vi/gop            merge (form; CSRF token of the session)
    POST /don-vi/{key}/doi-ten  rename
    POST /don-vi/{key}/tach     split

Data come from the JSON API in-process (``/units``, ``/tasks``), like every other page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.accounts.web import csrf_ok, request_session
from search_api.routes import pages_view as view
from search_api.routes.pages import error_page, render
from search_api.routes.pages_data import ApiError, PageData, items_of

router = APIRouter(include_in_schema=False, tags=["pages"])

UNIT_PAGE_SIZE = 50
FILTERS = {"sap-den-han": {"due_within": 7}, "qua-han": {"overdue": "true"}, "hoan-thanh": {"status": "done"}}
FILTER_LABELS = {"": "tất cả", "sap-den-han": "sắp đến hạn (7 ngày)", "qua-han": "quá hạn",
                 "hoan-thanh": "đã hoàn thành"}


def unit_href(key: str) -> str:
    return f"/don-vi/{view.path_segment(key)}"


@router.get("/don-vi", response_class=HTMLResponse)
async def units_page(request: Request, done: str | None = Query(None, max_length=300),
                     error: str | None = Query(None, max_length=300)) -> Response:
    data = PageData(request)
    try:
        body = await data.call("GET", "/units")
    except ApiError as err:
        return error_page(request, err)
    units = items_of(body)
    for unit in units:
        unit["href"] = unit_href(unit["key"])
    session = request_session(request)
    return render(request, "units.html", units=units, active="units", done=done, error=error,
                  is_admin=bool(session and session.user.is_admin))


@router.get("/don-vi/{key:path}", response_class=HTMLResponse)
async def unit_page(request: Request, key: str, loc: str = Query("", pattern="^(|sap-den-han|qua-han|hoan-thanh)$"),
                    offset: int = Query(0, ge=0, le=9950), done: str | None = Query(None, max_length=300),
                    error: str | None = Query(None, max_length=300)) -> Response:
    data = PageData(request)
    try:
        unit = await data.call("GET", f"/units/{view.path_segment(key)}/summary")
        params: list[tuple[str, Any]] = [("owner", k) for k in unit["keys"][:1]]
        params += [("role", "owner"), ("offset", offset), ("limit", UNIT_PAGE_SIZE)]
        params += list(FILTERS.get(loc, {}).items())
        # every key of the unit (aliases of a merge that documents still write)
        tasks_body: Mapping[str, Any] = await data.get("tasks", params=params)
        tasks = items_of(tasks_body)
        count = int(tasks_body.get("count", len(tasks)))
        for alias in unit["keys"][1:]:
            extra = await data.get("tasks", params=[("owner", alias), *params[1:]])
            tasks += items_of(extra)
            count += int(extra.get("count", 0))
    except ApiError as err:
        return error_page(request, err, f"Không có đơn vị “{key}” trong sổ đơn vị.")
    session = request_session(request)
    filters = [{"value": v, "label": lbl, "active": v == loc,
                "href": view.url_with(unit_href(unit["key"]), {}, loc=v or None)} for v, lbl in FILTER_LABELS.items()]
    next_url = (view.url_with(unit_href(unit["key"]), {"loc": loc}, offset=offset + UNIT_PAGE_SIZE)
                if offset + UNIT_PAGE_SIZE < count else None)
    prev_url = (view.url_with(unit_href(unit["key"]), {"loc": loc}, offset=max(0, offset - UNIT_PAGE_SIZE) or None)
                if offset else None)
    return render(request, "unit.html", unit=unit, tasks=tasks, count=count, filters=filters, loc=loc,
                  next_url=next_url, prev_url=prev_url, active="units", done=done, error=error,
                  calendar=f"/owners/{view.path_segment(unit['key'])}/calendar.ics",
                  is_admin=bool(session and session.user.is_admin))


def _refused(request: Request, csrf_token: str) -> str | None:
    session = request_session(request)
    if session is None:
        return "Cần đăng nhập bằng tài khoản quản trị."
    if not session.user.is_admin:
        return "Việc này cần vai trò quản trị."
    if not csrf_ok(session, csrf_token):
        return "Thiếu mã CSRF: tải lại trang rồi thử lại."
    return None


def _back(path: str, **msg: str) -> RedirectResponse:
    return RedirectResponse(view.url_with(path, {}, **msg), status_code=303)


def _changed_text(result: Mapping[str, Any], what: str) -> str:
    failed = result.get("failed") or []
    text = f"{what}: đã cập nhật {result.get('edited', 0)} nhiệm vụ."
    return text + (f" {len(failed)} nhiệm vụ chưa cập nhật được, vui lòng thử lại." if failed else "")


@router.post("/don-vi/gop")
async def merge_submit(request: Request) -> Response:
    form = await request.form()
    refused = _refused(request, str(form.get("csrf_token") or ""))
    if refused:
        return _back("/don-vi", error=refused)
    sources = [str(s) for s in form.getlist("source") if str(s)]
    target = str(form.get("target") or "")
    name = " ".join(str(form.get("name") or "").split()) or None
    sources = [s for s in sources if s != target]
    if not target or not sources:
        return _back("/don-vi", error="Chọn ít nhất hai đơn vị và đơn vị giữ lại.")
    try:
        result = await PageData(request).call("POST", "/units/merge",
                                              json={"sources": sources, "target": target, "name": name})
    except ApiError as err:
        return _back("/don-vi", error=f"Không gộp được ({err.status}).")
    return _back(unit_href(result["key"]), done=_changed_text(result, f"Đã gộp {len(sources) + 1} đơn vị"))


@router.post("/don-vi/{key:path}/doi-ten")
async def rename_submit(request: Request, key: str) -> Response:
    form = await request.form()
    refused = _refused(request, str(form.get("csrf_token") or ""))
    if refused:
        return _back(unit_href(key), error=refused)
    name = " ".join(str(form.get("name") or "").split())
    if not name:
        return _back(unit_href(key), error="Tên đơn vị không được để trống.")
    try:
        result = await PageData(request).call("POST", f"/units/{view.path_segment(key)}/rename", json={"name": name})
    except ApiError as err:
        return _back(unit_href(key), error=f"Không đổi tên được ({err.status}).")
    return _back(unit_href(result["key"]), done=_changed_text(result, "Đã đổi tên"))


@router.post("/don-vi/{key:path}/tach")
async def split_submit(request: Request, key: str) -> Response:
    form = await request.form()
    refused = _refused(request, str(form.get("csrf_token") or ""))
    if refused:
        return _back(unit_href(key), error=refused)
    name = " ".join(str(form.get("name") or "").split())
    task_ids = [str(t) for t in form.getlist("task") if str(t)]
    if not name or not task_ids:
        return _back(unit_href(key), error="Chọn các nhiệm vụ cần tách và nhập tên đơn vị mới.")
    try:
        result = await PageData(request).call("POST", f"/units/{view.path_segment(key)}/split",
                                              json={"task_ids": task_ids, "name": name})
    except ApiError as err:
        return _back(unit_href(key), error=f"Không tách được ({err.status}).")
    return _back(unit_href(result["key"]), done=_changed_text(result, f"Đã tách sang “{name}”"))


@router.get("/van-ban/{doc_id}/luu-tru", response_class=HTMLResponse)
async def archived_page(request: Request, doc_id: str) -> Response:
    """A superseded version, still readable: its text with its tasks marked, and a link to the
    version in force (stale tasks link here)."""
    data = PageData(request)
    try:
        version = await data.get_object("version", doc_id=doc_id)
    except ApiError as err:
        return error_page(request, err, f"Không có phiên bản văn bản mã “{doc_id}”.")
    if not version.get("archived"):
        return RedirectResponse(unit_href_doc(doc_id), status_code=303)
    text = str(version.get("text") or "")
    marked = view.mark_text(text, view.task_marks(version.get("tasks") or []))
    current = version.get("current")
    return render(request, "archived.html", version=version, meta=version.get("metadata") or {}, marked=marked,
                  current_href=unit_href_doc(current) if current else None)


def unit_href_doc(doc_id: str) -> str:
    return f"/van-ban/{view.path_segment(doc_id)}"
