"""Tables of our own beside the edit log, in the same database (SQLite file or PostgreSQL):
one connection, one lock, one transaction helper — for the trace-link decisions, reminders and
anything else that must be as durable as the log itself.

>>> class Notes(SidecarStore):
...     SCHEMA = ("CREATE TABLE IF NOT EXISTS notes (id {serial} PRIMARY KEY, text TEXT)",)
>>> store = Notes.for_log(ctx.edit_log)
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self


class SidecarStore:
    """Subclasses list their ``CREATE ... IF NOT EXISTS`` statements in ``SCHEMA`` (``{serial}``
    becomes the auto-increment type of the backend) or override :meth:`schema`."""

    SCHEMA: Sequence[str] = ()

    def __init__(self, conn: Any, backend: str) -> None:
        self._conn = conn
        self.backend = backend
        self._mark = "?" if backend == "sqlite" else "%s"
        self._lock = threading.Lock()
        with self._tx() as cur:
            for stmt in self.schema():
                cur.execute(stmt)

    def schema(self) -> Sequence[str]:
        serial = "INTEGER" if self.backend == "sqlite" else "BIGSERIAL"
        return [stmt.format(serial=serial) for stmt in self.SCHEMA]

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def sqlite(cls, path: str) -> Self:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return cls(conn, "sqlite")

    @classmethod
    def postgres(cls, url: str) -> Self:
        import psycopg

        return cls(psycopg.connect(url, autocommit=True, connect_timeout=10), "postgresql")

    @classmethod
    def for_log(cls, log: Any) -> Self:
        """The store in the same database as an open edit log."""
        if getattr(log, "backend", "") == "postgresql":
            return cls.postgres(log.url)
        return cls.sqlite(str(log.path))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- statements ---------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[Any]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self._lock:
            if self.backend == "sqlite":
                cur = self._conn.cursor()
                cur.execute("BEGIN IMMEDIATE")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
            else:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    yield cur

    def _q(self, sql: str) -> str:
        """``?`` placeholders in the backend's own style."""
        return sql.replace("?", self._mark)
