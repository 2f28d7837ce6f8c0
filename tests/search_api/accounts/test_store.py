"""Accounts: argon2id hashes, names, roles, sessions (hashed tokens, expiry), the CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search_api.accounts import AccountError, AccountStore, open_accounts
from search_api.accounts.store import SESSION_DAYS
from search_api.config import Settings

PASSWORD = "mot-mat-khau-dai"


@pytest.fixture
def store() -> AccountStore:
    return AccountStore.sqlite(":memory:")


def test_passwords_are_argon2id_hashes_never_the_password(store: AccountStore) -> None:
    store.create_user("Lan", PASSWORD, role="editor", display_name="Nguyễn  Thị Lan")
    (stored,) = store.run("SELECT password_hash FROM users WHERE name = 'lan'")[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    user = store.check_password("LAN", PASSWORD)
    assert user is not None and (user.name, user.display_name, user.actor) == ("lan", "Nguyễn Thị Lan", "Nguyễn Thị Lan")
    assert store.check_password("lan", PASSWORD + "x") is None
    assert store.check_password("nobody", PASSWORD) is None


# fmt: off
@pytest.mark.parametrize(("name", "password", "role", "needle"), [
    ("", PASSWORD, "editor", "Tên đăng nhập"),
    ("co dau cach", PASSWORD, "editor", "khoảng trắng"),
    ("lan", "ngan", "editor", "ít nhất 8"),
    ("lan", PASSWORD, "admin", "Vai trò"),
])
# fmt: on
def test_refusals_are_vietnamese(store: AccountStore, name: str, password: str, role: str, needle: str) -> None:
    with pytest.raises(AccountError, match=needle):
        store.create_user(name, password, role=role)


def test_a_name_is_taken_once(store: AccountStore) -> None:
    store.create_user("lan", PASSWORD)
    with pytest.raises(AccountError, match="đã tồn tại"):
        store.create_user("LAN", PASSWORD)


def test_sessions_store_only_a_hash_expire_and_close(store: AccountStore) -> None:
    user = store.create_user("lan", PASSWORD, role="administrator")
    token, session = store.open_session(user)
    assert session.user.is_admin and session.csrf and session.csrf != token
    assert all(token not in str(row) for row in store.run("SELECT * FROM sessions"))
    assert store.session(token).user.name == "lan"
    assert store.session("forged") is None
    later = datetime.now(UTC) + timedelta(days=SESSION_DAYS + 1)
    assert store.session(token, now=later) is None
    store.close_session(token)
    assert store.session(token) is None


def test_role_change_applies_to_open_sessions(store: AccountStore) -> None:
    user = store.create_user("lan", PASSWORD, role="editor")
    token, _ = store.open_session(user)
    store.set_role("lan", "reader")
    assert store.session(token).user.role == "reader"


def test_cli_creates_the_first_administrator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from search_api.cli import app
    from search_api.config import get_settings

    monkeypatch.setenv("DIRECTIVES_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["user", "create", "--admin", "quantri", "--random-password"])
        assert result.exit_code == 0, result.output
        assert "administrator" in result.output and "Mật khẩu (chỉ hiện một lần):" in result.output
        password = result.output.rsplit(":", 1)[1].strip()
        store = open_accounts(Settings(DIRECTIVES_DATA_DIR=tmp_path / "data"))
        assert store.check_password("quantri", password).is_admin
        again = CliRunner().invoke(app, ["user", "create", "quantri", "--password", PASSWORD])
        assert again.exit_code == 1 and "đã tồn tại" in again.output
    finally:
        get_settings.cache_clear()
