"""Appendix tables: column roles, group rows and one section per body row.

Column roles come from the header cells (``data/table_headers.json``): ``STT`` -> INDEX,
``Nội dung nhiệm vụ`` -> TASK, ``Cơ quan chủ trì`` -> OWNER, ``Cơ quan phối hợp`` ->
CO_OWNER, ``Thời gian hoàn thành``/``Thời hạn``/``Tiến độ`` -> DEADLINE, ``Sản phẩm`` ->
PRODUCT, ``Ghi chú`` -> NOTE, anything else OTHER.

A *group row* only names a group of the rows under it: at most two non-empty cells, e.g.
``I | NHIỆM VỤ CHUNG`` or a single caps cell spanning the table.

Section paths of rows (``SectionKind.TABLE_ROW``) are the STT markers down to the row, as
for list items (gold guidelines, ``section``): ``<index>`` for a row, ``<group>.<index>``
for a row under a group row (``II.3``), ``<group>`` for the group row itself; ``<index>`` is
the row's STT cell, or its 1-based position among body rows when there is no STT; a group row
written in one cell across the table (``I. NÂNG CAO NHẬN THỨC``) is named by its own marker. Rows of
different tables, and body items, may share a path: ``Section.table``/``row`` identify a row.
A row that only marks rows left out by the copy (``….....``, ``elision`` in
``data/table_headers.json``) has path None, and so have the rows after it until the next
group row (their group heading is not in the text). The row's own text
(``text_start``/``text_end``) is its TASK cell, else its longest cell.

>>> header_roles(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"])
[<ColumnRole.INDEX: 'index'>, <ColumnRole.TASK: 'task'>, <ColumnRole.OWNER: 'owner'>]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest import vocab
from ingest.model import ColumnRole, Section, SectionKind, Table, TableCell, TableRow

_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_ROMAN_HEADING = re.compile(r"^[IVXLC]{1,7}\.\s+\S")  # a group heading across the table: "II. Văn bản ..."


@dataclass(frozen=True, slots=True)
class RowPatterns:
    row_index: re.Pattern[str]  # an STT cell: 1, 2.1, II, a)
    group_index: re.Pattern[str]  # an STT cell numbering a group: II, B
    elision: re.Pattern[str]  # a cell marking left-out rows: ….....


@cache
def row_patterns() -> RowPatterns:
    """The row patterns of ``data/table_headers.json``, compiled."""
    data = vocab._load_json("table_headers.json")
    keys = ("row_index", "group_index", "elision")
    return RowPatterns(*(vocab._compile("table_headers.json", k, data[k]["pattern"]) for k in keys))


def is_caps_text(text: str) -> bool:
    """At least two letters, all upper-case (``NHIỆM VỤ CHUNG``)."""
    letters = "".join(c for c in text if c.isalpha())
    return len(letters) >= 2 and letters.isupper()


def is_elision_row(cells: list[str]) -> bool:
    """A row whose only text marks left-out rows (``….....``)."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(row_patterns().elision.match(c) for c in filled)


_MIN_PREFIX_CUE = 4  # a cue this long also names a header it begins ("thời gian thực hiện")


@cache
def _role_cues() -> tuple[tuple[str, ...], dict[str, int], dict[str, int], int]:
    """table_headers.json indexed once: the roles in order, each cue's first role (exact
    match), the same for cues long enough to match as a prefix, and the longest such cue."""
    roles: list[str] = []
    exact: dict[str, int] = {}
    prefix: dict[str, int] = {}
    for i, (role, cues) in enumerate(vocab.table_roles()):
        roles.append(role)
        for cue in cues:
            exact.setdefault(cue, i)
            if len(cue) >= _MIN_PREFIX_CUE:
                prefix.setdefault(cue, i)
    return tuple(roles), exact, prefix, max(map(len, prefix), default=0)


def role_of(cell: str) -> ColumnRole:
    """The role a header cell names: the first role (in table_headers.json order) with a cue
    equal to the cell, or, for a cue of four characters or more, beginning it.

    >>> role_of("Thời gian hoàn thành").value
    'deadline'
    """
    key = " ".join(cell.split()).casefold().rstrip(" .:")
    roles, exact, prefix, longest = _role_cues()
    best = exact.get(key, len(roles))
    for n in range(_MIN_PREFIX_CUE, min(len(key), longest) + 1):
        found = prefix.get(key[:n])
        if found is not None and found < best:
            best = found
    return ColumnRole(roles[best]) if best < len(roles) else ColumnRole.OTHER


def header_roles(cells: list[str]) -> list[ColumnRole] | None:
    """Roles of a header row, or None when the row does not look like a header."""
    roles = [role_of(c) for c in cells]
    known = [r for r in roles if r is not ColumnRole.OTHER]
    if len(known) >= 2 and ColumnRole.TASK in roles or len(known) >= 3:
        return roles
    return None


def is_header_row(cells: list[str]) -> bool:
    """A table's header row, for joining rows broken over lines: at least three cells,
    accepted by :func:`header_roles`, or an STT column first and one more column whose role
    is known (``TT | Tên văn bản | Cơ quan trình | … | Tiến độ``)."""
    if len(cells) < 3:
        return False
    if header_roles(cells) is not None:
        return True
    roles = [role_of(c) for c in cells]
    return roles[0] is ColumnRole.INDEX and any(r is not ColumnRole.OTHER for r in roles[1:])


def is_group_row(cells: list[str], roles: list[ColumnRole]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(cells) < 2 or not filled or len(filled) > 2:
        return False
    if len(filled) == 1:
        letters = "".join(ch for ch in filled[0] if ch.isalpha())
        return len(cells) > 2 and bool(letters) and (letters.isupper() or bool(_ROMAN_HEADING.match(filled[0])))
    first = cells[0].strip()
    if ColumnRole.INDEX in roles:
        first = cells[roles.index(ColumnRole.INDEX)].strip()
    return bool(_ROMAN.match(first) or first.isalpha() and first.isupper()) and len(cells) > 2


def build_table(
    header: list[str],
    rows: list[list[str]],
    header_span: tuple[int, int] | None,
    row_spans: list[tuple[int, int]],
    row_cells: list[tuple[tuple[int, int], ...]],
) -> Table:
    """A ``Table`` model from the normalised rows and their spans in the text."""
    width = max([len(header)] + [len(r) for r in rows]) if rows or header else 0
    roles = header_roles(header) if header else None
    if roles is None:
        roles = [ColumnRole.OTHER] * width
    roles = roles + [ColumnRole.OTHER] * (width - len(roles))
    body: list[TableRow] = []
    for cells, span, cell_spans in zip(rows, row_spans, row_cells, strict=True):
        body.append(
            TableRow(
                cells=[TableCell(text=c, start=s, end=e) for c, (s, e) in zip(cells, cell_spans, strict=True)],
                start=span[0],
                end=span[1],
                is_group=is_group_row(cells, roles),
            )
        )
    start = header_span[0] if header_span else (row_spans[0][0] if row_spans else 0)
    end = row_spans[-1][1] if row_spans else (header_span[1] if header_span else 0)
    return Table(header=header, roles=roles, rows=body, start=start, end=end)


def _group_label(row: TableRow) -> str | None:
    """The marker a group row's only cell opens with (``I. NÂNG CAO NHẬN THỨC`` -> ``I``):
    a heading spanning the table carries its own number."""
    filled = [c.text.strip() for c in row.cells if c.text.strip()]
    if len(filled) != 1:
        return None
    m = _GROUP_MARKER.match(filled[0])
    return m.group("label") if m else None


_GROUP_MARKER = re.compile(r"^(?P<label>[IVXLC]{1,7}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)\s*[.)\-–]\s+\S")


def _row_index(row: TableRow, roles: list[ColumnRole], position: int) -> str:
    if row.is_group and (label := _group_label(row)):
        return label
    if ColumnRole.INDEX in roles:
        i = roles.index(ColumnRole.INDEX)
        if i < len(row.cells) and row.cells[i].text.strip():
            return row.cells[i].text.strip().rstrip(".)")
    elif row.cells and row_patterns().row_index.match(row.cells[0].text.strip()):
        return row.cells[0].text.strip().rstrip(".)")
    return str(position)


def _own_cell(row: TableRow, roles: list[ColumnRole]) -> TableCell | None:
    if ColumnRole.TASK in roles:
        i = roles.index(ColumnRole.TASK)
        if i < len(row.cells) and row.cells[i].text:
            return row.cells[i]
    filled = [c for c in row.cells if c.text]
    return max(filled, key=lambda c: len(c.text)) if filled else None


def row_sections(table: Table, table_index: int, ordinal: int, first_index: int) -> list[Section]:
    """One TABLE_ROW section per body row; rows under a group row are its children.

    ``ordinal`` is the table's 0-based position among the document's tables (paths do not
    depend on it: rows are named by their STT markers), ``first_index`` the index the first
    returned section will have in ``ParsedDocument.sections``.
    """
    out: list[Section] = []
    group: int | None = None
    group_label: str | None = None
    lost = False  # rows were left out: the group heading of the rows that follow is unknown
    position = 0
    for r, row in enumerate(table.rows):
        own = _own_cell(row, table.roles)
        path: str | None
        if row.is_group:
            label = _row_index(row, table.roles, r + 1)
            group, group_label, lost = first_index + len(out), label, False
            position = 0  # rows without an STT are numbered within their group (II.1)
            path = label
            parent = None
        elif is_elision_row([c.text for c in row.cells]):
            label, path, parent, lost = "", None, None, True
            group = group_label = None
        else:
            position += 1
            label = _row_index(row, table.roles, position)
            path = None if lost else (f"{group_label}.{label}" if group_label else label)
            parent = group
        out.append(
            Section(
                index=first_index + len(out),
                parent=parent,
                kind=SectionKind.TABLE_ROW,
                marker=label,
                level=1 if parent is not None else 0,
                path=path,
                heading=own.text if own else "",
                start=row.start,
                end=row.end,
                text_start=own.start if own else row.start,
                text_end=own.end if own else row.end,
                table=table_index,
                row=r,
            )
        )
    # a group row covers its rows
    fixed: list[Section] = []
    for s in out:
        if s.table is not None and table.rows[s.row or 0].is_group:
            children = [c for c in out if c.parent == s.index]
            if children:
                s = s.model_copy(update={"end": children[-1].end})
        fixed.append(s)
    return fixed
