"""Errors: problem+json for API clients, the HTML 404 page for browsers on unknown paths."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from search_api.errors import wants_html

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def _request(accept: str | None) -> Request:
    headers = [(b"accept", accept.encode())] if accept is not None else []
    return Request({"type": "http", "method": "GET", "path": "/x", "headers": headers})


# fmt: off
@pytest.mark.parametrize(("accept", "html"), [
    (BROWSER, True),
    ("text/html", True),
    ("TEXT/HTML; q=0.5", True),
    ("application/json, text/html;q=0.9", False),   # JSON preferred
    ("text/html;q=0.5, application/problem+json", False),
    ("text/html;q=0", False),
    ("text/html;q=oops", False),
    ("application/json", False),
    ("*/*", False),                                   # curl, httpx, requests
    ("", False),
    (None, False),
])
# fmt: on
def test_wants_html(accept: str | None, html: bool) -> None:
    assert wants_html(_request(accept)) is html


# fmt: off
@pytest.mark.parametrize(("path", "accept", "kind"), [
    ("/no-such-page", BROWSER, "text/html"),
    ("/van-ban/x/y/z/unknown", BROWSER, "text/html"),
    ("/no-such-page", "application/json", "application/problem+json"),
    ("/no-such-page", "*/*", "application/problem+json"),
    ("/documents/does-not-exist", BROWSER, "application/problem+json"),  # an API 404 stays JSON
])
# fmt: on
@pytest.mark.integration
def test_unknown_path_404(client: TestClient, path: str, accept: str, kind: str) -> None:
    resp = client.get(path, headers={"accept": accept})
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith(kind)
    if kind == "text/html":
        assert "Không tìm thấy" in resp.text and "<html" in resp.text
    else:
        assert resp.json()["status"] == 404
