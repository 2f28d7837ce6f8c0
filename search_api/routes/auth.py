"""Pages: sign in, sign out, and the administrator's list of people.

    GET  /dang-nhap          sign-in form (double-submit CSRF cookie before a session exists)
    POST /dang-nhap          user name + password -> session cookie (HttpOnly, SameSite=Lax)
    POST /dang-xuat          close the session (CSRF token of the session)
    GET  /nguoi-dung         administrators: the people and their roles
    POST /nguoi-dung         administrators: add a person
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.accounts import ROLES, AccountError
from search_api.accounts.web import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    accounts_of,
    clear_session_cookie,
    csrf_ok,
    login_csrf,
    request_session,
    set_login_csrf,
    set_session_cookie,
)
from search_api.routes.pages import render

router = APIRouter(include_in_schema=False, tags=["pages"])

ROLE_LABELS = {"reader": "chỉ xem", "editor": "biên tập", "administrator": "quản trị"}


def safe_next(target: str | None) -> str:
    """A same-site path to go back to after signing in (never another host)."""
    if not target:
        return "/nhiem-vu"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/nhiem-vu"
    return target


def _login_page(request: Request, *, error: str = "", next_url: str = "/nhiem-vu", name: str = "",
                status_code: int = 200) -> HTMLResponse:
    token = login_csrf(request)
    resp = render(request, "login.html", status_code=status_code, error=error, next_url=next_url,
                  user_name=name, login_token=token, active="login")
    set_login_csrf(resp, request, token)
    return resp


@router.get("/dang-nhap", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> HTMLResponse:  # noqa: A002
    return _login_page(request, next_url=safe_next(next))


@router.post("/dang-nhap", response_class=HTMLResponse)
async def login_submit(request: Request, username: str = Form("", max_length=100),
                       password: str = Form("", max_length=1000), csrf_token: str = Form(""),
                       next: str = Form("/nhiem-vu")) -> Response:  # noqa: A002
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        return _login_page(request, error="Phiên của biểu mẫu đã hết hạn; vui lòng đăng nhập lại.",
                           next_url=safe_next(next), name=username, status_code=403)
    if not username.strip() or not password:
        return _login_page(request, error="Vui lòng nhập tên đăng nhập và mật khẩu.",
                           next_url=safe_next(next), name=username, status_code=422)
    store = accounts_of(request.app)
    user = store.check_password(username, password)
    if user is None:
        return _login_page(request, error="Tên đăng nhập hoặc mật khẩu không đúng.",
                           next_url=safe_next(next), name=username, status_code=401)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        store.close_session(old)
    token, _session = store.open_session(user)
    resp = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(resp, request, token)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/dang-nhap")
    return resp


@router.post("/dang-xuat")
async def logout(request: Request, csrf_token: str = Form("")) -> Response:
    session = request_session(request)
    if session is not None and csrf_ok(session, csrf_token):
        accounts_of(request.app).close_session(request.cookies.get(SESSION_COOKIE, ""))
    resp = RedirectResponse("/", status_code=303)
    clear_session_cookie(resp)
    return resp


def _admin_or_page(request: Request) -> Response | None:
    session = request_session(request)
    if session is None:
        return RedirectResponse(f"/dang-nhap?next={request.url.path}", status_code=303)
    if not session.user.is_admin:
        return render(request, "error.html", status_code=403, title="Không có quyền",
                      message="Trang này dành cho quản trị viên.", detail="", code=403)
    return None


def _users_page(request: Request, *, error: str = "", done: str = "", status_code: int = 200) -> Response:
    return render(request, "users.html", status_code=status_code, users=accounts_of(request.app).users(),
                  roles=ROLES, role_labels=ROLE_LABELS, error=error, done=done, active="users")


@router.get("/nguoi-dung", response_class=HTMLResponse)
async def users_page(request: Request) -> Response:
    return _admin_or_page(request) or _users_page(request)


@router.post("/nguoi-dung", response_class=HTMLResponse)
async def users_create(request: Request, username: str = Form("", max_length=100),
                       display_name: str = Form("", max_length=200), role: str = Form("editor"),
                       password: str = Form("", max_length=1000), csrf_token: str = Form("")) -> Response:
    refused = _admin_or_page(request)
    if refused is not None:
        return refused
    session = request_session(request)
    assert session is not None
    if not csrf_ok(session, csrf_token):
        return _users_page(request, error="Thiếu mã CSRF: tải lại trang rồi thử lại.", status_code=403)
    try:
        user = accounts_of(request.app).create_user(username, password, role=role, display_name=display_name)
    except AccountError as exc:
        return _users_page(request, error=str(exc), status_code=422)
    return _users_page(request, done=f"Đã tạo tài khoản “{user.name}” ({ROLE_LABELS[user.role]}).")
