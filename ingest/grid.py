"""Data tables inside a web copy's "pipe-per-line" layout grid.

Markdown exports of legal portals render every table (the two-column header block, the
signature block and real data tables alike) as a grid: each cell's text on its own,
hard-wrapped lines, with lines holding only ``|`` between cells. Rows are not delimited:
a row is written ``| c1 | c2 | … | cN |``, so two rows meet as ``| |``, which is also how
an empty cell looks. :func:`find_grids` recovers the data tables:

1. *Slots*: the text between two consecutive pipes (a line ``| |`` holds two pipes, so an
   empty slot); text before the first pipe or after the last one is not in the grid.
2. *Header*: a run of at least three short non-empty slots that starts with a cell whose
   column role is known (``data/table_headers.json``), is accepted by
   :func:`ingest.tables.header_roles` and is followed by an empty slot (the row end). Its
   length is the column count ``N``.
3. *Body*: the slots that follow are cut into rows by dynamic programming. A row takes
   ``k <= N`` slots and then one empty slot (the boundary). A full row (``k == N``) scores by
   its STT cell (``1``, ``2.1``, ``II``, ``a``: ``row_index``); a short row only when it is a
   group row spanning the table (``II | CAPS TEXT``, or one caps cell) or an elision mark
   (``….....``, ``elision``); a row with no boundary after it is penalised. The table ends
   where the best segmentation ends, and never past a slot that opens with a heading or a
   header/signature label (``stop``), so layout cells around the table stay paragraphs.

Rows come back padded to ``N`` cells (a spanning cell first, then empty cells, as the
.docx and HTML readers give merged cells).

>>> lines = "|,STT,|,Nội dung nhiệm vụ,|,Cơ quan chủ trì,|,|,1,|,Rà soát,|,Sở Tư pháp,|".split(",")
>>> [[lines[c[0]] if c else "" for c in row] for row in find_grids(lines)[0].rows]
[['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì'], ['1', 'Rà soát', 'Sở Tư pháp']]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.model import ColumnRole
from ingest.tables import header_roles, is_caps_text, role_of, row_patterns

PIPE_LINE = re.compile(r"^\|(?:\s*\|)*$")
_HEADER_CELL_MAX = 80  # characters of a header cell's text
_HEADER_CELL_LINES = 4
_MIN_COLUMNS = 3
# row scores
_FULL_ROW = 1.0
_INDEX_BONUS = 3.0
_BAD_INDEX = -3.0
_NO_TASK = -2.0
_GROUP_ROW = 3.0
_WEAK_GROUP_ROW = 1.5
_CAPS_ROW = 2.0
_ELISION_ROW = 1.0
_NO_BOUNDARY = -3.0

Cell = tuple[int, int] | None  # [first line, last line + 1) of the cell's text, None if empty


@dataclass(frozen=True, slots=True)
class Grid:
    """A data table found in a layout grid: line ``start`` up to (not including) ``end``."""

    start: int
    end: int
    rows: list[list[Cell]]  # the header first; every row has the header's length


@dataclass(frozen=True, slots=True)
class _Slot:
    lo: int  # content lines [lo, hi); lo == hi when the slot is empty
    hi: int
    open_line: int  # line of the pipe before the slot
    close_line: int  # line of the pipe after it
    text: str

    @property
    def empty(self) -> bool:
        return self.lo == self.hi


def _slots(lines: list[str]) -> list[_Slot]:
    slots: list[_Slot] = []
    content: list[int] = []
    last_pipe: int | None = None
    for i, line in enumerate(lines):
        s = line.strip()
        if PIPE_LINE.match(s):
            for _ in range(s.count("|")):
                if last_pipe is not None:
                    if content:
                        text = " ".join(" ".join(lines[k].split()) for k in content)
                        slots.append(_Slot(content[0], content[-1] + 1, last_pipe, i, text))
                    else:
                        slots.append(_Slot(i, i, last_pipe, i, ""))
                content = []
                last_pipe = i
        elif s and last_pipe is not None:
            content.append(i)
    return slots


def _header_cell(slot: _Slot) -> bool:
    """A slot short enough to be a header cell."""
    return len(slot.text) <= _HEADER_CELL_MAX and slot.hi - slot.lo <= _HEADER_CELL_LINES


def _header_at(slots: list[_Slot], h: int, lines: list[str]) -> list[ColumnRole] | None:
    """Roles of the header starting at slot ``h`` (its length is the column count)."""
    if any(k >= len(slots) or slots[k].empty or not _header_cell(slots[k]) for k in range(h, h + _MIN_COLUMNS)):
        return None  # fewer than _MIN_COLUMNS header-sized cells from h: no header, role_of not asked
    if role_of(slots[h].text) is ColumnRole.OTHER:
        return None
    j = h
    while j < len(slots) and not slots[j].empty and _header_cell(slots[j]):
        j += 1
    if j - h < _MIN_COLUMNS or j >= len(slots) or not slots[j].empty:
        return None
    return header_roles([s.text for s in slots[h:j]])


def _row_score(texts: list[str], n: int, roles: list[ColumnRole]) -> float | None:
    """Score of ``texts`` as one row of an ``n``-column table, None when it cannot be one."""
    if not any(texts):
        return None
    pat = row_patterns()
    index_col = roles.index(ColumnRole.INDEX) if ColumnRole.INDEX in roles else None
    if len(texts) == n:
        score = _FULL_ROW
        if index_col is not None and texts[index_col]:
            score += _INDEX_BONUS if pat.row_index.match(texts[index_col]) else _BAD_INDEX
        if ColumnRole.TASK in roles and not texts[roles.index(ColumnRole.TASK)]:
            score += _NO_TASK
        return score
    if len(texts) == 1:
        if pat.elision.match(texts[0]):
            return _ELISION_ROW
        return _CAPS_ROW if is_caps_text(texts[0]) else None
    if len(texts) == 2 and index_col == 0 and all(texts) and pat.row_index.match(texts[0]):
        strong = pat.group_index.match(texts[0]) or is_caps_text(texts[1])
        return _GROUP_ROW if strong else _WEAK_GROUP_ROW
    return None


def _body(slots: list[_Slot], p0: int, limit: int, n: int, roles: list[ColumnRole]) -> tuple[int, list[tuple[int, int]]]:
    """Best cut of ``slots[p0:limit]`` into rows: (end slot, [(first slot, cell count)])."""
    best: dict[int, tuple[float, int | None, int]] = {p0: (0.0, None, 0)}  # pos -> (score, prev, k)
    for p in range(p0, limit + 1):
        if p not in best:
            continue
        base = best[p][0]
        for k in range(1, n + 1):
            q = p + k
            if q > limit:
                break
            score = _row_score([s.text for s in slots[p:q]], n, roles)
            if score is None:
                continue
            if q < limit and slots[q].empty:
                nxt, penalty = q + 1, 0.0
            else:
                nxt, penalty = q, (0.0 if q == limit else _NO_BOUNDARY)
            total = base + score + penalty
            if nxt not in best or total > best[nxt][0]:
                best[nxt] = (total, p, k)
    end = max(best, key=lambda pos: (best[pos][0], -pos))
    rows: list[tuple[int, int]] = []
    pos = end
    while best[pos][1] is not None:
        _, prev, k = best[pos]
        assert prev is not None
        rows.append((prev, k))
        pos = prev
    rows.reverse()
    return end, rows


def find_grids(lines: list[str], stop: Callable[[str], bool] | None = None) -> list[Grid]:
    """Data tables in the layout grid of ``lines`` (the lines of one block, in order).

    ``stop(line)`` tells whether a slot whose first line is ``line`` can not belong to a
    table (a heading, a header or signature label).
    """
    slots = _slots(lines)
    grids: list[Grid] = []
    h = 0
    while h < len(slots):
        roles = _header_at(slots, h, lines)
        if roles is None:
            h += 1
            continue
        n = len(roles)
        p0 = h + n + 1  # after the header and its row boundary
        limit = p0
        while limit < len(slots) and not (stop and not slots[limit].empty and stop(lines[slots[limit].lo].strip())):
            limit += 1
        end, cuts = _body(slots, p0, limit, n, roles)
        while cuts and cuts[-1][1] < n:  # a table does not end with a group row or a gap mark
            end = cuts.pop()[0]
        if not cuts:
            h += 1
            continue
        rows: list[list[Cell]] = [[(s.lo, s.hi) for s in slots[h : h + n]]]
        for first, k in cuts:
            cells: list[Cell] = [None if s.empty else (s.lo, s.hi) for s in slots[first : first + k]]
            rows.append(cells + [None] * (n - k))
        last = slots[end - 1]
        grids.append(Grid(start=slots[h].open_line, end=last.close_line + 1, rows=rows))
        h = end
    return grids
