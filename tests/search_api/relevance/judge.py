"""Graded judgments from the gold tasks by predicates (never from the system's output).

A query's ``grades`` is a list of rules ``{"grade": g, "if": condition}``; a gold task's grade
is the highest ``g`` whose condition holds, 0 when none does. ``documents`` maps a document's
file prefix to the grade of its document hit. Conditions (all keys of one mapping must hold):

- ``phrase``: the folded words appear consecutively in the task text (punctuation ignored);
- ``words``: every folded word appears in the task text;
- ``owner``: one owner's folded name holds the folded words consecutively;
- ``owner_re``: a regular expression matches one owner's folded name;
- ``file``: the task's document file name starts with this prefix;
- ``deadline``: ``[from, to]`` ISO dates holding the task's deadline date;
- ``any``: a list of conditions, one of which holds; ``not``: a condition that must fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from search_api.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True, slots=True)
class GoldTask:
    id: str  # the index id of the task (tests/search_api/gold.py's scheme)
    file: str  # the document's file name
    text: str
    owners: tuple[str, ...]
    deadline: str | None

    @property
    def joined(self) -> str:
        return " " + " ".join(words(self.text)) + " "


def _phrase_in(phrase: str, haystack: str) -> bool:
    return f" {' '.join(words(phrase))} " in haystack


def holds(cond: dict[str, Any], task: GoldTask) -> bool:
    for key, value in cond.items():
        if key == "phrase":
            ok = _phrase_in(value, task.joined)
        elif key == "words":
            have = set(words(task.text))
            ok = all(w in have for w in words(value))
        elif key == "owner":
            ok = any(_phrase_in(value, " " + " ".join(words(o)) + " ") for o in task.owners)
        elif key == "owner_re":
            ok = any(re.search(value, " ".join(words(o))) for o in task.owners)
        elif key == "file":
            ok = task.file.startswith(value)
        elif key == "deadline":
            ok = task.deadline is not None and value[0] <= task.deadline <= value[1]
        elif key == "any":
            ok = any(holds(c, task) for c in value)
        elif key == "not":
            ok = not holds(value, task)
        else:
            raise ValueError(f"queries.json: unknown condition {key!r}")
        if not ok:
            return False
    return True


def grade(query: dict[str, Any], task: GoldTask) -> int:
    return max((r["grade"] for r in query["grades"] if holds(r["if"], task)), default=0)


def judgments(query: dict[str, Any], tasks: list[GoldTask], documents: dict[str, str]) -> dict[str, int]:
    """``{hit id: grade}`` for every item graded above 0 (``documents``: file -> document id)."""
    out = {t.id: g for t in tasks if (g := grade(query, t)) > 0}
    for prefix, g in query.get("documents", {}).items():
        for file, doc_id in documents.items():
            if file.startswith(prefix):
                out[doc_id] = g
    return out
