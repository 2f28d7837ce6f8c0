"""OpenAPI completeness: problem responses with examples, examples for the tracking answers and
downloads, and a description + example for every parameter.

Routes declare what they can answer with :func:`problems` (``responses=problems(404, 503)``) and
:func:`example` / :func:`download` for their 200; :func:`install` then makes ``/openapi.json``
carry the ``Problem`` schema and fills any parameter left without a description or an example
from :data:`PARAMETERS` (one table, shared by every route that uses the same name).

>>> app = create_app(settings); install(app)
>>> app.openapi()["paths"]["/tasks/{task_id}"]["patch"]["responses"]["409"]["content"]
{'application/problem+json': {'schema': {'$ref': '#/components/schemas/Problem'}, 'example': {...}}}
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from search_api.errors import PROBLEM
from search_api.exports import write_csv, write_ics
from search_api.schemas import Problem
from search_api.tracking.errors import PROBLEM_BASE as TRACKING_TYPE

TASK_ID = "9f2c1e0a7b3d4c5e-3.2-1a2b3c4d"

# status -> (description, example body)
PROBLEM_EXAMPLES: dict[int, tuple[str, dict[str, Any]]] = {
    401: ("No API key where one is required, or a key this server does not know", {
        "type": TRACKING_TYPE + "unauthorized", "title": "API key required", "status": 401,
        "detail": "Changing a task needs an API key with the editor role: send it in X-API-Key "
                  "or Authorization: Bearer.", "instance": f"/tasks/{TASK_ID}"}),
    403: ("The API key's role does not allow this change (reader key on a change)", {
        "type": TRACKING_TYPE + "forbidden", "title": "Not allowed for this API key", "status": 403,
        "detail": "API key 'staff' has the 'reader' role; changing a task needs the editor role.",
        "instance": f"/tasks/{TASK_ID}"}),
    404: ("Nothing with this id, number or key", {
        "type": "about:blank", "title": "Document not found", "status": 404,
        "detail": "no document with id 'does-not-exist'", "code": "E404-DOC",
        "instance": "/documents/does-not-exist"}),
    409: ("Someone else changed the task since the version you sent: reload and retry", {
        "type": TRACKING_TYPE + "version-conflict", "title": "The task was changed by someone else",
        "status": 409, "detail": f"Task '{TASK_ID}' is at version 4, not 3: reload it, reapply your "
                                 "change and send the new version in If-Match. Nothing was changed.",
        "instance": f"/tasks/{TASK_ID}", "task_id": TASK_ID, "expected_version": 3, "current_version": 4}),
    413: ("The file is larger than DIRECTIVES_MAX_UPLOAD_BYTES", {
        "type": "about:blank", "title": "File too large", "status": 413,
        "detail": "big.pdf: larger than the 20971520 byte limit", "code": "E413", "instance": "/documents"}),
    415: ("Not a .txt, .md, .pdf, .docx or .html file", {
        "type": "about:blank", "title": "Unsupported file type", "status": 415,
        "detail": "virus.exe: allowed types are .docx, .htm, .html, .md, .pdf, .txt", "code": "E415",
        "instance": "/documents"}),
    422: ("A parameter or the body is invalid (each field named in `errors`)", {
        "type": "about:blank", "title": "Invalid request", "status": 422,
        "detail": "size: Input should be less than or equal to 100", "code": "E422-VALIDATION",
        "instance": "/search", "errors": [{"field": "size", "in": "query",
                                           "detail": "Input should be less than or equal to 100"}]}),
    428: ("A change must say which version it is based on (If-Match or `version`)", {
        "type": TRACKING_TYPE + "version-required", "title": "Version required", "status": 428,
        "detail": f"Send the version you changed: If-Match: \"3\" (the ETag of GET /tasks/{TASK_ID}) "
                  "or \"version\": 3 in the body.", "instance": f"/tasks/{TASK_ID}"}),
    503: ("The search engine (or the edit log) is unreachable or overloaded; Retry-After is set", {
        "type": "about:blank", "title": "Search engine unavailable", "status": 503,
        "detail": "The search engine is unreachable; retry in a few seconds.", "code": "E503-ENGINE",
        "instance": "/search"}),
}

READ = (401, 422, 503)  # what any read can answer besides 200


def problems(*codes: int, **descriptions: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for these statuses: problem+json, the shared schema, an example.

    ``descriptions`` (``d404="No such task"``) replace the default description of a status.
    """
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        description, body = PROBLEM_EXAMPLES[code]
        out[code] = {"description": descriptions.get(f"d{code}", description),
                     "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"},
                                           "example": body}}}
    return out


def example(value: Any, description: str = "Successful Response") -> dict[int | str, dict[str, Any]]:
    """A 200 entry with a JSON example (the schema still comes from ``response_model``)."""
    return {200: {"description": description, "content": {"application/json": {"example": value}}}}


def download(media_type: str, sample: str, description: str) -> dict[int | str, dict[str, Any]]:
    """A 200 entry for a file answer (CSV, XLSX, iCalendar, GraphML)."""
    schema = {"type": "string", "format": "binary"} if "spreadsheet" in media_type else {"type": "string"}
    return {200: {"description": description, "content": {media_type: {"schema": schema, "example": sample}}}}


# --- examples of the tracking answers ------------------------------------------------------

TASK: dict[str, Any] = {
    "id": TASK_ID, "doc_id": "9f2c1e0a7b3d4c5e", "document_number": "196-KH/BCSĐ",
    "document_type": "Kế hoạch", "document_title": "Kế hoạch triển khai Quy định 132-QĐ/TW",
    "issuer": "Ban cán sự đảng Bộ Tư pháp", "issued_date": "2024-04-26", "issue_year": 2024,
    "section": "3.2", "text": "Tổng cục THADS chủ trì xây dựng Kế hoạch thu hồi tài sản, hoàn thành "
                              "trước ngày 15/9/2024.",
    "owners": ["Tổng cục THADS"], "owner_keys": ["tong-cuc-thi-hanh-an-dan-su"],
    "co_owners": ["Vụ Pháp chế"], "co_owner_keys": ["vu-phap-che"], "deadline": "2024-09-15",
    "deadline_text": "trước ngày 15/9/2024", "recurrence": None, "refs": ["132-QĐ/TW"],
    "status": "in_progress", "status_label": "đang thực hiện", "done_date": None, "timeliness": None,
    "overdue": False, "days_left": 106, "assignee": "Nguyễn Thị Lan", "version": 3, "stale": False,
    "updated_at": "2024-06-01T09:12:00+07:00", "updated_by": "secretariat",
    "notes": [{"at": "2024-06-01T09:12:00+07:00", "actor": "secretariat",
               "text": "Đã gửi dự thảo xin ý kiến các đơn vị."}],
    "evidence": [], "carried_from": None,
}
TASK_PAGE: dict[str, Any] = {
    "data": [TASK], "count": 1,
    "facets": {"owners": [{"key": "tong-cuc-thi-hanh-an-dan-su", "count": 1, "label": "Tổng cục THADS"}],
               "status": [{"key": "in_progress", "count": 1, "label": "đang thực hiện"}], "overdue": 0},
    "today": "2024-06-01",
}
HISTORY: dict[str, Any] = {"data": [
    {"task_id": TASK_ID, "version": 3, "at": "2024-06-01T09:12:00+07:00", "actor": "secretariat",
     "kind": "edit", "field": "status", "old": "not_started", "new": "in_progress"},
    {"task_id": TASK_ID, "version": 3, "at": "2024-06-01T09:12:00+07:00", "actor": "secretariat",
     "kind": "edit", "field": "note", "old": None, "new": "Đã gửi dự thảo xin ý kiến các đơn vị."},
], "count": 2}
OWNERS: dict[str, Any] = {"data": [
    {"key": "tong-cuc-thi-hanh-an-dan-su", "name": "Tổng cục THADS", "total": 14, "open": 9,
     "overdue": 2, "done": 5}], "count": 1, "today": "2024-06-01"}
PATCH_EXAMPLES: dict[str, dict[str, Any]] = {
    "status": {"summary": "Start work, name who does it",
               "value": {"version": 3, "status": "in_progress", "assignee": "Nguyễn Thị Lan"}},
    "done": {"summary": "Done, with evidence",
             "value": {"version": 4, "status": "done", "done_date": "2024-09-10",
                       "evidence": {"document_number": "123/BC-BTP", "note": "Báo cáo kết quả"}}},
    "reassign": {"summary": "New owners and deadline, with a note",
                 "value": {"version": 5, "owners": ["Vụ Pháp chế"], "deadline": "2024-12-31",
                           "note": "Điều chỉnh theo Thông báo kết luận của Lãnh đạo Bộ."}},
}
CSV_SAMPLE = write_csv([TASK]).decode("utf-8")
ICS_SAMPLE = write_ics([TASK], calendar_name="Thời hạn nhiệm vụ").decode("utf-8")
GRAPHML_SAMPLE = ('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                  '\n  <graph id="citations" edgedefault="directed">\n    <node id="9f2c1e0a7b3d4c5e">...</node>'
                  '\n    <edge id="e0" source="9f2c1e0a7b3d4c5e" target="04-CT/TW">...</edge>\n  </graph>\n</graphml>\n')

# --- parameters: description and example by name (filled in where a route left them out) ---

PARAMETERS: dict[str, tuple[str, Any]] = {
    "doc_id": ("Document id (from search hits or GET /documents)", "9f2c1e0a7b3d4c5e"),
    "task_id": ("Task id (from search hits or GET /tasks)", TASK_ID),
    "number": ("A cited document: its number written any usual way, or the name of a name-only "
               "reference (with or without accents)", "04-CT/TW"),
    "key": ("Owner key (see GET /owners)", "tong-cuc-thi-hanh-an-dan-su"),
    "if-match": ("The task version the change is based on: the ETag of GET /tasks/{task_id}", '"3"'),
    "q": ("Words, with or without accents; abbreviations expand (THADS)", "thu hoi tai san"),
    "owner": ("Owner canonical key (see GET /owners)", "tong-cuc-thi-hanh-an-dan-su"),
    "co_owner": ("Co-owner canonical key", "vu-phap-che"),
    "role": ("Which owner fields `owner` matches", "owner"),
    "doc_type": ("Document type", "Kế hoạch"),
    "issuer": ("Issuing body as written in the document", "Bộ Tư pháp"),
    "year": ("Issue year", 2024),
    "deadline_from": ("Deadline on or after this date (ISO)", "2024-06-01"),
    "deadline_to": ("Deadline on or before this date (ISO)", "2024-12-31"),
    "overdue": ("Deadline passed and not done", True),
    "status": ("not_started | in_progress | done | on_hold (repeat for several)", "in_progress"),
    "kind": ("Only tasks or only documents", "task"),
    "include_stale": ("Also tasks that vanished from a newer version", False),
    "facets": ("Return facet counts (costs an aggregation)", True),
    "sort": ("relevance | deadline | issued_date", "deadline"),
    "cursor": ("`next` from the previous page (opaque)", "eyJzIjoicmVsZXZhbmNlIiwidiI6WzEyLjUsMCwiYSJdfQ"),
    "size": ("Page size", 20),
    "offset": ("Items to skip", 0),
    "limit": ("Page size", 50),
    "due_within": ("Open tasks due in the next N days", 30),
    "document": ("Document id or number", "196-KH/BCSĐ"),
    "assignee": ("The person a task was handed to (as recorded)", "Nguyễn Thị Lan"),
    "stale": ("Tasks gone from a newer version of their document", False),
    "depth": ("Walk citations this many steps both ways", 2),
    "format": ("json (default) or graphml", "graphml"),
    "numbered_only": ("Only numbered documents (skip name-only laws)", True),
    "include_done": ("Also list done tasks", False),
}


def _fill_parameter(param: dict[str, Any]) -> None:
    description, value = PARAMETERS.get(param["name"].lower(), (None, None))
    schema = param.get("schema") or {}
    if not param.get("description") and not schema.get("description") and description:
        param["description"] = description
    if not (param.get("example") is not None or param.get("examples") or schema.get("examples")) and value is not None:
        param["example"] = value


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """``app.openapi()`` with the Problem schema and every parameter described and exemplified."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description,
                       routes=app.routes)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}"))
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                _fill_parameter(param)
    app.openapi_schema = spec
    return spec


def install(app: FastAPI) -> None:
    """Serve :func:`build_openapi` at ``/openapi.json``."""
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
