"""The XLSX export opens ready for the office: dates are date cells shown dd/mm/yyyy, STT,
Vietnamese headers, autofilter, frozen header, widths, print titles, landscape."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from search_api.exports import write_xlsx, xlsx_header

ROWS = [
    {"id": "t-1", "document_number": "05/CT-BTP", "document_title": "Về thi hành án", "text": "Rà soát văn bản",
     "owners": ["Bộ Tư pháp"], "deadline": "2025-06-30", "status": "done", "done_date": "2026-12-03",
     "timeliness": "late", "deadline_text": "trước ngày 30/6/2025"},
    {"id": "t-2", "text": "=HYPERLINK(\"x\")", "owners": ["UBND tỉnh"], "deadline": None, "status": "not_started",
     "deadline_text": "Thường xuyên"},
]


def sheet():  # noqa: ANN201
    return load_workbook(io.BytesIO(write_xlsx(ROWS))).active


def test_dates_are_dates_shown_day_month_year() -> None:
    ws = sheet()
    col = {c.value: c.column for c in ws[1]}
    deadline = ws.cell(row=2, column=col["Thời hạn"])
    done = ws.cell(row=2, column=col["Ngày hoàn thành"])
    assert isinstance(deadline.value, datetime) and deadline.value.date() == date(2025, 6, 30)
    assert isinstance(done.value, datetime) and done.value.date() == date(2026, 12, 3)
    assert deadline.number_format == done.number_format == "dd/mm/yyyy"
    assert deadline.is_date
    assert ws.cell(row=3, column=col["Thời hạn"]).value in (None, "")  # "thường xuyên": no date
    assert ws.cell(row=2, column=col["Đúng hạn/Trễ hạn"]).value == "trễ hạn"


def test_office_layout() -> None:
    ws = sheet()
    assert [c.value for c in ws[1]] == xlsx_header()
    assert ws["A1"].value == "STT" and [ws["A2"].value, ws["A3"].value] == [1, 2]
    assert ws[1][-1].value == "Mã nhiệm vụ", "the internal id is the last column, not the first"
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{ws[1][-1].column_letter}3"
    assert ws.print_title_rows in ("1:1", "$1:$1")
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["E"].width >= 60  # the task text
    assert ws[1][0].font.bold


def test_formulas_are_neutralised() -> None:
    ws = sheet()
    col = {c.value: c.column for c in ws[1]}
    assert ws.cell(row=3, column=col["Nội dung nhiệm vụ"]).value.startswith("'=")
