"""Routes: exports of any task list (same filters as GET /tasks) and the deadline calendar."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Response

from search_api.exports import (
    CSV_MEDIA_TYPE,
    ICS_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    write_csv,
    write_ics,
    write_xlsx,
)
from search_api.openapi import CSV_SAMPLE, ICS_SAMPLE, READ, download, problems
from search_api.security import ReaderKey
from search_api.tracking.queries import TaskFilters
from search_api.tracking.service import TaskService
from search_api.tracking.web import FiltersDep, ServiceDep

router = APIRouter(prefix="/exports", tags=["exports"])


def _download(body: bytes, media_type: str, filename: str) -> Response:
    disposition = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


def _stamp(svc: TaskService) -> str:
    return svc.today.isoformat()


@router.get("/tasks.csv", summary="Tasks as CSV (UTF-8 with BOM, opens in Excel)", response_class=Response,
            responses={**download(CSV_MEDIA_TYPE, CSV_SAMPLE, "CSV, one task per row"), **problems(*READ)})
def export_csv(_key: ReaderKey, svc: ServiceDep, filters: FiltersDep) -> Response:
    return _download(write_csv(svc.iter_all(filters)), CSV_MEDIA_TYPE, f"nhiem-vu-{_stamp(svc)}.csv")


@router.get("/tasks.xlsx", summary="Tasks as an Excel workbook", response_class=Response,
            responses={**download(XLSX_MEDIA_TYPE, "(binary .xlsx workbook, one task per row)",
                                  "Excel workbook"), **problems(*READ)})
def export_xlsx(_key: ReaderKey, svc: ServiceDep, filters: FiltersDep) -> Response:
    return _download(write_xlsx(svc.iter_all(filters)), XLSX_MEDIA_TYPE, f"nhiem-vu-{_stamp(svc)}.xlsx")


def calendar_response(svc: TaskService, filters: TaskFilters, include_done: bool) -> Response:
    if not include_done and not filters.status:
        filters = replace(filters, status=("not_started", "in_progress", "on_hold"))
    name = "Thời hạn nhiệm vụ" + (f" — {svc_owner_name(svc, filters.owner)}" if filters.owner else "")
    body = write_ics(svc.iter_all(filters), calendar_name=name)
    return Response(body, media_type=ICS_MEDIA_TYPE,
                    headers={"Content-Disposition": 'inline; filename="calendar.ics"'})


def svc_owner_name(svc: TaskService, key: str | None) -> str:
    for owner in svc.owners(TaskFilters(owner=key)) if key else []:
        if owner["key"] == key:
            return owner["name"]
    return key or ""


@router.get("/calendar.ics", summary="iCalendar feed of deadlines (filter by owner)", response_class=Response,
            responses={**download(ICS_MEDIA_TYPE, ICS_SAMPLE, "iCalendar: one all-day event per deadline"),
                       **problems(*READ)})
def export_calendar(
    _key: ReaderKey,
    svc: ServiceDep,
    filters: FiltersDep,
    include_done: Annotated[bool, Query(description="Also list done tasks")] = False,
) -> Response:
    return calendar_response(svc, filters, include_done)
