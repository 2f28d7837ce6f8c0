"""FastAPI dependencies as ``Annotated`` aliases: the shared context, the search backend,
settings and the clock ("today", so tests can set the date).

>>> @router.get("/x")
... def read_x(search: SearchDep, today: Today) -> dict: ...

Tests change the date with ``app.state.ctx.today = lambda: date(2024, 6, 1)`` or
``app.dependency_overrides[get_today] = lambda: date(2024, 6, 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from search_api.config import Settings
from search_api.context import Context
from search_api.search.backend import SearchBackend


# These accessors never block: as coroutines they run on the event loop instead of taking a
# worker thread each (one hop less per dependency and request).
async def get_context(request: Request) -> Context:
    return request.app.state.ctx


CtxDep = Annotated[Context, Depends(get_context)]


async def get_search(ctx: CtxDep) -> SearchBackend:
    return ctx.search


async def get_settings_dep(ctx: CtxDep) -> Settings:
    return ctx.settings


async def get_clock(ctx: CtxDep) -> Callable[[], date]:
    return ctx.today


async def get_today(ctx: CtxDep) -> date:
    return ctx.today()


SearchDep = Annotated[SearchBackend, Depends(get_search)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
Clock = Annotated[Callable[[], date], Depends(get_clock)]
Today = Annotated[date, Depends(get_today)]
