"""Sessions and CSRF on requests: the cookie, the signed-in user, the token check.

* ``SESSION_COOKIE`` — HttpOnly, SameSite=Lax (Secure on https), the session's random token.
* CSRF: a synchronizer token kept with the session; pages put it in ``<meta name=csrf-token>``
  and in every form (``csrf_token``), JavaScript sends it as ``X-CSRF-Token``. Before a session
  exists (the sign-in form) a double-submit cookie (``LOGIN_CSRF_COOKIE``) stands in for it.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import Request
from starlette.responses import Response

from search_api.accounts.store import AccountStore, Session, open_accounts

SESSION_COOKIE = "directives_session"
LOGIN_CSRF_COOKIE = "directives_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def settings_of(app: Any) -> Any:
    from search_api.config import Settings, get_settings

    settings = getattr(getattr(app, "state", None), "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


def accounts_of(app: Any) -> AccountStore:
    return open_accounts(settings_of(app))


def request_session(request: Request) -> Session | None:
    """The request's session (cached on the request), or None."""
    cached = request.scope.get("directives.session", False)
    if cached is not False:
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    session = None
    if token:
        try:
            session = accounts_of(request.app).session(token)
        except Exception:  # noqa: BLE001 - a broken accounts database is "not signed in"
            session = None
    request.scope["directives.session"] = session
    return session


def csrf_ok(session: Session, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(session.csrf.encode(), str(presented).encode())


def is_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=is_https(request),
                        path="/", max_age=14 * 24 * 3600)


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def login_csrf(request: Request) -> str:
    """The double-submit token of the sign-in form (the cookie's, or a new one)."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)


def set_login_csrf(response: Response, request: Request, token: str) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=is_https(request),
                        path="/dang-nhap", max_age=3600)


def page_csrf(request: Request) -> str:
    """The token a page embeds: the session's, else '' (nothing to protect without a session)."""
    session = request_session(request)
    return session.csrf if session else ""


def scope_session(scope: Any) -> Session | None:
    """The session of a raw ASGI request (for middleware that runs before routing)."""
    from starlette.requests import HTTPConnection

    conn = HTTPConnection(scope)
    token = conn.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return accounts_of(scope.get("app")).session(token)
    except Exception:  # noqa: BLE001 - a broken accounts database is "not signed in"
        return None


def scope_csrf(scope: Any) -> str | None:
    """The CSRF token a raw request presents: ``X-CSRF-Token``, else ``?csrf_token=`` (forms
    whose body a middleware must not read)."""
    from starlette.requests import HTTPConnection

    conn = HTTPConnection(scope)
    return conn.headers.get(CSRF_HEADER) or conn.query_params.get(CSRF_FIELD)
