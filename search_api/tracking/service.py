"""Task tracking operations used by the routes: read, edit (optimistic concurrency against the
edit log), history, filtered lists with counts, owner summaries, iteration for exports.

Writes: plan the changes against the current state -> append to the log (the version check
happens inside the log's transaction) -> partial update of the index document. If the index
update fails the edit still stands; ``ensure_synced`` repairs the index before the next list.

>>> # svc = TaskService(es, "directives-tasks", log, today=date(2024, 5, 1))
>>> # svc.patch("t1", TaskPatch(status="in_progress"), expected=0, actor="ann")
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from elasticsearch import ApiError, NotFoundError, TransportError

from nlp.owners import owner_key as nlp_owner_key
from search_api.tracking.editlog import EditLog
from search_api.tracking.errors import InvalidEdit, SearchUnavailable, TaskNotFound, VersionConflict
from search_api.tracking.models import STATUS_LABELS_VI, Change, Edit, TaskState, TaskStatus
from search_api.tracking.queries import SORT, TaskFilters, build_query, facet_aggs, owner_aggs
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
    es: Any
    alias: str
    log: EditLog
    today: date
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    # -- reads ---------------------------------------------------------------------------
    def _source(self, task_id: str) -> dict[str, Any]:
        try:
            hit = self.es.get(index=self.alias, id=task_id)
        except NotFoundError as exc:
            raise TaskNotFound(task_id) from exc
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        return dict(hit["_source"])

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
        push_state(self.es, self.alias, new_state)
        return public_task(source, new_state, self.today), True

    # -- lists ---------------------------------------------------------------------------
    def _sync(self) -> None:
        try:
            ensure_synced(self.es, self.alias, self.log)
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, **body: Any) -> dict[str, Any]:
        try:
            return self.es.search(index=self.alias, **body)
        except NotFoundError:
            return {"hits": {"hits": [], "total": {"value": 0}}, "aggregations": {}}
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _rows(self, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
        states = self.log.states([h["_id"] for h in hits])
        return [public_task(h["_source"], states.get(h["_id"]), self.today) for h in hits]

    def list(self, filters: TaskFilters, *, offset: int = 0, limit: int = 50) -> dict[str, Any]:
        self._sync()
        resp = self._search(query=build_query(filters, self.today), from_=offset,
                            size=min(limit, PAGE_MAX), sort=SORT, aggs=facet_aggs(self.today),
                            track_total_hits=True)
        aggs = resp.get("aggregations") or {}
        facets = {
            "owners": [{"key": b["key"], "count": b["doc_count"]}
                       for b in aggs.get("owners", {}).get("buckets", [])],
            "status": [{"key": b["key"], "count": b["doc_count"], "label": STATUS_LABELS_VI.get(b["key"])}
                       for b in aggs.get("status", {}).get("buckets", [])],
            "overdue": aggs.get("overdue", {}).get("doc_count", 0),
        }
        return {"data": self._rows(resp["hits"]["hits"]), "count": resp["hits"]["total"]["value"],
                "facets": facets, "today": self.today}

    def iter_all(self, filters: TaskFilters) -> Iterator[dict[str, Any]]:
        """Every task matching the filters, in list order (search_after paging)."""
        self._sync()
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"query": build_query(filters, self.today), "size": EXPORT_CHUNK,
                                    "sort": SORT}
            if after is not None:
                body["search_after"] = after
            hits = self._search(**body)["hits"]["hits"]
            yield from self._rows(hits)
            if len(hits) < EXPORT_CHUNK:
                return
            after = hits[-1]["sort"]

    def owners(self, filters: TaskFilters | None = None) -> list[dict[str, Any]]:
        self._sync()
        resp = self._search(query=build_query(filters or TaskFilters(), self.today), size=0,
                            aggs=owner_aggs(self.today))
        out = []
        for b in (resp.get("aggregations") or {}).get("owners", {}).get("buckets", []):
            out.append({"key": b["key"], "name": _sample_name(b, b["key"]), "total": b["doc_count"],
                        "open": b["open"]["doc_count"], "overdue": b["overdue"]["doc_count"],
                        "done": b["done"]["doc_count"]})
        return out


def _sample_name(bucket: dict[str, Any], key: str) -> str:
    hits = bucket.get("sample", {}).get("hits", {}).get("hits", [])
    if hits:
        src = hits[0].get("_source") or {}
        keys, names = list(src.get("owner_keys") or []), list(src.get("owners") or [])
        if key in keys and keys.index(key) < len(names):
            return names[keys.index(key)]
    return key
