"""The administrator's changes to the register: aliases (merges) and names (renames), kept in
the edit log's database next to the users (tables ``unit_aliases``, ``unit_names``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from search_api.accounts.store import AccountStore, open_accounts

_DDL = (
    "CREATE TABLE IF NOT EXISTS unit_aliases (alias_key TEXT PRIMARY KEY, unit_key TEXT NOT NULL,"
    " actor TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS unit_names (unit_key TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " actor TEXT NOT NULL, at TEXT NOT NULL)",
)


class UnitStore:
    def __init__(self, db: AccountStore) -> None:
        self.db = db
        for ddl in _DDL:
            db.run(ddl)

    def aliases(self) -> dict[str, str]:
        return dict(self.db.run("SELECT alias_key, unit_key FROM unit_aliases"))

    def names(self) -> dict[str, str]:
        return dict(self.db.run("SELECT unit_key, name FROM unit_names"))

    def set_alias(self, alias: str, unit: str, actor: str) -> None:
        if alias == unit:
            self.db.run("DELETE FROM unit_aliases WHERE alias_key = ?", (alias,))
            return
        self.db.run("DELETE FROM unit_aliases WHERE alias_key = ?", (alias,))
        self.db.run("INSERT INTO unit_aliases (alias_key, unit_key, actor, at) VALUES (?, ?, ?, ?)",
                    (alias, unit, actor, datetime.now(UTC).isoformat()))
        # whatever pointed at the alias now points at the unit
        self.db.run("UPDATE unit_aliases SET unit_key = ? WHERE unit_key = ?", (unit, alias))

    def drop_alias(self, alias: str) -> None:
        self.db.run("DELETE FROM unit_aliases WHERE alias_key = ?", (alias,))

    def set_name(self, unit: str, name: str, actor: str) -> None:
        self.db.run("DELETE FROM unit_names WHERE unit_key = ?", (unit,))
        self.db.run("INSERT INTO unit_names (unit_key, name, actor, at) VALUES (?, ?, ?, ?)",
                    (unit, name, actor, datetime.now(UTC).isoformat()))


def open_units(settings: Any) -> UnitStore:
    return UnitStore(open_accounts(settings))
