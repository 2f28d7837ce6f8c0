"""The report as a Word document in the usual administrative form (python-docx).

Top: the issuing body and the number placeholder on the left, the national motto on the right,
place and date under it; then the title ("BÁO CÁO" / "Kết quả thực hiện nhiệm vụ ..."), the
summary figures, the table STT | Nhiệm vụ | Văn bản giao | Đơn vị chủ trì | Thời hạn | Tình
trạng | Kết quả / ghi chú, the overdue tasks with their days overdue, and the signature block
(Nơi nhận, the signer) left as placeholders for the secretariat to fill in.

>>> body = write_docx(report, issuer="SỞ TƯ PHÁP", place="Hà Nội", today=date(2025, 10, 5))
>>> body[:2]
b'PK'
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from search_api.reports.figures import STATE_LABELS, STATES, Report, printable
from search_api.reports.periods import vn_date

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
TABLE_HEADER = ("STT", "Nhiệm vụ", "Văn bản giao", "Đơn vị chủ trì", "Thời hạn", "Tình trạng",
                "Kết quả / ghi chú")
ISSUER_PLACEHOLDER = "TÊN CƠ QUAN, ĐƠN VỊ"
NUMBER_PLACEHOLDER = "Số: ......./BC-......"
PLACE_PLACEHOLDER = "............"
FONT = "Times New Roman"
TABLE_STYLE = "Bảng nhiệm vụ"
# Column widths in cm (landscape A4 has ~25 cm between the margins).
WIDTHS_CM = (1.3, 8.4, 4.0, 3.6, 2.4, 2.8, 2.7)


def deadline_cell(row: Any) -> str:
    return vn_date(row.deadline) if row.deadline else (row.deadline_text or "Không có thời hạn")


def date_line(place: str | None, day: date) -> str:
    return f"{place or PLACE_PLACEHOLDER}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def summary_lines(report: Report) -> list[str]:
    """The summary figures, one sentence each (the same in the preview page)."""
    lines = [f"Tổng số nhiệm vụ: {report.total} (số liệu tính đến ngày {vn_date(report.as_of)})."]
    for state in STATES:
        lines.append(f"{STATE_LABELS[state]}: {report.counts[state]} nhiệm vụ ({report.percent(state)}).")
    return lines


def _set_font(run: Any, size: float | None = None, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None


def _para(container: Any, text: str, *, size: float = 13, bold: bool = False, italic: bool = False,
          align: str = "left", space_after: float = 3) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    _set_font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def _cell_text(cell: Any, lines: list[tuple[str, dict[str, Any]]], align: str = "center") -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for text, style in lines:
        _para(cell, text, align=align, space_after=0, **style)


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _header_block(doc: Any, report: Report, issuer: str | None, place: str | None, day: date) -> None:
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left, right = table.rows[0].cells
    table.columns[0].width, table.columns[1].width = Cm(9.5), Cm(15.5)
    left.width, right.width = Cm(9.5), Cm(15.5)
    _cell_text(left, [((issuer or ISSUER_PLACEHOLDER).upper(), {"bold": True, "size": 13}),
                      ("―――――", {"size": 10}),
                      (NUMBER_PLACEHOLDER, {"size": 13})])
    _cell_text(right, [(MOTTO[0], {"bold": True, "size": 13}),
                       (MOTTO[1], {"bold": True, "size": 14}),
                       ("―――――――――――", {"size": 10}),
                       (date_line(place, day), {"italic": True, "size": 13})])


def _task_table(doc: Any, report: Report) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)
    head = table.rows[0]
    _repeat_header(head)
    for cell, text, width in zip(head.cells, TABLE_HEADER, WIDTHS_CM, strict=True):
        cell.width = Cm(width)
        _cell_text(cell, [(text, {"bold": True, "size": 11})])
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    # Rows: the cell's own paragraph in the table style (fonts set once on the styles, the
    # widths by the fixed grid): per-run formatting makes a long report several times slower.
    style_id = doc.styles[TABLE_STYLE].style_id
    for r in report.rows:
        values = (str(r.index), r.text, r.document, "; ".join(r.owners) or "Chưa xác định",
                  deadline_cell(r), r.state_label + (f" ({r.days_overdue} ngày)" if r.days_overdue else ""),
                  r.result)
        for i, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            p = cell.paragraphs[0]
            p._p.style = style_id  # by id: assigning a style object looks it up among all styles
            if i in (0, 4):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text)


def write_docx(report: Report, *, issuer: str | None = None, place: str | None = None,
               today: date | None = None, signer_title: str | None = None) -> bytes:
    """The .docx bytes of ``report``; ``issuer``/``place``/``signer_title`` fill the form
    (placeholders when missing); ``today`` is the date written under the motto."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    day = today or date.today()
    # what a user typed into the form reaches the file: drop what a .docx cannot hold
    issuer, place, signer_title = (printable(v) if v else v for v in (issuer, place, signer_title))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(13)
    cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = style
    cells.font.size = Pt(11)
    cells.paragraph_format.space_after = Pt(0)
    cells.paragraph_format.space_before = Pt(0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    _header_block(doc, report, issuer, place, day)
    _para(doc, "", space_after=6)
    _para(doc, "BÁO CÁO", size=14, bold=True, align="center", space_after=0)
    _para(doc, report.title, size=14, bold=True, align="center", space_after=12)

    _para(doc, "I. TỔNG HỢP KẾT QUẢ", bold=True)
    for line in summary_lines(report):
        _para(doc, "- " + line, align="justify")

    _para(doc, "II. DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN", bold=True)
    if report.rows:
        _task_table(doc, report)
    else:
        _para(doc, "Không có nhiệm vụ nào trong kỳ báo cáo.", italic=True)

    _para(doc, "", space_after=6)
    _para(doc, "III. CÁC NHIỆM VỤ QUÁ HẠN", bold=True)
    overdue = report.overdue
    if not overdue:
        _para(doc, "Không có nhiệm vụ quá hạn.", italic=True)
    for i, r in enumerate(overdue, start=1):
        owners = "; ".join(r.owners) or "chưa xác định đơn vị"
        _para(doc, f"{i}. {r.text} ({r.document_number or r.document_title}; chủ trì: {owners}; "
                   f"thời hạn {vn_date(r.deadline)}) - quá hạn {r.days_overdue} ngày.", align="justify")

    _para(doc, "", space_after=6)
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    sign.autofit = False
    left, right = sign.rows[0].cells
    sign.columns[0].width, sign.columns[1].width = Cm(12.5), Cm(12.5)
    left.width, right.width = Cm(12.5), Cm(12.5)
    _cell_text(left, [("Nơi nhận:", {"bold": True, "italic": True, "size": 12}),
                      ("- ............;", {"size": 11}),
                      ("- Lưu: VT, ......", {"size": 11})], align="left")
    _cell_text(right, [((signer_title or "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ").upper(), {"bold": True, "size": 13}),
                       ("(Chữ ký, dấu)", {"italic": True, "size": 12}),
                       ("", {}), ("", {}),
                       ("Họ và tên", {"bold": True, "size": 13})])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
