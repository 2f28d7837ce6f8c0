"""Routes: tracked tasks — list with counts, read, change (optimistic concurrency), history."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Body, Header, Query, Response

from search_api.errors import InvalidParameter
from search_api.openapi import HISTORY, PATCH_EXAMPLES, READ, TASK, TASK_PAGE, example, problems
from search_api.security import EditorKey, ReaderKey, describe
from search_api.tracking.errors import InvalidEdit, VersionRequired
from search_api.tracking.schemas import HistoryPage, TaskPage, TaskPatch, TaskPublic
from search_api.tracking.web import FiltersDep, ServiceDep

router = APIRouter(prefix="/tasks", tags=["tasks"])

MAX_WINDOW = 10_000  # the engine's index.max_result_window: deeper pages are refused by it
_ETAG = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """``"3"``, ``W/"3"`` or ``3`` -> 3; ``None`` when absent; anything else is a 422."""
    if value is None or not value.strip():
        return None
    m = _ETAG.match(value)
    if not m:
        raise InvalidEdit("If-Match", f"{value!r} is not a task version (send the ETag of GET /tasks/{{id}})")
    return int(m.group(1))


@router.get("", response_model=TaskPage, summary="List tasks with counts per owner and status",
            responses={**example(TASK_PAGE), **problems(*READ)})
def list_tasks(
    _key: ReaderKey,
    svc: ServiceDep,
    filters: FiltersDep,
    offset: Annotated[int, Query(ge=0, le=MAX_WINDOW - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    if offset + limit > MAX_WINDOW:
        raise InvalidParameter(f"offset + limit must be at most {MAX_WINDOW}: narrow the filters, or "
                               "download the whole list from /exports/tasks.csv")
    page = TaskPage.model_validate(svc.list(filters, offset=offset, limit=limit))
    # validated once and encoded by pydantic: the bytes FastAPI would send, without its second
    # validation and its encoding through Python objects
    return Response(page.model_dump_json(by_alias=True), media_type="application/json")


@router.get("/{task_id}", response_model=TaskPublic, summary="One task with its current version",
            responses={**example(TASK, "The task; its version is in the ETag header"),
                       **problems(401, 404, 422, 503, d404="No task with this id")})
def read_task(task_id: str, _key: ReaderKey, svc: ServiceDep, response: Response) -> dict:
    task = svc.get(task_id)
    response.headers["ETag"] = etag(task["version"])
    return task


@router.patch("/{task_id}", response_model=TaskPublic,
              summary="Change status, owners, deadline, assignee; add a note or evidence",
              responses={**example(TASK, "The task after the change; its new version is in the ETag header"),
                         **problems(401, 403, 404, 409, 422, 428, 503, d404="No task with this id")})
def update_task(
    task_id: str,
    api_key: EditorKey,
    patch: Annotated[TaskPatch, Body(openapi_examples=PATCH_EXAMPLES)],
    svc: ServiceDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> dict:
    header_version = parse_if_match(if_match)
    if header_version is not None and patch.version is not None and header_version != patch.version:
        raise InvalidEdit("version", f"If-Match says {header_version} but the body says {patch.version}")
    expected = header_version if header_version is not None else patch.version
    if expected is None:
        raise VersionRequired(task_id)
    task, _changed = svc.patch(task_id, patch, expected=expected, actor=describe(api_key))
    response.headers["ETag"] = etag(task["version"])
    return task


@router.get("/{task_id}/history", response_model=HistoryPage,
            summary="Every change: who, when, field, old and new value",
            responses={**example(HISTORY), **problems(401, 404, 422, 503, d404="No task with this id")})
def task_history(task_id: str, _key: ReaderKey, svc: ServiceDep) -> dict:
    rows = svc.history(task_id)
    return {"data": rows, "count": len(rows)}
