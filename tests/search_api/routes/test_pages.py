"""Page routes on the session corpus (the browser tests are in tests/e2e)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.search_api.conftest import EDITOR, TODAY, Corpus

pytestmark = pytest.mark.integration


@pytest.fixture
def set_today(corpus: Corpus) -> Iterator[Callable[[date], None]]:
    def set_to(day: date) -> None:
        corpus.ctx.today = lambda: day

    yield set_to
    corpus.ctx.today = lambda: TODAY


# fmt: off
@pytest.mark.parametrize(("today", "present", "absent"), [
    (date(2000, 1, 1), {"bucket-later"}, {"bucket-overdue"}),   # every deadline is ahead
    (date(2100, 1, 1), {"bucket-overdue"}, {"bucket-later", "bucket-this_month", "bucket-this_week"}),
])
# fmt: on
def test_board_groups_deadlines_by_the_app_clock(client: TestClient, set_today: Callable[[date], None], today: date,
                                                 present: set[str], absent: set[str]) -> None:
    set_today(today)
    html = client.get("/nhiem-vu", params={"group": "deadline"}).text
    for css in present:
        assert f'class="column {css}"' in html, css
    for css in absent:
        assert f'class="column {css}"' not in html, css


@pytest.mark.parametrize(("filename", "content", "message"), [
    ("trong.txt", b"", "Tệp rỗng"),
    ("virus.exe", b"MZ\x90\x00", "Loại tệp không được hỗ trợ"),
])
def test_upload_form_without_javascript_explains_the_refusal_in_vietnamese(
        client: TestClient, filename: str, content: bytes, message: str) -> None:
    resp = client.post("/tai-len", files={"file": (filename, content, "application/octet-stream")},
                       headers=EDITOR)
    assert resp.status_code in (415, 422)
    assert message in resp.text
    assert f"Chi tiết: {filename}" in resp.text  # the API's own detail, naming the file
