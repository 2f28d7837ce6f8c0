"""Tracked task state: the vocabulary and the value replayed from the edit log.

A ``TaskState`` is what secretariats recorded about one task (status, corrections, notes,
evidence). It never comes from the index: it is rebuilt by replaying the task's edits from the
log (``editlog.EditLog``) and then overlaid onto the index document (``state.apply_state``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ON_HOLD = "on_hold"


STATUS_LABELS_VI: dict[str, str] = {
    TaskStatus.NOT_STARTED: "chưa thực hiện",
    TaskStatus.IN_PROGRESS: "đang thực hiện",
    TaskStatus.DONE: "hoàn thành",
    TaskStatus.ON_HOLD: "tạm dừng",
    "overdue": "quá hạn",
    "on_time": "đúng hạn",
    "late": "trễ hạn",
    "stale": "không còn trong văn bản mới",
}

# Fields a secretariat may change with PATCH /tasks/{id} (notes/evidence are appended).
EDITABLE_FIELDS: tuple[str, ...] = (
    "status", "done_date", "owners", "co_owners", "deadline", "assignee", "note", "evidence",
)
# Fields only the system writes (carry-over between document versions).
SYSTEM_FIELDS: tuple[str, ...] = ("stale", "carried_from", "carried_to")


@dataclass(frozen=True, slots=True)
class OwnerRef:
    """An owner as corrected by a person: the name as written and its canonical key."""

    name: str
    key: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "key": self.key}


@dataclass(frozen=True, slots=True)
class Change:
    """One field changed by one edit: ``old`` and ``new`` are JSON-compatible values."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One committed edit (one version of one task): who, when and what changed."""

    task_id: str
    version: int
    actor: str
    at: datetime
    changes: tuple[Change, ...]
    kind: str = "edit"  # edit | carry | system


@dataclass(slots=True)
class TaskState:
    """What people recorded about one task, replayed from its edits.

    ``owners``/``co_owners`` are ``None`` while the extracted owners stand; ``deadline_set``
    tells an explicitly cleared deadline (``deadline=None``) from "not corrected".
    """

    task_id: str
    version: int = 0
    status: TaskStatus = TaskStatus.NOT_STARTED
    done_date: date | None = None
    owners: list[OwnerRef] | None = None
    co_owners: list[OwnerRef] | None = None
    deadline: date | None = None
    deadline_set: bool = False
    assignee: str | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    stale: bool = False
    carried_from: str | None = None
    carried_to: str | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None

    @property
    def is_blank(self) -> bool:
        """True when nobody recorded anything (version 0)."""
        return self.version == 0
