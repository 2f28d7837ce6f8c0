"""Appendix-table rows as tasks: text from the task cell, deadline from the time cell."""

from __future__ import annotations

import pytest

from ingest.model import SectionKind
from ingest.rawdoc import Paragraph, RawDocument, TableBlock
from nlp.deadlines import parse_deadline_cell

# fmt: off
CELLS = [
    ("2025", "2025-12-31"), ("**2025**".strip("*"), "2025-12-31"), ("2025 - 2026", "2026-12-31"),
    ("Năm 2026", "2026-12-31"), ("Quý II/2026", "2026-06-30"), ("Trước ngày 30/11/2025", "2025-11-30"),
    ("Thường xuyên", None), ("Tháng 12 hằng năm", None), ("Sau khi có Quy chế của TW", None), ("20255", None),
]
# fmt: on


@pytest.mark.parametrize(("cell", "date"), CELLS)
def test_deadline_cell(cell: str, date: str | None) -> None:
    deadline = parse_deadline_cell(cell, 2025)
    assert (deadline.date if deadline else None) == date


def test_table_task_text_is_the_task_cell(monkeypatch) -> None:
    import ingest.readers
    from ingest import parse
    from nlp import extract

    raw = RawDocument(blocks=[
        Paragraph("PHỤ LỤC\nDANH MỤC NHIỆM VỤ"),
        TableBlock(rows=[
            ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["I", "NHIỆM VỤ CHUNG", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ngành", "Trước ngày 30/6/2026"],
            ["2", "Tổ chức tập huấn nghiệp vụ", "Sở Nội vụ", "", "2026"],
            ["3", "Triển khai Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ", "Sở Tư pháp", "", "2026"],
        ]),
    ])
    monkeypatch.setattr(ingest.readers, "read", lambda *a, **k: raw)
    doc = parse(b"ignored", filename="plan.docx")
    tasks = {t.section: t for t in extract(doc).tasks if t.section in ("I.1", "I.2")}
    assert tasks["I.1"].text == "Rà soát văn bản quy phạm pháp luật"
    assert tasks["I.1"].deadline is not None and tasks["I.1"].deadline.date == "2026-06-30"
    assert tasks["I.2"].deadline is not None and tasks["I.2"].deadline.date == "2026-12-31"
    # a row that cites a document points to that reference, like a task in the body
    row3 = [t for t in extract(doc).tasks if t.section == "I.3"]
    assert row3 and row3[0].refs == ["62/2015/NĐ-CP"] and tasks["I.1"].refs == []
    for task in tasks.values():
        assert doc.text[task.span.start : task.span.end] == task.span.text
    assert all(s.kind is SectionKind.TABLE_ROW for s in doc.sections if s.path in ("I.1", "I.2"))
