"""FastAPI dependencies for the tracking routes.

They read what the app put on ``app.state`` and fall back to sensible defaults, so the routers
work in any app that includes them:

* ``app.state.es`` — the Elasticsearch client (required);
* ``app.state.settings`` — ``Settings`` (else ``get_settings()``);
* ``app.state.edit_log`` — an open ``EditLog`` (else opened from the settings on first use and
  kept on ``app.state``; close it at shutdown with ``app.state.edit_log.close()``);
* ``app.state.clock`` — anything with ``today()``, or a callable returning a date/datetime
  (tests set the date this way); else the system date.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from search_api.config import Settings, get_settings
from search_api.tracking.editlog import EditLog, open_edit_log
from search_api.tracking.errors import SearchUnavailable
from search_api.tracking.models import TaskStatus
from search_api.tracking.queries import TaskFilters
from search_api.tracking.service import TaskService

_open_lock = threading.Lock()


def app_settings(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


def edit_log(request: Request) -> EditLog:
    log = getattr(request.app.state, "edit_log", None)
    if log is None:
        with _open_lock:
            log = getattr(request.app.state, "edit_log", None)
            if log is None:
                log = open_edit_log(app_settings(request))
                request.app.state.edit_log = log
    return log


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def today(request: Request) -> date:
    clock = getattr(request.app.state, "clock", None)
    if clock is None:
        return date.today()
    if hasattr(clock, "today"):
        return _as_date(clock.today())
    if callable(clock):
        return _as_date(clock())
    return _as_date(clock)


def search_backend(request: Request) -> Any:
    ctx = getattr(request.app.state, "ctx", None)
    backend = getattr(ctx, "search", None)
    if backend is None:
        raise SearchUnavailable("the search backend is not configured")
    return backend


async def task_service(request: Request) -> TaskService:
    """A coroutine (it never blocks but once, opening the edit log on first use): no worker
    thread hop per request."""
    return TaskService(backend=search_backend(request), log=edit_log(request), today=today(request))


ServiceDep = Annotated[TaskService, Depends(task_service)]


async def task_filters(  # a coroutine: pure, no worker thread hop per request
    owner: Annotated[str | None, Query(description="Owner key (see GET /owners)")] = None,
    role: Annotated[str, Query(pattern="^(owner|co_owner|any)$",
                               description="Which owner fields `owner` matches")] = "owner",
    status: Annotated[list[TaskStatus] | None, Query(description="Repeat for several")] = None,
    overdue: Annotated[bool | None, Query(description="Deadline passed and not done")] = None,
    due_within: Annotated[int | None, Query(ge=0, le=3660, description="Open, due in N days")] = None,
    document: Annotated[str | None, Query(description="Document id or number")] = None,
    year: Annotated[int | None, Query(ge=1945, le=2200, description="Issue year")] = None,
    assignee: Annotated[str | None, Query()] = None,
    stale: Annotated[bool | None, Query(description="Tasks gone from a newer version")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words in the task text")] = None,
    sort: Annotated[str, Query(pattern="^(deadline|unit|document)$",
                               description="Order: deadline, unit (owner), document")] = "deadline",
) -> TaskFilters:
    return TaskFilters(owner=owner, role=role, status=tuple(s.value for s in status or ()),
                       overdue=overdue, due_within=due_within, document=document, year=year,
                       assignee=assignee, stale=stale, q=q, sort=sort)


FiltersDep = Annotated[TaskFilters, Depends(task_filters)]
