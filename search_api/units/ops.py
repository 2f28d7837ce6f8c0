"""Register changes applied to every task: one edit per task in the edit log, actor = the
administrator, so history shows who merged or renamed what and nothing is lost; the index
follows through ``TaskService.patch`` (partial update, then ``reconcile`` on any miss).

>>> # merge_units(svc, store, ["cac bo"], target="các bộ", name="Các bộ", actor="Quản trị")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from search_api.tracking.errors import VersionConflict
from search_api.tracking.queries import TaskFilters
from search_api.tracking.schemas import OwnerIn, TaskPatch
from search_api.tracking.service import TaskService, owner_key
from search_api.units.store import UnitStore

RETRIES = 3


@dataclass(slots=True)
class UnitChange:
    """What a register change did: tasks edited, tasks already right, tasks that failed."""

    edited: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _pairs(task: dict[str, Any], role: str) -> list[dict[str, str]]:
    names = list(task.get(role) or [])
    keys = list(task.get(role[:-1] + "_keys") or [])
    return [{"name": n, "key": keys[i] if i < len(keys) else owner_key(n)} for i, n in enumerate(names)]


def _replace(pairs: list[dict[str, str]], keys: set[str], new: dict[str, str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for pair in pairs:
        item = new if pair["key"] in keys else pair
        if all(o["key"] != item["key"] for o in out):
            out.append(item)
    return out


def _tasks_of(svc: TaskService, keys: Iterable[str]) -> list[dict[str, Any]]:
    return list(svc.iter_all(TaskFilters(owner=tuple(keys), role="any")))


def _rewrite(svc: TaskService, task_ids: Sequence[str], keys: set[str], new: dict[str, str],
             actor: str) -> UnitChange:
    """Replace the owners/co-owners in ``keys`` by ``new`` on each task (retrying conflicts)."""
    report = UnitChange()
    for task_id in task_ids:
        for _ in range(RETRIES):
            task = svc.get(task_id)
            changes: dict[str, Any] = {}
            for role in ("owners", "co_owners"):
                old = _pairs(task, role)
                wanted = _replace(old, keys, new)
                if wanted != old:
                    changes[role] = [OwnerIn(**p) for p in wanted]
            if not changes:
                report.unchanged.append(task_id)
                break
            try:
                svc.patch(task_id, TaskPatch(**changes), expected=int(task.get("version") or 0), actor=actor)
            except VersionConflict:
                continue
            report.edited.append(task_id)
            break
        else:
            report.failed.append(task_id)
    return report


def merge_units(svc: TaskService, store: UnitStore, sources: Sequence[str], *, target: str, name: str,
                actor: str) -> UnitChange:
    """Merge the units ``sources`` into ``target`` (named ``name``): every task of a source now
    names the target; the sources become aliases of it."""
    keys = {k for k in sources if k and k != target}
    new = {"name": name, "key": target}
    tasks = [t["id"] for t in _tasks_of(svc, keys)] if keys else []
    report = _rewrite(svc, tasks, keys, new, actor)
    for key in keys:
        store.set_alias(key, target, actor)
    store.set_name(target, name, actor)
    return report


def rename_unit(svc: TaskService, store: UnitStore, key: str, keys: Sequence[str], *, name: str,
                actor: str) -> UnitChange:
    """Give the unit ``key`` (with its alias ``keys``) the name ``name`` on every task."""
    all_keys = {key, *keys}
    tasks = [t["id"] for t in _tasks_of(svc, all_keys)]
    report = _rewrite(svc, tasks, all_keys, {"name": name, "key": key}, actor)
    store.set_name(key, name, actor)
    return report


def split_unit(svc: TaskService, store: UnitStore, keys: Sequence[str], task_ids: Sequence[str], *,
               name: str, actor: str) -> tuple[str, UnitChange]:
    """Move the tasks ``task_ids`` from the unit with ``keys`` to a new unit named ``name``;
    returns the new unit's key and what changed."""
    new_key = owner_key(name)
    report = _rewrite(svc, list(task_ids), set(keys) - {new_key}, {"name": name, "key": new_key}, actor)
    store.drop_alias(new_key)
    store.set_name(new_key, name, actor)
    return new_key, report
