"""Section evidence of the implementation trace: an upstream section's instructions are
carried out in one downstream item (a dispatch's item 2 carries out the resolution's II.3).
Evidence is aggregated before it is distributed: the words of all the tasks of a downstream
item are compared with the words of all the tasks of each upstream section (a section pair
has more words than any task pair, so it is told apart more surely), and each task pair then
gets its section pair's strength relative to the item's best section.

An upstream task's section is the first two levels of its path ("II.3" of "II.3.c-a"); a
downstream task's, the first level ("2" of "2.a").

>>> up, down = ["I.1", "I.1", "II.1"], ["1", "1", "2", None]
>>> sizes = {("1", "I.1"): 0.6, ("1", "II.1"): 0.3, ("2", "I.1"): 0.0, ("2", "II.1"): 0.4}
>>> affinity(down, up, lambda d, u: sizes[(d, u)])
{('1', 'I.1'): 1.0, ('1', 'II.1'): 0.5, ('2', 'I.1'): 0.0, ('2', 'II.1'): 1.0}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_PARTS = re.compile(r"[.\-]")


def upstream_section(section: str | None) -> str | None:
    return ".".join(_PARTS.split(section)[:2]) if section else None


def downstream_section(section: str | None) -> str | None:
    return _PARTS.split(section)[0] if section else None


def members(sections: Sequence[str | None]) -> dict[str, list[int]]:
    """The positions of each section's tasks (tasks outside any section left out)."""
    out: dict[str, list[int]] = {}
    for i, s in enumerate(sections):
        if s is not None:
            out.setdefault(s, []).append(i)
    return out


def affinity(down: Sequence[str | None], up: Sequence[str | None],
             strength: Callable[[str, str], float]) -> dict[tuple[str, str], float]:
    """Per (downstream item, upstream section): ``strength`` of the pair (the aggregated words'
    score, computed once per section pair) divided by the item's best; an item whose best is 0
    gets 0 everywhere. ``down`` / ``up``: the tasks' items / sections."""
    items, groups = list(members(down)), list(members(up))
    out: dict[tuple[str, str], float] = {}
    for h in items:
        raw = {g: strength(h, g) for g in groups}
        top = max(raw.values(), default=0.0)
        out |= {(h, g): (s / top if top > 0 else 0.0) for g, s in raw.items()}
    return out
