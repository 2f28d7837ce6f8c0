"""Load shedding and upload guards, as pure ASGI middleware.

:class:`ConcurrencyLimit`: at most ``max_concurrent`` requests run at once. A request that cannot
get a slot within ``max_wait`` seconds (or that finds too many requests already waiting) is
answered at once with ``503`` ``application/problem+json`` and ``Retry-After`` instead of
queueing for tens of seconds. ``/health`` (and any other exempt path) always goes through, so
monitors can still see the service while it sheds load. Routes may have their own budget
(:class:`Budget`): uploads get a small one of their own, so slow or idle uploads never take the
slots of search and reads. A request the app makes to itself in-process (the pages read the
JSON API through an ASGI transport) runs inside its caller's slot and takes no second one.

:class:`UploadGuard`: on upload routes, the API key and the size are checked from the headers
*before* any byte of the body is read (missing or unknown key -> 401, reader key -> 403,
``Content-Length`` over the limit -> 413, at once); a body without ``Content-Length`` is
counted while it streams and cut at the limit (413); a client that sends nothing for
``body_timeout`` seconds is answered 408 and its request dropped.

>>> app = create_app(settings)
>>> install(app, settings)                      # or app.add_middleware(ConcurrencyLimit, ...)
>>> limiter = ConcurrencyLimit(inner_app, max_concurrent=2, max_wait=0.5,
...                            budgets=[Budget("upload", 2, paths=("/documents",))])
"""

from __future__ import annotations

import asyncio
import contextvars
import html
import json
import math
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from search_api.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PROBLEM = "application/problem+json"
CODE = "E503-BUSY"
DEFAULT_EXEMPT = ("/health",)
DEFAULT = "default"
UPLOAD = "upload"
# Routes that receive a document: the API and the pages' form fallback (the JavaScript page
# posts to /documents).
UPLOAD_PATHS = ("/documents", "/tai-len", "/versions/check")  # the check reads a whole file too
PAGE_UPLOAD_PATHS = ("/tai-len",)
# Room for the multipart envelope (boundaries, part headers) around the file itself.
MULTIPART_SLACK = 64 * 1024
KEY_COOKIE = "directives_api_key"

# The budgets this request already holds (set by the outer request of an in-process call).
_held: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("directives_budgets_held",
                                                                        default=frozenset())


@dataclass(frozen=True, slots=True)
class Budget:
    """A separate pool of ``max_concurrent`` slots for some routes (exact paths; methods)."""

    name: str
    max_concurrent: int
    paths: tuple[str, ...] = ()
    methods: tuple[str, ...] = ("POST",)

    def matches(self, scope: Scope) -> bool:
        return scope.get("path") in self.paths and scope.get("method", "GET") in self.methods


@dataclass(slots=True)
class LimiterStats:
    """Counters for tests, benchmarks and logs."""

    admitted: int = 0
    shed: int = 0
    in_flight: int = 0
    waiting: int = 0
    peak_in_flight: int = 0


@dataclass(slots=True)
class _Pool:
    name: str
    max_concurrent: int
    max_waiting: int
    stats: LimiterStats = field(default_factory=LimiterStats)
    sem: asyncio.Semaphore | None = None
    loop: asyncio.AbstractEventLoop | None = None

    def semaphore(self) -> asyncio.Semaphore:
        # One semaphore per event loop (test clients may run the same app on several loops).
        loop = asyncio.get_running_loop()
        if self.sem is None or self.loop is not loop:
            self.sem = asyncio.Semaphore(self.max_concurrent)
            self.loop = loop
            self.stats.in_flight = 0
            self.stats.waiting = 0
        return self.sem


class ConcurrencyLimit:
    """ASGI middleware: a semaphore of ``max_concurrent`` slots with a bounded wait.

    ``max_waiting`` caps how many requests may wait for a slot (default 4 x ``max_concurrent``);
    beyond it a request is shed without waiting. ``exempt`` paths (exact match) bypass the limit.
    ``budgets``: routes with their own pool of slots (same wait), not counted in the default
    one. Only ``http`` scopes are limited; ``lifespan`` and ``websocket`` pass through.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_concurrent: int = 32,
        max_wait: float = 5.0,
        max_waiting: int | None = None,
        exempt: Iterable[str] = DEFAULT_EXEMPT,
        budgets: Iterable[Budget] = (),
    ) -> None:
        if max_concurrent < 1:
            raise ValueError(f"max_concurrent must be >= 1, got {max_concurrent}")
        if max_wait < 0:
            raise ValueError(f"max_wait must be >= 0 seconds, got {max_wait}")
        self.app = app
        self.max_concurrent = max_concurrent
        self.max_wait = float(max_wait)
        self.max_waiting = max_waiting if max_waiting is not None else 4 * max_concurrent
        self.exempt = frozenset(exempt)
        self.retry_after = str(max(1, math.ceil(self.max_wait)))
        self.budgets = tuple(budgets)
        for b in self.budgets:
            if b.max_concurrent < 1:
                raise ValueError(f"budget {b.name!r}: max_concurrent must be >= 1, got {b.max_concurrent}")
        self._default = _Pool(DEFAULT, max_concurrent, self.max_waiting)
        self.stats = self._default.stats
        self.pools = {DEFAULT: self._default} | {
            b.name: _Pool(b.name, b.max_concurrent, 4 * b.max_concurrent) for b in self.budgets}

    def _pool(self, scope: Scope) -> _Pool:
        for b in self.budgets:
            if b.matches(scope):
                return self.pools[b.name]
        return self._default

    async def _acquire(self, pool: _Pool, sem: asyncio.Semaphore) -> bool:
        if not sem.locked():
            await sem.acquire()  # a free slot: returns without suspending
            return True
        if pool.stats.waiting >= pool.max_waiting or self.max_wait == 0:
            return False
        pool.stats.waiting += 1
        try:
            async with asyncio.timeout(self.max_wait):
                await sem.acquire()
            return True
        except TimeoutError:
            return False
        finally:
            pool.stats.waiting -= 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.exempt:
            await self.app(scope, receive, send)
            return
        pool = self._pool(scope)
        held = _held.get()
        if pool.name in held:  # an in-process call inside a request that holds this budget
            await self.app(scope, receive, send)
            return
        sem = pool.semaphore()
        if not await self._acquire(pool, sem):
            pool.stats.shed += 1
            await self._reject(scope, send, pool)
            return
        stats = pool.stats
        stats.admitted += 1
        stats.in_flight += 1
        stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
        token = _held.set(held | {pool.name})
        try:
            await self.app(scope, receive, send)
        finally:
            _held.reset(token)
            stats.in_flight -= 1
            sem.release()

    async def _reject(self, scope: Scope, send: Send, pool: _Pool) -> None:
        what = "requests" if pool.name == DEFAULT else f"{pool.name} requests"
        await send_problem(send, 503, "Service busy", scope, code=CODE,
                           detail=(f"More than {pool.max_concurrent} {what} are running and none finished "
                                   f"within {self.max_wait:g} s; retry after {self.retry_after} s."),
                           headers=[(b"retry-after", self.retry_after.encode())])


async def send_problem(send: Send, status: int, title: str, scope: Scope, *, code: str, detail: str,
                       headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer with an ``application/problem+json`` body (the app's error format)."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail,
                       "code": code, "instance": scope.get("path", "")}, ensure_ascii=False).encode("utf-8")
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(body)).encode()),
                    *(headers or [])],
    })
    await send({"type": "http.response.body", "body": body})


# --- uploads: key and size before the body, a read timeout while it streams -----------------

PAGE_REFUSALS = {  # what the page's form fallback shows (the API's detail follows it)
    401: "Cần khóa API biên tập để tải văn bản lên.",
    403: "Khóa API này không có quyền biên tập.",
    408: "Tệp được gửi quá chậm; kết nối đã bị ngắt.",
    413: "Tệp vượt quá giới hạn dung lượng cho phép.",
}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    from http.cookies import CookieError, SimpleCookie

    raw = _header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None and morsel.value else None


class _Refused(Exception):
    def __init__(self, status: int, title: str, detail: str, code: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.code = status, title, detail, code


class UploadGuard:
    """ASGI middleware on upload routes (``POST`` to ``paths``): key and ``Content-Length``
    checked before the body is read, the body counted and cut at the limit while it streams,
    ``body_timeout`` seconds at most between two chunks.

    ``keys``: ``{secret: ApiKey}`` (:func:`search_api.security.parse_api_keys`). Refusals are
    ``application/problem+json``; on ``page_paths`` (the pages' form) a short HTML page.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, keys: dict[str, Any], body_timeout: float = 30.0,
                 paths: Iterable[str] = UPLOAD_PATHS, page_paths: Iterable[str] = PAGE_UPLOAD_PATHS) -> None:
        if body_timeout <= 0:
            raise ValueError(f"body_timeout must be > 0 seconds, got {body_timeout}")
        self.app = app
        self.max_bytes = max_bytes
        self.max_body = max_bytes + MULTIPART_SLACK
        self.keys = keys
        self.body_timeout = float(body_timeout)
        self.paths = frozenset(paths)
        self.page_paths = frozenset(page_paths)

    def _check_headers(self, scope: Scope) -> None:
        from search_api.security import lookup_key

        page = scope.get("path") in self.page_paths
        secret = _header(scope, b"x-api-key")
        if not secret:
            scheme, _, value = (_header(scope, b"authorization") or "").partition(" ")
            secret = value.strip() if scheme.lower() == "bearer" else None
        if not secret and page:
            secret = _cookie(scope, KEY_COOKIE)
        secret = (secret or "").strip()
        if not secret:
            from search_api.accounts.web import csrf_ok, scope_csrf, scope_session

            session = scope_session(scope)  # a signed-in person: editor role and CSRF token
            if session is not None:
                if not csrf_ok(session, scope_csrf(scope)):
                    raise _Refused(403, "CSRF token required", "Thiếu mã CSRF: tải lại trang rồi thử lại.",
                                   "forbidden")
                if not session.user.can_edit:
                    raise _Refused(403, "Not allowed", f"Tài khoản {session.user.name!r} có vai trò "
                                   f"{session.user.role!r}; tải văn bản lên cần vai trò biên tập.", "forbidden")
                self._check_length(scope)
                return
        if not secret:
            raise _Refused(401, "API key required", "Uploading a document needs an API key with the "
                           "editor role: send it in X-API-Key or Authorization: Bearer.", "unauthorized")
        api_key = lookup_key(self.keys, secret)
        if api_key is None:
            raise _Refused(401, "API key required", "The API key is not known to this server.", "unauthorized")
        if not api_key.can_edit:
            raise _Refused(403, "Not allowed for this API key", f"API key {api_key.name!r} has the "
                           f"{api_key.role!r} role; uploading needs the editor role.", "forbidden")
        self._check_length(scope)

    def _check_length(self, scope: Scope) -> None:
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                raise _Refused(400, "Bad request", "Content-Length is not a number.", "E400") from None
            if size > self.max_body:
                raise _Refused(413, "File too large", f"the request ({size} bytes) is larger than the "
                               f"{self.max_bytes} byte upload limit", "E413")

    async def _refuse(self, scope: Scope, send: Send, err: _Refused) -> None:
        extra = [(b"connection", b"close")]
        if err.status == 401:
            extra.append((b"www-authenticate", b'Bearer realm="directives"'))
        if scope.get("path") not in self.page_paths:
            await send_problem(send, err.status, err.title, scope, code=err.code, detail=err.detail, headers=extra)
            return
        text = PAGE_REFUSALS.get(err.status, err.title)
        body = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(text)}</title>'
                f'<link rel="stylesheet" href="/static/app.css"></head><body><main><h1>{html.escape(text)}</h1>'
                f'<p>Chi tiết: {html.escape(err.detail)}</p><p><a href="/tai-len">Quay lại trang tải lên</a></p>'
                f'</main></body></html>').encode()
        await send({"type": "http.response.start", "status": err.status,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), *extra]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        try:
            self._check_headers(scope)
        except _Refused as err:
            await self._refuse(scope, send, err)  # not one byte of the body was read
            return
        received = 0
        body_done = False
        started = False
        refused = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # we answered already; the app's own answer (to a dropped body) is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        async def refuse(err: _Refused) -> Message:
            nonlocal refused
            if not started and not refused:
                await self._refuse(scope, send, err)
            refused = True
            return {"type": "http.disconnect"}

        async def guarded_receive() -> Message:
            nonlocal received, body_done
            if body_done or refused:
                return await receive() if not refused else {"type": "http.disconnect"}
            try:
                async with asyncio.timeout(self.body_timeout):
                    message = await receive()
            except TimeoutError:
                return await refuse(_Refused(408, "Request timeout", f"no part of the request body arrived "
                                             f"within {self.body_timeout:g} s", "E408"))
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    return await refuse(_Refused(413, "File too large", "the request is larger than the "
                                                 f"{self.max_bytes} byte upload limit", "E413"))
                body_done = not message.get("more_body", False)
            return message

        await self.app(scope, guarded_receive, guarded_send)


def install(app: Any, settings: Settings, *, exempt: Iterable[str] = DEFAULT_EXEMPT) -> None:
    """Add the limiter (uploads with their own budget, ``DIRECTIVES_UPLOAD_CONCURRENCY``) and,
    outside it, the upload guard to a FastAPI/Starlette ``app`` from ``settings``
    (``max_concurrent_requests``, ``max_queue_wait_seconds``, ``max_upload_bytes``,
    ``body_read_timeout_seconds``, ``api_keys``)."""
    from search_api.security import parse_api_keys

    app.add_middleware(
        ConcurrencyLimit,
        max_concurrent=settings.concurrency_limit,
        max_wait=settings.max_queue_wait_seconds,
        exempt=tuple(exempt),
        budgets=(Budget(UPLOAD, settings.upload_concurrency, paths=UPLOAD_PATHS),),
    )
    raw = settings.api_keys.get_secret_value() if settings.api_keys else None
    app.add_middleware(  # added last: runs first, so a refused upload never waits for a slot
        UploadGuard,
        max_bytes=settings.max_upload_bytes,
        keys=parse_api_keys(raw),
        body_timeout=settings.body_read_timeout_seconds,
    )


def find_limiter(app: Any) -> ConcurrencyLimit | None:
    """The ``ConcurrencyLimit`` instance inside a built Starlette middleware stack (for stats)."""
    node = getattr(app, "middleware_stack", None) or app
    seen = 0
    while node is not None and seen < 50:
        if isinstance(node, ConcurrencyLimit):
            return node
        node = getattr(node, "app", None)
        seen += 1
    return None
