"""Where the pages get their data: the app's own JSON API, called in-process.

The pages show exactly what the API returns (same search, same errors, same tracking state),
so they go through the public endpoints, through an ASGI transport bound to the running app:
no network, no second server, and one place (:data:`API`) to change if a path moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import Request

from search_api.routes.pages_view import path_segment

# The JSON endpoints the pages read (paths relative to the app root).
API: dict[str, str] = {
    "search": "/search",
    "document": "/documents/{doc_id}",
    "documents": "/documents",
    "tasks": "/tasks",
    "task": "/tasks/{task_id}",
    "history": "/tasks/{task_id}/history",
    "graph": "/citations/graph",
    "citation": "/citations/{number}",
    "owners": "/owners",
    "health": "/health",
}


@dataclass(slots=True)
class ApiError(Exception):
    """The API answered with an error: ``status`` and the problem's title/detail."""

    status: int
    title: str
    detail: str
    body: Any = None

    def __str__(self) -> str:
        return f"{self.status} {self.title}: {self.detail}"


def problem_text(body: Any, fallback: str) -> tuple[str, str]:
    """(title, detail) from a problem+json body or FastAPI's ``{"detail": ...}``."""
    if isinstance(body, Mapping):
        title = str(body.get("title") or fallback)
        detail = body.get("detail")
        if isinstance(detail, list):  # FastAPI validation errors
            parts = []
            for err in detail:
                if isinstance(err, Mapping):
                    loc = ".".join(str(x) for x in err.get("loc", []) if x != "body")
                    parts.append(f"{loc}: {err.get('msg', '')}".strip(": "))
            detail = "; ".join(parts)
        errors = body.get("errors")
        if not detail and isinstance(errors, list):
            detail = "; ".join(str(e.get("detail") or e) if isinstance(e, Mapping) else str(e)
                               for e in errors)
        return title, str(detail or title)
    if isinstance(body, str) and body.strip():
        return fallback, body.strip()[:500]
    return fallback, fallback


class PageData:
    """Read the JSON API on behalf of one page request."""

    def __init__(self, request: Request) -> None:
        self.app = request.app
        headers = {"accept": "application/json"}
        key = request.headers.get("x-api-key") or request.cookies.get("directives_api_key")
        if key:
            headers["x-api-key"] = key
        self.headers = headers

    def _client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
        return httpx.AsyncClient(transport=transport, base_url="http://pages.local",
                                 headers=self.headers, timeout=60.0)

    async def call(self, method: str, path: str, *, params: Any = None, **kwargs: Any) -> Any:
        """One API call; JSON body on success, :class:`ApiError` otherwise."""
        try:
            async with self._client() as client:
                resp = await client.request(method, path, params=params, **kwargs)
        except httpx.HTTPError as exc:  # the app itself failed to answer
            raise ApiError(503, "Dịch vụ không phản hồi", str(exc)) from exc
        try:
            body: Any = resp.json()
        except ValueError:
            body = resp.text
        if resp.status_code >= 400:
            title, detail = problem_text(body, resp.reason_phrase or "Lỗi")
            raise ApiError(resp.status_code, title, detail, body)
        return body

    async def get(self, name: str, params: Any = None, **path: str) -> Any:
        url = API[name].format(**{k: path_segment(v) for k, v in path.items()})
        return await self.call("GET", url, params=params)

    async def search(self, params: Mapping[str, Any]) -> dict[str, Any]:
        body = await self.get("search", params={k: v for k, v in params.items() if v not in (None, "")})
        return body if isinstance(body, dict) else {"total": 0, "hits": [], "facets": {}}

    async def document(self, doc_id: str) -> dict[str, Any]:
        return await self.get("document", doc_id=doc_id)

    async def tasks(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        body = await self.get("tasks", params={k: v for k, v in params.items() if v not in (None, "")})
        return items_of(body)

    async def task(self, task_id: str) -> dict[str, Any]:
        return await self.get("task", task_id=task_id)

    async def history(self, task_id: str) -> list[dict[str, Any]]:
        return items_of(await self.get("history", task_id=task_id))

    async def graph(self, doc_id: str, depth: int) -> dict[str, Any]:
        return await self.get("graph", params={"doc_id": doc_id, "id": doc_id, "depth": depth})

    async def citation(self, number: str) -> dict[str, Any]:
        return await self.get("citation", number=number)

    async def upload(self, filename: str, content: bytes, content_type: str | None) -> dict[str, Any]:
        files = {"file": (filename, content, content_type or "application/octet-stream")}
        return await self.call("POST", API["documents"], files=files)


def items_of(body: Any) -> list[dict[str, Any]]:
    """The list inside a page body, whatever it is called (``hits``/``data``/``items``)."""
    if isinstance(body, list):
        return [x for x in body if isinstance(x, dict)]
    if isinstance(body, Mapping):
        for key in ("hits", "data", "items", "tasks", "edits", "history", "results"):
            value = body.get(key)
            if isinstance(value, list):
                return [x for x in value if isinstance(x, dict)]
    return []
