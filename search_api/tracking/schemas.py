"""API models for tasks, history and owners (request and response bodies)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from search_api.tracking.models import TaskStatus


class OwnerIn(BaseModel):
    """An owner as a secretariat writes it; ``key`` defaults to a folded slug of the name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    key: str | None = Field(default=None, max_length=300)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class EvidenceIn(BaseModel):
    """What closed the task: a link and/or the number of the report document."""

    model_config = ConfigDict(extra="forbid")

    link: str | None = Field(default=None, max_length=2000)
    document_number: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _something(self) -> EvidenceIn:
        if not (self.link or self.document_number):
            raise ValueError("evidence needs a link or a document_number")
        return self

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError("link must start with http:// or https://")
        return value


class TaskPatch(BaseModel):
    """PATCH /tasks/{id}: only the fields sent change (``null`` clears deadline/assignee).

    ``note`` and ``evidence`` are appended, never overwrite earlier ones. ``version`` is the
    version the change is based on (or send it in ``If-Match``).
    """

    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(default=None, ge=0)
    status: TaskStatus | None = None
    done_date: date | None = None
    owners: list[OwnerIn] | None = None
    co_owners: list[OwnerIn] | None = None
    deadline: date | None = None
    assignee: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, min_length=1, max_length=5000)
    evidence: EvidenceIn | None = None


class TaskPublic(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    doc_id: str | None = None
    document_number: str | None = None
    document_type: str | None = None
    document_title: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    issue_year: int | None = None
    section: str | None = None
    text: str | None = None
    owners: list[str] = Field(default_factory=list)
    owner_keys: list[str] = Field(default_factory=list)
    co_owners: list[str] = Field(default_factory=list)
    co_owner_keys: list[str] = Field(default_factory=list)
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: str | None = None
    refs: list[str] = Field(default_factory=list)
    status: TaskStatus
    status_label: str
    done_date: str | None = None
    timeliness: str | None = None  # on_time | late (done tasks with a deadline)
    overdue: bool
    days_left: int | None = None
    assignee: str | None = None
    version: int
    stale: bool = False
    updated_at: str | None = None
    updated_by: str | None = None
    notes: list[dict[str, Any]] = Field(default_factory=list)
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    carried_from: str | None = None


class Facet(BaseModel):
    key: str
    count: int
    label: str | None = None


class TaskFacets(BaseModel):
    owners: list[Facet]
    status: list[Facet]
    overdue: int


class TaskPage(BaseModel):
    data: list[TaskPublic]
    count: int
    facets: TaskFacets
    today: date


class HistoryEntry(BaseModel):
    task_id: str
    version: int
    at: str
    actor: str
    kind: str
    field: str
    old: Any = None
    new: Any = None


class HistoryPage(BaseModel):
    data: list[HistoryEntry]
    count: int


class OwnerSummary(BaseModel):
    key: str
    name: str
    total: int
    open: int
    overdue: int
    done: int


class OwnersPage(BaseModel):
    data: list[OwnerSummary]
    count: int
    today: date
