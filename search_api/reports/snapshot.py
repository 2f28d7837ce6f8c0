"""Tasks as they stood at the end of a given day: base data from the data directory, the
tracked state replayed from the edit log with only the edits made up to that moment.

A report for last quarter therefore never moves when someone edits a task today: the edit's
``at`` is after the cutoff, so the replay leaves it out. The base data (text, owners, deadline,
document) is the stored extraction, never the index (the index carries today's state).

A task carried over from an earlier version of its document has its history before the carry
under the old task id: when nothing was recorded on the new id by the cutoff, the old id's
state at the cutoff stands in for it.

>>> cutoff_for(date(2025, 9, 30)) > datetime(2025, 9, 30, 12, tzinfo=UTC)
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from search_api.search.docs import common_fields
from search_api.tracking.editlog import EditLog
from search_api.tracking.models import Edit, TaskState
from search_api.tracking.state import apply_state, replay

_cache_lock = threading.Lock()
_base_cache: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}


def cutoff_for(day: date) -> datetime:
    """The first instant after ``day`` in the local time zone (edits before it count)."""
    return datetime.combine(day + timedelta(days=1), time.min).astimezone().astimezone(UTC)


def _task_base(doc: Any, task: Any, position: int) -> dict[str, Any]:
    deadline = task.deadline
    return {
        **common_fields(doc),
        "id": task.id,
        "filename": doc.source.filename,
        "position": position,
        "section": task.section,
        "text": task.text,
        "owners": list(dict.fromkeys(o.name for o in task.owners)),
        "owner_keys": list(dict.fromkeys(o.key for o in task.owners)),
        "co_owners": list(dict.fromkeys(o.name for o in task.co_owners)),
        "co_owner_keys": list(dict.fromkeys(o.key for o in task.co_owners)),
        "deadline": _iso(deadline.date) if deadline else None,
        "deadline_text": deadline.text if deadline else None,
    }


def _iso(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def base_tasks(store: Any) -> list[dict[str, Any]]:
    """Every task of every current document, as extracted (no tracked state), in document
    then task order. Cached per data directory and set of current documents."""
    ids = tuple(sorted(store.current_ids()))
    key = (str(getattr(store, "root", id(store))), ids)
    with _cache_lock:
        hit = _base_cache.get(key)
    if hit is not None:
        return hit
    out: list[dict[str, Any]] = []
    for doc_id in ids:
        doc, ext = store.load(doc_id)
        out.extend(_task_base(doc, t, i) for i, t in enumerate(ext.tasks))
    out.sort(key=lambda t: (t.get("issued_date") or "", t.get("document_number") or "", t["doc_id"],
                            t["position"]))
    with _cache_lock:
        _base_cache.clear()  # one data directory at a time is the usual case
        _base_cache[key] = out
    return out


@dataclass(slots=True)
class History:
    """Every edit of a set of tasks (and of the tasks they were carried from), read once."""

    edits: dict[str, list[Edit]] = field(default_factory=dict)

    @classmethod
    def load(cls, log: EditLog, task_ids: Iterable[str]) -> History:
        """One ``states`` call finds the tasks anyone edited (most have no edit at all); only
        those, and the tasks they were carried from, have their edits read."""
        hist = cls()
        pending = list(log.states(list(dict.fromkeys(task_ids))))
        while pending:
            tid = pending.pop()
            if tid in hist.edits:
                continue
            edits = log.edits(tid)
            hist.edits[tid] = edits
            carried = replay(tid, edits).carried_from
            if carried and carried not in hist.edits:
                pending.append(carried)
        return hist

    def state_at(self, task_id: str, cutoff: datetime | None) -> TaskState:
        """The task's state replayed from the edits made before ``cutoff`` (None: all)."""
        seen: set[str] = set()
        tid = task_id
        while True:
            seen.add(tid)
            edits = self.edits.get(tid, [])
            kept = [e for e in edits if cutoff is None or e.at < cutoff]
            state = replay(tid, kept)
            if not state.is_blank or cutoff is None:
                return _as(task_id, state)
            carried = replay(tid, edits).carried_from
            if not carried or carried in seen:
                return _as(task_id, state)
            tid = carried


def _as(task_id: str, state: TaskState) -> TaskState:
    if state.task_id != task_id:
        state.task_id = task_id
    return state


def tasks_at(bases: list[dict[str, Any]], history: History, cutoff: datetime | None) -> list[dict[str, Any]]:
    """Base tasks with their state at ``cutoff`` overlaid (``apply_state``) and the notes
    and evidence recorded by then kept under ``notes`` / ``evidence``."""
    out = []
    for base in bases:
        state = history.state_at(base["id"], cutoff)
        doc = apply_state(base, None if state.is_blank else state)
        doc["notes"] = list(state.notes)
        doc["evidence"] = list(state.evidence)
        out.append(doc)
    return out
