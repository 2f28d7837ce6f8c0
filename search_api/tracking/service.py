"""Task tracking operations used by the routes: read, edit (optimistic concurrency against the
edit log), history, filtered lists with counts, owner summaries, iteration for exports.

Writes: plan the changes against the current state -> append to the log (the version check
happens inside the log's transaction) -> partial update of the index document. If the index
update fails the edit still stands; ``ensure_synced`` repairs the index before the next list.

>>> # svc = TaskService(ctx.search, log, today=date(2024, 5, 1))
>>> # svc.patch("t1", TaskPatch(status="in_progress"), expected=0, actor="ann")
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from nlp.owners import owner_key as nlp_owner_key
from search_api.search import backend as search
from search_api.search.model import Collection, Facet, Hit, SearchQuery, SearchResult
from search_api.tracking.editlog import EditLog
from search_api.tracking.errors import InvalidEdit, SearchUnavailable, TaskNotFound, VersionConflict
from search_api.tracking.models import STATUS_LABELS_VI, Change, Edit, TaskState, TaskStatus
from search_api.tracking.queries import (
    MAX_OWNER_BUCKETS,
    SORT,
    SORTS,
    TaskFilters,
    build_filters,
    list_counts,
    list_facets,
    owner_facets,
)
from search_api.tracking.schemas import OwnerIn, TaskPatch
from search_api.tracking.state import apply_state, derived_fields
from search_api.tracking.sync import ensure_synced, push_state

PAGE_MAX = 500
EXPORT_CHUNK = 500


def owner_key(name: str) -> str:
    """Canonical owner key: ``nlp.owners.owner_key``, the function extraction uses."""
    return nlp_owner_key(name)


def _owner_pairs(names: list[str] | None, keys: list[str] | None) -> list[dict[str, str]]:
    names, keys = list(names or []), list(keys or [])
    return [{"name": n, "key": keys[i] if i < len(keys) else owner_key(n)} for i, n in enumerate(names)]


def _owners_value(owners: list[OwnerIn]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for o in owners:
        name = " ".join(o.name.split())
        key = (o.key or "").strip() or owner_key(name)
        if key not in seen:
            seen.add(key)
            out.append({"name": name, "key": key})
    return out


def plan_changes(doc: dict[str, Any], state: TaskState, patch: TaskPatch, today: date) -> list[Change]:
    """The field changes a patch makes to the effective task ``doc`` (state already overlaid).

    Marking a task done without ``done_date`` records today; leaving ``done`` clears the date.
    Fields sent with their current value change nothing.
    """
    sent = patch.model_fields_set - {"version"}
    changes: list[Change] = []
    old_status = doc.get("status") or TaskStatus.NOT_STARTED.value
    new_status = patch.status.value if "status" in sent and patch.status is not None else old_status
    if "status" in sent and patch.status is None:
        raise InvalidEdit("status", "cannot be null; use one of " + ", ".join(s.value for s in TaskStatus))
    if new_status != old_status:
        changes.append(Change("status", old_status, new_status))
    old_done = doc.get("done_date")
    if new_status == TaskStatus.DONE.value:
        done = patch.done_date if "done_date" in sent and patch.done_date else None
        if done is None and old_status != TaskStatus.DONE.value:
            done = today
        if done is not None:
            if done > today:
                raise InvalidEdit("done_date", f"{done.isoformat()} is after today ({today.isoformat()})")
            if done.isoformat() != old_done:
                changes.append(Change("done_date", old_done, done.isoformat()))
    elif "done_date" in sent and patch.done_date is not None:
        raise InvalidEdit("done_date", "only a task whose status is done has a done date")
    elif old_done:
        changes.append(Change("done_date", old_done, None))
    for name in ("owners", "co_owners"):
        if name not in sent:
            continue
        value = getattr(patch, name)
        if value is None:
            raise InvalidEdit(name, "cannot be null; send [] for none")
        prefix = name[:-1]
        old = _owner_pairs(doc.get(name), doc.get(f"{prefix}_keys"))
        new = _owners_value(value)
        if name == "owners" and not new:
            raise InvalidEdit("owners", "a task needs at least one owner")
        if new != old:
            changes.append(Change(name, old, new))
    if "deadline" in sent:
        new_deadline = patch.deadline.isoformat() if patch.deadline else None
        if new_deadline != doc.get("deadline"):
            changes.append(Change("deadline", doc.get("deadline"), new_deadline))
    if "assignee" in sent:
        new_assignee = " ".join(patch.assignee.split()) if patch.assignee else None
        if new_assignee != doc.get("assignee"):
            changes.append(Change("assignee", doc.get("assignee"), new_assignee))
    if "note" in sent and patch.note is not None:
        changes.append(Change("note", None, {"text": patch.note.strip()}))
    if "evidence" in sent and patch.evidence is not None:
        changes.append(Change("evidence", None, patch.evidence.model_dump(exclude_none=True)))
    return changes


def public_task(source: dict[str, Any], state: TaskState | None, today: date) -> dict[str, Any]:
    """Index document + log state -> the API representation (derived fields computed)."""
    doc = apply_state(source, state)
    doc.update(derived_fields(doc, today))
    doc["status_label"] = STATUS_LABELS_VI.get(doc["status"], doc["status"])
    for name in ("owners", "owner_keys", "co_owners", "co_owner_keys", "refs"):
        doc[name] = list(doc.get(name) or [])
    if state is not None:
        doc["updated_by"] = state.updated_by
        doc["notes"] = list(state.notes)
        doc["evidence"] = list(state.evidence)
        doc["carried_from"] = state.carried_from
    for key in ("text_segmented", "kind", "number_key", "start", "end", "position"):
        doc.pop(key, None)
    return doc


def history_rows(edits: list[Edit]) -> list[dict[str, Any]]:
    return [{"task_id": e.task_id, "version": e.version, "at": e.at.isoformat(), "actor": e.actor,
             "kind": e.kind, "field": c.field, "old": c.old, "new": c.new}
            for e in edits for c in e.changes]


@dataclass(slots=True)
class TaskService:
    backend: search.SearchBackend
    log: EditLog
    today: date
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    # -- reads ---------------------------------------------------------------------------
    def _source(self, task_id: str) -> dict[str, Any]:
        try:
            source = self.backend.get(Collection.TASKS, task_id)
        except search.IndexRepairing:
            raise  # the app's own 503 E503-REPAIRING + Retry-After, as every other read
        except search.SearchUnavailable as exc:
            raise SearchUnavailable(str(exc)) from exc
        if source is None:
            raise TaskNotFound(task_id)
        return dict(source)

    def get(self, task_id: str) -> dict[str, Any]:
        source = self._source(task_id)
        return public_task(source, self.log.state(task_id), self.today)

    def history(self, task_id: str) -> list[dict[str, Any]]:
        """Every change of the task, oldest first, including the versions it was carried from."""
        edits = self.log.edits(task_id)
        if not edits:
            self._source(task_id)  # 404 for unknown tasks
        chain: list[Edit] = []
        seen = {task_id}
        state = self.log.state(task_id)
        while state.carried_from and state.carried_from not in seen:
            seen.add(state.carried_from)
            chain = self.log.edits(state.carried_from) + chain
            state = self.log.state(state.carried_from)
        return history_rows(chain + edits)

    # -- writes --------------------------------------------------------------------------
    def patch(self, task_id: str, patch: TaskPatch, *, expected: int, actor: str) -> tuple[dict[str, Any], bool]:
        """Apply a patch based on version ``expected``; returns (task, changed).

        Raises ``VersionConflict`` (nothing changed) when the log is past ``expected``.
        """
        source = self._source(task_id)
        state = self.log.state(task_id)
        if state.version != expected:
            raise VersionConflict(task_id, expected, state.version)
        changes = plan_changes(apply_state(source, state), state, patch, self.today)
        if not changes:
            return public_task(source, state, self.today), False
        self.log.append(task_id, expected, changes, actor=actor, at=datetime.now(UTC))
        new_state = self.log.state(task_id)
        push_state(self.backend, new_state)
        return public_task(source, new_state, self.today), True

    # -- lists ---------------------------------------------------------------------------
    def _sync(self) -> None:
        try:
            ensure_synced(self.backend, self.log)
        except search.IndexRepairing:
            raise  # the app's own 503 E503-REPAIRING + Retry-After, as every other read
        except search.SearchUnavailable as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, query: SearchQuery) -> SearchResult:
        try:
            return self.backend.search(query)
        except search.IndexRepairing:
            raise  # the app's own 503 E503-REPAIRING + Retry-After, as every other read
        except search.SearchUnavailable as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _query(self, filters: TaskFilters, **kw: Any) -> SearchQuery:
        kw.setdefault("exclude_fields", () if kw.get("include_fields") else ("text_segmented",))
        return SearchQuery(collections=(Collection.TASKS,), filters=build_filters(filters, self.today),
                           sort=SORTS.get(filters.sort, SORT), **kw)

    def _rows(self, hits: list[Hit]) -> list[dict[str, Any]]:
        states = self.log.states([h.id for h in hits])
        return [public_task(h.source, states.get(h.id), self.today) for h in hits]

    def list(self, filters: TaskFilters, *, offset: int = 0, limit: int = 50) -> dict[str, Any]:
        self._sync()
        result = self._search(self._query(filters, offset=offset, size=min(limit, PAGE_MAX),
                                          facets=list_facets(), counts=list_counts(self.today)))
        facets = {
            "owners": [{"key": b.value, "count": b.count} for b in result.facets.get("owners", [])],
            "status": [{"key": b.value, "count": b.count, "label": STATUS_LABELS_VI.get(b.value)}
                       for b in result.facets.get("status", [])],
            "overdue": result.counts.get("overdue", 0),
        }
        return {"data": self._rows(result.hits), "count": result.total, "facets": facets, "today": self.today}

    def iter_all(self, filters: TaskFilters) -> Iterator[dict[str, Any]]:
        """Every task matching the filters, in list order (cursor paging)."""
        self._sync()
        cursor: str | None = None
        while True:
            result = self._search(self._query(filters, size=EXPORT_CHUNK, cursor=cursor))
            yield from self._rows(result.hits)
            if len(result.hits) < EXPORT_CHUNK or result.next is None:
                return
            cursor = result.next

    def timeliness_counts(self, filters: TaskFilters) -> dict[str, int]:
        """Done tasks matching ``filters`` by timeliness: ``on_time``, ``late``, ``undated``.

        Reads only the three fields it needs from the index (synced with the log first), so a
        unit's page stays fast with thousands of done tasks."""
        from search_api.tracking.state import timeliness

        self._sync()
        done = replace(filters, status=("done",))
        out = {"on_time": 0, "late": 0, "undated": 0}
        cursor: str | None = None
        while True:
            result = self._search(self._query(done, size=EXPORT_CHUNK, cursor=cursor,
                                              include_fields=("deadline", "done_date", "status")))
            for hit in result.hits:
                verdict = timeliness(hit.source.get("done_date"), hit.source.get("deadline"))
                out[verdict or "undated"] += 1
            if len(result.hits) < EXPORT_CHUNK or result.next is None:
                return out
            cursor = result.next

    def co_owner_keys(self) -> list[tuple[str, int]]:
        """Every co-owner key (phối hợp) with its task count, most frequent first."""
        self._sync()
        result = self._search(self._query(TaskFilters(), size=0,
                                          facets=(Facet("co_owners", "co_owner_keys", MAX_OWNER_BUCKETS),)))
        return [(str(b.value), b.count) for b in result.facets.get("co_owners", [])]

    def owners(self, filters: TaskFilters | None = None) -> list[dict[str, Any]]:
        self._sync()
        result = self._search(self._query(filters or TaskFilters(), size=0, facets=owner_facets(self.today)))
        names: dict[str, str] = {}
        for b in result.facets.get("labels", []):  # most frequent written name first
            key, _, name = str(b.value).partition("|")
            names.setdefault(key, name)
        return [{"key": b.value, "name": names.get(b.value, b.value), "total": b.count,
                 "open": b.counts.get("open", 0), "overdue": b.counts.get("overdue", 0),
                 "done": b.counts.get("done", 0)}
                for b in result.facets.get("owners", [])]
