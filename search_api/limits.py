"""Load shedding: a bounded concurrency limiter as pure ASGI middleware.

At most ``max_concurrent`` requests run at once. A request that cannot get a slot within
``max_wait`` seconds (or that finds too many requests already waiting) is answered at once with
``503`` ``application/problem+json`` and ``Retry-After`` instead of queueing for tens of
seconds. ``/health`` (and any other exempt path) always goes through, so monitors can still see
the service while it sheds load.

>>> app = create_app(settings)
>>> install(app, settings)                      # or app.add_middleware(ConcurrencyLimit, ...)
>>> limiter = ConcurrencyLimit(inner_app, max_concurrent=2, max_wait=0.5)
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
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


@dataclass(slots=True)
class LimiterStats:
    """Counters for tests, benchmarks and logs."""

    admitted: int = 0
    shed: int = 0
    in_flight: int = 0
    waiting: int = 0
    peak_in_flight: int = 0


class ConcurrencyLimit:
    """ASGI middleware: a semaphore of ``max_concurrent`` slots with a bounded wait.

    ``max_waiting`` caps how many requests may wait for a slot (default 4 x ``max_concurrent``);
    beyond it a request is shed without waiting. ``exempt`` paths (exact match) bypass the limit.
    Only ``http`` scopes are limited; ``lifespan`` and ``websocket`` pass through.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_concurrent: int = 32,
        max_wait: float = 5.0,
        max_waiting: int | None = None,
        exempt: Iterable[str] = DEFAULT_EXEMPT,
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
        self.stats = LimiterStats()
        self._sem: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _semaphore(self) -> asyncio.Semaphore:
        # One semaphore per event loop (test clients may run the same app on several loops).
        loop = asyncio.get_running_loop()
        if self._sem is None or self._loop is not loop:
            self._sem = asyncio.Semaphore(self.max_concurrent)
            self._loop = loop
            self.stats.in_flight = 0
            self.stats.waiting = 0
        return self._sem

    async def _acquire(self, sem: asyncio.Semaphore) -> bool:
        if not sem.locked():
            await sem.acquire()  # a free slot: returns without suspending
            return True
        if self.stats.waiting >= self.max_waiting or self.max_wait == 0:
            return False
        self.stats.waiting += 1
        try:
            async with asyncio.timeout(self.max_wait):
                await sem.acquire()
            return True
        except TimeoutError:
            return False
        finally:
            self.stats.waiting -= 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.exempt:
            await self.app(scope, receive, send)
            return
        sem = self._semaphore()
        if not await self._acquire(sem):
            self.stats.shed += 1
            await self._reject(scope, send)
            return
        stats = self.stats
        stats.admitted += 1
        stats.in_flight += 1
        stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
        try:
            await self.app(scope, receive, send)
        finally:
            stats.in_flight -= 1
            sem.release()

    async def _reject(self, scope: Scope, send: Send) -> None:
        body = json.dumps({
            "type": "about:blank",
            "title": "Service busy",
            "status": 503,
            "detail": (f"More than {self.max_concurrent} requests are running and none finished "
                       f"within {self.max_wait:g} s; retry after {self.retry_after} s."),
            "code": CODE,
            "instance": scope.get("path", ""),
        }, ensure_ascii=False).encode("utf-8")
        await send({
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", PROBLEM.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", self.retry_after.encode()),
            ],
        })
        await send({"type": "http.response.body", "body": body})


def install(app: Any, settings: Settings, *, exempt: Iterable[str] = DEFAULT_EXEMPT) -> None:
    """Add the limiter to a FastAPI/Starlette ``app`` from ``settings``
    (``max_concurrent_requests``, ``max_queue_wait_seconds``)."""
    app.add_middleware(
        ConcurrencyLimit,
        max_concurrent=settings.concurrency_limit,
        max_wait=settings.max_queue_wait_seconds,
        exempt=tuple(exempt),
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
