"""``GET /health``: which backend, is it reachable, do the indices agree with the data directory."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from search_api.deps import CtxDep
from search_api.schemas import EngineState, Health
from search_api.search.backend import IndexRepairing, SearchUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(ctx: CtxDep) -> JSONResponse:
    """Backend state and index/data-directory counts; 503 when the engine is unreachable, or when
    it answers but its index is being repaired from the data directory (``repairing``)."""
    store = ctx.store.counts()
    store_counts = {"documents": store.documents, "tasks": store.tasks, "citations": store.citations}
    backend = ctx.search.name
    local = backend == "embedded" or ctx.settings.uses_local_engine
    state = ctx.search.health()
    counts = None
    if state.get("reachable"):
        try:
            counts = ctx.search.counts()
        except IndexRepairing as exc:
            body = Health(status="repairing", engine=EngineState(
                backend=backend, reachable=True, local=local, version=state.get("version"),
                reason=f"the index is being repaired from the data directory: {exc}"[:300]),
                store=store_counts)
            return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "2"})
        except SearchUnavailable as exc:
            state = {"reachable": False, "reason": str(exc)}
    if counts is None:
        body = Health(status="unavailable", engine=EngineState(
            backend=backend, reachable=False, local=local,
            reason=f"the engine did not answer: {state.get('reason', '')}"[:300]),
            store=store_counts)
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "5"})
    consistent = counts == store_counts
    body = Health(
        status="ok" if consistent else "degraded",
        engine=EngineState(backend=backend, reachable=True, local=local, version=state.get("version")),
        indices=counts, store=store_counts, consistent=consistent,
    )
    return JSONResponse(body.model_dump())
