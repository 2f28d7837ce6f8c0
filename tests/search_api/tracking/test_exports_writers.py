"""Pure export writers: CSV (BOM), XLSX, iCalendar escaping and folding."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from search_api.exports import (
    escape_text,
    export_header,
    fold_line,
    write_csv,
    write_ics,
    write_xlsx,
    xlsx_header,
)

ROWS = [
    {"id": "t1", "document_number": "05/CT-BTP", "text": "Rà soát, hệ thống hóa; báo cáo\nkết quả", "owners": ["Bộ Tư pháp"],
     "co_owners": [], "deadline": "2024-03-31", "status": "in_progress", "overdue": True, "version": 2,
     "notes": [{"text": "Đang làm"}], "evidence": []},
    {"id": "t2", "text": "=HYPERLINK(\"x\")", "owners": [], "deadline": None, "status": "done",
     "done_date": "2024-02-01", "timeliness": "on_time", "version": 1},
]


def test_csv_has_bom_and_reads_back() -> None:
    data = write_csv(ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == export_header()
    col = {h: i for i, h in enumerate(rows[0])}
    assert [r[col["Mã nhiệm vụ"]] for r in rows[1:]] == ["t1", "t2"]
    assert rows[1][col["Nội dung nhiệm vụ"]] == "Rà soát, hệ thống hóa; báo cáo\nkết quả"
    assert rows[1][col["Tình trạng"]] == "đang thực hiện" and rows[1][col["Quá hạn"]] == "có"
    assert rows[2][col["Đúng hạn/Trễ hạn"]] == "đúng hạn"
    assert rows[2][col["Nội dung nhiệm vụ"]].startswith("'=")  # no formula injection


def test_xlsx_reads_back() -> None:
    ws = load_workbook(io.BytesIO(write_xlsx(ROWS))).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == xlsx_header()
    col = {h: i for i, h in enumerate(values[0])}
    assert [r[0] for r in values[1:]] == [1, 2]  # STT
    assert [r[col["Mã nhiệm vụ"]] for r in values[1:]] == ["t1", "t2"]
    assert values[1][col["Cơ quan chủ trì"]] == "Bộ Tư pháp"


# fmt: off
@pytest.mark.parametrize(("raw", "escaped"), [
    ("a,b", "a\\,b"), ("a;b", "a\\;b"), ("a\\b", "a\\\\b"), ("a\nb", "a\\nb"), ("a\r\nb", "a\\nb"),
    ("Bộ Tư pháp", "Bộ Tư pháp"),
])
# fmt: on
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


@pytest.mark.parametrize("line", ["SUMMARY:" + "ộ" * 100, "X:" + "a" * 200, "SHORT:ok"])
def test_fold_line_octets(line: str) -> None:
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


def test_ics_events_only_for_deadlines() -> None:
    body = write_ics(ROWS, calendar_name="Bộ Tư pháp", now=datetime(2024, 5, 1, tzinfo=UTC)).decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    unfolded = body.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20240331" in unfolded and "DTEND;VALUE=DATE:20240401" in unfolded
    assert "UID:t1@" in unfolded and "hệ thống hóa\\; báo cáo kết quả" in unfolded
    assert all(len(line.encode("utf-8")) <= 75 for line in body.split("\r\n"))
