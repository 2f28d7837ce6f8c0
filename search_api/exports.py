"""Pure writers for task exports: CSV (UTF-8 with BOM, for Excel), XLSX (openpyxl) and an
iCalendar feed of deadlines (RFC 5545: escaping, 75-octet folding, CRLF).

Rows are the API's task dicts (``GET /tasks`` data); ``EXPORT_COLUMNS`` fixes the column order
and the Vietnamese headers.

>>> fold_line("SUMMARY:" + "á" * 40).count("\\r\\n ")
1
>>> escape_text("a,b;c\\nd")
'a\\\\,b\\\\;c\\\\nd'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from search_api.tracking.models import STATUS_LABELS_VI

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


def _join(values: Any) -> str:
    return "; ".join(str(v) for v in values or [] if v)


def _notes(values: Any) -> str:
    return " | ".join(str(v.get("text", "")) for v in values or [])


def _evidence(values: Any) -> str:
    return " | ".join(" ".join(str(v[k]) for k in ("document_number", "link", "note") if v.get(k))
                      for v in values or [])


def _yes(value: Any) -> str:
    return "có" if value else ""


def _status(row: dict[str, Any]) -> str:
    return STATUS_LABELS_VI.get(row.get("status") or "", row.get("status") or "")


def _timeliness(row: dict[str, Any]) -> str:
    return STATUS_LABELS_VI.get(row.get("timeliness") or "", "")


# (field, header, getter): what every export shows, in order.
EXPORT_COLUMNS: list[tuple[str, str, Callable[[dict[str, Any]], Any]]] = [
    ("id", "Mã nhiệm vụ", lambda r: r.get("id")),
    ("document_number", "Số văn bản", lambda r: r.get("document_number")),
    ("document_title", "Trích yếu văn bản", lambda r: r.get("document_title")),
    ("section", "Mục", lambda r: r.get("section")),
    ("text", "Nội dung nhiệm vụ", lambda r: r.get("text")),
    ("owners", "Cơ quan chủ trì", lambda r: _join(r.get("owners"))),
    ("co_owners", "Cơ quan phối hợp", lambda r: _join(r.get("co_owners"))),
    ("deadline", "Thời hạn", lambda r: r.get("deadline")),
    ("deadline_text", "Thời hạn (nguyên văn)", lambda r: r.get("deadline_text")),
    ("status", "Tình trạng", _status),
    ("overdue", "Quá hạn", lambda r: _yes(r.get("overdue"))),
    ("done_date", "Ngày hoàn thành", lambda r: r.get("done_date")),
    ("timeliness", "Đúng hạn/Trễ hạn", _timeliness),
    ("assignee", "Người theo dõi", lambda r: r.get("assignee")),
    ("notes", "Ghi chú", lambda r: _notes(r.get("notes"))),
    ("evidence", "Kết quả/Minh chứng", lambda r: _evidence(r.get("evidence"))),
    ("stale", "Không còn trong văn bản mới", lambda r: _yes(r.get("stale"))),
    ("version", "Phiên bản", lambda r: r.get("version")),
]


def export_header() -> list[str]:
    return [header for _f, header, _g in EXPORT_COLUMNS]


def export_row(row: dict[str, Any]) -> list[Any]:
    out = []
    for _f, _h, get in EXPORT_COLUMNS:
        value = get(row)
        out.append("" if value is None else value)
    return out


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM (Excel shows Vietnamese correctly), CRLF rows, header first."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(export_header())
    for row in rows:
        writer.writerow([_csv_safe(v) for v in export_row(row)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# (field, header, getter, width): the spreadsheet a secretariat prints. STT first, dates as date
# cells, the internal id last (programs match rows by it).
XLSX_COLUMNS: list[tuple[str, str, Callable[[dict[str, Any]], Any], int]] = [
    ("document_number", "Số văn bản", lambda r: r.get("document_number"), 16),
    ("document_title", "Trích yếu văn bản", lambda r: r.get("document_title"), 36),
    ("section", "Mục", lambda r: r.get("section"), 8),
    ("text", "Nội dung nhiệm vụ", lambda r: r.get("text"), 70),
    ("owners", "Cơ quan chủ trì", lambda r: _join(r.get("owners")), 28),
    ("co_owners", "Cơ quan phối hợp", lambda r: _join(r.get("co_owners")), 28),
    ("deadline", "Thời hạn", lambda r: _as_date(r.get("deadline")), 12),
    ("deadline_text", "Thời hạn (nguyên văn)", lambda r: r.get("deadline_text"), 22),
    ("status", "Tình trạng", _status, 16),
    ("overdue", "Quá hạn", lambda r: _yes(r.get("overdue")), 9),
    ("done_date", "Ngày hoàn thành", lambda r: _as_date(r.get("done_date")), 13),
    ("timeliness", "Đúng hạn/Trễ hạn", _timeliness, 14),
    ("assignee", "Người theo dõi", lambda r: r.get("assignee"), 20),
    ("notes", "Ghi chú", lambda r: _notes(r.get("notes")), 36),
    ("evidence", "Kết quả/Minh chứng", lambda r: _evidence(r.get("evidence")), 30),
    ("stale", "Không còn trong văn bản mới", lambda r: _yes(r.get("stale")), 12),
    ("id", "Mã nhiệm vụ", lambda r: r.get("id"), 18),
]
XLSX_DATE_FORMAT = "dd/mm/yyyy"
WRAPPED = frozenset({"document_title", "text", "owners", "co_owners", "notes", "evidence", "deadline_text"})


def xlsx_header() -> list[str]:
    return ["STT"] + [header for _f, header, _g, _w in XLSX_COLUMNS]


def write_xlsx(rows: Iterable[dict[str, Any]], title: str = "Nhiệm vụ") -> bytes:
    """One sheet ready for the office: STT, Vietnamese headers (bold, frozen, repeated on every
    printed page), dates as date cells shown dd/mm/yyyy, autofilter, column widths, wrapped
    text, A4 landscape fitted to the page width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(xlsx_header())
    thin = Side(style="thin", color="999999")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - count is read after the loop
        values: list[Any] = [count]
        for _f, _h, get, _w in XLSX_COLUMNS:
            value = get(row)
            values.append("" if value is None else _csv_safe(value))
        ws.append(values)
        for i, (fld, _h, _g, _w) in enumerate(XLSX_COLUMNS, start=2):
            cell = ws.cell(row=count + 1, column=i)
            if fld in ("deadline", "done_date") and isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
            cell.alignment = Alignment(wrap_text=fld in WRAPPED, vertical="top")
    ws.column_dimensions["A"].width = 6
    for i, (_f, _h, _g, width) in enumerate(XLSX_COLUMNS, start=2):
        ws.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(len(XLSX_COLUMNS) + 1)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(count + 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Trang &P / &N"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- iCalendar ---------------------------------------------------------------------------

def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, newline."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (UTF-8), never inside a character (§3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _date_value(value: date) -> str:
    return value.strftime("%Y%m%d")


ALARM_DAYS = (7, 3, 1)  # reminders before a deadline, as the e-mail digests


def valarms(summary: str, days: tuple[int, ...] = ALARM_DAYS) -> list[str]:
    """One display alarm per entry of ``days``, that many days before the (all-day) event."""
    out: list[str] = []
    for n in days:
        out += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER;RELATED=START:-P{n}D",
                "DESCRIPTION:" + escape_text(f"Còn {n} ngày đến hạn: {summary}"), "END:VALARM"]
    return out


def write_ics(rows: Iterable[dict[str, Any]], *, calendar_name: str, now: datetime | None = None,
              domain: str = "directives.invalid") -> bytes:
    """One all-day VEVENT per task with a deadline (on the deadline day), with alarms 7, 3 and
    1 days before it while the task is open."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//directives//task deadlines//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(calendar_name),
    ]
    for row in rows:
        if not row.get("deadline"):
            continue
        day = date.fromisoformat(str(row["deadline"])[:10])
        text = " ".join(str(row.get("text") or "").split())
        summary = text if len(text) <= 120 else text[:117] + "..."
        status = _status(row)
        prefix = "[" + ("quá hạn" if row.get("overdue") else status) + "] "
        desc_parts = [text]
        if row.get("document_number"):
            desc_parts.append("Văn bản: " + str(row["document_number"]))
        if row.get("deadline_text"):
            desc_parts.append("Thời hạn: " + str(row["deadline_text"]))
        if row.get("owners"):
            desc_parts.append("Chủ trì: " + _join(row["owners"]))
        if row.get("co_owners"):
            desc_parts.append("Phối hợp: " + _join(row["co_owners"]))
        desc_parts.append("Tình trạng: " + status)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(str(row['id']))}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date_value(day)}",
            f"DTEND;VALUE=DATE:{_date_value(day + timedelta(days=1))}",
            "SUMMARY:" + escape_text(prefix + summary),
            "DESCRIPTION:" + escape_text("\n".join(desc_parts)),
            "TRANSP:TRANSPARENT",
            "STATUS:" + ("CANCELLED" if row.get("stale") else "CONFIRMED"),
        ]
        if row.get("status") != "done" and not row.get("stale"):
            lines += valarms(summary)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold_line(line) for line in lines) + "\r\n").encode("utf-8")
