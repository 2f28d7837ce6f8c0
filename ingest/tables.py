"""Appendix tables: column roles, group rows and one section per body row.

Column roles come from the header cells (``data/table_headers.json``): ``STT`` -> INDEX,
``Nội dung nhiệm vụ`` -> TASK, ``Cơ quan chủ trì`` -> OWNER, ``Cơ quan phối hợp`` ->
CO_OWNER, ``Thời gian hoàn thành``/``Thời hạn``/``Tiến độ`` -> DEADLINE, ``Sản phẩm`` ->
PRODUCT, ``Ghi chú`` -> NOTE, anything else OTHER.

A *group row* only names a group of the rows under it: at most two non-empty cells, e.g.
``I | NHIỆM VỤ CHUNG`` or a single caps cell spanning the table.

Section paths of rows (``SectionKind.TABLE_ROW``): ``PL.<index>`` for the first table of a
document, ``PL<n>.<index>`` for the n-th (n >= 2); ``<index>`` is the row's STT cell, or its
1-based position among body rows when there is no STT. A row under a group row is prefixed
by the group's index: ``PL.I.1``. The row's own text (``text_start``/``text_end``) is its
TASK cell, else its longest cell.

>>> header_roles(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"])
[<ColumnRole.INDEX: 'index'>, <ColumnRole.TASK: 'task'>, <ColumnRole.OWNER: 'owner'>]
"""

from __future__ import annotations

import re

from ingest import vocab
from ingest.model import ColumnRole, Section, SectionKind, Table, TableCell, TableRow

_ROMAN = re.compile(r"^[IVXLC]+\.?$")


def role_of(cell: str) -> ColumnRole:
    key = " ".join(cell.split()).casefold().rstrip(" .:")
    for role, cues in vocab.table_roles():
        for cue in cues:
            if key == cue or (len(cue) > 3 and key.startswith(cue)):
                return ColumnRole(role)
    return ColumnRole.OTHER


def header_roles(cells: list[str]) -> list[ColumnRole] | None:
    """Roles of a header row, or None when the row does not look like a header."""
    roles = [role_of(c) for c in cells]
    known = [r for r in roles if r is not ColumnRole.OTHER]
    if len(known) >= 2 and ColumnRole.TASK in roles or len(known) >= 3:
        return roles
    return None


def is_group_row(cells: list[str], roles: list[ColumnRole]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(cells) < 2 or not filled or len(filled) > 2:
        return False
    if len(filled) == 1:
        letters = "".join(ch for ch in filled[0] if ch.isalpha())
        return len(cells) > 2 and bool(letters) and letters.isupper()
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


def _row_index(row: TableRow, roles: list[ColumnRole], position: int) -> str:
    if ColumnRole.INDEX in roles:
        i = roles.index(ColumnRole.INDEX)
        if i < len(row.cells) and row.cells[i].text.strip():
            return row.cells[i].text.strip().rstrip(".")
    elif row.cells and re.fullmatch(r"[IVXLC]+\.?|\d+(?:\.\d+)*\.?", row.cells[0].text.strip()):
        return row.cells[0].text.strip().rstrip(".")
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

    ``ordinal`` is the table's 0-based position among the document's tables, ``first_index``
    the index the first returned section will have in ``ParsedDocument.sections``.
    """
    prefix = "PL" if ordinal == 0 else f"PL{ordinal + 1}"
    out: list[Section] = []
    group: int | None = None
    group_label: str | None = None
    position = 0
    for r, row in enumerate(table.rows):
        own = _own_cell(row, table.roles)
        if row.is_group:
            label = _row_index(row, table.roles, r + 1)
            group, group_label = first_index + len(out), label
            path = f"{prefix}.{label}"
            parent = None
        else:
            position += 1
            label = _row_index(row, table.roles, position)
            path = f"{prefix}.{group_label}.{label}" if group_label else f"{prefix}.{label}"
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
