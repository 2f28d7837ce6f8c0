"""Security headers on every response (pages, API, static files), as pure ASGI middleware.

- ``Content-Security-Policy``: scripts and styles from this origin only — no inline script, no
  ``on*=`` handler, no ``style=`` attribute runs (the pages keep their JavaScript in
  ``search_api/static/*.js`` and their data in ``<script type="application/json">`` blocks,
  which are never executed); no plugins, no framing, no foreign ``<base>`` or form target.
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``, ``X-Frame-Options: DENY``.

A response that sets one of these itself keeps its own value (``/docs`` widens the CSP for
Swagger UI's inline styles, see :mod:`search_api.docs_ui`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """Add :data:`HEADERS` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                        for k, v in (headers or HEADERS).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers") or ()}
                extra = [(k, v) for k, v in self.headers if k not in present]
                if extra:
                    message = {**message, "headers": [*(message.get("headers") or ()), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: Any) -> None:
    """Add the headers middleware to a FastAPI/Starlette ``app`` (outermost of ours, so
    refusals of the limiter and the upload guard carry the headers too)."""
    app.add_middleware(SecurityHeaders)
