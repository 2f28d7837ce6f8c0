"""The append-only log of human edits: the source of truth for everything people record.

One row per committed edit (one version of one task) with the changed fields as JSON.
Two backends behind one interface:

* ``SqliteEditLog`` — a file in the data directory, WAL journal, ``synchronous=FULL``: an edit
  is acknowledged only once it is on disk. ``BEGIN IMMEDIATE`` serialises writers (also across
  processes sharing the file).
* ``PostgresEditLog`` — when ``DATABASE_URL`` names a PostgreSQL database (psycopg 3); several
  API processes can share it. A transaction-scoped advisory lock per task serialises writers and
  the primary key ``(task_id, version)`` makes it impossible for two edits to both win.

The expected version is always checked against this log inside the writing transaction, never
against the search index.

>>> log = SqliteEditLog(":memory:")
>>> log.append("t1", 0, [Change("status", "not_started", "in_progress")], actor="ann").version
1
>>> log.state("t1").status.value
'in_progress'
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from search_api.tracking.errors import EditLogUnavailable, VersionConflict
from search_api.tracking.models import Change, Edit, TaskState
from search_api.tracking.state import replay

SQLITE_FILENAME = "edit-log.sqlite3"
SEQ_COMMIT_MARGIN = 256  # PostgreSQL: in-flight transactions a sync may have to look back over


class EditLog(Protocol):
    """What the service, carry-over and reconciliation need from a log backend."""

    backend: str

    def append(self, task_id: str, expected_version: int | None, changes: Sequence[Change], *,
               actor: str, at: datetime | None = None, kind: str = "edit") -> Edit: ...
    def current_version(self, task_id: str) -> int: ...
    def edits(self, task_id: str) -> list[Edit]: ...
    def state(self, task_id: str) -> TaskState: ...
    def states(self, task_ids: Iterable[str]) -> dict[str, TaskState]: ...
    def all_states(self) -> Iterator[TaskState]: ...
    def max_seq(self) -> int: ...
    def task_ids_since(self, seq: int) -> list[str]: ...
    def close(self) -> None: ...


def _encode(changes: Sequence[Change]) -> str:
    return json.dumps([{"field": c.field, "old": c.old, "new": c.new} for c in changes],
                      ensure_ascii=False, sort_keys=True)


def _decode(raw: Any) -> tuple[Change, ...]:
    items = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return tuple(Change(i["field"], i.get("old"), i.get("new")) for i in items)


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _group_states(rows: Iterable[tuple[Any, ...]]) -> Iterator[TaskState]:
    """Rows ordered by (task_id, version) -> one state per task."""
    current: str | None = None
    bucket: list[Edit] = []
    for row in rows:
        edit = _row_to_edit(row)
        if current is not None and edit.task_id != current:
            yield replay(current, bucket)
            bucket = []
        current = edit.task_id
        bucket.append(edit)
    if current is not None:
        yield replay(current, bucket)


def _row_to_edit(row: tuple[Any, ...]) -> Edit:
    task_id, version, kind, actor, at, changes = row
    return Edit(task_id=task_id, version=int(version), actor=actor, at=_as_datetime(at),
                changes=_decode(changes), kind=kind)


_COLUMNS = "task_id, version, kind, actor, at, changes"


class _Base:
    """Reads both backends share; they differ in connections, locking and placeholders."""

    backend = "base"
    placeholder = "?"  # the driver's parameter marker

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:  # pragma: no cover
        raise NotImplementedError

    def state(self, task_id: str) -> TaskState:
        return replay(task_id, self.edits(task_id))

    def current_version(self, task_id: str) -> int:
        rows = self._query("SELECT COALESCE(MAX(version), 0) FROM task_edits WHERE task_id = "
                           + self.placeholder, (task_id,))
        return int(rows[0][0])

    def edits(self, task_id: str) -> list[Edit]:
        rows = self._query(f"SELECT {_COLUMNS} FROM task_edits WHERE task_id = {self.placeholder}"
                           " ORDER BY version", (task_id,))
        return [_row_to_edit(r) for r in rows]

    def all_states(self) -> Iterator[TaskState]:
        rows = self._query(f"SELECT {_COLUMNS} FROM task_edits ORDER BY task_id, version")
        yield from _group_states(rows)

    def max_seq(self) -> int:
        return int(self._query("SELECT COALESCE(MAX(seq), 0) FROM task_edits")[0][0])


class SqliteEditLog(_Base):
    """Edit log in one SQLite file (``":memory:"`` for doctests)."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                         timeout=30.0)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS task_edits ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " task_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,"
                " actor TEXT NOT NULL, at TEXT NOT NULL, changes TEXT NOT NULL,"
                " UNIQUE (task_id, version))"
            )
        except sqlite3.Error as exc:
            raise EditLogUnavailable(f"cannot open the edit log {self.path}: {exc}") from exc

    def append(self, task_id: str, expected_version: int | None, changes: Sequence[Change], *,
               actor: str, at: datetime | None = None, kind: str = "edit") -> Edit:
        at = at or datetime.now(UTC)
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    (current,) = conn.execute(
                        "SELECT COALESCE(MAX(version), 0) FROM task_edits WHERE task_id = ?",
                        (task_id,)).fetchone()
                    if expected_version is not None and current != expected_version:
                        raise VersionConflict(task_id, expected_version, current)
                    version = current + 1
                    conn.execute(
                        f"INSERT INTO task_edits ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                        (task_id, version, kind, actor, at.isoformat(), _encode(changes)))
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise EditLogUnavailable(f"edit log write failed ({self.path}): {exc}") from exc
        return Edit(task_id, version, actor, at, tuple(changes), kind)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise EditLogUnavailable(f"edit log read failed ({self.path}): {exc}") from exc

    def states(self, task_ids: Iterable[str]) -> dict[str, TaskState]:
        ids = list(dict.fromkeys(task_ids))
        out: dict[str, TaskState] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._query(f"SELECT {_COLUMNS} FROM task_edits WHERE task_id IN ({marks})"
                               " ORDER BY task_id, version", chunk)
            out.update((s.task_id, s) for s in _group_states(rows))
        return out

    def task_ids_since(self, seq: int) -> list[str]:
        # Writers are serialised (BEGIN IMMEDIATE), so seq order is commit order.
        rows = self._query("SELECT DISTINCT task_id FROM task_edits WHERE seq > ?", (seq,))
        return [r[0] for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresEditLog(_Base):
    """Edit log in PostgreSQL (psycopg 3), one connection per thread."""

    backend = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        try:
            import psycopg  # noqa: F401 - checked here so the error names the missing package
        except ImportError as exc:  # pragma: no cover - dependency is declared
            raise EditLogUnavailable("DATABASE_URL is PostgreSQL but psycopg is not installed") from exc
        self.url = url
        self._local = threading.local()
        self._all: list[Any] = []
        self._all_lock = threading.Lock()
        with self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS task_edits ("
                " seq BIGSERIAL PRIMARY KEY,"
                " task_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,"
                " actor TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, changes JSONB NOT NULL,"
                " UNIQUE (task_id, version))"
            )

    def _connect(self) -> Any:
        import psycopg

        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed:
            return _Borrowed(conn)
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise EditLogUnavailable(f"cannot connect to the edit log database: {exc}") from exc
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return _Borrowed(conn)

    def append(self, task_id: str, expected_version: int | None, changes: Sequence[Change], *,
               actor: str, at: datetime | None = None, kind: str = "edit") -> Edit:
        import psycopg

        at = at or datetime.now(UTC)
        try:
            with self._connect() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (task_id,))
                (current,) = conn.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM task_edits WHERE task_id = %s",
                    (task_id,)).fetchone()
                if expected_version is not None and current != expected_version:
                    raise VersionConflict(task_id, expected_version, current)
                version = current + 1
                conn.execute(
                    f"INSERT INTO task_edits ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s::jsonb)",
                    (task_id, version, kind, actor, at, _encode(changes)))
        except psycopg.errors.UniqueViolation as exc:
            raise VersionConflict(task_id, expected_version, self.current_version(task_id)) from exc
        except psycopg.Error as exc:
            raise EditLogUnavailable(f"edit log write failed: {exc}") from exc
        return Edit(task_id, version, actor, at, tuple(changes), kind)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            with self._connect() as conn:
                return conn.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise EditLogUnavailable(f"edit log read failed: {exc}") from exc

    def states(self, task_ids: Iterable[str]) -> dict[str, TaskState]:
        ids = list(dict.fromkeys(task_ids))
        if not ids:
            return {}
        rows = self._query(f"SELECT {_COLUMNS} FROM task_edits WHERE task_id = ANY(%s)"
                           " ORDER BY task_id, version", (ids,))
        return {s.task_id: s for s in _group_states(rows)}

    def task_ids_since(self, seq: int) -> list[str]:
        # Sequence values are taken before commit, so a concurrent transaction may commit a
        # lower seq after a higher one: look back a margin to be safe.
        rows = self._query("SELECT DISTINCT task_id FROM task_edits WHERE seq > %s",
                           (seq - SEQ_COMMIT_MARGIN,))
        return [r[0] for r in rows]

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                try:
                    conn.close()
                except Exception:  # noqa: BLE001 - closing best effort
                    pass
            self._all.clear()
        self._local = threading.local()


class _Borrowed:
    """Context manager yielding a thread's connection without closing it on exit."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> Any:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        if self.conn.broken:
            self.conn.close()


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).split(":", 1)[0] in {"postgres", "postgresql", "postgresql+psycopg"}


def open_edit_log(settings: Any) -> EditLog:
    """The edit log named by the settings: PostgreSQL when ``DATABASE_URL`` is one, else
    ``<data_dir>/edit-log.sqlite3``. ``DATABASE_URL=sqlite:///path`` picks an explicit file.
    """
    url = getattr(settings, "database_url", None)
    if is_postgres_url(url):
        return PostgresEditLog(str(url).replace("postgresql+psycopg://", "postgresql://"))
    if url and str(url).startswith("sqlite:///"):
        return SqliteEditLog(str(url)[len("sqlite:///"):])
    if url:
        raise EditLogUnavailable(
            f"DATABASE_URL must start with postgresql:// or sqlite:///, got {str(url).split(':', 1)[0]}:")
    return SqliteEditLog(Path(settings.data_dir) / SQLITE_FILENAME)
