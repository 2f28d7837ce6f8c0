"""Routes: the task report of a period as .docx / .xlsx / JSON figures, reminder subscriptions
and document follows (issue 19).

The report is computed from the data directory and the edit log as of the period's end
(``search_api.reports``); the search engine is not involved, so a report never moves with an
edit made after its period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from search_api.errors import InvalidParameter
from search_api.openapi import download, problems
from search_api.reports.docx import DOCX_MEDIA_TYPE, write_docx
from search_api.reports.figures import STATE_LABELS, STATES, Report, ReportSource, Scope
from search_api.reports.periods import Period, PeriodError, current_period, parse_period
from search_api.reports.reminders import ReminderError, open_store
from search_api.reports.xlsx import XLSX_MEDIA_TYPE, write_xlsx
from search_api.security import EditorKey, ReaderKey
from search_api.tracking.web import edit_log, today

router = APIRouter(tags=["reports"])


@dataclass(frozen=True, slots=True)
class ReportQuery:
    period: Period
    scope: Scope
    agency: str | None = None
    place: str | None = None
    signer: str | None = None


def report_query(
    request: Request,
    period: Annotated[str | None, Query(max_length=40, description="2025-07, 2025-Q3, 2025-H1, 2025 or "
                                        "2025-07-01..2025-09-30; default: the current quarter",
                                        examples=["2025-Q3"])] = None,
    owner: Annotated[str | None, Query(max_length=300, description="One unit (owner key, chủ trì)",
                                       examples=["so-tu-phap"])] = None,
    document: Annotated[str | None, Query(max_length=300, description="One document (id or number)",
                                          examples=["1804/QĐ-BTP"])] = None,
    issuer: Annotated[str | None, Query(max_length=300, description="Documents of one issuing body",
                                        examples=["Bộ Tư pháp"])] = None,
    agency: Annotated[str | None, Query(max_length=300, description="Body writing the report (header)",
                                        examples=["Văn phòng Bộ Tư pháp"])] = None,
    place: Annotated[str | None, Query(max_length=100, description="Place written before the date",
                                       examples=["Hà Nội"])] = None,
    signer: Annotated[str | None, Query(max_length=200, description="Signer's title (signature block)",
                                        examples=["Chánh Văn phòng"])] = None,
) -> ReportQuery:
    try:
        p = parse_period(period) if period and period.strip() else current_period(today(request))
        scope = Scope.of(owner=owner, document=document, issuer=issuer)
    except (PeriodError, ValueError) as exc:
        raise InvalidParameter(str(exc), message_vi="Kỳ báo cáo hoặc phạm vi báo cáo không hợp lệ "
                               "(ví dụ kỳ: 2025-07, 2025-Q3, 2025-H1, 2025).") from exc
    return ReportQuery(period=p, scope=scope, agency=agency, place=place, signer=signer)


ReportQueryDep = Annotated[ReportQuery, Depends(report_query)]


def report_source(request: Request) -> ReportSource:
    ctx = getattr(request.app.state, "ctx", None)
    if ctx is None:
        raise InvalidParameter("the data directory is not configured")
    return ReportSource.load(ctx.store, edit_log(request))


def build(request: Request, q: ReportQuery) -> tuple[Report, date]:
    day = today(request)
    return report_source(request).report(q.period, q.scope, today=day), day


def _download(body: bytes, media_type: str, filename: str) -> Response:
    disposition = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


def report_filename(report: Report, ext: str) -> str:
    return f"bao-cao-nhiem-vu-{report.period.code.replace('..', '_')}.{ext}"


@router.get("/reports/tasks.docx", summary="The task report of a period as a Word document",
            response_class=Response,
            responses={**download(DOCX_MEDIA_TYPE, "(binary .docx: national motto, title, figures, table)",
                                  "Word document in the administrative form"), **problems(401, 422, 503)})
def report_docx(request: Request, _key: ReaderKey, q: ReportQueryDep) -> Response:
    report, day = build(request, q)
    body = write_docx(report, issuer=q.agency, place=q.place, today=day, signer_title=q.signer)
    return _download(body, DOCX_MEDIA_TYPE, report_filename(report, "docx"))


@router.get("/reports/tasks.xlsx", summary="The task report of a period as an Excel workbook",
            response_class=Response,
            responses={**download(XLSX_MEDIA_TYPE, "(binary .xlsx: tasks, statistics per unit, chart)",
                                  "Excel workbook"), **problems(401, 422, 503)})
def report_xlsx(request: Request, _key: ReaderKey, q: ReportQueryDep) -> Response:
    report, _day = build(request, q)
    return _download(write_xlsx(report), XLSX_MEDIA_TYPE, report_filename(report, "xlsx"))


class UnitOut(BaseModel):
    key: str
    name: str
    total: int
    counts: dict[str, int]


class FiguresOut(BaseModel):
    period: str
    start: date
    end: date
    as_of: date
    title: str
    total: int
    counts: dict[str, int]
    labels: dict[str, str]
    units: list[UnitOut]
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "period": "2025-Q3", "start": "2025-07-01", "end": "2025-09-30", "as_of": "2025-09-30",
        "title": "Kết quả thực hiện nhiệm vụ được giao quý III năm 2025", "total": 3,
        "counts": {"done_on_time": 1, "done_late": 0, "in_progress": 1, "overdue": 1, "not_started": 0,
                   "on_hold": 0},
        "labels": dict(STATE_LABELS),
        "units": [{"key": "so-tu-phap", "name": "Sở Tư pháp", "total": 3,
                   "counts": {"done_on_time": 1, "done_late": 0, "in_progress": 1, "overdue": 1,
                              "not_started": 0, "on_hold": 0}}]}]})


def figures_out(report: Report) -> dict[str, Any]:
    return {"period": report.period.code, "start": report.period.start, "end": report.period.end,
            "as_of": report.as_of, "title": report.title, "total": report.total, "counts": report.counts,
            "labels": {s: STATE_LABELS[s] for s in STATES},
            "units": [{"key": u.key, "name": u.name, "total": u.total, "counts": u.counts} for u in report.units]}


@router.get("/reports/figures", response_model=FiguresOut, summary="The figures of a period's task report",
            responses=problems(401, 422, 503))
def report_figures(request: Request, _key: ReaderKey, q: ReportQueryDep) -> dict[str, Any]:
    report, _day = build(request, q)
    return figures_out(report)


# --- reminders and follows ------------------------------------------------------------------


class SubscriptionIn(BaseModel):
    kind: str = Field(pattern="^(owner|assignee)$", description="owner (a unit's key) or assignee")
    target: str = Field(min_length=1, max_length=300, description="Owner key, or the assignee as written")
    email: str = Field(min_length=3, max_length=320)
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"kind": "owner", "target": "so-tu-phap", "email": "vanphong@stp.example.gov.vn"}]})


class SubscriptionOut(SubscriptionIn):
    id: int
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": 1, "kind": "owner", "target": "so-tu-phap", "email": "vanphong@stp.example.gov.vn"}]})


class FollowIn(BaseModel):
    document: str = Field(min_length=1, max_length=300, description="Document number as written, key or id")
    email: str = Field(min_length=3, max_length=320)
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"document": "Quyết định số 1804/QĐ-BTP", "email": "phapche@example.gov.vn"}]})


class FollowOut(BaseModel):
    id: int
    document_key: str
    label: str
    email: str
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": 1, "document_key": "1804/QĐ-BTP", "label": "Quyết định số 1804/QĐ-BTP",
         "email": "phapche@example.gov.vn"}]})


@router.post("/subscriptions", status_code=201, response_model=SubscriptionOut,
             summary="Subscribe an e-mail address to a unit's or an assignee's reminder digest",
             responses=problems(401, 403, 422, 503))
def subscribe(request: Request, _key: EditorKey, body: SubscriptionIn) -> dict[str, Any]:
    try:
        with open_store(edit_log(request)) as store:
            sub = store.subscribe(body.kind, body.target, body.email)
    except ReminderError as exc:
        raise InvalidParameter(str(exc), message_vi=exc.message_vi) from exc
    return {"id": sub.id, "kind": sub.kind, "target": sub.target, "email": sub.email}


@router.post("/follows", status_code=201, response_model=FollowOut,
             summary="Follow a document: alerts when a new document cites, amends, replaces or implements it",
             responses=problems(401, 403, 422, 503))
def follow(request: Request, _key: EditorKey, body: FollowIn) -> dict[str, Any]:
    from search_api.reports.alerts import follow_document

    ctx = getattr(request.app.state, "ctx", None)
    if ctx is None:
        raise InvalidParameter("the data directory is not configured")
    try:
        f = follow_document(_LogCtx(ctx, edit_log(request)), body.document, body.email)
    except ReminderError as exc:
        raise InvalidParameter(str(exc), message_vi=exc.message_vi) from exc
    return {"id": f.id, "document_key": f.document_key, "label": f.label, "email": f.email}


class _LogCtx:
    """The app's context with the request's edit log (the one the tracking routes use)."""

    def __init__(self, ctx: Any, log: Any) -> None:
        self.store, self.edit_log = ctx.store, log
