"""Build corpus/: the seeds as .txt, .docx and .pdf, plus a constructed provincial plan.

Dev tool (needs LibreOffice: ``soffice``); CI does not rebuild the corpus, the built files are
committed. Run: ``.venv/bin/python scripts/build_corpus.py [--seeds DIR] [--out DIR]``.

- ``<seed>.txt``: byte copies of the seeds.
- ``<seed>.docx``: one Word paragraph per paragraph of the parsed seed (hard wraps joined by
  ``ingest.parse``), Times New Roman 13 pt, header lines centred.
- ``<seed>.pdf``: the .docx printed by LibreOffice headless, as offices do.
- ``kh_ubnd_chuyen_doi_so_2025.{txt,docx,pdf}``: a constructed plan (Kế hoạch) whose tasks sit
  in an appendix table; the .docx has the two-column borderless header and signature blocks of
  real state documents and a bordered appendix table.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import parse  # noqa: E402
from ingest.model import ZoneKind  # noqa: E402

PLAN_NAME = "kh_ubnd_chuyen_doi_so_2025"

PLAN = {
    "issuer": ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"],
    "motto": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
    "number": "Số: 87/KH-UBND",
    "place_date": "Ninh Bình, ngày 14 tháng 3 năm 2025",
    "type": "KẾ HOẠCH",
    "title": "Thực hiện nhiệm vụ chuyển đổi số và phát triển chính quyền số tỉnh Ninh Bình năm 2025",
    "body": [
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện nhiệm vụ chuyển đổi số và phát triển chính quyền số năm 2025, như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Cụ thể hóa các nhiệm vụ chuyển đổi số của tỉnh năm 2025; nâng cao chất lượng cung cấp dịch vụ công trực tuyến, bảo đảm người dân, doanh nghiệp được phục vụ nhanh chóng, thuận tiện.",
        "2. Yêu cầu",
        "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố xác định rõ nhiệm vụ, cơ quan chủ trì, thời hạn hoàn thành; bảo đảm tiến độ, chất lượng và hiệu quả.",
        "II. NHIỆM VỤ",
        "1. Hoàn thiện thể chế, nâng cao nhận thức về chuyển đổi số trong các cơ quan nhà nước.",
        "2. Phát triển hạ tầng số, nền tảng số và dữ liệu số dùng chung của tỉnh.",
        "3. Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, thanh toán trực tuyến.",
        "Nhiệm vụ cụ thể, cơ quan chủ trì, cơ quan phối hợp và thời gian hoàn thành tại Phụ lục kèm theo Kế hoạch này.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.",
        "2. Sở Tài chính chủ trì, tham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định.",
        "3. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện; định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh (qua Sở Khoa học và Công nghệ) để xem xét, giải quyết./.",
    ],
    "recipients": [
        "Bộ Khoa học và Công nghệ (để b/c);",
        "TT Tỉnh ủy, TT HĐND tỉnh (để b/c);",
        "Chủ tịch, các PCT UBND tỉnh;",
        "Các sở, ban, ngành tỉnh;",
        "UBND các huyện, thành phố;",
        "Lưu: VT, KGVX.",
    ],
    "signature": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    "signer": "Trần Song Tùng",
    "appendix_title": "PHỤ LỤC",
    "appendix_subtitle": "NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025",
    "appendix_note": "(Kèm theo Kế hoạch số 87/KH-UBND ngày 14/3/2025 của Ủy ban nhân dân tỉnh)",
    "table": [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["1", "Xây dựng, ban hành Quy chế quản lý, vận hành, khai thác Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh; Sở Tư pháp", "Quý II/2025"],
        ["2", "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, bảo đảm kết nối với Cổng Dịch vụ công quốc gia", "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Tháng 6/2025"],
        ["3", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực", "Các sở, ban, ngành; UBND các huyện, thành phố", "Văn phòng UBND tỉnh", "Thường xuyên"],
        ["4", "Xây dựng cơ sở dữ liệu đất đai và kết nối với Cơ sở dữ liệu quốc gia về dân cư", "Sở Nông nghiệp và Môi trường", "Công an tỉnh; UBND các huyện, thành phố", "Năm 2025"],
        ["5", "Triển khai thanh toán trực tuyến phí, lệ phí trong giải quyết thủ tục hành chính", "Sở Tài chính", "Kho bạc Nhà nước khu vực; các ngân hàng thương mại", "Quý III/2025"],
        ["6", "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã", "Sở Nội vụ", "Sở Khoa học và Công nghệ; UBND các huyện, thành phố", "Tháng 9/2025"],
        ["7", "Bảo đảm an toàn thông tin mạng theo mô hình 4 lớp cho các hệ thống thông tin của tỉnh", "Sở Khoa học và Công nghệ", "Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh", "Thường xuyên"],
        ["8", "Phát triển ứng dụng công dân số của tỉnh, tích hợp với ứng dụng VNeID", "Công an tỉnh", "Sở Khoa học và Công nghệ; Văn phòng UBND tỉnh", "Quý IV/2025"],
        ["9", "Tuyên truyền, phổ biến về chuyển đổi số trên các phương tiện thông tin đại chúng", "Sở Văn hóa, Thể thao và Du lịch", "Báo Ninh Bình; Đài Phát thanh và Truyền hình tỉnh", "Thường xuyên"],
        ["10", "Đánh giá mức độ chuyển đổi số của các cơ quan, đơn vị năm 2025", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành; UBND các huyện, thành phố", "Trước ngày 20/12/2025"],
    ],
}


def plan_text() -> str:
    """The plan as plain text, the appendix table as pipe rows."""
    p = PLAN
    lines = [*p["issuer"], *p["motto"], p["number"], p["place_date"], "", p["type"], "", p["title"], ""]
    for paragraph in p["body"]:
        lines += [paragraph, ""]
    lines += ["Nơi nhận:"] + [f"- {r}" for r in p["recipients"]]
    lines += ["", *p["signature"], "", p["signer"], ""]
    lines += [p["appendix_title"], "", p["appendix_subtitle"], "", p["appendix_note"], ""]
    header, *rows = p["table"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _new_document() -> docx.document.Document:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(4)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _page_number_footer(section)
    return document


def _page_number_footer(section: docx.section.Section) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def _para(container, text: str, *, bold: bool = False, italic: bool = False, center: bool = False,
          size: float | None = None) -> None:
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _cell_lines(cell, lines: list[tuple[str, bool, bool]], *, center: bool = True) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text, bold, italic in lines:
        _para(cell, text, bold=bold, italic=italic, center=center, size=12.5)


def seed_docx(txt: Path, out: Path) -> None:
    """One Word paragraph per normalised paragraph; header-zone lines centred."""
    doc = parse(txt)
    header_end = next((z.end for z in doc.zones if z.kind == ZoneKind.HEADER), 0)
    document = _new_document()
    offset = 0
    for line in doc.text.split("\n"):
        in_header = offset < header_end
        _para(document, line, center=in_header, bold=in_header and line.isupper())
        offset += len(line) + 1
    document.save(out)


def plan_docx(out: Path) -> None:
    p = PLAN
    document = _new_document()
    header = document.add_table(rows=2, cols=2)  # borderless layout table, as in real documents
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_lines(header.cell(0, 0), [(p["issuer"][0], False, False), (p["issuer"][1], True, False)])
    _cell_lines(header.cell(0, 1), [(p["motto"][0], True, False), (p["motto"][1], True, False)])
    _cell_lines(header.cell(1, 0), [(p["number"], False, False)])
    _cell_lines(header.cell(1, 1), [(p["place_date"], False, True)])
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.0), Cm(10.0)
    document.add_paragraph()
    _para(document, p["type"], bold=True, center=True)
    _para(document, p["title"], bold=True, center=True)
    for text in p["body"]:
        heading = text[:3] in ("I. ", "II.", "III") or (text[:2] in ("1.", "2.") and len(text) < 20)
        _para(document, text, bold=heading)
    document.add_paragraph()
    sign = document.add_table(rows=1, cols=2)
    _cell_lines(sign.cell(0, 0), [("Nơi nhận:", True, True)] + [(f"- {r}", False, False) for r in p["recipients"]],
                center=False)
    _cell_lines(sign.cell(0, 1), [(s, True, False) for s in p["signature"]] + [("", False, False)] * 3
                + [(p["signer"], True, False)])
    for row in sign.rows:
        row.cells[0].width, row.cells[1].width = Cm(7.5), Cm(8.5)
    # Appendix on a landscape page, as wide task tables usually are.
    appendix = document.add_section()
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Cm(29.7), Cm(21.0)
    _para(document, p["appendix_title"], bold=True, center=True)
    _para(document, p["appendix_subtitle"], bold=True, center=True)
    _para(document, p["appendix_note"], italic=True, center=True)
    header_row, *rows = p["table"]
    table = document.add_table(rows=1 + len(rows), cols=len(header_row))
    table.style = "Table Grid"
    widths = [Cm(1.2), Cm(9.5), Cm(5.0), Cm(6.5), Cm(3.5)]
    for r, values in enumerate([header_row, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.bold = r == 0
                run.font.size = Pt(12)
    document.save(out)


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed: apt-get install -y --no-install-recommends libreoffice-writer")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
    return out_dir / (docx_path.stem + ".pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(args.seeds.glob("*.txt")):
        target = args.out / seed.name
        shutil.copyfile(seed, target)
        seed_docx(target, target.with_suffix(".docx"))
        to_pdf(target.with_suffix(".docx"), args.out)
        print(f"built {seed.stem}.txt/.docx/.pdf")
    plan = args.out / f"{PLAN_NAME}.txt"
    plan.write_text(plan_text(), encoding="utf-8")
    plan_docx(plan.with_suffix(".docx"))
    to_pdf(plan.with_suffix(".docx"), args.out)
    print(f"built {PLAN_NAME}.txt/.docx/.pdf")


if __name__ == "__main__":
    main()
