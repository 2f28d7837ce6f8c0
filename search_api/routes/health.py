"""``GET /health``: is the engine reachable, do the indices agree with the data directory."""

from __future__ import annotations

from elasticsearch import ApiError, TransportError
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from search_api.deps import CtxDep
from search_api.search.es import indices
from search_api.schemas import EngineState, Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(ctx: CtxDep) -> JSONResponse:
    """Engine state and index/data-directory counts; 503 when the engine is unreachable."""
    store = ctx.store.counts()
    store_counts = {"documents": store.documents, "tasks": store.tasks, "citations": store.citations}
    local = ctx.settings.uses_local_engine
    try:
        info = ctx.es.options(request_timeout=3, max_retries=0).info()
        counts = indices.counts(ctx.es.options(request_timeout=5, max_retries=0), ctx.aliases)
    except (TransportError, ApiError) as exc:
        body = Health(status="unavailable", engine=EngineState(
            reachable=False, local=local, reason=f"{type(exc).__name__}: the engine did not answer"),
            store=store_counts)
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "5"})
    consistent = counts == store_counts
    body = Health(
        status="ok" if consistent else "degraded",
        engine=EngineState(reachable=True, local=local, version=info["version"]["number"]),
        indices=counts, store=store_counts, consistent=consistent,
    )
    return JSONResponse(body.model_dump())
