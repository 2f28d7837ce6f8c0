"""The report as an Excel workbook (openpyxl): the task table with real dates, a statistics
sheet per unit (one row per owner key, one column per state, the whole scope last) and a
stacked bar chart of it.

A task with two owners counts once for each unit, so the units' rows may add up to more than
the whole: the last row ("Toàn bộ phạm vi báo cáo") counts each task once.

>>> body = write_xlsx(report)
>>> body[:2]
b'PK'
"""

from __future__ import annotations

import io
from typing import Any

from search_api.reports.docx import TABLE_HEADER
from search_api.reports.figures import STATE_LABELS, STATES, Report
from search_api.reports.periods import vn_date

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TASKS_SHEET = "Nhiệm vụ"
STATS_SHEET = "Thống kê theo đơn vị"
DATE_FORMAT = "dd/mm/yyyy"
STATS_HEADER = ("Đơn vị chủ trì", "Tổng số", *(STATE_LABELS[s] for s in STATES))
TOTAL_LABEL = "Toàn bộ phạm vi báo cáo"
STATS_FIRST_ROW = 4  # the header row of the statistics table
TASK_COLUMNS = (*TABLE_HEADER[:4], "Thời hạn", "Thời hạn (nguyên văn)", "Tình trạng", "Số ngày quá hạn",
                "Ngày hoàn thành", "Kết quả / ghi chú", "Mã nhiệm vụ")


def _csv_safe(value: Any) -> Any:
    """Text cells never start a formula (spreadsheet injection), as in the task exports."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _bold_header(ws: Any, row: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="DDE5F0")


def _tasks_sheet(ws: Any, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = TASKS_SHEET
    ws.append([f"Báo cáo {report.title[:1].lower()}{report.title[1:]}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Số liệu tính đến ngày {vn_date(report.as_of)}"])
    ws.append(list(TASK_COLUMNS))
    _bold_header(ws, 3)
    for r in report.rows:
        ws.append([r.index, _csv_safe(r.text), _csv_safe(r.document), _csv_safe("; ".join(r.owners)),
                   r.deadline, _csv_safe(r.deadline_text), r.state_label, r.days_overdue or None,
                   r.done_date, _csv_safe(r.result), r.task_id])
        row = ws.max_row
        for col in (5, 9):
            ws.cell(row=row, column=col).number_format = DATE_FORMAT
        for col in (2, 3, 4, 10):
            ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A4"
    widths = (6, 70, 36, 28, 12, 22, 22, 10, 14, 36, 24)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=3, column=i).column_letter].width = width
    ws.auto_filter.ref = f"A3:{ws.cell(row=3, column=len(TASK_COLUMNS)).column_letter}{ws.max_row}"


def _stats_sheet(ws: Any, report: Report) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    ws.append([f"Thống kê kết quả thực hiện nhiệm vụ theo đơn vị, {report.period.label}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Số liệu tính đến ngày {vn_date(report.as_of)}. Một nhiệm vụ có nhiều đơn vị chủ trì "
               "được tính cho mỗi đơn vị."])
    ws.append([])
    ws.append(list(STATS_HEADER))
    _bold_header(ws, STATS_FIRST_ROW)
    for unit in report.units:
        ws.append([_csv_safe(unit.name), unit.total, *(unit.counts[s] for s in STATES)])
    last_unit_row = ws.max_row
    ws.append([TOTAL_LABEL, report.total, *(report.counts[s] for s in STATES)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 42
    for i in range(2, len(STATS_HEADER) + 1):
        ws.column_dimensions[ws.cell(row=STATS_FIRST_ROW, column=i).column_letter].width = 16
    ws.freeze_panes = ws.cell(row=STATS_FIRST_ROW + 1, column=2)
    if not report.units:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Nhiệm vụ theo tình trạng và đơn vị"
    chart.y_axis.title = "Số nhiệm vụ"
    data = Reference(ws, min_col=3, max_col=2 + len(STATES), min_row=STATS_FIRST_ROW, max_row=last_unit_row)
    cats = Reference(ws, min_col=1, min_row=STATS_FIRST_ROW + 1, max_row=last_unit_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height = max(8.0, 0.8 * len(report.units) + 4)
    chart.width = 24
    ws.add_chart(chart, ws.cell(row=ws.max_row + 3, column=1).coordinate)


def write_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    _tasks_sheet(wb.active, report)
    _stats_sheet(wb.create_sheet(STATS_SHEET), report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
