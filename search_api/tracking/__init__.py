"""Task tracking for secretariats: states, the append-only edit log, overlays onto indexed tasks.

Public API (everything else in this package is internal):

* ``TaskState``, ``TaskStatus`` — what people recorded about a task (replayed from the log).
* ``open_edit_log(settings) -> EditLog`` — SQLite ``<data_dir>/edit-log.sqlite3`` by default,
  PostgreSQL when ``DATABASE_URL`` is ``postgresql://...``. Close it with ``log.close()``.
* ``apply_state(task_doc, state) -> dict`` — overlay a state (or defaults when ``None``) onto a
  task index document. To build index docs for a batch: ``states = log.states(ids)`` then
  ``apply_state(doc, states.get(doc["id"]))``.
* ``reconcile_index(backend, log) -> ReconcileReport`` — hook for the app: call at
  startup, after a reindex/alias swap and after an ingest; rewrites the tracked fields of task
  documents that differ from the log (the log wins) and resets the sync watermark.
* ``carry_over(log, old_tasks, new_tasks) -> CarryResult`` — hook for ingest when a document
  comes in as a new version of an indexed one (old/new tasks: dicts or objects with ``id``,
  ``section``, ``text``). Call it BEFORE building the new task docs (so they get the carried
  state via ``log.states``). Keep the old task docs listed in ``result.stale`` in the index
  (their state now says ``stale=True``); old docs in ``result.matched`` may be deleted (their
  state and history continue on the new task, ``carried_from`` links back).
"""

from __future__ import annotations

from search_api.tracking.carry import CarryResult, carry_over, match_tasks
from search_api.tracking.editlog import EditLog, PostgresEditLog, SqliteEditLog, open_edit_log
from search_api.tracking.models import STATUS_LABELS_VI, Change, Edit, OwnerRef, TaskState, TaskStatus
from search_api.tracking.state import apply_state, derived_fields, is_overdue, timeliness
from search_api.tracking.sync import ReconcileReport, ensure_synced, reconcile_index

__all__ = [
    "STATUS_LABELS_VI",
    "CarryResult",
    "Change",
    "Edit",
    "EditLog",
    "OwnerRef",
    "PostgresEditLog",
    "ReconcileReport",
    "SqliteEditLog",
    "TaskState",
    "TaskStatus",
    "apply_state",
    "carry_over",
    "derived_fields",
    "ensure_synced",
    "is_overdue",
    "match_tasks",
    "open_edit_log",
    "reconcile_index",
    "timeliness",
]
