"""The daily reminder run (``directives remind``): digests of tasks due in 7, 3 and 1 days and
of overdue tasks for each subscription, then the pending alerts of followed documents.

Which reminder a task gets on a day (``days_left`` = deadline - today; done, on-hold and stale
tasks get none):

* ``due_7`` when 3 < days_left <= 7, ``due_3`` when 1 < days_left <= 3, ``due_1`` when
  0 <= days_left <= 1 — each once per deadline (its ``day`` is the deadline), so a missed
  daily run is caught up the next day and a moved deadline is reminded again;
* ``overdue`` once a week while it stays overdue (its ``day`` is the first day of that week of
  lateness: deadline + 1, + 8, + 15, ...).

Idempotence: every (subscription, task, kind, day) in a digest is recorded in
``reminders_sent`` in one transaction right after the SMTP server accepted the message; a
reminder already recorded is never put in a digest again. Two runs the same day therefore send
each reminder once, and a run killed between two messages sends the rest when restarted. A
kill in the instant between the server's acceptance and the commit can repeat that one digest
(it is never lost); its ``Message-ID`` is derived from its content, so mail systems that
deduplicate by it see one message.

>>> reminder_kind(5)
'due_7'
>>> reminder_kind(-1)
'overdue'
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from typing import Any

from search_api.reports.figures import as_day, same_owner
from search_api.reports.mail import Mailer, MailError
from search_api.reports.periods import vn_date
from search_api.reports.reminders import Alert, ReminderStore, Subscription
from search_api.reports.snapshot import History, base_tasks, tasks_at

log = logging.getLogger(__name__)

KINDS = ("overdue", "due_1", "due_3", "due_7")
KIND_LABELS = {
    "overdue": "Nhiệm vụ quá hạn",
    "due_1": "Đến hạn trong 1 ngày",
    "due_3": "Đến hạn trong 3 ngày",
    "due_7": "Đến hạn trong 7 ngày",
}
OVERDUE_REPEAT_DAYS = 7
QUIET_STATUSES = ("done", "on_hold")


def reminder_kind(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    if days_left <= 1:
        return "due_1"
    if days_left <= 3:
        return "due_3"
    if days_left <= 7:
        return "due_7"
    return None


@dataclass(frozen=True, slots=True)
class Item:
    task: dict[str, Any]
    kind: str
    day: str  # ISO: the deadline (due_*) or the first day of the week of lateness (overdue)
    days_left: int

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.task["id"], self.kind, self.day)


def reminder_for(task: dict[str, Any], today: date) -> Item | None:
    deadline = as_day(task.get("deadline"))
    if deadline is None or task.get("status") in QUIET_STATUSES or task.get("stale"):
        return None
    days_left = (deadline - today).days
    kind = reminder_kind(days_left)
    if kind is None:
        return None
    if kind == "overdue":
        weeks = (-days_left - 1) // OVERDUE_REPEAT_DAYS
        day = deadline + timedelta(days=1 + OVERDUE_REPEAT_DAYS * weeks)
    else:
        day = deadline
    return Item(task, kind, day.isoformat(), days_left)


def subscribed(sub: Subscription, task: dict[str, Any]) -> bool:
    if sub.kind == "owner":
        return any(same_owner(k, sub.target) for k in task.get("owner_keys") or [])
    return " ".join(str(task.get("assignee") or "").split()).casefold() == sub.target.casefold()


def target_name(sub: Subscription, tasks: list[dict[str, Any]]) -> str:
    if sub.kind == "owner":
        for t in tasks:
            for name, key in zip(t.get("owners") or [], t.get("owner_keys") or [], strict=False):
                if same_owner(key, sub.target):
                    return name
    return sub.target


def _message_id(parts: list[str], domain: str = "directives.invalid") -> str:
    digest = hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def _message(to: str, subject: str, text: str, message_id: str) -> Message:
    """A plain-text UTF-8 message. The subject is encoded with ``email.header.Header``: the
    default policy's folding drops the space between two encoded words on Python 3.11."""
    msg = MIMEText(text, "plain", "utf-8")
    msg["To"] = to
    msg["Subject"] = Header(subject, "utf-8")
    msg["Message-ID"] = message_id
    return msg


def _task_line(item: Item) -> str:
    t = item.task
    text = " ".join(str(t.get("text") or "").split())
    if len(text) > 300:
        text = text[:297] + "..."
    when = (f"quá hạn {-item.days_left} ngày" if item.days_left < 0
            else "đến hạn hôm nay" if item.days_left == 0 else f"còn {item.days_left} ngày")
    doc = t.get("document_number") or t.get("document_title") or ""
    owners = "; ".join(t.get("owners") or [])
    return (f"- {text}\n  Văn bản giao: {doc}; chủ trì: {owners or 'chưa xác định'}; "
            f"thời hạn {vn_date(as_day(t.get('deadline')))} ({when}).")


def digest_message(sub: Subscription, name: str, items: list[Item], today: date) -> Message:
    """The plain-text digest for one subscription (Vietnamese)."""
    by_kind = {k: [i for i in items if i.kind == k] for k in KINDS}
    overdue = len(by_kind["overdue"])
    due = len(items) - overdue
    summary = ", ".join(x for x in (f"{due} nhiệm vụ sắp đến hạn" if due else "",
                                     f"{overdue} nhiệm vụ quá hạn" if overdue else "") if x)
    lines = [f"Kính gửi {name},", "",
             f"Hệ thống theo dõi nhiệm vụ nhắc các nhiệm vụ sau (tính đến ngày {vn_date(today)}):", ""]
    for kind in KINDS:
        if by_kind[kind]:
            lines.append(f"{KIND_LABELS[kind]} ({len(by_kind[kind])}):")
            lines.extend(_task_line(i) for i in by_kind[kind])
            lines.append("")
    lines.append("Thư này được gửi tự động; mỗi lời nhắc chỉ được gửi một lần.")
    return _message(sub.email, f"[Nhắc việc] {name}: {summary} ({vn_date(today)})", "\n".join(lines),
                    _message_id([str(sub.id), *("|".join(i.key) for i in items)]))


def _relation_text(relation: str) -> str:
    try:
        from nlp.model import Relation
        from nlp.relations import relation_labels

        return relation_labels()[Relation(relation)].text()
    except (ImportError, ValueError, KeyError):
        return "dẫn chiếu"


def alert_message(email: str, alerts: list[Alert]) -> Message:
    followed = sorted({a.label for a in alerts})
    lines = ["Các văn bản mới được cập nhật vào hệ thống liên quan đến văn bản bạn theo dõi:", ""]
    for a in alerts:
        citing = a.citing_number or a.citing_title or a.citing_doc_id
        lines.append(f"- {citing} {_relation_text(a.relation)} {a.label}.")
        if a.citing_title and a.citing_number:
            lines.append(f"  {a.citing_title}")
        if a.sentence:
            lines.append(f"  \u201c{' '.join(a.sentence.split())[:400]}\u201d")
    lines += ["", "Thư này được gửi tự động."]
    return _message(email, f"[Theo dõi văn bản] Văn bản mới liên quan đến {', '.join(followed)}",
                    "\n".join(lines), _message_id([email, *(str(a.id) for a in alerts)]))


@dataclass(slots=True)
class RemindReport:
    messages: int = 0  # e-mails handed to the SMTP server
    reminders: int = 0  # (subscription, task, kind, day) recorded as sent
    alerts: int = 0
    skipped: int = 0  # subscriptions with nothing new
    failed: list[str] = field(default_factory=list)


def current_tasks(store: Any, log: Any) -> list[dict[str, Any]]:
    """Every current task with everything recorded so far overlaid."""
    bases = base_tasks(store)
    return tasks_at(bases, History.load(log, [b["id"] for b in bases]), None)


def run_reminders(reminders: ReminderStore, tasks: list[dict[str, Any]], mailer: Mailer, today: date, *,
                  on_sent: Callable[[Message], None] | None = None) -> RemindReport:
    """Send every reminder and alert not yet sent; record each right after its message."""
    report = RemindReport()
    for sub in reminders.subscriptions():
        done = reminders.sent_keys(sub.id)
        items = [i for t in tasks if subscribed(sub, t)
                 for i in [reminder_for(t, today)] if i is not None and i.key not in done]
        if not items:
            report.skipped += 1
            continue
        items.sort(key=lambda i: (KINDS.index(i.kind), i.days_left, i.task["id"]))
        msg = digest_message(sub, target_name(sub, tasks), items, today)
        msg["From"] = mailer.sender
        try:
            mailer.send(msg)
        except MailError as exc:
            report.failed.append(f"{sub.email}: {exc}")
            log.error("reminder to %s not sent: %s", sub.email, exc)
            continue
        report.reminders += reminders.record_sent(sub.id, [i.key for i in items])
        report.messages += 1
        if on_sent:
            on_sent(msg)
    pending: dict[str, list[Alert]] = {}
    for alert in reminders.pending_alerts():
        pending.setdefault(alert.email, []).append(alert)
    for email, alerts in pending.items():
        msg = alert_message(email, alerts)
        msg["From"] = mailer.sender
        try:
            mailer.send(msg)
        except MailError as exc:
            report.failed.append(f"{email}: {exc}")
            continue
        reminders.mark_alerts_sent(a.id for a in alerts)
        report.alerts += len(alerts)
        report.messages += 1
        if on_sent:
            on_sent(msg)
    return report
