"""Routes: owners with open / overdue / done counts, and each owner's deadline calendar."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Response

from search_api.exports import ICS_MEDIA_TYPE
from search_api.openapi import ICS_SAMPLE, OWNERS, READ, download, example, problems
from search_api.routes.exports import calendar_response
from search_api.security import ReaderKey
from search_api.tracking.errors import OwnerNotFound
from search_api.tracking.schemas import OwnersPage
from search_api.tracking.web import FiltersDep, ServiceDep

router = APIRouter(prefix="/owners", tags=["owners"])


@router.get("", response_model=OwnersPage, summary="Owners with open, overdue and done counts",
            responses={**example(OWNERS), **problems(*READ)})
def list_owners(_key: ReaderKey, svc: ServiceDep, filters: FiltersDep) -> dict:
    data = svc.owners(filters)
    return {"data": data, "count": len(data), "today": svc.today}


@router.get("/{key:path}/calendar.ics", summary="iCalendar feed of one owner's deadlines",
            response_class=Response,
            responses={**download(ICS_MEDIA_TYPE, ICS_SAMPLE, "iCalendar: one all-day event per deadline"),
                       **problems(401, 404, 422, 503, d404="No task has this owner")})
def owner_calendar(
    key: str,
    _key: ReaderKey,
    svc: ServiceDep,
    filters: FiltersDep,
    include_done: Annotated[bool, Query(description="Also list done tasks")] = False,
) -> Response:
    filters = replace(filters, owner=key, role="any" if filters.role == "owner" else filters.role)
    if svc.list(replace(filters, status=()), limit=1)["count"] == 0:
        raise OwnerNotFound(key)
    return calendar_response(svc, filters, include_done)
