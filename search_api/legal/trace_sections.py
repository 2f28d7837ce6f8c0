"""Section evidence of the implementation trace: an upstream section's instructions are
carried out in one downstream item (a dispatch's item 2 carries out the resolution's II.3).
The evidence of the task pairs is summed per pair of sections and given back to the task
pairs of the downstream item's best upstream section.

An upstream task's section is the first two levels of its path ("II.3" of "II.3.c-a"); a
downstream task's, the first level ("2" of "2.a"). A section pair's strength is the mean,
over the downstream item's tasks, of each one's best score in the upstream section.

>>> up, down = ["I.1", "I.2", "II.1"], ["1", "1", "2"]
>>> best_sections([[0.3, 0.0, 0.2], [0.0, 0.1, 0.25], [0.0, 0.0, 0.4]], up, down)
{'1': 'II.1', '2': 'II.1'}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PARTS = re.compile(r"[.\-]")


def upstream_section(section: str | None) -> str | None:
    return ".".join(_PARTS.split(section)[:2]) if section else None


def downstream_section(section: str | None) -> str | None:
    return _PARTS.split(section)[0] if section else None


def best_sections(scores: Sequence[Sequence[float]], up: Sequence[str | None],
                  down: Sequence[str | None]) -> dict[str, str]:
    """For each downstream item (``down``: the downstream tasks' items, rows of ``scores``),
    the upstream section (``up``: the upstream tasks' sections, columns) of greatest strength;
    items whose tasks score nothing anywhere are left out."""
    groups = sorted({g for g in up if g is not None})
    cols = {g: [j for j, x in enumerate(up) if x == g] for g in groups}
    rows: dict[str, list[int]] = {}
    for i, h in enumerate(down):
        if h is not None:
            rows.setdefault(h, []).append(i)
    out: dict[str, str] = {}
    for h, idx in rows.items():
        strength = {g: sum(max(scores[i][j] for j in js) for i in idx) / len(idx) for g, js in cols.items()}
        if strength and max(strength.values()) > 0:
            out[h] = max(groups, key=lambda g: strength[g])
    return out
