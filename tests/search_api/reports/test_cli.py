"""``directives report``, ``subscribe`` and ``follow`` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from search_api.reports.docx import TABLE_HEADER
from tests.conftest import ROOT
from tests.search_api.reports.conftest import make_scenario


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "search_api.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_report_subscribe_and_follow_commands(seeded, log, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    make_scenario(seeded, log)
    env = {**os.environ, "DIRECTIVES_DATA_DIR": str(seeded.ctx.settings.data_dir),
           "DATABASE_URL": f"sqlite:///{log.path}", "DIRECTIVES_ENGINE": "embedded"}
    out = tmp_path / "bao-cao.docx"
    done = _run(env, "report", "--period", "2022-Q4", "--owner", "tong cuc thi hanh an dan su", "--format", "docx",
                "--out", str(out), "--agency", "Văn phòng Bộ Tư pháp", "--date", "2023-01-05")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Kết quả thực hiện nhiệm vụ của Tổng cục Thi hành án dân sự quý IV năm 2022" in done.stdout
    doc = Document(BytesIO(out.read_bytes()))
    table = next(t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == TABLE_HEADER)
    total = int(done.stdout.split(", ")[1].split(" ")[0])
    assert len(table.rows) - 1 == total > 0
    assert all("Tổng cục Thi hành án dân sự" in r.cells[3].text for r in table.rows[1:])

    xlsx = tmp_path / "bao-cao.xlsx"
    assert _run(env, "report", "--period", "2022-Q4", "--format", "xlsx", "--out", str(xlsx)).returncode == 0
    assert load_workbook(xlsx).sheetnames == ["Nhiệm vụ", "Thống kê theo đơn vị"]

    bad = _run(env, "report", "--period", "2022-Q9", "--out", str(out))
    assert bad.returncode == 2 and "period '2022-Q9'" in bad.stderr

    sub = _run(env, "subscribe", "--owner", "tong-cuc-thi-hanh-an-dan-su", "--email", "tc@example.org")
    assert sub.returncode == 0 and "owner tong-cuc-thi-hanh-an-dan-su -> tc@example.org" in sub.stdout
    fol = _run(env, "follow", "Quyết định số 1804/QĐ-BTP", "--email", "pc@example.org")
    assert fol.returncode == 0 and "(1804/QĐ-BTP) -> pc@example.org" in fol.stdout
    dry = _run(env, "remind", "--dry-run", "--date", "2022-12-26")
    assert dry.returncode == 0, dry.stderr[-2000:]
    assert "--- to tc@example.org: [Nhắc việc] Tổng cục Thi hành án dân sự:" in dry.stdout
    again = _run(env, "remind", "--dry-run", "--date", "2022-12-26")
    assert again.stdout.count("--- to tc@example.org") == 1, "a dry run records nothing"
