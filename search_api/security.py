"""API keys: who may read and who may change tracked tasks.

``DIRECTIVES_API_KEYS`` is a comma-separated list of ``secret:role`` or ``name=secret:role``
(role ``reader`` or ``editor``; an editor may also read). History records the key's *name*,
never the secret: the given name, or ``key-<8 hex of sha256(secret)>`` when none is given.

A key is sent as ``X-API-Key: <secret>`` or ``Authorization: Bearer <secret>``. People sign in
instead (``search_api.accounts``: session cookie, CSRF token on every change); a signed-in
editor or administrator counts as an editor key. Reads are open unless
``DIRECTIVES_READ_REQUIRES_KEY`` is true (then reading needs sign-in or a key); every change
needs an editor key or an editor's session. Unknown or
missing key -> 401, a reader key on a change -> 403 (both problem+json via ``TrackingError``).

>>> keys = parse_api_keys("ann=s3cret:editor, r0:reader")
>>> keys["s3cret"].name, keys["s3cret"].role
('ann', 'editor')
>>> keys["r0"].name.startswith("key-")
True
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from search_api.config import Settings, get_settings
from search_api.tracking.errors import Forbidden, Unauthorized

ROLES = ("reader", "editor")


@dataclass(frozen=True, slots=True)
class ApiKey:
    """Who is asking: an API key (``user`` None) or a signed-in person (``user`` = user name)."""

    name: str
    role: str
    user: str | None = None

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "administrator")

    @property
    def is_admin(self) -> bool:
        return self.role == "administrator"


def key_fingerprint(secret: str) -> str:
    """A short, stable name for a key that has none (not reversible to the secret)."""
    return "key-" + hashlib.sha256(secret.encode("utf-8")).hexdigest()[:8]


def parse_api_keys(raw: str | None) -> dict[str, ApiKey]:
    """``{secret: ApiKey}`` from the ``DIRECTIVES_API_KEYS`` syntax; bad entries raise ValueError."""
    out: dict[str, ApiKey] = {}
    for item in (raw or "").split(","):
        item = item.strip()
        if not item:
            continue
        ident, sep, role = item.rpartition(":")
        if not sep:
            ident, role = item, "editor"
        role = role.strip().lower() or "editor"
        if role not in ROLES:
            raise ValueError(f"DIRECTIVES_API_KEYS: role {role!r} must be one of {', '.join(ROLES)}")
        name, eq, secret = ident.partition("=")
        if not eq:
            name, secret = "", ident
        name, secret = name.strip(), secret.strip()
        if not secret:
            raise ValueError("DIRECTIVES_API_KEYS: an entry has an empty key")
        out[secret] = ApiKey(name=name or key_fingerprint(secret), role=role)
    return out


def _settings(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


def presented_key(request: Request) -> str | None:
    """The secret sent with the request (``X-API-Key`` first, then ``Authorization: Bearer``)."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _lookup(keys: dict[str, ApiKey], secret: str) -> ApiKey | None:
    found: ApiKey | None = None
    for known, api_key in keys.items():  # constant time in the number of keys
        if hmac.compare_digest(known.encode("utf-8"), secret.encode("utf-8")):
            found = api_key
    return found


def lookup_key(keys: dict[str, ApiKey], secret: str) -> ApiKey | None:
    """The key ``secret`` names among ``keys`` (constant time in the number of keys), or None."""
    return _lookup(keys, secret)


def _keys(settings: Settings) -> dict[str, ApiKey]:
    raw = settings.api_keys.get_secret_value() if settings.api_keys else None
    return parse_api_keys(raw)


def session_principal(request: Request) -> ApiKey | None:
    """The signed-in person as a principal; a change (not GET/HEAD/OPTIONS) made with a session
    needs its CSRF token (``X-CSRF-Token`` header) or it is refused with 403."""
    from search_api.accounts.web import CSRF_HEADER, SAFE_METHODS, csrf_ok, request_session

    session = request_session(request)
    if session is None:
        return None
    if request.method not in SAFE_METHODS and not csrf_ok(session, request.headers.get(CSRF_HEADER)):
        raise Forbidden("Phiên đăng nhập cần mã CSRF (X-CSRF-Token) cho mọi thay đổi: tải lại trang "
                        "rồi thử lại.")
    return ApiKey(name=session.user.actor, role=session.user.role, user=session.user.name)


def authenticate(request: Request) -> ApiKey | None:
    """The request's key (else its signed-in person), ``None`` when neither; an unknown key -> 401."""
    secret = presented_key(request)
    if secret is None:
        return session_principal(request)
    api_key = _lookup(_keys(_settings(request)), secret)
    if api_key is None:
        raise Unauthorized("The API key is not known to this server.")
    return api_key


def require_reader(request: Request) -> ApiKey | None:
    """Dependency for reads: a key is checked when sent, required when reads require one."""
    api_key = authenticate(request)
    if api_key is None and _settings(request).read_requires_key:
        raise Unauthorized("This server requires an API key to read: send it in X-API-Key "
                           "or Authorization: Bearer.")
    return api_key


def require_editor(request: Request) -> ApiKey:
    """Dependency for changes: an editor key is required."""
    api_key = authenticate(request)
    if api_key is None:
        raise Unauthorized("Changing a task needs an API key with the editor role: send it in "
                           "X-API-Key or Authorization: Bearer.")
    if not api_key.can_edit:
        raise Forbidden(f"API key {api_key.name!r} has the {api_key.role!r} role; changing a "
                        "task needs the editor role.")
    return api_key


def require_admin(request: Request) -> ApiKey:
    """Dependency for managing users and the register of units: a signed-in administrator."""
    principal = authenticate(request)
    if principal is None:
        raise Unauthorized("Cần đăng nhập bằng tài khoản quản trị.")
    if not principal.is_admin:
        raise Forbidden(f"{principal.name!r} có vai trò {principal.role!r}; việc này cần vai trò quản trị "
                        "(administrator).")
    return principal


ReaderKey = Annotated[ApiKey | None, Depends(require_reader)]
EditorKey = Annotated[ApiKey, Depends(require_editor)]
AdminKey = Annotated[ApiKey, Depends(require_admin)]


def describe(api_key: Any) -> str:
    """The actor name written to history."""
    return getattr(api_key, "name", None) or "anonymous"
