"""Hostile upload clients (issue 15, items 4 and 5).

In-process (the ASGI middleware alone): the key and the size are checked before one byte of the
body is read; a body without ``Content-Length`` is cut at the limit; a silent client gets 408;
uploads have their own budget; an in-process call inside an upload takes no second slot.

Against a real ``directives serve`` on loopback (raw sockets): four idle, unfinished uploads do
not turn ``GET /search`` into 503; an anonymous 1 GiB upload (``Content-Length`` 1 GiB, body
streamed) is refused within 1 s, with under 1 MB written by the server (``/proc/<pid>/io``
``wchar``: file writes) and nothing spooled in its TMPDIR.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from search_api.limits import UPLOAD, Budget, ConcurrencyLimit, UploadGuard
from search_api.security import parse_api_keys
from tests.conftest import ROOT, free_port, wait_for_http

pytestmark = pytest.mark.timeout(90)

EDITOR_KEY = "upl-editor"
READER_KEY = "upl-reader"
KEYS = parse_api_keys(f"ed={EDITOR_KEY}:editor,rd={READER_KEY}:reader")
GIB = 1024 ** 3
MB = 1024 * 1024


# --- in-process: the guard alone -------------------------------------------------------------


@dataclass
class Probe:
    """A fake ASGI connection: records how much of the body the app pulled."""

    chunks: list[bytes]
    hang: bool = False  # after the chunks, say more is coming and send nothing
    pulled: int = 0
    status: int | None = None

    async def receive(self) -> dict[str, Any]:
        if not self.chunks:
            await asyncio.sleep(3600)  # a client that never sends the rest
        chunk = self.chunks.pop(0)
        self.pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(self.chunks) or self.hang}

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start" and self.status is None:
            self.status = message["status"]


async def _reader_app(scope: Any, receive: Any, send: Any) -> None:
    """Reads the whole body, then answers 201 (or 400 when the client went away)."""
    while True:
        msg = await receive()
        if msg["type"] == "http.disconnect":
            await send({"type": "http.response.start", "status": 400, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        if not msg.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 201, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _scope(path: str = "/documents", key: str | None = None, length: int | None = None,
           extra: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    headers = [(b"content-type", b"multipart/form-data; boundary=x")]
    if key:
        headers.append((b"x-api-key", key.encode()))
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {"type": "http", "method": "POST", "path": path, "headers": headers + (extra or [])}


def _run(coro: Any) -> Any:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.mark.parametrize(("key", "length", "status"), [
    (None, GIB, 401),             # anonymous: refused before the body, whatever its size
    ("not-a-key", 1000, 401),
    (READER_KEY, 1000, 403),
    (EDITOR_KEY, GIB, 413),       # over the limit by Content-Length: refused at once
])
def test_refused_before_one_byte_is_read(key: str | None, length: int, status: int) -> None:
    guard = UploadGuard(_reader_app, max_bytes=MB, keys=KEYS)
    probe = Probe([b"x" * 65536] * 4)
    _run(guard(_scope(key=key, length=length), probe.receive, probe.send))
    assert probe.status == status and probe.pulled == 0


def test_accepted_upload_reaches_the_app() -> None:
    guard = UploadGuard(_reader_app, max_bytes=MB, keys=KEYS)
    probe = Probe([b"x" * 1000, b"y" * 1000])
    _run(guard(_scope(key=EDITOR_KEY, length=2000), probe.receive, probe.send))
    assert probe.status == 201 and probe.pulled == 2000


def test_page_form_takes_the_key_from_the_cookie() -> None:
    guard = UploadGuard(_reader_app, max_bytes=MB, keys=KEYS)
    probe = Probe([b"x" * 10])
    scope = _scope("/tai-len", length=10, extra=[(b"cookie", f"a=1; directives_api_key={EDITOR_KEY}".encode())])
    _run(guard(scope, probe.receive, probe.send))
    assert probe.status == 201
    probe = Probe([b"x" * 10])
    _run(guard(_scope("/tai-len", length=10), probe.receive, probe.send))
    assert probe.status == 401 and probe.pulled == 0


def test_body_without_length_is_cut_at_the_limit() -> None:
    guard = UploadGuard(_reader_app, max_bytes=MB, keys=KEYS)
    probe = Probe([b"x" * 65536] * 200)  # 12.5 MB, chunked, no Content-Length
    _run(guard(_scope(key=EDITOR_KEY), probe.receive, probe.send))
    assert probe.status == 413
    assert probe.pulled <= MB + 2 * 65536 + 65536, probe.pulled  # stopped at the limit


def test_silent_client_times_out() -> None:
    guard = UploadGuard(_reader_app, max_bytes=MB, keys=KEYS, body_timeout=0.3)
    probe = Probe([b"x" * 100], hang=True)  # sends 100 bytes, then nothing
    start = time.monotonic()
    _run(guard(_scope(key=EDITOR_KEY, length=5000), probe.receive, probe.send))
    assert probe.status == 408 and time.monotonic() - start < 2


def test_uploads_have_their_own_budget_and_nested_calls_take_no_slot() -> None:
    async def slow(request: Request) -> JSONResponse:
        await asyncio.sleep(0.6)
        return JSONResponse({"ok": True})

    async def page_upload(request: Request) -> JSONResponse:  # like /tai-len -> POST /documents
        transport = httpx.ASGITransport(app=request.app.state.outer)
        async with httpx.AsyncClient(transport=transport, base_url="http://in") as client:
            inner = await client.post("/documents")
        return JSONResponse({"inner": inner.status_code})

    inner = Starlette(routes=[Route("/documents", slow, methods=["POST"]), Route("/search", slow),
                              Route("/tai-len", page_upload, methods=["POST"])])
    limiter = ConcurrencyLimit(inner, max_concurrent=2, max_wait=0.2,
                               budgets=[Budget(UPLOAD, 2, paths=("/documents", "/tai-len"))])
    inner.state.outer = limiter

    async def scenario() -> tuple[list[int], list[int], list[Any]]:
        transport = httpx.ASGITransport(app=limiter)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=10) as c:
            uploads = [asyncio.create_task(c.post("/documents")) for _ in range(4)]
            await asyncio.sleep(0.05)
            searches = await asyncio.gather(*(c.get("/search") for _ in range(2)))
            ups = await asyncio.gather(*uploads)
            pages = await asyncio.gather(*(c.post("/tai-len") for _ in range(2)))
        return ([r.status_code for r in searches], sorted(r.status_code for r in ups),
                [r.json() for r in pages])

    searches, uploads, pages = _run(scenario())
    assert searches == [200, 200]                  # uploads never take search's slots
    assert uploads == [200, 200, 503, 503]          # their own budget of 2
    assert pages == [{"inner": 200}, {"inner": 200}]  # the inner call ran in the outer's slot
    assert limiter.pools[UPLOAD].stats.peak_in_flight <= 2


# --- a real server on loopback ------------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    tmp: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def io(self) -> dict[str, int]:
        out = {}
        for line in Path(f"/proc/{self.proc.pid}/io").read_text().splitlines():
            name, _, value = line.partition(":")
            out[name] = int(value)
        return out


def spooled_bytes(folder: Path) -> int:
    total = 0
    for p in folder.rglob("*"):
        try:
            total += p.stat().st_size if p.is_file() else 0
        except FileNotFoundError:
            pass
    return total


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("uploads")
    tmp = root / "tmp"
    tmp.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ES_", "DIRECTIVES_", "LOCAL_ENGINE"))}
    env.update({
        "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp), "DIRECTIVES_DATA_DIR": str(root / "data"),
        "DIRECTIVES_ENGINE": "embedded", "DIRECTIVES_API_KEYS": f"{EDITOR_KEY}:editor,{READER_KEY}:reader",
        "DIRECTIVES_MAX_CONCURRENT": "4",        # what the local engine gets by default
        "DIRECTIVES_MAX_QUEUE_WAIT": "1",
        "DIRECTIVES_UPLOAD_CONCURRENCY": "2",
        "DIRECTIVES_BODY_READ_TIMEOUT": "4",
        "DIRECTIVES_MAX_UPLOAD_BYTES": str(2 * MB),
    })
    proc = subprocess.Popen([sys.executable, "-m", "search_api.cli", "serve", "--port", str(port)],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(root / "serve.log", "wb"))  # noqa: SIM115
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", timeout=60)
        yield Server(proc, port, tmp)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _upload_headers(port: int, length: int | None, key: str | None, boundary: str = "b0undary") -> bytes:
    lines = ["POST /documents HTTP/1.1", f"Host: 127.0.0.1:{port}",
             f"Content-Type: multipart/form-data; boundary={boundary}"]
    if key:
        lines.append(f"X-API-Key: {key}")
    lines.append(f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _preamble(boundary: str = "b0undary") -> bytes:
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode()


def _status_of(sock: socket.socket, timeout: float) -> int | None:
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (TimeoutError, ConnectionError):
        pass
    if not data.startswith(b"HTTP/1.1 "):
        return None
    return int(data.split(b" ", 2)[1])


def test_four_idle_uploads_do_not_turn_search_into_503(server: Server) -> None:
    idle = []
    try:
        for _ in range(4):  # headers and a few bytes, then nothing
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(_upload_headers(server.port, 200_000, EDITOR_KEY) + _preamble() + b"hello")
            idle.append(s)
        time.sleep(0.5)
        codes = []
        with httpx.Client(base_url=server.base, timeout=10) as client:
            for q in ("kế hoạch", "thu hoi", "x", "Sở Tư pháp", "báo cáo", "a"):
                codes.append(client.get("/search", params={"q": q}).status_code)
            codes.append(client.get("/documents").status_code)
        assert codes == [200] * len(codes), codes
        # the idle uploads are dropped by the body timeout (4 s), not held forever
        statuses = [_status_of(s, 10) for s in idle]
        assert all(code in (408, 503) for code in statuses), statuses
        print(f"\n4 idle uploads: {len(codes)} reads all 200; idle uploads answered {statuses}")
    finally:
        for s in idle:
            s.close()


def _stream(sock: socket.socket, total: int, stop: threading.Event) -> int:
    """Send up to ``total`` bytes of body as fast as the server takes them; returns bytes sent."""
    block = b"A" * 65536
    sent = 0
    try:
        while sent < total and not stop.is_set():
            sock.sendall(block)
            sent += len(block)
    except OSError:
        pass
    return sent


@pytest.mark.parametrize(("key", "expected"), [
    (None, 401),          # anonymous 1 GiB: the case
    (EDITOR_KEY, 413),    # an editor's 1 GiB: refused by Content-Length
])
def test_huge_upload_is_refused_at_once(server: Server, key: str | None, expected: int) -> None:
    before_io, before_tmp = server.io(), spooled_bytes(server.tmp)
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    stop = threading.Event()
    start = time.monotonic()
    sock.sendall(_upload_headers(server.port, GIB, key) + _preamble())
    sender = ThreadPoolExecutor(max_workers=1)
    future = sender.submit(_stream, sock, GIB, stop)
    try:
        status = _status_of(sock, 5)
        took = time.monotonic() - start
    finally:
        stop.set()
        sock.close()
        sent = future.result(timeout=10)
        sender.shutdown()
    time.sleep(0.2)
    after_io, peak_tmp = server.io(), spooled_bytes(server.tmp)
    # wchar counts write() calls: spooled upload files, logs (socket sends go through send()).
    written = after_io["wchar"] - before_io["wchar"]
    assert status == expected
    assert took < 1.0, f"answered after {took:.2f}s"
    assert written < MB and peak_tmp - before_tmp < MB, (written, peak_tmp)
    print(f"\n1 GiB upload ({'editor' if key else 'anonymous'}): {status} in {took * 1000:.0f} ms; "
          f"client got {sent / MB:.1f} MB into the socket before the close, server wrote {written / 1024:.0f} KiB "
          f"to files, {peak_tmp - before_tmp} bytes spooled")


def test_chunked_upload_is_cut_at_the_limit(server: Server) -> None:
    before_io = server.io()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    stop = threading.Event()
    sock.sendall(_upload_headers(server.port, None, EDITOR_KEY))

    def chunks() -> None:
        block = _preamble() + b"A" * 65536
        try:
            while not stop.is_set():
                sock.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
                block = b"A" * 65536
        except OSError:
            pass

    sender = threading.Thread(target=chunks, daemon=True)
    start = time.monotonic()
    sender.start()
    try:
        status = _status_of(sock, 10)
        took = time.monotonic() - start
    finally:
        stop.set()
        sock.close()
        sender.join(timeout=10)
    written = server.io()["wchar"] - before_io["wchar"]
    assert status == 413, status
    assert written < 2 * MB + MB, written  # spooled at most up to the 2 MB limit, not the stream
    print(f"\nchunked upload without Content-Length: 413 after {took:.2f}s, server wrote "
          f"{written / MB:.2f} MB to files")
