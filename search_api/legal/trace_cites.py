"""Citation evidence of the implementation trace: a downstream task that quotes a part of the
upstream document ("thực hiện nhiệm vụ tại điểm b khoản 4 Mục II Nghị quyết 347") points at
the tasks of that part. The words naming parts (điểm, khoản, mục, ...) are in
data/trace.json's ``parts``, biggest first.

>>> pointer("Triển khai các giải pháp tại điểm b khoản 4 Mục II Nghị quyết 347.", "347/NQ-CP")
('II', '4', 'b')
>>> pointer("Thực hiện Nghị quyết số 347/NQ-CP", "347/NQ-CP") is None
True
>>> [within(p, ("II", "4")) for p in ("II.4.b-a", "II.4", "II.14.a", "III.4.b", None)]
[True, True, False, False, False]
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from search_api.legal.trace_words import fold

_DATA = Path(__file__).parent / "data" / "trace.json"
_PATH = re.compile(r"[.\-]")


@cache
def _parts() -> tuple[dict[str, int], re.Pattern[str]]:
    """Folded part word -> rank (0 the biggest), and the pattern of a run of parts written
    just before a document's number (with at most four words between: "Nghị quyết số")."""
    data: Any = json.loads(_DATA.read_text(encoding="utf-8"))
    rank = {fold(w): i for i, words in enumerate(data["parts"]) for w in words}
    word = "|".join(re.escape(w) for w in sorted(rank, key=len, reverse=True))
    part = rf"(?:{word})\s+[0-9a-z]+"
    return rank, re.compile(rf"((?:{part}[\s,]*(?:cua\s+)?)+)(?:[a-z]+\s+){{0,4}}$")


def pointer(text: str, key: str) -> tuple[str, ...] | None:
    """The part of the document ``key`` ("347/NQ-CP") that ``text`` points at, as section path
    parts biggest first (("II", "4", "b"): Mục II, khoản 4, điểm b); None when the text names
    no part of it. The number may be written alone ("Nghị quyết 347")."""
    rank, pattern = _parts()
    folded = fold(text)  # one character per character: offsets and case are the text's
    number = key.split("/")[0]
    for m in re.finditer(rf"(?<![\w/.\-]){re.escape(fold(number))}(?![\w])", folded):
        run = pattern.search(folded, 0, m.start())
        if not run:
            continue
        labels: dict[int, str] = {}
        for w, label in re.findall(r"([a-z]+)\s+([0-9a-z]+)", run.group(1)):
            if w in rank:
                labels.setdefault(rank[w], label)
        if labels:
            return tuple(_as_written(text, run.start(1), run.end(1), labels[r]) for r in sorted(labels))
    return None


def _as_written(text: str, start: int, end: int, label: str) -> str:
    """``label`` (folded) as the text writes it between ``start`` and ``end`` ("II", "đ")."""
    m = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", fold(text[start:end]))
    return text[start + m.start():start + m.end()] if m else label


def within(section: str | None, part: tuple[str, ...]) -> bool:
    """Whether a task's section path ("II.4.b-a") lies in ``part`` (("II", "4")): the part's
    labels are the path's first ones; when the part names no biggest level ("khoản 4" alone),
    anywhere in the path as one run. A path part's leading word is dropped ("Điều 2" is 2)."""
    if not section or not part:
        return False
    path = [p.split()[-1].lower() for p in _PATH.split(section) if p.strip()]
    want = [p.lower() for p in part]
    starts = range(1) if _top(part) else range(len(path) - len(want) + 1)
    return any(path[i:i + len(want)] == want for i in starts)


def _top(part: tuple[str, ...]) -> bool:
    """The part names a roman-numbered biggest level (Mục II, Phần I)."""
    return bool(re.fullmatch(r"[IVXLC]+", part[0]))
