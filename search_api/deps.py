"""FastAPI dependencies as ``Annotated`` aliases: the shared context, the ES client, settings,
aliases and the clock ("today", so tests can set the date).

>>> @router.get("/x")
... def read_x(es: EsDep, aliases: AliasesDep, today: Today) -> dict: ...

Tests change the date with ``app.state.ctx.today = lambda: date(2024, 6, 1)`` or
``app.dependency_overrides[get_today] = lambda: date(2024, 6, 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from elasticsearch import Elasticsearch
from fastapi import Depends, Request

from search_api.config import Settings
from search_api.context import Context
from search_api.search.es.indices import Aliases


def get_context(request: Request) -> Context:
    return request.app.state.ctx


CtxDep = Annotated[Context, Depends(get_context)]


def get_es(ctx: CtxDep) -> Elasticsearch:
    return ctx.es


def get_settings_dep(ctx: CtxDep) -> Settings:
    return ctx.settings


def get_aliases(ctx: CtxDep) -> Aliases:
    return ctx.aliases


def get_clock(ctx: CtxDep) -> Callable[[], date]:
    return ctx.today


def get_today(ctx: CtxDep) -> date:
    return ctx.today()


EsDep = Annotated[Elasticsearch, Depends(get_es)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
AliasesDep = Annotated[Aliases, Depends(get_aliases)]
Clock = Annotated[Callable[[], date], Depends(get_clock)]
Today = Annotated[date, Depends(get_today)]
