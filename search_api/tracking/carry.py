"""Carry what people recorded from an old version of a document to its new version.

Tasks of the old and new versions are matched in three passes:

1. same section path and same normalised text;
2. same normalised text anywhere (the section was renumbered);
3. text similarity >= ``SIMILARITY_THRESHOLD`` (difflib ratio on normalised text), best pairs
   first, a small bonus when the section path is the same.

For a matched pair whose old task has recorded state and whose new task has none, the state is
copied onto the new task as one ``carry`` entry in the log (``carried_from`` + every field), and
the old task gets ``carried_to``. Old tasks with no match are flagged ``stale`` in the log (they
are kept, never deleted). Running it twice changes nothing the second time.

>>> from search_api.tracking.editlog import SqliteEditLog
>>> log = SqliteEditLog(":memory:")
>>> r = carry_over(log, [{"id": "a1", "section": "1", "text": "Rà soát văn bản."}],
...                [{"id": "b1", "section": "1", "text": "Rà soát văn bản."}])
>>> r.matched
{'a1': 'b1'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from search_api.tracking.editlog import EditLog
from search_api.tracking.models import Change, TaskState, TaskStatus

SIMILARITY_THRESHOLD = 0.8
SAME_SECTION_BONUS = 0.05
CARRY_ACTOR = "system:carry-over"


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    section: str
    norm: str


@dataclass(slots=True)
class CarryResult:
    """``matched``: old id -> new id; ``stale``: old ids with no counterpart (keep them in the
    index, flagged stale); ``carried``: new ids that received recorded state."""

    matched: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Lowercase, NFC, collapse whitespace and punctuation (used for matching only)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _get(task: Any, name: str) -> Any:
    return task.get(name) if isinstance(task, dict) else getattr(task, name, None)


def _items(tasks: Iterable[Any]) -> list[_Item]:
    return [_Item(str(_get(t, "id")), str(_get(t, "section") or ""), normalise_text(str(_get(t, "text") or "")))
            for t in tasks]


def match_tasks(old_tasks: Iterable[Any], new_tasks: Iterable[Any]) -> dict[str, str]:
    """Old id -> new id for tasks that are the same task in two versions of a document.

    Tasks may be dicts or objects with ``id``, ``section`` and ``text``.
    """
    old, new = _items(old_tasks), _items(new_tasks)
    matched: dict[str, str] = {}
    used: set[str] = set()

    def take(o: _Item, n: _Item) -> None:
        matched[o.id] = n.id
        used.add(n.id)

    for key in (lambda i: (i.section, i.norm), lambda i: i.norm):
        index: dict[Any, list[_Item]] = {}
        for n in new:
            if n.id not in used:
                index.setdefault(key(n), []).append(n)
        for o in old:
            if o.id in matched:
                continue
            for n in index.get(key(o), []):
                if n.id not in used:
                    take(o, n)
                    break
    pairs: list[tuple[float, int, int]] = []
    for oi, o in enumerate(old):
        if o.id in matched:
            continue
        for ni, n in enumerate(new):
            if n.id in used:
                continue
            sm = SequenceMatcher(None, o.norm, n.norm, autojunk=False)
            if sm.real_quick_ratio() < SIMILARITY_THRESHOLD - SAME_SECTION_BONUS:
                continue
            score = sm.ratio() + (SAME_SECTION_BONUS if o.section and o.section == n.section else 0)
            if score >= SIMILARITY_THRESHOLD:
                pairs.append((score, oi, ni))
    for _score, oi, ni in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        o, n = old[oi], new[ni]
        if o.id not in matched and n.id not in used:
            take(o, n)
    return matched


def state_changes(state: TaskState) -> list[Change]:
    """The changes that recreate ``state`` on a blank task (system fields excluded)."""
    out: list[Change] = []
    if state.status != TaskStatus.NOT_STARTED:
        out.append(Change("status", TaskStatus.NOT_STARTED.value, state.status.value))
    if state.done_date:
        out.append(Change("done_date", None, state.done_date.isoformat()))
    if state.owners is not None:
        out.append(Change("owners", None, [o.as_dict() for o in state.owners]))
    if state.co_owners is not None:
        out.append(Change("co_owners", None, [o.as_dict() for o in state.co_owners]))
    if state.deadline_set:
        out.append(Change("deadline", None, state.deadline.isoformat() if state.deadline else None))
    if state.assignee:
        out.append(Change("assignee", None, state.assignee))
    for name, entries in (("note", state.notes), ("evidence", state.evidence)):
        for entry in entries:
            out.append(Change(name, None, dict(entry)))
    return out


def carry_over(log: EditLog, old_tasks: Sequence[Any], new_tasks: Sequence[Any], *,
               at: datetime | None = None, actor: str = CARRY_ACTOR) -> CarryResult:
    """Carry recorded state from old-version tasks to their new-version counterparts, flag
    disappeared ones stale. Idempotent. Tasks: dicts/objects with ``id``, ``section``, ``text``.
    """
    result = CarryResult(matched=match_tasks(old_tasks, new_tasks))
    old_ids = [str(_get(t, "id")) for t in old_tasks]
    new_ids = {str(_get(t, "id")) for t in new_tasks}
    states = log.states(list(old_ids) + list(new_ids))
    for old_id, new_id in result.matched.items():
        if old_id == new_id:
            continue
        old = states.get(old_id)
        new = states.get(new_id)
        if old is None or old.is_blank or (new is not None and not new.is_blank):
            continue
        changes = [Change("carried_from", None, old_id), *state_changes(old)]
        log.append(new_id, None, changes, actor=actor, at=at, kind="carry")
        if old.carried_to != new_id:
            log.append(old_id, None, [Change("carried_to", old.carried_to, new_id)],
                       actor=actor, at=at, kind="carry")
        result.carried.append(new_id)
    for old_id in old_ids:
        if old_id in result.matched or old_id in new_ids:
            continue
        result.stale.append(old_id)
        old = states.get(old_id)
        if old is None or not old.stale:
            log.append(old_id, None, [Change("stale", False, True)], actor=actor, at=at, kind="system")
    for new_id in sorted(new_ids):
        back = states.get(new_id)
        if back is not None and back.stale:  # a task flagged stale earlier is back
            log.append(new_id, None, [Change("stale", True, False)], actor=actor, at=at, kind="system")
    return result
