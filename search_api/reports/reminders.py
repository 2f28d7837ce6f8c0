"""Subscriptions, document follows and what was sent: tables in the edit log's database.

The tables live next to ``task_edits`` (same SQLite file, or same PostgreSQL database) and are
created here, never by the edit log's schema:

* ``reminder_subscriptions`` — a unit (owner key) or an assignee, and an e-mail address;
* ``reminders_sent`` — one row per (subscription, task, kind, day) reminded: the primary key is
  what makes ``directives remind`` idempotent (a second run the same day finds them sent);
* ``document_follows`` — an e-mail address following a document (its canonical key);
* ``follow_alerts`` — a newly ingested document citing a followed one, ``sent_at`` empty until
  a ``directives remind`` run has delivered it.

Each write is one transaction; inserts of something already there change nothing
(``ON CONFLICT DO NOTHING``), so recording twice is harmless.

>>> store = ReminderStore.sqlite(":memory:")
>>> store.subscribe("owner", "so tu phap", "stp@example.org").target
'so tu phap'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from search_api.tracking.sidecar import SidecarStore

SUBSCRIPTION_KINDS = ("owner", "assignee")
EMAIL_RE = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")

_SCHEMA_SQLITE = (
    "CREATE TABLE IF NOT EXISTS reminder_subscriptions ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, target TEXT NOT NULL,"
    " email TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (kind, target, email))",
    "CREATE TABLE IF NOT EXISTS reminders_sent ("
    " subscription_id INTEGER NOT NULL, task_id TEXT NOT NULL, kind TEXT NOT NULL, day TEXT NOT NULL,"
    " sent_at TEXT NOT NULL, PRIMARY KEY (subscription_id, task_id, kind, day))",
    "CREATE TABLE IF NOT EXISTS document_follows ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, document_key TEXT NOT NULL, label TEXT NOT NULL,"
    " email TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (document_key, email))",
    "CREATE TABLE IF NOT EXISTS follow_alerts ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, follow_id INTEGER NOT NULL, citing_doc_id TEXT NOT NULL,"
    " citing_number TEXT, citing_title TEXT, relation TEXT NOT NULL, sentence TEXT,"
    " created_at TEXT NOT NULL, sent_at TEXT, UNIQUE (follow_id, citing_doc_id, relation))",
)
_SCHEMA_POSTGRES = tuple(
    s.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY")
     .replace("subscription_id INTEGER", "subscription_id BIGINT")
     .replace("follow_id INTEGER", "follow_id BIGINT")
    for s in _SCHEMA_SQLITE
)


class ReminderError(ValueError):
    """A subscription or follow that cannot be recorded (the message says why; ``message_vi``
    says it to the person on the page)."""

    def __init__(self, reason: str, message_vi: str = "Thông tin đăng ký không hợp lệ.") -> None:
        super().__init__(reason)
        self.message_vi = message_vi


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    kind: str  # owner | assignee
    target: str  # owner key, or the assignee as written
    email: str


@dataclass(frozen=True, slots=True)
class Follow:
    id: int
    document_key: str
    label: str
    email: str


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    follow_id: int
    email: str
    document_key: str
    label: str
    citing_doc_id: str
    citing_number: str | None
    citing_title: str | None
    relation: str
    sentence: str | None


def check_email(email: str) -> str:
    email = (email or "").strip()
    if not EMAIL_RE.match(email):
        raise ReminderError(f"not an e-mail address: {email!r}",
                            f"“{email}” không phải là địa chỉ thư điện tử hợp lệ.")
    return email


def _now() -> str:
    return datetime.now(UTC).isoformat()


class ReminderStore(SidecarStore):
    """The reminder tables beside the edit log (thread-safe, one lock)."""

    def schema(self) -> Sequence[str]:
        return _SCHEMA_SQLITE if self.backend == "sqlite" else _SCHEMA_POSTGRES

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._tx() as cur:
            cur.execute(self._q(sql), tuple(params))
            return list(cur.fetchall())

    # -- subscriptions ------------------------------------------------------------------
    def subscribe(self, kind: str, target: str, email: str) -> Subscription:
        if kind not in SUBSCRIPTION_KINDS:
            raise ReminderError(f"kind must be one of {', '.join(SUBSCRIPTION_KINDS)}, got {kind!r}")
        target = " ".join((target or "").split())
        if not target:
            raise ReminderError("a subscription needs a unit key or an assignee",
                                "Hãy chọn đơn vị hoặc nhập tên người theo dõi.")
        email = check_email(email)
        with self._tx() as cur:
            cur.execute(self._q("INSERT INTO reminder_subscriptions (kind, target, email, created_at)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"), (kind, target, email, _now()))
            cur.execute(self._q("SELECT id FROM reminder_subscriptions WHERE kind = ? AND target = ?"
                                " AND email = ?"), (kind, target, email))
            (sid,) = cur.fetchone()
        return Subscription(int(sid), kind, target, email)

    def subscriptions(self) -> list[Subscription]:
        rows = self._rows("SELECT id, kind, target, email FROM reminder_subscriptions ORDER BY id")
        return [Subscription(int(r[0]), r[1], r[2], r[3]) for r in rows]

    def unsubscribe(self, subscription_id: int) -> bool:
        with self._tx() as cur:
            cur.execute(self._q("DELETE FROM reminder_subscriptions WHERE id = ?"), (subscription_id,))
            return cur.rowcount > 0

    def sent_keys(self, subscription_id: int) -> set[tuple[str, str, str]]:
        """(task, kind, day) already reminded to this subscription."""
        rows = self._rows("SELECT task_id, kind, day FROM reminders_sent WHERE subscription_id = ?",
                          (subscription_id,))
        return {(r[0], r[1], r[2]) for r in rows}

    def record_sent(self, subscription_id: int, keys: Iterable[tuple[str, str, str]]) -> int:
        """Record reminders as sent, all in one transaction; returns how many were new."""
        now, n = _now(), 0
        with self._tx() as cur:
            for task_id, kind, day in keys:
                cur.execute(self._q("INSERT INTO reminders_sent (subscription_id, task_id, kind, day, sent_at)"
                                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                            (subscription_id, task_id, kind, day, now))
                n += max(cur.rowcount, 0)
        return n

    def sent_count(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM reminders_sent")[0][0])

    # -- follows and alerts ---------------------------------------------------------------
    def follow(self, document_key: str, label: str, email: str) -> Follow:
        if not document_key:
            raise ReminderError("a follow needs a document number or key", "Hãy nhập số hoặc tên văn bản.")
        email = check_email(email)
        with self._tx() as cur:
            cur.execute(self._q("INSERT INTO document_follows (document_key, label, email, created_at)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                        (document_key, label or document_key, email, _now()))
            cur.execute(self._q("SELECT id, label FROM document_follows WHERE document_key = ? AND email = ?"),
                        (document_key, email))
            fid, stored_label = cur.fetchone()
        return Follow(int(fid), document_key, stored_label, email)

    def follows(self, keys: Iterable[str] | None = None) -> list[Follow]:
        rows = self._rows("SELECT id, document_key, label, email FROM document_follows ORDER BY id")
        wanted = set(keys) if keys is not None else None
        return [Follow(int(r[0]), r[1], r[2], r[3]) for r in rows if wanted is None or r[1] in wanted]

    def add_alert(self, follow_id: int, *, citing_doc_id: str, citing_number: str | None,
                  citing_title: str | None, relation: str, sentence: str | None) -> bool:
        """Record that a new document relates to a followed one; False when already recorded."""
        with self._tx() as cur:
            cur.execute(self._q(
                "INSERT INTO follow_alerts (follow_id, citing_doc_id, citing_number, citing_title, relation,"
                " sentence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                (follow_id, citing_doc_id, citing_number, citing_title, relation, sentence, _now()))
            return cur.rowcount > 0

    def pending_alerts(self) -> list[Alert]:
        rows = self._rows(
            "SELECT a.id, a.follow_id, f.email, f.document_key, f.label, a.citing_doc_id, a.citing_number,"
            " a.citing_title, a.relation, a.sentence FROM follow_alerts a"
            " JOIN document_follows f ON f.id = a.follow_id WHERE a.sent_at IS NULL ORDER BY a.id")
        return [Alert(int(r[0]), int(r[1]), *r[2:]) for r in rows]

    def mark_alerts_sent(self, alert_ids: Iterable[int]) -> None:
        now = _now()
        with self._tx() as cur:
            for aid in alert_ids:
                cur.execute(self._q("UPDATE follow_alerts SET sent_at = ? WHERE id = ? AND sent_at IS NULL"),
                            (now, aid))


@contextmanager
def open_store(log: Any) -> Iterator[ReminderStore]:
    """A :class:`ReminderStore` next to ``log`` for the length of a block."""
    store = ReminderStore.for_log(log)
    try:
        yield store
    finally:
        store.close()
