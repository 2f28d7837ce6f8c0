"""Where the pages get their data: the app's own JSON API, called in-process.

The pages show exactly what the API returns (same search, same errors, same tracking state),
so they go through the public endpoints, through an ASGI transport bound to the running app:
no network, no second server, and one place (:data:`API`) to change if a path moves. Pages
never read the engine or the data directory themselves: the document page takes the text and
every span from ``GET /documents/{id}``, the cited-only page from ``GET /citations/{key}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import Request

from search_api.accounts.web import SESSION_COOKIE, page_csrf
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
    "version": "/versions/{doc_id}",
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
    """(title, detail) of an API error: the problem+json body, else the plain text answered."""
    if isinstance(body, Mapping):
        title = str(body.get("title") or fallback)
        return title, str(body.get("detail") or title)
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
        elif request.cookies.get(SESSION_COOKIE):  # the signed-in person reads as themselves
            headers["cookie"] = f"{SESSION_COOKIE}={request.cookies[SESSION_COOKIE]}"
            csrf = page_csrf(request)
            if csrf:  # the page's own writes (upload form) were checked by the page route
                headers["x-csrf-token"] = csrf
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
        # "." and ".." would be resolved away by URL normalisation and reach another endpoint.
        if any(v.strip() in ("", ".", "..") for v in path.values()):
            raise ApiError(404, "Không tìm thấy", "Mã không hợp lệ.")
        url = API[name].format(**{k: path_segment(v) for k, v in path.items()})
        return await self.call("GET", url, params=params)

    async def get_object(self, name: str, params: Any = None, **path: str) -> dict[str, Any]:
        """Like :meth:`get` for endpoints that answer one JSON object; anything else is a 404."""
        body = await self.get(name, params=params, **path)
        if not isinstance(body, dict):
            raise ApiError(404, "Không tìm thấy", "Không có đối tượng này.", body)
        return body

    async def search(self, params: Mapping[str, Any]) -> dict[str, Any]:
        body = await self.get("search", params={k: v for k, v in params.items() if v not in (None, "")})
        return body if isinstance(body, dict) else {"total": 0, "hits": [], "facets": {}}

    async def document(self, doc_id: str) -> dict[str, Any]:
        return await self.get_object("document", doc_id=doc_id)

    async def task(self, task_id: str) -> dict[str, Any]:
        return await self.get_object("task", task_id=task_id)

    async def history(self, task_id: str) -> list[dict[str, Any]]:
        return items_of(await self.get("history", task_id=task_id))

    async def citation(self, number: str) -> dict[str, Any]:
        return await self.get_object("citation", number=number)

    async def upload(self, filename: str, content: bytes, content_type: str | None) -> dict[str, Any]:
        files = {"file": (filename, content, content_type or "application/octet-stream")}
        return await self.call("POST", API["documents"], files=files)


def items_of(body: Any) -> list[dict[str, Any]]:
    """The items of a list answer: ``data`` (tasks, history, documents) or ``hits`` (search)."""
    if isinstance(body, Mapping):
        for key in ("data", "hits"):
            value = body.get(key)
            if isinstance(value, list):
                return [x for x in value if isinstance(x, dict)]
    return []
