"""The .docx report: its table checked against the edit log for a fixed period (python-docx),
its administrative form, and a picture of its first page (LibreOffice -> PDF -> PNG)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from search_api.reports.docx import MOTTO, NUMBER_PLACEHOLDER, TABLE_HEADER, write_docx
from search_api.reports.figures import STATE_LABELS, ReportSource
from search_api.reports.periods import parse_period, vn_date
from tests.conftest import ROOT
from tests.search_api.reports.conftest import Q4_2022_END, expected_state, make_scenario

SCREENSHOTS = ROOT / "screenshots"
TODAY = date(2024, 6, 1)


def _document(body: bytes):
    from docx import Document

    return Document(BytesIO(body))


def _task_table(doc):
    tables = [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == TABLE_HEADER]
    assert len(tables) == 1, "one table with the header STT | Nhiệm vụ | ... | Kết quả / ghi chú"
    return tables[0]


@pytest.fixture
def rendered(seeded, log):
    sc = make_scenario(seeded, log)
    report = ReportSource.load(seeded.store, log).report(parse_period("2022-Q4"), today=TODAY)
    body = write_docx(report, issuer="Văn phòng Bộ Tư pháp", place="Hà Nội", today=date(2023, 1, 5),
                      signer_title="Chánh Văn phòng")
    return sc, report, body


def test_the_table_says_what_the_edit_log_says_at_the_quarters_end(rendered, seeded) -> None:
    sc, _report, body = rendered
    rows = _task_table(_document(body)).rows[1:]
    want = [t for t in seeded.tasks() if t["id"] not in sc.excluded
            and (t.get("issued_date") is None or t["issued_date"] <= "2022-12-31")]
    assert len(rows) == len(want)
    for i, (row, task) in enumerate(zip(rows, want, strict=True), start=1):
        cells = [c.text for c in row.cells]
        state = expected_state(task, sc)
        assert cells[0] == str(i)
        assert cells[1] == " ".join(task["text"].split())
        assert cells[5].startswith(STATE_LABELS[state]), (cells[1][:60], cells[5], state)
        corrected = {sc.ids["moved_deadline"]: "2022-11-30", sc.ids["late"]: "2022-10-31"}
        deadline = corrected.get(task["id"], task.get("deadline"))
        assert cells[4] == (vn_date(date.fromisoformat(deadline)) if deadline
                            else task.get("deadline_text") or "Không có thời hạn")
        if task["id"] == sc.ids["moved_deadline"]:
            assert cells[5].endswith("(31 ngày)")
        if task.get("document_number"):
            assert cells[2].startswith(task["document_number"])
        assert cells[3] == ("; ".join(task["owners"]) or "Chưa xác định")


def test_the_administrative_form(rendered) -> None:
    _sc, report, body = rendered
    doc = _document(body)
    header = doc.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert left.splitlines()[0] == "VĂN PHÒNG BỘ TƯ PHÁP" and NUMBER_PLACEHOLDER in left
    assert right.splitlines()[:2] == list(MOTTO)
    assert "Hà Nội, ngày 05 tháng 01 năm 2023" in right
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện nhiệm vụ được giao quý IV năm 2022" in text
    assert f"Tổng số nhiệm vụ: {report.total} (số liệu tính đến ngày {vn_date(Q4_2022_END)})" in text
    for state, n in report.counts.items():
        assert f"{STATE_LABELS[state]}: {n} nhiệm vụ" in text
    overdue = [p.text for p in doc.paragraphs if p.text.endswith("ngày.") and "quá hạn" in p.text]
    assert len(overdue) == report.counts["overdue"]
    assert any("quá hạn 31 ngày" in p for p in overdue)
    sign = doc.tables[-1]
    assert sign.rows[0].cells[0].text.startswith("Nơi nhận:")
    assert "CHÁNH VĂN PHÒNG" in sign.rows[0].cells[1].text


def test_first_page_picture(rendered, tmp_path: Path) -> None:
    _sc, _report, body = rendered
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        pytest.skip("LibreOffice (soffice) and poppler (pdftoppm) are needed to picture the report: "
                    "apt-get install libreoffice-writer-nogui poppler-utils")
    src = tmp_path / "bao-cao.docx"
    src.write_bytes(body)
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(src)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists(), f"soffice did not convert the report: {done.stdout} {done.stderr}"
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / "report-docx-page1"
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                   check=True, timeout=60)
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
