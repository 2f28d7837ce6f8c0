"""The application factory.

>>> app = create_app(Settings(ES_URL="http://127.0.0.1:9200"))
>>> uvicorn.run(app)

Settings the app cannot serve with (a malformed ``DIRECTIVES_API_KEYS``) stop it at once with
one line (:class:`~search_api.errors.InvalidSettings`). The lifespan opens the shared
:class:`~search_api.context.Context` (search backend, data directory, edit log, clock), makes sure
the aliases exist and, when the engine's counts disagree with the data directory (a killed
local engine can lose its last writes), rebuilds the indices from it; either way the tasks'
tracked fields are then replayed from the edit log (the log wins).
An unreachable engine at start is logged, not fatal: requests answer 503 until it is back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from search_api import docs_ui, errors, headers, instance, limits, openapi, recovery
from search_api.config import Settings, get_settings
from search_api.context import Context
from search_api.instance import InstanceBusy, InstanceLock
from search_api.pipeline import PipelineError, ensure_ready
from search_api.routes import citations, documents, exports, health, owners, pages, search, tasks
from search_api.search.backend import IndexMismatch, SearchError
from search_api.security import parse_api_keys

log = logging.getLogger(__name__)

DESCRIPTION = """Tasks, owners, deadlines and citations extracted from Vietnamese directives,
plans and work programmes. Errors are `application/problem+json`; a 503 with `Retry-After`
means the search engine is unreachable (the API recovers by itself when it is back)."""


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def check_settings(settings: Settings) -> None:
    """Fail at start, with one clear line, on settings the app cannot serve with.

    >>> check_settings(Settings(DIRECTIVES_API_KEYS="ann=s3cret:admin"))
    Traceback (most recent call last):
    InvalidSettings: invalid settings: DIRECTIVES_API_KEYS: role 'admin' must be one of reader, editor
    """
    raw = settings.api_keys.get_secret_value() if settings.api_keys else None
    try:
        parse_api_keys(raw)
    except ValueError as exc:
        raise errors.InvalidSettings(str(exc)) from None


def create_app(settings: Settings | None = None, *, context: Context | None = None,
               prepare_index: bool = True) -> FastAPI:
    """Build the app. ``context`` lets tests share one; ``prepare_index`` runs setup/rebuild."""
    settings = settings or (context.settings if context else get_settings())
    check_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        lock = None
        if context is None and settings.instance_lock:  # this app owns the data directory
            lock = InstanceLock(settings.data_dir, instance.command_line())
            try:
                lock.acquire()
            except InstanceBusy as exc:
                log.error("%s", exc)
                raise
        try:
            ctx = context or Context.from_settings(settings)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if context is None:
            try:
                await run_in_threadpool(instance.check_identity, ctx.search, settings)
            except IndexMismatch as exc:
                log.error("%s", exc)
                ctx.close()
                if lock is not None:
                    lock.release()
                raise
            except SearchError as exc:
                log.warning("engine unreachable, index identity not checked: %s", exc)
        if prepare_index:  # the app keeps the index in line with the data directory
            recovery.attach(app, ctx, verified=False)  # no answer from an index that lost writes
        app.state.ctx = ctx
        app.state.settings = ctx.settings
        app.state.clock = ctx
        try:
            app.state.edit_log = ctx.edit_log
        except Exception as exc:  # noqa: BLE001 - tracking routes report it per request
            log.error("edit log unavailable: %s", exc)
        if prepare_index:
            try:
                report = await run_in_threadpool(ensure_ready, ctx)
                if report is not None:
                    log.warning("rebuilt indices: %s documents, %s tasks, %s citations",
                                report.documents, report.tasks, report.citations)
            except (SearchError, PipelineError) as exc:
                log.error("search engine not ready at start (%s); serving 503 until it is", exc)
        try:
            yield
        finally:
            if context is None:
                ctx.close()
            if lock is not None:
                lock.release()

    app = FastAPI(
        title="directives API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        docs_url=None,   # served by docs_ui from local assets (no CDN, no inline script)
        redoc_url=None,  # ReDoc would need a CDN script the CSP refuses
    )
    errors.install(app)
    openapi.install(app)
    docs_ui.install(app)
    # Uploads: key and size checked before the body, their own slots; past capacity: 503 +
    # Retry-After, not a long queue.
    limits.install(app, settings)
    headers.install(app)  # outermost: every response, refusals included, carries the headers
    try:
        from search_api.tracking.errors import TrackingError, problem_handler

        app.add_exception_handler(TrackingError, problem_handler)
    except ImportError:  # pragma: no cover - tracking always ships with the app
        pass
    for module in (search, documents, citations, health, tasks, owners, exports, pages):
        app.include_router(module.router)
    app.include_router(import_module("search_api.routes.reports").router)  # /reports, /follows
    app.include_router(import_module("search_api.routes.pages_reports").router)  # /bao-cao, /tong-quan
    app.include_router(import_module("search_api.routes.auth").router)  # /dang-nhap, /dang-xuat, /nguoi-dung
    app.include_router(import_module("search_api.routes.units").router)  # /units
    app.include_router(import_module("search_api.routes.pages_desk").router)  # /don-vi
    app.include_router(import_module("search_api.routes.versions").router)  # /versions (archived versions)
    app.include_router(import_module("search_api.routes.legal").router)  # originals, trace (issue 17)
    app.include_router(import_module("search_api.routes.pages_legal").router)  # /van-ban/{id}/trien-khai
    return app
