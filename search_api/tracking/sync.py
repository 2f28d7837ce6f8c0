"""Keep the task index in line with the edit log (the log always wins).

* ``push_state`` — after an edit is committed to the log, a partial update of the task document;
  a failure is reported, never raised: the edit stands and the next sync repairs the index.
* ``reconcile_index`` — compare every task that has recorded state (or the given ids) with its
  index document and rewrite the tracked fields that differ. Call it at startup, after a
  reindex/alias swap, after an ingest. It resets the sync watermark.
* ``ensure_synced`` — cheap check before list views: if the log has edits newer than the
  watermark stored with the index (``meta_get("tracking-sync")``), reconcile just those tasks. The
  watermark lives in the engine too, so when the engine loses its last writes (killed), the
  watermark goes back with them and the lost updates are replayed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search_api.search.backend import SearchBackend, SearchUnavailable
from search_api.search.model import Collection
from search_api.tracking.editlog import EditLog
from search_api.tracking.models import TaskState
from search_api.tracking.state import state_fields

log_ = logging.getLogger(__name__)

META_KEY = "tracking-sync"
CHUNK = 500


@dataclass(slots=True)
class ReconcileReport:
    checked: int = 0
    updated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the log, not in the index
    failed: list[str] = field(default_factory=list)


def push_state(backend: SearchBackend, state: TaskState) -> bool:
    """Update one task document's tracked fields and make the change visible to lists and
    filters at once (a secretariat reloads the board right after saving); ``False`` (logged)
    when the engine refused — the edit log still holds the edit and the next sync repairs it."""
    try:
        result = backend.update(Collection.TASKS, {state.task_id: state_fields(state)})
        if not result.failed:
            backend.refresh()
    except SearchUnavailable as exc:
        log_.warning("task %s: index update failed, will reconcile later: %s", state.task_id, exc)
        return False
    if result.failed:
        log_.warning("task %s: index update failed, will reconcile later: %s", state.task_id,
                     result.failed[0].reason)
        return False
    return True


def _differs(source: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return any(source.get(k) != v for k, v in wanted.items())


def reconcile_index(backend: SearchBackend, log: EditLog, *, task_ids: Iterable[str] | None = None,
                    refresh: bool = True) -> ReconcileReport:
    """Rewrite the tracked fields of index documents that differ from the log.

    ``task_ids=None`` checks every task with recorded state and then resets the watermark.
    Returns what was checked, updated, missing from the index and failed.
    """
    mark = log.max_seq() if task_ids is None else None
    states = list(log.all_states()) if task_ids is None else list(log.states(task_ids).values())
    report = ReconcileReport(checked=len(states))
    for start in range(0, len(states), CHUNK):
        chunk = states[start:start + CHUNK]
        wanted = {s.task_id: state_fields(s) for s in chunk}
        found = backend.mget(Collection.TASKS, list(wanted))
        updates = {}
        for tid, fields in wanted.items():
            if tid not in found:
                report.missing.append(tid)
            elif _differs(found[tid], fields):
                updates[tid] = fields
        if updates:
            result = backend.update(Collection.TASKS, updates)
            bad = {f.id for f in result.failed}
            report.failed.extend(sorted(bad))
            report.updated.extend(i for i in updates if i not in bad)
    if refresh and (report.updated or mark is not None):
        backend.refresh()
    if mark is not None and not report.failed:
        _write_mark(backend, mark)
    return report


def _read_mark(backend: SearchBackend) -> int:
    doc = backend.meta_get(META_KEY)
    return int((doc or {}).get("synced_seq", 0))


def _write_mark(backend: SearchBackend, mark: int) -> None:
    backend.meta_set(META_KEY, {"synced_seq": mark})


def ensure_synced(backend: SearchBackend, log: EditLog) -> ReconcileReport | None:
    """Reconcile the tasks edited since the stored watermark; ``None`` when already in sync."""
    mark = log.max_seq()
    synced = _read_mark(backend)
    if synced == mark:
        return None
    if synced == 0 or synced > mark:  # watermark lost, or a different log: check everything
        return reconcile_index(backend, log)
    report = reconcile_index(backend, log, task_ids=log.task_ids_since(synced))
    if not report.failed:
        _write_mark(backend, mark)
    return report
