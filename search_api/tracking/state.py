"""Pure state logic: replay edits into a ``TaskState``, overlay it onto an index document, and
derive overdue / on-time / late from a date the caller passes (the injected clock's today).

>>> from datetime import date
>>> is_overdue({"deadline": "2024-03-31", "status": "in_progress"}, date(2024, 4, 1))
True
>>> timeliness("2024-04-02", "2024-03-31")
'late'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from search_api.tracking.models import Edit, OwnerRef, TaskState, TaskStatus


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _owners(value: Any) -> list[OwnerRef] | None:
    if value is None:
        return None
    return [OwnerRef(name=str(o["name"]), key=str(o["key"])) for o in value]


def replay(task_id: str, edits: Iterable[Edit]) -> TaskState:
    """Fold a task's edits (in version order) into its current state.

    >>> replay("t1", []).status
    <TaskStatus.NOT_STARTED: 'not_started'>
    """
    state = TaskState(task_id=task_id)
    for edit in sorted(edits, key=lambda e: e.version):
        for ch in edit.changes:
            _apply_change(state, ch.field, ch.new, edit)
        state.version = edit.version
        state.updated_at = edit.at
        state.updated_by = edit.actor
    return state


def _apply_change(state: TaskState, name: str, new: Any, edit: Edit) -> None:
    if name == "status":
        state.status = TaskStatus(new)
    elif name == "done_date":
        state.done_date = _as_date(new)
    elif name == "owners":
        state.owners = _owners(new)
    elif name == "co_owners":
        state.co_owners = _owners(new)
    elif name == "deadline":
        state.deadline = _as_date(new)
        state.deadline_set = True
    elif name == "assignee":
        state.assignee = new or None
    elif name == "note":
        state.notes.append({**dict(new), "by": edit.actor, "at": edit.at.isoformat()})
    elif name == "evidence":
        state.evidence.append({**dict(new), "by": edit.actor, "at": edit.at.isoformat()})
    elif name == "stale":
        state.stale = bool(new)
    elif name == "carried_from":
        state.carried_from = new
    elif name == "carried_to":
        state.carried_to = new
    # Unknown fields (from a newer version of the code) are kept in history but ignored here.


def state_fields(state: TaskState) -> dict[str, Any]:
    """The index-document fields a state overrides (JSON-compatible)."""
    out: dict[str, Any] = {
        "status": state.status.value,
        "done_date": state.done_date.isoformat() if state.done_date else None,
        "assignee": state.assignee,
        "version": state.version,
        "updated_at": state.updated_at.isoformat() if state.updated_at else None,
    }
    if state.stale:  # only ever sets the flag: ingest may flag stale on its own too
        out["stale"] = True
    if state.owners is not None:
        out["owners"] = [o.name for o in state.owners]
        out["owner_keys"] = [o.key for o in state.owners]
        out["owner_labels"] = [f"{o.key}|{o.name}" for o in state.owners]  # names the register shows
    if state.co_owners is not None:
        out["co_owners"] = [o.name for o in state.co_owners]
        out["co_owner_keys"] = [o.key for o in state.co_owners]
    if state.deadline_set:
        out["deadline"] = state.deadline.isoformat() if state.deadline else None
    return out


def apply_state(task_doc: dict[str, Any], state: TaskState | None) -> dict[str, Any]:
    """Return a copy of an index task document with the tracked state overlaid.

    With ``state=None`` (nothing recorded) the defaults are filled in: status ``not_started``,
    version 0, not stale. The input dict is not modified.

    >>> apply_state({"id": "t1", "deadline": "2024-01-31"}, None)["status"]
    'not_started'
    """
    doc = dict(task_doc)
    if state is None:
        doc.setdefault("status", TaskStatus.NOT_STARTED.value)
        doc.setdefault("done_date", None)
        doc.setdefault("assignee", None)
        doc.setdefault("version", 0)
        doc.setdefault("stale", False)
        doc.setdefault("updated_at", None)
        return doc
    doc.setdefault("stale", False)
    doc.update(state_fields(state))
    return doc


def is_overdue(task: dict[str, Any], today: date) -> bool:
    """Overdue: it has a deadline before ``today`` and is not done (stale tasks too)."""
    deadline = _as_date(task.get("deadline"))
    return deadline is not None and deadline < today and task.get("status") != TaskStatus.DONE.value


def timeliness(done_date: Any, deadline: Any) -> str | None:
    """``on_time`` / ``late`` for a done task with a deadline, else ``None``.

    >>> timeliness("2024-03-31", "2024-03-31")
    'on_time'
    """
    done, due = _as_date(done_date), _as_date(deadline)
    if done is None or due is None:
        return None
    return "on_time" if done <= due else "late"


def derived_fields(task: dict[str, Any], today: date) -> dict[str, Any]:
    """Fields computed at read time: ``overdue``, ``timeliness``, ``days_left``."""
    deadline = _as_date(task.get("deadline"))
    done = task.get("status") == TaskStatus.DONE.value
    return {
        "overdue": is_overdue(task, today),
        "timeliness": timeliness(task.get("done_date"), task.get("deadline")) if done else None,
        "days_left": (deadline - today).days if deadline and not done else None,
    }
