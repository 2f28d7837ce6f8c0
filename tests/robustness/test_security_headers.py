"""Security headers on every response, no inline script on any page, stored text always
escaped (issue 15, item 6).

A document whose title, body and tasks carry ``<script>alert(1)</script>`` and
``"><img src=x onerror=alert(1)>`` is uploaded; every page that shows it (and every other page)
is fetched and parsed: each carries the CSP and the other headers, no ``<script>`` without
``src`` except JSON data blocks (which must parse as JSON: no ``</script>`` break-out), no
``on*=`` attribute, no ``javascript:`` URL, and the hostile strings appear only escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from search_api.config import Settings
from search_api.headers import CSP
from search_api.main import create_app

pytestmark = pytest.mark.timeout(120)

EDITOR_KEY = "hdr-editor"
EDITOR = {"X-API-Key": EDITOR_KEY}
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = (f"ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH\nTriển khai rà soát {SCRIPT} năm 2025 {IMG}\n"
           f"1. Sở Tư pháp chủ trì rà soát văn bản {SCRIPT} trước ngày 15/9/2025.\n"
           f"2. Công an tỉnh phối hợp kiểm tra {IMG} trong quý III năm 2025.\n"
           f"3. Giao Sở Nội vụ tổng hợp báo cáo {SCRIPT}{IMG} theo Quyết định số 12/QĐ-UBND.\n")
DATA_BLOCK = re.compile(r'(<script[^>]*type="application/json"[^>]*>).*?(</script>)', re.S | re.I)
REQUIRED = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


@dataclass
class PageScan(HTMLParser):
    """What a page runs: inline scripts, event-handler attributes, javascript: URLs."""

    inline_scripts: list[str] = field(default_factory=list)
    data_blocks: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    js_urls: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    _script: dict[str, str] | None = None
    _buf: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        self.handlers.extend(f"<{tag} {k}=…>" for k in a if k.startswith("on"))
        self.js_urls.extend(v for k, v in a.items() if k in ("href", "src", "action", "formaction")
                            and v.strip().lower().startswith("javascript:"))
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag == "script":
            self._script, self._buf = a, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._buf)
            if self._script.get("type", "").lower() == "application/json":
                self.data_blocks.append(body)
            elif "src" not in self._script or body.strip():
                self.inline_scripts.append(body[:80] or "<script> without src")
            self._script = None


def check_headers(path: str, headers: dict[str, str] | object) -> None:
    for name, value in REQUIRED.items():
        got = headers.get(name)  # type: ignore[attr-defined]
        if name == "content-security-policy" and path.startswith("/docs"):
            assert got and "script-src 'self';" in got and "frame-ancestors 'none'" in got, (path, got)
            continue
        assert got == value, f"{path}: {name} = {got!r}"


def check_page(path: str, html: str) -> PageScan:
    scan = PageScan()
    scan.feed(html)
    scan.close()
    assert not scan.inline_scripts, f"{path}: inline script {scan.inline_scripts}"
    assert not scan.handlers, f"{path}: event-handler attributes {scan.handlers}"
    assert not scan.js_urls, f"{path}: javascript: URLs {scan.js_urls}"
    assert "x" not in scan.images, f"{path}: a document's <img src=x> was rendered as markup"
    for block in scan.data_blocks:
        json.loads(block)  # a </script> in a value would have cut the block short
        assert "</" not in block and "<!--" not in block, f"{path}: a data block can break out"
    # Outside the (inert) JSON data blocks, the stored text appears only escaped.
    markup = DATA_BLOCK.sub(r"\1\2", html)
    assert SCRIPT not in markup and "<img src=x" not in markup, f"{path}: hostile text unescaped"
    return scan


@dataclass
class Site:
    client: TestClient
    doc_id: str
    task_ids: list[str]
    app: object


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    data: Path = tmp_path_factory.mktemp("headers")
    settings = Settings(DIRECTIVES_ENGINE="embedded", DIRECTIVES_DATA_DIR=data,
                        DIRECTIVES_API_KEYS=f"{EDITOR_KEY}:editor")
    app = create_app(settings)
    with TestClient(app) as client:
        resp = client.post("/documents", headers=EDITOR,
                           files={"file": ('ke-hoach-"><img src=x onerror=alert(1)>.txt',
                                           HOSTILE.encode(), "text/plain")})
        assert resp.status_code == 201, resp.text
        doc_id = resp.json()["id"]
        doc = client.get(f"/documents/{quote(doc_id, safe='')}").json()
        task_ids = [t["id"] for t in doc["tasks"]]
        assert task_ids and any("<script>" in t["text"] for t in doc["tasks"]), doc["tasks"]
        yield Site(client, doc_id, task_ids, app)


def _html_routes(app: object) -> list[str]:
    """Every GET page of the app without a path parameter (pages added later are covered)."""
    out = []
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and "GET" in route.methods and "{" not in route.path \
                and getattr(route.response_class, "__name__", "") == "HTMLResponse":
            out.append(route.path)
    return out


def test_every_page_is_clean_and_carries_the_headers(site: Site) -> None:
    doc = quote(site.doc_id, safe="")
    paths = sorted(set(_html_routes(site.app)) | {
        "/", "/?q=script", "/?q=alert", "/?q=" + quote(SCRIPT), "/?q=" + quote(IMG),
        "/nhiem-vu", "/nhiem-vu?group=owner", "/nhiem-vu?q=" + quote(IMG),
        f"/van-ban/{doc}", f"/van-ban/{doc}/do-thi", "/tai-len",
        "/trich-dan/" + quote("12/QĐ-UBND", safe=""),
        "/van-ban/" + quote(SCRIPT, safe=""),  # the 404 page echoes what was asked for
        *(f"/nhiem-vu/{quote(t, safe='')}" for t in site.task_ids),
    })
    shown = 0
    for path in paths:
        resp = site.client.get(path, headers={"accept": "text/html"})
        assert resp.status_code < 500, (path, resp.status_code)
        assert resp.headers["content-type"].startswith("text/html"), path
        check_headers(path, resp.headers)
        check_page(path, resp.text)
        shown += "alert(1)" in resp.text
    assert shown >= 3 + len(site.task_ids), "the hostile document is not shown where expected"
    print(f"\n{len(paths)} pages: headers present, no inline script or handler, "
          f"hostile text escaped on the {shown} that show it")


def test_api_static_and_refusals_carry_the_headers(site: Site) -> None:
    c = site.client
    for path, kwargs, status in [
        ("/search?q=alert", {}, 200), ("/health", {}, 200), ("/openapi.json", {}, 200),
        (f"/documents/{quote(site.doc_id, safe='')}", {}, 200), ("/documents/nope", {}, 404),
        ("/static/app.js", {}, 200), ("/static/app.css", {}, 200),
    ]:
        resp = c.get(path, **kwargs)
        assert resp.status_code == status, (path, resp.status_code)
        check_headers(path, resp.headers)
    refused = c.post("/documents", files={"file": ("a.txt", b"x", "text/plain")})  # no key
    assert refused.status_code == 401
    check_headers("/documents", refused.headers)
    body = json.dumps(c.get(f"/documents/{quote(site.doc_id, safe='')}").json(), ensure_ascii=False)
    assert SCRIPT in body  # the API returns the text as stored (JSON, never rendered)


def test_docs_use_local_assets_without_inline_script(site: Site) -> None:
    resp = site.client.get("/docs")
    assert resp.status_code == 200
    check_headers("/docs", resp.headers)
    csp = resp.headers["content-security-policy"]
    assert "cdn" not in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    scan = check_page("/docs", resp.text)
    assert not scan.inline_scripts and "cdn.jsdelivr" not in resp.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/static/docs.js"):
        got = site.client.get(asset)
        assert got.status_code == 200 and len(got.content) > 100, asset
        check_headers(asset, got.headers)
