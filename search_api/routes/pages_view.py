"""Pure helpers for the web pages: labels, deadline buckets, URLs with filters, marked-up text.

Nothing here talks to Elasticsearch or HTTP; the page router (``routes/pages.py``) feeds these
functions with what the API returns, so they are unit-testable on plain dicts.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

STATUS_LABELS: dict[str, str] = {
    "not_started": "chưa thực hiện",
    "in_progress": "đang thực hiện",
    "done": "hoàn thành",
    "on_hold": "tạm dừng",
}

# Filters the search page keeps in its URL, in display order, with their Vietnamese names.
# The names are GET /search's own parameter names, so a page URL maps 1:1 onto the API.
FACETS: dict[str, str] = {
    "kind": "Loại kết quả",
    "owner": "Đơn vị chủ trì",
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "status": "Trạng thái",
    "overdue": "Thời hạn",
    "validity": "Tình trạng hiệu lực",
}
KIND_LABELS: dict[str, str] = {"task": "nhiệm vụ", "document": "văn bản"}

# Deadline groups of the task board, in display order.
BUCKETS: dict[str, str] = {
    "overdue": "Quá hạn",
    "this_week": "Tuần này",
    "this_month": "Tháng này",
    "later": "Sau đó",
    "no_deadline": "Không có thời hạn",
    "past_done": "Đã qua thời hạn (đã hoàn thành)",
}

def status_label(status: str | None) -> str:
    """Vietnamese label of a task status: ``status_label("done") == "hoàn thành"``."""
    if not status:
        return STATUS_LABELS["not_started"]
    return STATUS_LABELS.get(status, status)


def relation_label(relation: str | None, *, inverse: bool = False, partial: bool = False) -> str:
    """The relation's Vietnamese label (``nlp.relations.relation_labels``), read from the citing
    side (``relation_label("legal_basis") == "căn cứ"``) or, ``inverse``, from the cited one
    ("được thay thế bởi"); unknown values are shown as given."""
    from nlp.model import Relation
    from nlp.relations import relation_labels

    try:
        return relation_labels()[Relation(relation or "mentions")].text(inverse=inverse, partial=partial)
    except ValueError:
        return relation or ""


def parse_iso(value: Any) -> date | None:
    """``parse_iso("2022-12-31") == date(2022, 12, 31)``; anything else gives None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def format_date(value: Any) -> str:
    """``format_date("2022-03-05") == "05/03/2022"`` (Vietnamese order); '' when unknown."""
    d = parse_iso(value)
    return d.strftime("%d/%m/%Y") if d else ""


def deadline_date(task: Mapping[str, Any]) -> date | None:
    """The task's deadline as a date, whether the API sends a string or ``{"date": ...}``."""
    deadline = task.get("deadline")
    if isinstance(deadline, Mapping):
        deadline = deadline.get("date")
    return parse_iso(deadline)


def deadline_text(task: Mapping[str, Any]) -> str:
    """The deadline as written in the document, else the date, else ''."""
    text = task.get("deadline_text")
    deadline = task.get("deadline")
    if not text and isinstance(deadline, Mapping):
        text = deadline.get("text")
    return text or format_date(deadline_date(task)) or ("thường xuyên" if task.get("recurrence") else "")


def is_overdue(task: Mapping[str, Any], today: date) -> bool:
    """The API's ``overdue`` flag when sent, else: a deadline before today and not done."""
    if "overdue" in task and task["overdue"] is not None:
        return bool(task["overdue"])
    d = deadline_date(task)
    return bool(d and d < today and task.get("status") != "done")


def deadline_bucket(task: Mapping[str, Any], today: date) -> str:
    """Which deadline group of the board a task belongs to (a key of ``BUCKETS``).

    >>> deadline_bucket({"deadline": "2024-01-10", "status": "in_progress"}, date(2024, 1, 8))
    'this_week'
    """
    d = deadline_date(task)
    if d is None:
        return "no_deadline"
    if d < today:
        return "past_done" if task.get("status") == "done" else "overdue"
    if is_overdue(task, today):
        return "overdue"
    week_end = today + timedelta(days=6 - today.weekday())
    if d <= week_end:
        return "this_week"
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if d <= month_end:
        return "this_month"
    return "later"


def owner_names(task: Mapping[str, Any], key: str = "owners") -> list[str]:
    """Owner names whether the API sends strings or ``{"name", "key"}`` objects."""
    out: list[str] = []
    for owner in task.get(key) or []:
        if isinstance(owner, Mapping):
            name = owner.get("name") or owner.get("key")
        else:
            name = owner
        if name and name not in out:
            out.append(str(name))
    return out


@dataclass(slots=True)
class TaskGroup:
    key: str
    label: str
    tasks: list[Mapping[str, Any]] = field(default_factory=list)


def group_tasks(tasks: Iterable[Mapping[str, Any]], by: str, today: date) -> list[TaskGroup]:
    """Group tasks for the board, ``by`` = ``"deadline"`` (fixed bucket order) or ``"owner"``.

    By owner, a task with several owners appears under each; groups are sorted by name with
    "(chưa rõ đơn vị)" last. Inside a group tasks are ordered by deadline (none last).
    """
    groups: dict[str, TaskGroup] = {}
    if by == "deadline":
        for key, label in BUCKETS.items():
            groups[key] = TaskGroup(key, label)
        for task in tasks:
            groups[deadline_bucket(task, today)].tasks.append(task)
    else:
        unknown = "(chưa rõ đơn vị)"
        for task in tasks:
            for name in owner_names(task) or [unknown]:
                groups.setdefault(name, TaskGroup(name, name)).tasks.append(task)
        ordered = sorted((k for k in groups if k != unknown), key=str.casefold)
        if unknown in groups:
            ordered.append(unknown)
        groups = {k: groups[k] for k in ordered}
    for group in groups.values():
        group.tasks.sort(key=lambda t: (deadline_date(t) or date.max, str(t.get("id", ""))))
    return [g for g in groups.values() if g.tasks]


def url_with(path: str, params: Mapping[str, Any], **changes: Any) -> str:
    """``path`` with the query ``params`` updated by ``changes`` (None removes a key).

    >>> url_with("/", {"q": "thi hành án", "owner": "x"}, owner=None, year=2022)
    '/?q=thi+h%C3%A0nh+%C3%A1n&year=2022'
    """
    merged: dict[str, Any] = {k: v for k, v in params.items() if v not in (None, "")}
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    query = urlencode([(k, str(v)) for k, v in merged.items()])
    return f"{path}?{query}" if query else path


def path_segment(value: str) -> str:
    """A value safe inside one URL path segment (``/`` in ``04-CT/TW`` is escaped)."""
    return quote(value, safe="")


# --- document text with tasks and references marked in place ------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the document text to mark: ``kind`` is ``task`` or ``ref``."""

    start: int
    end: int
    kind: str
    ident: str  # task id, or the reference's index in the page's reference list
    href: str | None = None
    title: str = ""


def _span_of(item: Mapping[str, Any], key: str) -> tuple[int, int] | None:
    span = item.get(key)
    if isinstance(span, Mapping):
        start, end = span.get("start"), span.get("end")
    elif isinstance(span, Sequence) and not isinstance(span, str) and len(span) >= 2:
        start, end = span[0], span[1]
    else:
        return None
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def task_marks(tasks: Iterable[Mapping[str, Any]]) -> list[Mark]:
    """One mark per task that carries a ``span`` (or ``start``/``end``)."""
    marks = []
    for task in tasks:
        span = _span_of(task, "span")
        if span is None and isinstance(task.get("start"), int):
            span = _span_of({"s": [task.get("start"), task.get("end")]}, "s")
        if span:
            marks.append(Mark(span[0], span[1], "task", str(task.get("id", "")),
                              title=", ".join(owner_names(task))))
    return marks


def reference_marks(references: Iterable[Mapping[str, Any]], href_of: Any) -> list[Mark]:
    """A mark for every mention of every reference; ``href_of(ref)`` gives its link."""
    marks = []
    for index, ref in enumerate(references):
        spans = []
        for mention in ref.get("mentions") or []:
            span = _span_of({"s": mention}, "s")
            if span:
                spans.append(span)
        first = _span_of(ref, "mention")
        if first and first not in spans:
            spans.append(first)
        for start, end in spans:
            marks.append(Mark(start, end, "ref", str(index), href=href_of(ref),
                              title=str(ref.get("id") or ref.get("key") or "")))
    return marks


def mark_text(text: str, marks: Sequence[Mark]) -> Markup:
    """HTML for ``text`` with tasks as ``<span class="task">`` and references as links.

    Marks may nest or overlap: the text is cut at every boundary, each piece takes the first
    task and the first reference covering it, and consecutive pieces with the same task share
    one element (a reference crossing a task's end becomes two links). Spans outside the text
    are ignored. Line breaks become ``<br>``.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    tasks = sorted((m for m in valid if m.kind == "task"), key=lambda m: (m.start, -m.end))
    refs = sorted((m for m in valid if m.kind == "ref"), key=lambda m: (m.start, -m.end))

    def covering(items: list[Mark], a: int, b: int) -> Mark | None:
        for m in items:
            if m.start <= a and b <= m.end:
                return m
            if m.start > a:
                break
        return None

    def esc(s: str) -> str:
        return str(escape(s)).replace("\n", "<br>\n")

    out: list[str] = []
    open_task: Mark | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        task = covering(tasks, a, b)
        if task is not open_task:
            if open_task is not None:
                out.append("</span>")
            if task is not None:
                out.append(
                    f'<span class="task" id="t-{escape(task.ident)}" data-task="{escape(task.ident)}"'
                    f' tabindex="0" role="button" title="{escape(task.title)}">'
                )
            open_task = task
        ref = covering(refs, a, b)
        piece = esc(text[a:b])
        if ref is not None:
            href = escape(ref.href or "#")
            out.append(f'<a class="ref" href="{href}" data-ref="{escape(ref.ident)}"'
                       f' title="{escape(ref.title)}">{piece}</a>')
        else:
            out.append(piece)
    if open_task is not None:
        out.append("</span>")
    return Markup("".join(out))


def highlight_fragment(fragment: str) -> Markup:
    """A search highlight from the API (``<em>`` tags only) made safe for the page.

    Everything is escaped, then only ``<em>``/``</em>`` (and ``<mark>``) are restored.
    """
    safe = str(escape(fragment))
    for tag in ("em", "mark"):
        safe = safe.replace(f"&lt;{tag}&gt;", "<mark>").replace(f"&lt;/{tag}&gt;", "</mark>")
    return Markup(safe)


# --- task history ----------------------------------------------------------------------------

FIELD_LABELS: dict[str, str] = {
    "status": "trạng thái",
    "done_date": "ngày hoàn thành",
    "owners": "đơn vị chủ trì",
    "co_owners": "đơn vị phối hợp",
    "deadline": "thời hạn",
    "assignee": "người được giao",
    "note": "ghi chú",
    "evidence": "minh chứng",
    "stale": "không còn trong văn bản",
    "carried_from": "chuyển từ phiên bản",
    "carried_to": "chuyển sang phiên bản",
}


def value_text(name: str, value: Any) -> str:
    """A history value for people: status labels, dd/mm/yyyy dates, names of owners."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "status":
        return status_label(str(value))
    if name in ("deadline", "done_date"):
        return format_date(value) or str(value)
    if isinstance(value, list):
        return "; ".join(value_text(name, v) for v in value)
    if isinstance(value, Mapping):
        for key in ("text", "name", "note", "link", "document_number"):
            if value.get(key):
                return str(value[key])
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)


def history_entries(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat history rows (one per changed field) grouped into one entry per version.

    Rows are ``{"version", "at", "actor", "kind", "field", "old", "new"}`` (GET
    /tasks/{id}/history); rows that already carry ``changes`` are kept as they are.
    """
    entries: list[dict[str, Any]] = []
    for row in rows:
        changes = row.get("changes")
        key = (row.get("task_id"), row.get("version"), row.get("at"))
        if not entries or entries[-1]["_key"] != key or changes is not None:
            entries.append({"_key": key, "version": row.get("version"), "at": str(row.get("at") or ""),
                            "actor": row.get("actor") or "hệ thống", "kind": row.get("kind"),
                            "changes": []})
        for change in changes if changes is not None else [row]:
            name = str(change.get("field", ""))
            entries[-1]["changes"].append({
                "field": name, "label": FIELD_LABELS.get(name, name),
                "old": value_text(name, change.get("old")), "new": value_text(name, change.get("new")),
            })
    return entries


def marked_terms(fragments: Iterable[str]) -> list[str]:
    """The words the engine marked in its highlight fragments (``<em>``/``<mark>``)."""
    import re

    terms: list[str] = []
    for frag in fragments:
        for term in re.findall(r"<(?:em|mark)>(.*?)</(?:em|mark)>", frag or ""):
            term = term.strip()
            if term and term.casefold() not in (t.casefold() for t in terms):
                terms.append(term)
    return terms


def highlight_text(text: str, terms: Sequence[str]) -> Markup:
    """``text`` escaped, with every occurrence of ``terms`` (case-insensitive) in ``<mark>``.

    >>> str(highlight_text("Thu hồi tài sản", ["thu hồi"]))
    '<mark>Thu hồi</mark> tài sản'
    """
    import re

    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


# --- timeliness and local times ----------------------------------------------------------------

LOCAL_TZ_NAME = "Asia/Ho_Chi_Minh"


def _local_tz() -> Any:
    from datetime import timezone

    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(LOCAL_TZ_NAME)
    except Exception:  # noqa: BLE001 - no tz database: Viet Nam has no DST, UTC+7 is exact
        return timezone(timedelta(hours=7), "ICT")


LOCAL_TZ = _local_tz()


def format_datetime(value: Any) -> str:
    """An ISO timestamp as people in Viet Nam read it: ``dd/mm/yyyy HH:mm`` in Asia/Ho_Chi_Minh.

    >>> format_datetime("2026-12-03T02:05:00+00:00")
    '03/12/2026 09:05'
    """
    from datetime import UTC, datetime

    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value or "").replace("Z", "+00:00"))
        except ValueError:
            return str(value or "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def timeliness_key(task: Mapping[str, Any], today: date | None = None) -> str:
    """``on_time`` / ``late`` (done), ``due`` (open, deadline ahead), ``overdue``, or ``none``.

    ``today`` is the app's clock; without it the API's ``days_left`` stands in for it."""
    today = today or _today_of(task)
    deadline = deadline_date(task)
    if deadline is None:
        return "none"
    if task.get("status") == "done":
        done = parse_iso(task.get("done_date"))
        if done is None:
            return "none"
        return "on_time" if done <= deadline else "late"
    return "overdue" if deadline < today else "due"


def _today_of(task: Mapping[str, Any]) -> date:
    deadline, days_left = deadline_date(task), task.get("days_left")
    if deadline is not None and isinstance(days_left, int):
        return deadline - timedelta(days=days_left)
    return date.today()


def timeliness_text(task: Mapping[str, Any], today: date | None = None) -> str:
    """``đúng hạn`` / ``trễ hạn`` / ``còn N ngày`` / ``quá hạn N ngày`` ('' without a deadline).

    >>> timeliness_text({"deadline": "2025-06-30", "status": "done", "done_date": "2026-12-03"}, date(2026, 12, 3))
    'trễ hạn'
    >>> timeliness_text({"deadline": "2026-12-10"}, date(2026, 12, 3))
    'còn 7 ngày'
    """
    today = today or _today_of(task)
    key = timeliness_key(task, today)
    deadline = deadline_date(task)
    if key == "on_time":
        return "đúng hạn"
    if key == "late":
        return "trễ hạn"
    if key == "overdue" and deadline:
        return f"quá hạn {(today - deadline).days} ngày"
    if key == "due" and deadline:
        days = (deadline - today).days
        return "đến hạn hôm nay" if days == 0 else f"còn {days} ngày"
    return ""


def timeliness_class(task: Mapping[str, Any], today: date | None = None) -> str:
    """A CSS class for the timeliness badge."""
    return "tl-" + timeliness_key(task, today).replace("_", "-")


def is_recurring(task: Mapping[str, Any]) -> bool:
    """A task with no date to meet: a recurrence, or "thường xuyên" written as its deadline."""
    text = str(task.get("deadline_text") or "").casefold()
    return bool(task.get("recurrence")) or "thường xuyên" in text
