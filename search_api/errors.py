"""Domain exceptions and their mapping to ``application/problem+json`` (RFC 9457).

Handlers never leak a stack trace. An unknown path asked for by a browser (``Accept: text/html``)
gets the pages' HTML 404 page; API clients get problem+json. The engine being unreachable or too slow becomes a 503 with
a reason and ``Retry-After``; the client reconnects on the next request, so the API recovers by
itself when the engine is back.

Codes (``code`` member, greppable): E404-DOC, E404-CIT, E413, E415, E422-*, E503-ENGINE,
E503-REPAIRING (the engine restarted: the index is repaired before it is answered from), ...
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from search_api import recovery
from search_api.search.backend import IndexRepairing, SearchError, SearchUnavailable

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"
RETRY_AFTER_SECONDS = 5


class InvalidSettings(SystemExit):
    """A setting that makes serving impossible or unsafe: the process stops at start with this
    one line (no traceback), e.g. ``invalid settings: DIRECTIVES_API_KEYS: role 'admin' ...``."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"invalid settings: {reason}")
        self.reason = reason


class ApiProblem(Exception):
    """Base of every domain error the API reports."""

    status = 500
    title = "Internal error"
    code = "E500"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class DocumentNotFound(ApiProblem):
    status, title, code = 404, "Document not found", "E404-DOC"


class CitationNotFound(ApiProblem):
    status, title, code = 404, "Nothing cites or is cited as this document", "E404-CIT"


class InvalidParameter(ApiProblem):
    status, title, code = 422, "Invalid parameter", "E422-PARAM"


class UnprocessableDocument(ApiProblem):
    status, title, code = 422, "The document could not be processed", "E422-DOC"


class PayloadTooLarge(ApiProblem):
    status, title, code = 413, "File too large", "E413"


class UnsupportedType(ApiProblem):
    status, title, code = 415, "Unsupported file type", "E415"


class EngineUnavailable(ApiProblem):
    status, title, code = 503, "Search engine unavailable", "E503-ENGINE"


def problem(status: int, title: str, detail: str, *, code: str | None = None,
            instance: str | None = None, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if code:
        body["code"] = code
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _engine_down(request: Request, reason: str) -> JSONResponse:
    return problem(
        503, EngineUnavailable.title, reason, code=EngineUnavailable.code,
        instance=request.url.path, headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiProblem)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if exc.status == 503 else None
    return problem(exc.status, exc.title, exc.detail, code=exc.code, instance=request.url.path,
                   headers=headers, **exc.extra)


async def on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path")),
         "in": str(err.get("loc", ("?",))[0]), "detail": err.get("msg", "invalid")}
        for err in exc.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['detail']}" for e in errors) or "invalid request"
    from search_api.messages_vi import validation_message

    return problem(422, "Invalid request", detail, code="E422-VALIDATION",
                   instance=request.url.path, errors=errors, message_vi=validation_message(exc.errors()))


def _accept_q(accept: str, media_type: str) -> float:
    """The quality the ``Accept`` header gives ``media_type`` when it names it, else 0."""
    best = 0.0
    for item in accept.split(","):
        kind, *params = (p.strip() for p in item.split(";"))
        if kind.lower() != media_type:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def wants_html(request: Request) -> bool:
    """A browser navigating: ``text/html`` asked for by name, at least as much as any JSON.

    >>> # "text/html,application/xhtml+xml,*/*;q=0.8" -> True; "application/json", "*/*" -> False
    """
    accept = request.headers.get("accept", "")
    html = _accept_q(accept, "text/html")
    json_q = max(_accept_q(accept, "application/json"), _accept_q(accept, PROBLEM))
    return html > 0 and html >= json_q


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404 and wants_html(request):
        from search_api.routes.pages import not_found_page  # the pages load templates: lazily

        return not_found_page(request)
    body = exc.detail
    if isinstance(body, dict) and "title" in body:  # already a problem
        return JSONResponse(body, status_code=exc.status_code, media_type=PROBLEM, headers=exc.headers)
    titles = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized", 403: "Forbidden"}
    return problem(exc.status_code, titles.get(exc.status_code, "Error"), str(body),
                   instance=request.url.path, headers=exc.headers)


class IndexRepairingProblem(ApiProblem):
    status, title, code = 503, "Search index being repaired", "E503-REPAIRING"


async def on_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The engine is down, overloaded or lost its indices: 503 + Retry-After, and the indices
    are repaired in the background as soon as it answers again. An index that may have lost
    writes (the engine restarted) is not answered from until repaired: its own code."""
    recovery.schedule(request.app)
    if isinstance(exc, IndexRepairing):
        log.info("index being repaired: %s", exc)
        return problem(
            503, IndexRepairingProblem.title,
            f"Not answering from the search index: {exc}. Retry in a few seconds; one task by id "
            f"(GET /tasks/{{id}}) is served from the data directory meanwhile.",
            code=IndexRepairingProblem.code, instance=request.url.path,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)}, reason="index-repairing")
    log.warning("search engine unavailable: %s", exc)
    return _engine_down(request, "The search engine is unavailable or restarting; retry in a few seconds.")


async def on_search_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("search engine rejected a request: %s", exc)
    return problem(502, "Search engine error", "The search engine rejected the request.",
                   code="E502-ENGINE", instance=request.url.path)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return problem(500, "Internal error", "An unexpected error occurred; it has been logged.",
                   code="E500", instance=request.url.path)


def install(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(ApiProblem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(SearchUnavailable, on_unavailable)
    app.add_exception_handler(SearchError, on_search_error)
    app.add_exception_handler(Exception, on_unexpected)
