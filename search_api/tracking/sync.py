"""Keep the task index in line with the edit log (the log always wins).

* ``push_state`` — after an edit is committed to the log, a partial update of the task document;
  a failure is reported, never raised: the edit stands and the next sync repairs the index.
* ``reconcile_index`` — compare every task that has recorded state (or the given ids) with its
  index document and rewrite the tracked fields that differ. Call it at startup, after a
  reindex/alias swap, after an ingest. It resets the sync watermark.
* ``ensure_synced`` — cheap check before list views: if the log has edits newer than the
  watermark stored in the engine (``<prefix>-tracking-meta``), reconcile just those tasks. The
  watermark lives in the engine too, so when the engine loses its last writes (killed), the
  watermark goes back with them and the lost updates are replayed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search_api.tracking.editlog import EditLog
from search_api.tracking.models import TaskState
from search_api.tracking.state import state_fields

log_ = logging.getLogger(__name__)

META_SUFFIX = "-tracking-meta"
CHUNK = 500


def tasks_alias(settings: Any) -> str:
    """The task index alias for these settings (``<ES_INDEX_PREFIX>-tasks``)."""
    return f"{settings.es_index_prefix}-tasks"


def meta_index(alias: str) -> str:
    prefix = alias[: -len("-tasks")] if alias.endswith("-tasks") else alias
    return prefix + META_SUFFIX


@dataclass(slots=True)
class ReconcileReport:
    checked: int = 0
    updated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the log, not in the index
    failed: list[str] = field(default_factory=list)


def push_state(client: Any, alias: str, state: TaskState) -> bool:
    """Partial update of one task document; ``False`` (logged) when the engine refused."""
    try:
        client.update(index=alias, id=state.task_id, doc=state_fields(state), retry_on_conflict=3)
        return True
    except (ApiError, TransportError) as exc:
        log_.warning("task %s: index update failed, will reconcile later: %s", state.task_id, exc)
        return False


def _differs(source: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return any(source.get(k) != v for k, v in wanted.items())


def reconcile_index(client: Any, alias: str, log: EditLog, *, task_ids: Iterable[str] | None = None,
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
        resp = client.mget(index=alias, ids=list(wanted))
        actions = []
        for d in resp["docs"]:
            tid = d["_id"]
            if not d.get("found"):
                report.missing.append(tid)
                continue
            if _differs(d.get("_source") or {}, wanted[tid]):
                actions.append({"_op_type": "update", "_index": d.get("_index", alias), "_id": tid,
                                "doc": wanted[tid]})
        if actions:
            try:
                bulk(client, actions, raise_on_error=True, max_retries=3)
                report.updated.extend(a["_id"] for a in actions)
            except BulkIndexError as exc:
                bad = {e.get("update", {}).get("_id") for e in exc.errors}
                report.failed.extend(sorted(i for i in bad if i))
                report.updated.extend(a["_id"] for a in actions if a["_id"] not in bad)
    if refresh and (report.updated or mark is not None):
        client.indices.refresh(index=alias)
    if mark is not None and not report.failed:
        _write_mark(client, alias, mark)
    return report


def _read_mark(client: Any, alias: str) -> int:
    try:
        doc = client.get(index=meta_index(alias), id=alias)
    except NotFoundError:
        return 0
    return int((doc.get("_source") or {}).get("synced_seq", 0))


def _write_mark(client: Any, alias: str, mark: int) -> None:
    client.index(index=meta_index(alias), id=alias, document={"synced_seq": mark}, refresh=True)


def ensure_synced(client: Any, alias: str, log: EditLog) -> ReconcileReport | None:
    """Reconcile the tasks edited since the stored watermark; ``None`` when already in sync."""
    mark = log.max_seq()
    synced = _read_mark(client, alias)
    if synced == mark:
        return None
    if synced == 0 or synced > mark:  # watermark lost, or a different log: check everything
        return reconcile_index(client, alias, log)
    report = reconcile_index(client, alias, log, task_ids=log.task_ids_since(synced))
    if not report.failed:
        _write_mark(client, alias, mark)
    return report
