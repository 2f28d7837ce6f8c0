"""The report API and pages on the seed corpus (both search backends), subscriptions and
follows, and the calendar feed's alarms."""

from __future__ import annotations

import re
from io import BytesIO

from search_api.exports import write_ics
from search_api.reports.docx import DOCX_MEDIA_TYPE, TABLE_HEADER
from search_api.reports.xlsx import STATS_SHEET, XLSX_MEDIA_TYPE
from tests.search_api.conftest import EDITOR


def test_figures_docx_and_xlsx_agree(client) -> None:
    from docx import Document
    from openpyxl import load_workbook

    figures = client.get("/reports/figures", params={"period": "2022-Q4"})
    assert figures.status_code == 200, figures.text
    data = figures.json()
    assert data["as_of"] == "2022-12-31" and data["total"] == sum(data["counts"].values()) > 0
    unit = data["units"][0]
    docx = client.get("/reports/tasks.docx", params={"period": "2022-Q4", "owner": unit["key"],
                                                     "agency": "Văn phòng Bộ Tư pháp", "place": "Hà Nội"})
    assert docx.status_code == 200 and docx.headers["content-type"] == DOCX_MEDIA_TYPE
    assert "bao-cao-nhiem-vu-2022-Q4.docx" in docx.headers["content-disposition"]
    doc = Document(BytesIO(docx.content))
    table = next(t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == TABLE_HEADER)
    assert len(table.rows) - 1 == unit["total"]
    assert doc.tables[0].rows[0].cells[0].text.startswith("VĂN PHÒNG BỘ TƯ PHÁP")
    xlsx = client.get("/reports/tasks.xlsx", params={"period": "2022-Q4"})
    assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX_MEDIA_TYPE
    rows = list(load_workbook(BytesIO(xlsx.content))[STATS_SHEET].iter_rows(values_only=True))
    assert rows[-1][1] == data["total"]


def test_bad_parameters_are_422_problems(client) -> None:
    for params in ({"period": "2022-Q5"}, {"owner": "a", "issuer": "b"}):
        r = client.get("/reports/tasks.docx", params=params)
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


def test_report_preview_page(client) -> None:
    r = client.get("/bao-cao", params={"period": "2022-Q4"})
    assert r.status_code == 200
    html = r.text
    data = client.get("/reports/figures", params={"period": "2022-Q4"}).json()
    assert data["title"] in html
    assert f'id="report-total">{data["total"]}<' in html
    assert html.count('<tr class="state-') == data["total"]
    assert 'href="/reports/tasks.docx?period=2022-Q4"' in html and 'href="/reports/tasks.xlsx?period=2022-Q4"' in html
    assert "31/12/2022" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"
    assert 'href="/bao-cao" aria-current="page"' in html


def test_report_preview_with_explicit_dates_and_a_bad_period(client) -> None:
    for start, end in (("2022-10-01", "2022-10-31"), ("01/10/2022", "31/10/2022"), ("1/10/2022", "31.10.2022")):
        r = client.get("/bao-cao", params={"tu": start, "den": end})
        assert r.status_code == 200 and "từ ngày 01/10/2022 đến ngày 31/10/2022" in r.text, (start, end)
        assert 'value="01/10/2022"' in r.text
    half = client.get("/bao-cao", params={"tu": "01/10/2022"})
    assert half.status_code == 200 and "Tham số không hợp lệ" in half.text
    bad = client.get("/bao-cao", params={"period": "quý 3"})
    assert bad.status_code == 200 and "Tham số không hợp lệ" in bad.text


def test_dashboard_page(client) -> None:
    r = client.get("/tong-quan")
    assert r.status_code == 200
    html = r.text
    assert html.count("<svg") >= 2 and "chart-units" in html and "chart-trend" in html
    assert "/owners/" in html and "calendar.ics" in html and 'id="calendar-all"' in html
    assert "quý II năm 2024" in html  # the clock of the test app: 01/06/2024
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    year = client.get("/tong-quan", params={"kind": "year"})
    assert year.status_code == 200 and "năm 2024" in year.text


def test_subscriptions_and_follows_need_an_editor_key(client) -> None:
    body = {"kind": "owner", "target": "so-tu-phap", "email": "stp@example.org"}
    assert client.post("/subscriptions", json=body).status_code == 401
    r = client.post("/subscriptions", json=body, headers=EDITOR)
    assert r.status_code == 201 and r.json()["target"] == "so-tu-phap"
    assert client.post("/subscriptions", json=body, headers=EDITOR).json()["id"] == r.json()["id"]
    bad = client.post("/subscriptions", json={**body, "email": "no"}, headers=EDITOR)
    assert bad.status_code == 422
    f = client.post("/follows", json={"document": "Quyết định số 1804/qđ-btp", "email": "pc@example.org"},
                    headers=EDITOR)
    assert f.status_code == 201 and f.json()["document_key"] == "1804/QĐ-BTP"


def test_calendar_feed_has_alarms_for_open_tasks(client) -> None:
    ics = client.get("/exports/calendar.ics").text
    assert "BEGIN:VALARM" in ics
    for n in (7, 3, 1):
        assert f"TRIGGER;RELATED=START:-P{n}D" in ics
    body = write_ics([{"id": "a", "deadline": "2025-01-10", "status": "done", "text": "Xong"},
                      {"id": "b", "deadline": "2025-01-10", "status": "in_progress", "text": "Đang làm"}],
                     calendar_name="x").decode()
    assert body.count("BEGIN:VALARM") == 3 and body.count("END:VALARM") == 3
    events = body.split("BEGIN:VEVENT")
    assert "VALARM" not in events[1] and events[2].count("VALARM") == 6
