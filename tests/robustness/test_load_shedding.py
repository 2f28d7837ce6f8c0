"""The load-shedding middleware (``search_api.limits.ConcurrencyLimit``): past its capacity the
API answers 503 problem+json with ``Retry-After`` quickly instead of queueing; ``/health`` is
exempt; slots are released whatever happens to the request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from search_api.config import Settings
from search_api.limits import CODE, ConcurrencyLimit, find_limiter, install
from search_api.main import create_app

pytestmark = pytest.mark.timeout(60)
T = TypeVar("T")


def slow_app(delay: float = 0.5) -> Starlette:
    async def slow(request: Request) -> JSONResponse:
        await asyncio.sleep(float(request.query_params.get("t", delay)))
        return JSONResponse({"ok": True})

    async def boom(request: Request) -> JSONResponse:
        raise RuntimeError("handler failed")

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/slow", slow), Route("/boom", boom), Route("/health", health)])


async def _burst(app, paths: list[str]) -> list[tuple[httpx.Response, float]]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        async def one(path: str) -> tuple[httpx.Response, float]:
            start = time.perf_counter()
            resp = await client.get(path)
            return resp, time.perf_counter() - start

        return await asyncio.gather(*(one(p) for p in paths))


def run_isolated(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: another test (the browser tests' sync client)
    may have left an event loop running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def burst(app, paths: list[str]) -> list[tuple[httpx.Response, float]]:
    return run_isolated(_burst(app, paths))


@pytest.mark.parametrize(("slots", "clients", "wait", "served", "shed"), [
    (2, 6, 0.2, 2, 4),     # saturated: two run, four give up after 0.2 s
    (2, 4, 3.0, 4, 0),     # the queue drains within the wait: everyone is served
    (1, 1, 0.0, 1, 0),     # one slot, one client
    (3, 10, 0.0, 3, 7),    # no waiting at all
])
def test_saturation(slots: int, clients: int, wait: float, served: int, shed: int) -> None:
    limiter = ConcurrencyLimit(slow_app(), max_concurrent=slots, max_wait=wait)
    results = burst(limiter, ["/slow?t=0.5"] * clients)
    codes = sorted(r.status_code for r, _ in results)
    assert codes.count(200) == served and codes.count(503) == shed, codes
    for resp, took in results:
        if resp.status_code == 503:
            assert resp.headers["content-type"] == "application/problem+json"
            assert int(resp.headers["retry-after"]) >= 1
            body = resp.json()
            assert body["status"] == 503 and body["code"] == CODE and body["detail"]
            assert took < wait + 0.4, f"a shed request waited {took:.2f}s"
    assert limiter.stats.shed == shed and limiter.stats.admitted == served
    assert limiter.stats.in_flight == 0 and limiter.stats.peak_in_flight <= slots


def test_health_is_exempt_while_saturated() -> None:
    limiter = ConcurrencyLimit(slow_app(), max_concurrent=1, max_wait=0.1)
    results = burst(limiter, ["/slow?t=0.6", "/slow?t=0.6", "/health", "/health"])
    assert [r.status_code for r, _ in results] == [200, 503, 200, 200]


def test_queue_overflow_is_shed_at_once() -> None:
    limiter = ConcurrencyLimit(slow_app(), max_concurrent=1, max_wait=5.0, max_waiting=2)
    results = burst(limiter, ["/slow?t=0.3"] * 6)
    codes = [r.status_code for r, _ in results]
    assert codes.count(200) == 3 and codes.count(503) == 3, codes
    assert all(took < 0.2 for r, took in results if r.status_code == 503)


def test_slot_released_after_handler_error() -> None:
    limiter = ConcurrencyLimit(slow_app(), max_concurrent=1, max_wait=0.0)
    for _ in range(3):
        (resp, _), = burst(limiter, ["/boom"])
        assert resp.status_code == 500
    (resp, _), = burst(limiter, ["/slow?t=0"])
    assert resp.status_code == 200 and limiter.stats.in_flight == 0


def test_slot_released_when_client_disconnects() -> None:
    limiter = ConcurrencyLimit(slow_app(), max_concurrent=1, max_wait=0.0)

    async def scenario() -> int:
        transport = httpx.ASGITransport(app=limiter)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            task = asyncio.create_task(client.get("/slow?t=5"))
            await asyncio.sleep(0.1)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            return (await client.get("/slow?t=0")).status_code

    assert run_isolated(scenario()) == 200


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"max_concurrent": 0, "max_wait": 1.0}, "max_concurrent"),
    ({"max_concurrent": 1, "max_wait": -1.0}, "max_wait"),
])
def test_bad_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ConcurrencyLimit(slow_app(), **kwargs)


def test_install_reads_the_settings() -> None:
    app = slow_app()
    settings = Settings(ES_URL="http://127.0.0.1:9", DIRECTIVES_MAX_CONCURRENT=3, DIRECTIVES_MAX_QUEUE_WAIT=0.25)
    install(app, settings)
    results = burst(app, ["/slow?t=0.5"] * 5)
    assert sorted(r.status_code for r, _ in results) == [200, 200, 200, 503, 503]
    limiter = find_limiter(app)
    assert limiter is not None and limiter.max_concurrent == 3 and limiter.max_wait == 0.25


def test_create_app_sheds_load() -> None:
    """The product's app factory installs the limiter from the settings (lead: wire
    ``search_api.limits.install(app, settings)`` into ``create_app``)."""
    settings = Settings(ES_URL="http://127.0.0.1:9", DIRECTIVES_MAX_CONCURRENT=7)
    app = create_app(settings, prepare_index=False)
    found = [m for m in app.user_middleware if m.cls is ConcurrencyLimit]
    assert found, "create_app does not install search_api.limits.ConcurrencyLimit"
    assert found[0].kwargs["max_concurrent"] == 7
