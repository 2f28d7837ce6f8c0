"""Hostile input at the API: query text never becomes Elasticsearch query syntax, uploads are
limited in size, type and count, and upload file names never reach the file system as paths."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import ensure_ready
from search_api.search.es.compile import compile_filter, compile_search
from search_api.search.queries import SearchParams, build_search
from search_api.tracking.queries import TaskFilters, build_filters
from tests.robustness.conftest import EDITOR, RobustApi, limited, robust_settings

pytestmark = pytest.mark.timeout(120)

HOSTILE_Q = [
    "title:(x) OR *",
    "*",
    "?",
    "*:*",
    '"\\',
    "\\",
    '"',
    "(((",
    "a AND b OR NOT c",
    "/.*/",
    "text:/.*/",
    "_id:*",
    "doc_id:* OR status:done",
    '{"query":{"match_all":{}}}',
    '{"script":{"source":"Thread.sleep(10000)"}}',
    "x~100000",
    "a^1000000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u0000",
    "Sở\u0000Tư pháp",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "ﷺ" * 200,
    "thi hành án " * 40,
]
SYNTAX_KEYS = {"query_string", "simple_query_string", "script", "regexp", "wildcard", "prefix", "fuzzy",
               "script_score", "query_string_query"}


def _keys(node) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _keys(v)


def _query_values(node) -> Iterator[str]:
    """Every value under a "query" key of a full-text clause (where user text may go)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "query" and isinstance(v, str):
                yield v
            else:
                yield from _query_values(v)
    elif isinstance(node, list):
        for v in node:
            yield from _query_values(v)


@pytest.mark.parametrize("q", HOSTILE_Q)
def test_search_body_has_no_query_syntax(q: str) -> None:
    body = compile_search(build_search(SearchParams(q=q, size=20), today=date(2024, 6, 1), variants=[q], segmented=q))
    keys = set(_keys(body))
    assert not keys & SYNTAX_KEYS, keys & SYNTAX_KEYS
    assert "query_string" not in json.dumps(body)
    # the user's text only ever travels as the value of a full-text "query"
    assert any(v == q.strip() or q.strip() in v for v in _query_values(body)) or not q.strip()


@pytest.mark.parametrize("q", HOSTILE_Q)
def test_task_list_query_has_no_query_syntax(q: str) -> None:
    body = [compile_filter(f) for f in build_filters(TaskFilters(q=q), date(2024, 6, 1))]
    assert not set(_keys(body)) & SYNTAX_KEYS


@pytest.mark.integration
@pytest.mark.parametrize("q", HOSTILE_Q)
@pytest.mark.parametrize("path", ["/search", "/tasks", "/documents", "/"])
def test_hostile_q_at_the_api(robust_api: RobustApi, q: str, path: str) -> None:
    param = "number" if path == "/documents" else "q"
    resp = robust_api.client.get(path, params={param: q})
    assert resp.status_code in (200, 422), (resp.status_code, resp.text[:300])
    if resp.status_code == 422:
        assert resp.headers["content-type"].startswith("application/problem+json")
    if path == "/search" and resp.status_code == 200:
        everything = robust_api.client.get("/search", params={"size": 1}).json()["total"]
        got = resp.json()["total"]
        assert got < everything or everything == 0, f"{q!r} matched the whole corpus ({got})"


@pytest.mark.integration
@pytest.mark.parametrize(("path", "length", "ok"), [
    ("/search", 500, True), ("/search", 501, False), ("/search", 10_000, False),
    ("/tasks", 500, True), ("/tasks", 5_000, False),
])
def test_very_long_q(robust_api: RobustApi, path: str, length: int, ok: bool) -> None:
    resp = robust_api.client.get(path, params={"q": ("nhiệm vụ " * length)[:length]})
    assert resp.status_code == (200 if ok else 422), resp.text[:300]


@pytest.mark.integration
@pytest.mark.parametrize(("params", "status"), [
    ({"cursor": "not-a-cursor"}, 422),
    ({"cursor": "eyJzb3J0IjpbIipcIiJdfQ"}, 422),  # base64 of a crafted sort array
    ({"cursor": "A" * 2001}, 422),
    ({"size": 0}, 422), ({"size": 10_000}, 422), ({"size": -1}, 422),
    ({"year": "2020 OR 1=1"}, 422),
    ({"owner": '*", "query": {"match_all": {}}'}, 200),
    ({"deadline_from": "2025-02-30"}, 422),
])
def test_hostile_search_parameters(robust_api: RobustApi, params: dict, status: int) -> None:
    resp = robust_api.client.get("/search", params=params)
    assert resp.status_code == status, resp.text[:300]


@pytest.mark.integration
@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "*", "_all", "a" * 5000,
                                    "..%00", "_search", "x?pretty"])
def test_hostile_ids_in_paths(robust_api: RobustApi, doc_id: str) -> None:
    for path in (f"/documents/{doc_id}", f"/tasks/{doc_id}", f"/tasks/{doc_id}/history", f"/citations/{doc_id}"):
        resp = robust_api.client.get(path)
        assert resp.status_code in (404, 422), (path, resp.status_code, resp.text[:200])


# --- uploads ---------------------------------------------------------------------------------

UPLOAD_LIMIT = 4096
GOOD = "KẾ HOẠCH\nTriển khai năm 2025\n1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025.\n".encode()


@pytest.fixture(scope="module")
def upload_api(es_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    root = tmp_path_factory.mktemp("upload-root")
    data_dir = root / "a" / "b" / "data"
    data_dir.mkdir(parents=True)
    settings = robust_settings(es_url, data_dir, DIRECTIVES_MAX_UPLOAD_BYTES=UPLOAD_LIMIT)
    ctx = Context.from_settings(settings)
    ensure_ready(ctx)
    app = limited(create_app(settings, context=ctx), settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, root
    ctx.search.drop_all()
    ctx.close()


def _upload(client: TestClient, name: str, data: bytes, headers: dict | None = None):
    return client.post("/documents", files={"file": (name, data, "application/octet-stream")},
                       headers=EDITOR if headers is None else headers)


@pytest.mark.integration
@pytest.mark.parametrize(("name", "data", "status", "code", "input_error"), [
    ("ok.txt", GOOD, 201, None, None),
    ("big.txt", GOOD * (UPLOAD_LIMIT // len(GOOD) + 1), 413, "E413", None),
    ("virus.exe", GOOD, 415, "E415", None),
    ("noext", GOOD, 415, "E415", None),
    ("script.js", b"alert(1)", 415, "E415", None),
    ("empty.txt", b"", 422, None, "I001"),
    ("random.pdf", os.urandom(1000), 422, "E422-DOC", "I002 I006"),  # binary, or a broken PDF
    ("zeros.docx", b"\x00" * 1000, 422, "E422-DOC", "I002 I006"),
])
def test_upload_size_and_type(upload_api, name: str, data: bytes, status: int, code: str | None,
                              input_error: str | None) -> None:
    client, _ = upload_api
    resp = _upload(client, name, data)
    assert resp.status_code == status, resp.text[:300]
    if status >= 400:
        body = resp.json()
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert name in body["detail"] or status == 413 and "big.txt" in body["detail"]
        if code:
            assert body["code"] == code
        # the reader's code, for clients (the upload page) that explain it in their language
        assert (body.get("input_error") in input_error.split()) if input_error else "input_error" not in body


@pytest.mark.integration
def test_upload_needs_an_editor_key(upload_api) -> None:
    client, _ = upload_api
    assert _upload(client, "ok.txt", GOOD, headers={}).status_code in (401, 403)
    assert _upload(client, "ok.txt", GOOD, headers={"X-API-Key": "robust-reader-key"}).status_code == 403


@pytest.mark.integration
def test_upload_count_is_limited(upload_api) -> None:
    """Many parts in one request: refused by the multipart limits or only one file handled;
    never a 500, never a file per part."""
    client, _ = upload_api
    files = [("file", (f"f{i}.txt", GOOD + str(i).encode(), "text/plain")) for i in range(1200)]
    resp = client.post("/documents", files=files, headers=EDITOR)
    assert resp.status_code in (400, 413, 422), (resp.status_code, resp.text[:300])
    few = [("file", (f"g{i}.txt", GOOD + f"g{i}".encode(), "text/plain")) for i in range(3)]
    resp = client.post("/documents", files=few, headers=EDITOR)
    assert resp.status_code in (201, 400, 422), resp.text[:300]
    if resp.status_code == 201:
        assert isinstance(resp.json()["id"], str)  # one document, not three


HOSTILE_NAMES = [
    "../../etc/passwd.txt",
    "../../../../../../tmp/pwned.txt",
    "/etc/passwd.txt",
    "/tmp/absolute.txt",
    "..\\..\\windows\\win.txt",
    "C:\\Windows\\system32\\evil.txt",
    "a\x00.txt",
    "nul\x00/../../x.txt",
    "....//....//escape.txt",
    "~/.bashrc.txt",
    "." * 300 + ".txt",
    "x" * 5000 + ".txt",
    "$(touch pwned).txt",
    "data/manifest.json.txt",
]


@pytest.mark.integration
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_upload_names_never_become_paths(upload_api, name: str) -> None:
    client, root = upload_api
    before = set(root.rglob("*"))
    data = GOOD + name.encode("utf-8", "replace")[:50] + b"\n"
    resp = _upload(client, name, data)
    assert resp.status_code in (201, 400, 415, 422), (resp.status_code, resp.text[:300])
    if resp.status_code == 201:
        shown = resp.json()["filename"]
        assert "/" not in shown and "\\" not in shown and "\x00" not in shown and ".." not in shown[:2]
        assert len(shown) <= 255
    after = set(root.rglob("*"))
    data_dir = root / "a" / "b" / "data"
    for path in after - before:
        assert data_dir in path.parents, f"upload wrote outside the data directory: {path}"
        assert not path.name.startswith(("passwd", "pwned", "absolute", "win", "evil", "escape")), path
    for escaped in (Path("/tmp/pwned.txt"), Path("/tmp/absolute.txt"), root / "a" / "passwd.txt",
                    root / "etc" / "passwd.txt", Path("/etc/passwd.txt")):
        assert not escaped.exists(), escaped
