"""CSV and XLSX exports hold the same rows as GET /tasks for the same filters."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from search_api.exports import export_header, xlsx_header
from tests.search_api.routes import tracking_env
from tests.search_api.routes.tracking_env import Env
from tests.search_api.tracking.apphelpers import ED, running_app

pytestmark = pytest.mark.integration
env, log_url, pg_url = tracking_env.env, tracking_env.log_url, tracking_env.pg_url  # fixtures

TODAY = date(2024, 4, 15)


def _api_rows(c, params: dict) -> list[tuple[str, str, str]]:
    data = c.get("/tasks", params={**params, "limit": 500}).json()["data"]
    return [(t["id"], t["status_label"], t["deadline"] or "") for t in data]


@pytest.mark.parametrize("params", [{}, {"overdue": True}, {"owner": "bo tu phap"}, {"status": "done"}])
def test_csv_and_xlsx_match_the_api(env: Env, params: dict) -> None:
    with running_app(env.settings, TODAY) as c:
        assert c.patch("/tasks/t-b", json={"version": 0, "status": "done", "note": "Báo cáo số 7, gửi Bộ"},
                       headers=ED).status_code == 200
        expected = _api_rows(c, params)

        r = c.get("/exports/tasks.csv", params=params)
        assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert rows[0] == export_header()
        col = {h: i for i, h in enumerate(rows[0])}
        got = [(row[col["Mã nhiệm vụ"]], row[col["Tình trạng"]], row[col["Thời hạn"]]) for row in rows[1:]]
        assert got == expected

        r = c.get("/exports/tasks.xlsx", params=params)
        assert r.status_code == 200
        ws = load_workbook(io.BytesIO(r.content)).active
        values = list(ws.iter_rows(values_only=True))
        assert list(values[0]) == xlsx_header()
        col = {h: i for i, h in enumerate(values[0])}
        got = [(v[col["Mã nhiệm vụ"]], v[col["Tình trạng"]],
                v[col["Thời hạn"]].date().isoformat() if v[col["Thời hạn"]] else "") for v in values[1:]]
        assert got == expected
        assert [v[0] for v in values[1:]] == list(range(1, len(expected) + 1))  # STT


def test_exports_respect_read_keys(env: Env) -> None:
    settings = env.settings.model_copy(update={"read_requires_key": True})
    with running_app(settings, TODAY) as c:
        assert c.get("/exports/tasks.csv").status_code == 401
        assert c.get("/exports/tasks.csv", headers=ED).status_code == 200
