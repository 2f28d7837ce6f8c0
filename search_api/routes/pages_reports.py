"""Pages: the report preview (``/bao-cao``: figures and table of a period, download links) and
the dashboard (``/tong-quan``: the current period's figures, SVG charts by unit and by month,
calendar feeds with alarms per unit). Server-rendered; no script of their own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from search_api.reports.figures import STATE_LABELS, STATES, Report, ReportSource, Scope
from search_api.reports.periods import (
    Period,
    PeriodError,
    current_period,
    half,
    month,
    parse_period,
    quarter,
    vn_date,
    year_period,
)
from search_api.reports.svg import COLORS, trend_chart, units_chart
from search_api.routes.pages import error_page, render
from search_api.routes.pages_data import ApiError
from search_api.routes.pages_view import path_segment
from search_api.tracking.errors import TrackingError
from search_api.tracking.web import edit_log, today

router = APIRouter(include_in_schema=False, tags=["pages"])

TREND_MONTHS = 6
DASHBOARD_KINDS = {"month": "Tháng này", "quarter": "Quý này", "half": "6 tháng", "year": "Năm nay"}


def _source(request: Request) -> ReportSource:
    ctx = request.app.state.ctx
    return ReportSource.load(ctx.store, edit_log(request))


def period_choices(day: date) -> list[Period]:
    """Periods offered in the preview's menu: this and the last month, quarter, half, year."""
    m = month(day.year, day.month)
    prev_m = month((m.start - timedelta(days=1)).year, (m.start - timedelta(days=1)).month)
    q = current_period(day, "quarter")
    prev_q_day = q.start - timedelta(days=1)
    h = current_period(day, "half")
    prev_h_day = h.start - timedelta(days=1)
    return [m, prev_m, q, quarter(prev_q_day.year, (prev_q_day.month - 1) // 3 + 1), h,
            half(prev_h_day.year, 1 if prev_h_day.month <= 6 else 2), year_period(day.year),
            year_period(day.year - 1)]


def form_date(value: str | None) -> str:
    """``05/10/2025`` (as written on the page) or ``2025-10-05`` -> ISO; the period parser says
    what is wrong with anything else."""
    text = (value or "").strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else text


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v})


def _scope_options(source: ReportSource) -> dict[str, list[tuple[str, str]]]:
    owners: dict[str, str] = {}
    docs: dict[str, str] = {}
    issuers: dict[str, str] = {}
    for t in source.bases:
        for name, key in zip(t.get("owners") or [], t.get("owner_keys") or [], strict=False):
            owners.setdefault(key, name)
        label = t.get("document_number") or t.get("document_title") or t.get("filename") or t["doc_id"]
        docs.setdefault(t["doc_id"], str(label)[:90])
        if t.get("issuer"):
            issuers.setdefault(t["issuer"], t["issuer"])
    return {name: sorted(values.items(), key=lambda kv: kv[1].casefold())
            for name, values in (("owner", owners), ("document", docs), ("issuer", issuers))}


def _shares(report: Report) -> list[dict[str, Any]]:
    return [{"state": s, "label": STATE_LABELS[s], "count": report.counts[s], "percent": report.percent(s),
             "color": COLORS[s]} for s in STATES]


@router.get("/bao-cao", response_class=HTMLResponse)
def report_page(
    request: Request,
    period: str | None = Query(None, max_length=40),
    start: str | None = Query(None, alias="tu", max_length=10),
    end: str | None = Query(None, alias="den", max_length=10),
    owner: str | None = Query(None, max_length=300),
    document: str | None = Query(None, max_length=300),
    issuer: str | None = Query(None, max_length=300),
) -> HTMLResponse:
    day = today(request)
    error = None
    try:
        if start or end:
            period = f"{form_date(start)}..{form_date(end)}"
        chosen = parse_period(period) if period else current_period(day)
        scope = Scope.of(owner=owner, document=document, issuer=issuer)
    except (PeriodError, ValueError) as exc:
        error = f"Tham số không hợp lệ: {exc}"
        chosen, scope = current_period(day), Scope()
    try:
        source = _source(request)
        report = source.report(chosen, scope, today=day)
    except TrackingError as exc:
        return error_page(request, ApiError(503, "Edit log unavailable", str(exc)))
    params = _query(period=chosen.code, owner=scope.value if scope.kind == "owner" else None,
                    document=scope.value if scope.kind == "document" else None,
                    issuer=scope.value if scope.kind == "issuer" else None)
    choices = period_choices(day)
    return render(request, "report.html", active="report", report=report, error=error, chosen=chosen,
                  choices=choices, custom=chosen.code not in {c.code for c in choices}, scope=scope,
                  options=_scope_options(source), shares=_shares(report), params=params,
                  vn_date=vn_date, start_text=vn_date(chosen.start) if chosen.kind == "range" else "",
                  end_text=vn_date(chosen.end) if chosen.kind == "range" else "")


@router.get("/tong-quan", response_class=HTMLResponse)
def dashboard_page(request: Request, kind: str = Query("quarter", pattern="^(month|quarter|half|year)$"),
                   owner: str | None = Query(None, max_length=300)) -> HTMLResponse:
    day = today(request)
    period = current_period(day, kind)
    scope = Scope.of(owner=owner)
    try:
        source = _source(request)
        report = source.report(period, scope, today=day)
        first = day.replace(day=1)
        months: list[Period] = []
        for _ in range(TREND_MONTHS):
            months.insert(0, month(first.year, first.month))
            first = (first - timedelta(days=1)).replace(day=1)
        trend = source.trend(months, scope, today=day)
    except TrackingError as exc:
        return error_page(request, ApiError(503, "Edit log unavailable", str(exc)))
    feeds = [{"key": u.key, "name": u.name, "total": u.total, "overdue": u.counts["overdue"],
              "calendar": f"/owners/{path_segment(u.key)}/calendar.ics",
              "report": "/bao-cao?" + _query(period=period.code, owner=u.key)}
             for u in report.units if u.key]
    return render(request, "dashboard.html", active="dashboard", report=report, period=period, kind=kind,
                  kinds=DASHBOARD_KINDS, shares=_shares(report), feeds=feeds, scope=scope,
                  units_svg=Markup(units_chart(report.units)), trend_svg=Markup(trend_chart(trend)),
                  trend=trend, report_link="/bao-cao?" + _query(period=period.code, owner=owner),
                  vn_date=vn_date)
