"""The figures of a task report as of a period's end, the way government task trackers count.

Every task in scope falls in exactly one state on the report's day (``as_of``: the period's
last day, or today while the period runs), from its state replayed with the edits made up to
the end of that day (:mod:`search_api.reports.snapshot`):

* ``done_on_time`` — done, on or before its deadline (or it has none);
* ``done_late`` — done after its deadline;
* ``in_progress`` — being done, deadline not passed (or none);
* ``overdue`` — not done and the deadline passed (``deadline < as_of``, as the task board);
* ``not_started`` — nothing done yet, deadline not passed (or none);
* ``on_hold`` — suspended (tạm dừng), whatever the deadline.

A period's tasks are those of documents issued by its last day (no issue date: included),
less the tasks already done before it began (they belong to an earlier report).

>>> classify({"status": "done", "done_date": "2025-09-01", "deadline": "2025-08-31"}, date(2025, 9, 30))
'done_late'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from nlp.owners import owner_key
from search_api.reports.periods import Period, vn_date
from search_api.reports.snapshot import History, base_tasks, cutoff_for, tasks_at
from search_api.text import fold, number_key

STATES: tuple[str, ...] = ("done_on_time", "done_late", "in_progress", "overdue", "not_started", "on_hold")
STATE_LABELS: dict[str, str] = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn, chưa hoàn thành",
    "not_started": "Chưa thực hiện",
    "on_hold": "Tạm dừng",
}
SCOPES: tuple[str, ...] = ("all", "owner", "document", "issuer")
NO_OWNER = ""
NO_OWNER_LABEL = "Chưa xác định đơn vị"


def as_day(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def classify(task: dict[str, Any], as_of: date) -> str:
    """One of ``STATES`` for a task (state already overlaid) on the day ``as_of``."""
    status = task.get("status") or "not_started"
    deadline = as_day(task.get("deadline"))
    if status == "done":
        done = as_day(task.get("done_date"))
        return "done_late" if deadline and done and done > deadline else "done_on_time"
    if status == "on_hold":
        return "on_hold"
    if deadline is not None and deadline < as_of:
        return "overdue"
    return "in_progress" if status == "in_progress" else "not_started"


def _loose(key: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(key)).split())


def same_owner(key: str, wanted: str) -> bool:
    """An owner key matches what a person typed: the key itself, the name it is the key of, or
    the key written with spaces for hyphens and without accents (``so tu phap``)."""
    wanted = " ".join((wanted or "").split())
    return bool(wanted) and (key == wanted or key == owner_key(wanted) or _loose(key) == _loose(wanted))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which tasks a report covers: all, one unit (owner key, chủ trì), one document (id or
    number) or one issuing body (the documents' issuer)."""

    kind: str = "all"
    value: str = ""

    @classmethod
    def of(cls, *, owner: str | None = None, document: str | None = None,
           issuer: str | None = None) -> Scope:
        given = [(k, v) for k, v in (("owner", owner), ("document", document), ("issuer", issuer))
                 if v and v.strip()]
        if len(given) > 1:
            raise ValueError("choose one scope: owner, document or issuer")
        return cls(*given[0]) if given else cls()

    def matches(self, task: dict[str, Any]) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "owner":
            return any(same_owner(k, self.value) for k in task.get("owner_keys") or [])
        if self.kind == "document":
            v = self.value.strip()
            return v in (task.get("doc_id"), task.get("document_number")) or (
                number_key(v) is not None and number_key(v) == task.get("number_key"))
        if self.kind == "issuer":
            issuer = task.get("issuer") or ""
            return bool(issuer) and (fold(" ".join(issuer.split())) == fold(" ".join(self.value.split()))
                                     or owner_key(issuer) == owner_key(self.value))
        raise ValueError(f"unknown scope {self.kind!r}: one of {', '.join(SCOPES)}")


@dataclass(slots=True)
class Row:
    """One task line of the report."""

    index: int
    task_id: str
    text: str
    document_number: str
    document_title: str
    doc_id: str
    document_label: str  # the number and title, or its type and file name when it has neither
    owners: list[str]
    owner_keys: list[str]
    deadline: date | None
    deadline_text: str
    state: str
    done_date: date | None
    days_overdue: int
    result: str
    assignee: str | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def document(self) -> str:
        return self.document_label


@dataclass(slots=True)
class UnitFigures:
    key: str
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class Report:
    period: Period
    scope: Scope
    as_of: date
    rows: list[Row]
    units: list[UnitFigures]
    scope_label: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def overdue(self) -> list[Row]:
        return sorted((r for r in self.rows if r.state == "overdue"), key=lambda r: (-r.days_overdue, r.index))

    @property
    def done(self) -> int:
        return self.counts["done_on_time"] + self.counts["done_late"]

    def percent(self, state: str) -> str:
        """Share of the tasks in ``state``, Vietnamese decimal comma ("12,5%")."""
        if not self.total:
            return "0%"
        value = 100.0 * self.counts[state] / self.total
        return (f"{value:.1f}".rstrip("0").rstrip(".") + "%").replace(".", ",")

    @property
    def title(self) -> str:
        return f"Kết quả thực hiện nhiệm vụ {self.scope_label}{self.period.label}".replace("  ", " ")


def _result_text(task: dict[str, Any]) -> str:
    parts: list[str] = []
    if task.get("status") == "done" and task.get("done_date"):
        parts.append(f"Hoàn thành ngày {vn_date(as_day(task['done_date']))}")
    for ev in task.get("evidence") or []:
        text = " ".join(str(ev[k]) for k in ("document_number", "link", "note") if ev.get(k))
        if text:
            parts.append(text)
    notes = [str(n.get("text", "")).strip() for n in task.get("notes") or []]
    if notes and notes[-1]:
        parts.append(notes[-1])
    return "; ".join(parts)


def document_label(task: dict[str, Any]) -> str:
    """"1804/QĐ-BTP - Ban hành Chương trình ..." or, without a number, the type, title or file."""
    number, title = task.get("document_number"), task.get("document_title")
    if number:
        return f"{number} - {title}" if title else str(number)
    kind = task.get("document_type") or "Văn bản"
    return f"{kind}: {title}" if title else f"{kind} ({task.get('filename') or task.get('doc_id')})"


def in_period(task: dict[str, Any], period: Period) -> bool:
    issued = as_day(task.get("issued_date"))
    if issued is not None and issued > period.end:
        return False
    done = as_day(task.get("done_date"))
    return not (task.get("status") == "done" and done is not None and done < period.start)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the characters a .docx or .xlsx cannot hold (controls, lone surrogates):
    a scope typed by a user reaches the report's title."""
    return _NOT_XML.sub("", text)


def _scope_label(scope: Scope, tasks: list[dict[str, Any]]) -> str:
    return printable(_scope_label_raw(scope, tasks))


def _scope_label_raw(scope: Scope, tasks: list[dict[str, Any]]) -> str:
    if scope.kind == "owner":
        names = Counter(n for t in tasks for n, k in zip(t.get("owners") or [], t.get("owner_keys") or [],
                                                         strict=False) if scope.matches({"owner_keys": [k]}))
        return f"của {names.most_common(1)[0][0] if names else scope.value} "
    if scope.kind == "document":
        for t in tasks:
            if t.get("document_number"):
                kind = (t.get("document_type") or "văn bản").strip()
                return f"theo {kind[:1].upper() + kind[1:]} số {t['document_number']} "
        return f"theo văn bản {scope.value} "
    if scope.kind == "issuer":
        name = next((t["issuer"] for t in tasks if t.get("issuer")), scope.value)
        return f"do {name} giao "
    return "được giao "


def unit_figures(rows: list[Row]) -> list[UnitFigures]:
    """Per owner key (chủ trì): counts by state; a task with two owners counts for both."""
    names: dict[str, Counter[str]] = {}
    counts: dict[str, Counter[str]] = {}
    for r in rows:
        pairs = list(zip(r.owner_keys, r.owners, strict=False)) or [(NO_OWNER, NO_OWNER_LABEL)]
        for key, name in dict(pairs).items():
            counts.setdefault(key, Counter())[r.state] += 1
            names.setdefault(key, Counter())[name] += 1
    units = [UnitFigures(k, names[k].most_common(1)[0][0], {s: c.get(s, 0) for s in STATES})
             for k, c in counts.items()]
    units.sort(key=lambda u: (u.key == NO_OWNER, -u.total, u.name))
    return units


@dataclass(slots=True)
class ReportSource:
    """The base tasks and their edit history, read once for any number of reports."""

    bases: list[dict[str, Any]]
    history: History

    @classmethod
    def load(cls, store: Any, log: Any) -> ReportSource:
        bases = base_tasks(store)
        return cls(bases, History.load(log, [b["id"] for b in bases]))

    def report(self, period: Period, scope: Scope | None = None, *, today: date) -> Report:
        scope = scope or Scope()
        as_of = period.as_of(today)
        tasks = [t for t in tasks_at(self.bases, self.history, cutoff_for(as_of))
                 if scope.matches(t) and in_period(t, period)]
        rows = []
        for i, t in enumerate(tasks, start=1):
            state = classify(t, as_of)
            deadline = as_day(t.get("deadline"))
            rows.append(Row(
                index=i, task_id=t["id"], text=" ".join(str(t.get("text") or "").split()),
                document_number=t.get("document_number") or "", document_title=t.get("document_title") or "",
                doc_id=t.get("doc_id") or "", document_label=document_label(t), owners=list(t.get("owners") or []),
                owner_keys=list(t.get("owner_keys") or []), deadline=deadline,
                deadline_text=t.get("deadline_text") or "", state=state, done_date=as_day(t.get("done_date")),
                days_overdue=(as_of - deadline).days if state == "overdue" and deadline else 0,
                result=_result_text(t), assignee=t.get("assignee"),
            ))
        counts = Counter(r.state for r in rows)
        return Report(period=period, scope=scope, as_of=as_of, rows=rows, units=unit_figures(rows),
                      scope_label=_scope_label(scope, tasks), counts={s: counts.get(s, 0) for s in STATES})

    def trend(self, months: list[Period], scope: Scope | None = None, *, today: date) -> list[Report]:
        """One report per month (for the dashboard's trend), months after today left out."""
        return [self.report(m, scope, today=today) for m in months if m.start <= today]


def build_report(ctx: Any, period: Period, scope: Scope | None = None, *, today: date | None = None) -> Report:
    """The report for ``period`` and ``scope`` from the context's data directory and edit log."""
    return ReportSource.load(ctx.store, ctx.edit_log).report(period, scope, today=today or ctx.today())
