"""Accounts and the register of units in PostgreSQL (``DATABASE_URL``), beside the edit log."""

from __future__ import annotations

import pytest

from search_api.accounts import AccountStore
from search_api.units.store import UnitStore
from tests.search_api.tracking.pg import fresh_schema_url

pytestmark = pytest.mark.postgres


def test_users_sessions_and_units_in_postgres(pg_url: str) -> None:
    store = AccountStore.postgres(fresh_schema_url(pg_url, "accounts0"))
    user = store.create_user("lan", "mat-khau-dai-du", role="administrator", display_name="Nguyễn Thị Lan")
    assert store.check_password("lan", "mat-khau-dai-du") == user
    token, session = store.open_session(user)
    assert store.session(token).csrf == session.csrf
    store.close_session(token)
    assert store.session(token) is None
    units = UnitStore(store)
    units.set_alias("cac bo", "các bộ", "Nguyễn Thị Lan")
    units.set_name("các bộ", "Các bộ", "Nguyễn Thị Lan")
    assert units.aliases() == {"cac bo": "các bộ"} and units.names() == {"các bộ": "Các bộ"}
