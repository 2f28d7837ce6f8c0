"""Users and sessions in the edit log's database (SQLite file or PostgreSQL).

Passwords are argon2id hashes; a session is a random token of which only the SHA-256 is
stored, with its own CSRF token (synchronizer token) and an expiry.

>>> store = AccountStore.sqlite(":memory:")
>>> store.create_user("lan", "mật-khẩu-dài", role="editor", display_name="Nguyễn Thị Lan").role
'editor'
>>> store.check_password("lan", "sai") is None
True
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from search_api.accounts.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password

ROLES = ("reader", "editor", "administrator")
SESSION_DAYS = 14
_DDL = (
    "CREATE TABLE IF NOT EXISTS users ("
    " name TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,"
    " password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS sessions ("
    " token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,"
    " created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
)


class AccountError(ValueError):
    """A refused account operation; the message is Vietnamese (shown to people as it is)."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    display_name: str
    role: str
    disabled: bool = False

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "administrator")

    @property
    def is_admin(self) -> bool:
        return self.role == "administrator"

    @property
    def actor(self) -> str:
        """The name the history records: the person's name, else the user name."""
        return self.display_name or self.name


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str
    expires_at: datetime


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_name(name: str) -> str:
    """User names compare in NFC lower case, spaces trimmed."""
    return unicodedata.normalize("NFC", name).strip().lower()


class AccountStore:
    """Users and sessions; ``placeholder`` is the driver's parameter marker."""

    def __init__(self, execute: Any, placeholder: str = "?", close: Any = None) -> None:
        self._execute = execute
        self._ph = placeholder
        self._close = close
        for ddl in _DDL:
            self._run(ddl)

    @classmethod
    def sqlite(cls, path: str | Path) -> AccountStore:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        lock = threading.Lock()

        def execute(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            with lock:
                return conn.execute(sql, params).fetchall()

        return cls(execute, "?", conn.close)

    @classmethod
    def postgres(cls, url: str) -> AccountStore:
        import psycopg

        local = threading.local()

        def execute(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            conn = getattr(local, "conn", None)
            if conn is None or conn.closed:
                conn = local.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description else []

        return cls(execute, "%s")

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._execute(sql.replace("?", self._ph), params)

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement on the same database (``?`` markers); other registers use it for
        their own tables (``search_api.units.store``)."""
        return self._run(sql, params)

    def close(self) -> None:
        if self._close is not None:
            self._close()

    # -- users -------------------------------------------------------------------------------
    def create_user(self, name: str, password: str, *, role: str = "editor",
                    display_name: str = "") -> User:
        name = normalise_name(name)
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise AccountError("Tên đăng nhập phải có từ 1 đến 100 ký tự, không có khoảng trắng.")
        if role not in ROLES:
            raise AccountError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
        if len(password) < MIN_LENGTH:
            raise AccountError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
        if self.get_user(name) is not None:
            raise AccountError(f"Tên đăng nhập “{name}” đã tồn tại.")
        display = " ".join(display_name.split()) or name
        self._run("INSERT INTO users (name, display_name, role, password_hash, created_at, disabled)"
                  " VALUES (?, ?, ?, ?, ?, 0)",
                  (name, display, role, hash_password(password), datetime.now(UTC).isoformat()))
        return User(name, display, role)

    def get_user(self, name: str) -> User | None:
        rows = self._run("SELECT name, display_name, role, disabled FROM users WHERE name = ?",
                         (normalise_name(name),))
        if not rows:
            return None
        n, display, role, disabled = rows[0]
        return User(n, display, role, bool(disabled))

    def users(self) -> list[User]:
        rows = self._run("SELECT name, display_name, role, disabled FROM users ORDER BY name")
        return [User(n, d, r, bool(x)) for n, d, r, x in rows]

    def count_users(self) -> int:
        return int(self._run("SELECT COUNT(*) FROM users")[0][0])

    def set_role(self, name: str, role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
        self._run("UPDATE users SET role = ? WHERE name = ?", (role, normalise_name(name)))

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_LENGTH:
            raise AccountError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
        self._run("UPDATE users SET password_hash = ? WHERE name = ?",
                  (hash_password(password), normalise_name(name)))

    def check_password(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs and the account is enabled, else None."""
        rows = self._run("SELECT name, display_name, role, disabled, password_hash FROM users"
                         " WHERE name = ?", (normalise_name(name),))
        if not rows:
            verify_password(hash_password("x" * MIN_LENGTH), password)  # same cost either way
            return None
        n, display, role, disabled, stored = rows[0]
        if not verify_password(stored, password) or disabled:
            return None
        if needs_rehash(stored):
            self._run("UPDATE users SET password_hash = ? WHERE name = ?", (hash_password(password), n))
        return User(n, display, role, bool(disabled))

    # -- sessions ----------------------------------------------------------------------------
    def open_session(self, user: User, *, now: datetime | None = None) -> tuple[str, Session]:
        """A new session: (the cookie's token, the session with its CSRF token)."""
        now = now or datetime.now(UTC)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = now + timedelta(days=SESSION_DAYS)
        self._run("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
        self._run("INSERT INTO sessions (token_hash, user_name, csrf, created_at, expires_at)"
                  " VALUES (?, ?, ?, ?, ?)",
                  (_token_hash(token), user.name, csrf, now.isoformat(), expires.isoformat()))
        return token, Session(user, csrf, expires)

    def session(self, token: str, *, now: datetime | None = None) -> Session | None:
        if not token or len(token) > 200:
            return None
        rows = self._run("SELECT s.csrf, s.expires_at, u.name, u.display_name, u.role, u.disabled"
                         " FROM sessions s JOIN users u ON u.name = s.user_name"
                         " WHERE s.token_hash = ?", (_token_hash(token),))
        if not rows:
            return None
        csrf, expires, name, display, role, disabled = rows[0]
        expires_at = datetime.fromisoformat(str(expires))
        if disabled or expires_at < (now or datetime.now(UTC)):
            return None
        return Session(User(name, display, role), csrf, expires_at)

    def close_session(self, token: str) -> None:
        self._run("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))


_stores: dict[str, AccountStore] = {}
_stores_lock = threading.Lock()


def open_accounts(settings: Any) -> AccountStore:
    """The account store of these settings' database, one per process and database."""
    from search_api.tracking.editlog import SQLITE_FILENAME, is_postgres_url

    url = getattr(settings, "database_url", None)
    if is_postgres_url(url):
        where = str(url).replace("postgresql+psycopg://", "postgresql://")
    elif url and str(url).startswith("sqlite:///"):
        where = str(url)[len("sqlite:///"):]
    else:
        where = str(Path(settings.data_dir) / SQLITE_FILENAME)
    with _stores_lock:
        store = _stores.get(where)
        if store is None:
            store = (AccountStore.postgres(where) if is_postgres_url(url) else AccountStore.sqlite(where))
            _stores[where] = store
        return store
