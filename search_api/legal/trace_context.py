"""The headings a task sits under, as context for the implementation trace.

A plan often gives the instruction it carries out in a heading and the concrete tasks below it
("2. Tuyên truyền, quán triệt Chỉ thị ...:" over "- Tổ chức tuyên truyền ..."), or an item's
first sentence states what its later sentences detail ("Các địa phương phát động ngay 'Chiến
dịch Quang Trung' ..." over "Về kinh phí: ..."). The context of a task is the heading of its own
section (when that heading is not the task's own text) and of every section above it, nearest
first, from the parsed document's section tree (``ingest.model.ParsedDocument.sections``).

>>> from types import SimpleNamespace as S
>>> secs = [S(index=0, parent=None, path="II", heading="NHIỆM VỤ"),
...         S(index=1, parent=0, path="II.1", heading="Tuyên truyền Chỉ thị số 32/CT-TTg"),
...         S(index=2, parent=1, path="II.1-a", heading="Tổ chức hội nghị quán triệt")]
>>> headings(secs, "II.1-a", "Tổ chức hội nghị quán triệt cho cán bộ")
('Tuyên truyền Chỉ thị số 32/CT-TTg', 'NHIỆM VỤ')
>>> headings(secs, None, "x"), headings(secs, "IX", "x")
((), ())
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_OWN = 40  # a heading whose first this many characters are in the task's text is the task itself


def headings(sections: Sequence[Any], section: str | None, text: str) -> tuple[str, ...]:
    """The headings above a task of section path ``section`` and text ``text`` (nearest
    first; () for a task outside the numbered sections or a path the tree lacks)."""
    if not section:
        return ()
    node = next((s for s in sections if s.path == section), None)
    out: list[str] = []
    while node is not None:
        h = " ".join(node.heading.split())
        if h and h[:_OWN] not in " ".join(text.split()):
            out.append(h)
        node = sections[node.parent] if node.parent is not None else None
    return tuple(out)
