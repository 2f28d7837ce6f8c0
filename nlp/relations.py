"""The relation between a citing text and a document it cites, from cue words (relation_cues.json).

>>> relation_at("Căn cứ Nghị định số 62/2015/NĐ-CP;", 7)
<Relation.LEGAL_BASIS: 'legal_basis'>
>>> relation_at("Tiếp tục thực hiện Chỉ thị số 05/CT-TTg.", 19)
<Relation.IMPLEMENTS: 'implements'>
"""

from __future__ import annotations

import re

from nlp.lexicon import patterns_of
from nlp.model import Relation

_FILE = "relation_cues.json"
_CLAUSE_BREAK = re.compile(r"[;\n]|\.(?=\s)|:(?=\s)")


def clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last ``;``, ``.``, ``:`` or newline)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    return start


def paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def relation_at(text: str, start: int) -> Relation:
    """Relation of the citation starting at ``start``: nearest cue before it, else MENTIONS."""
    para = text[paragraph_start(text, start):start]
    clause_from = clause_start(text, start)
    window = text[clause_from:start]
    best: tuple[int, int, Relation] | None = None
    for entry, regex in patterns_of(_FILE):
        relation = Relation(entry.relation)
        if entry.scope == "paragraph":
            if regex.match(para):
                return relation
            continue
        for m in regex.finditer(window):
            gap = len(window) - m.end()
            if gap <= (entry.max_gap or 0) and (best is None or (gap, m.start()) < best[:2]):
                best = (gap, m.start(), relation)  # nearest; on a tie the longer (earlier) cue
    return best[2] if best else Relation.MENTIONS
