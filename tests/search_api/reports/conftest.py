"""Fixtures for the report tests: the seed corpus in a data directory (once per session) and a
fresh edit log per test, with helpers to record edits at chosen instants.

Reports read the stored extractions and the edit log only, never the index, so one embedded
data directory serves every test; each test gets its own log so their edits never meet.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from search_api.context import Context
from search_api.pipeline import ensure_ready
from search_api.reports.snapshot import base_tasks
from search_api.tracking.editlog import PostgresEditLog, SqliteEditLog
from search_api.tracking.models import Change
from tests.conftest import free_port
from tests.search_api.conftest import index_seeds, make_settings

NUMBER_1804 = "1804/QĐ-BTP"  # its programme's tasks are due 2022-12-31


@dataclass
class Seeded:
    ctx: Context
    ids: dict[str, str]

    @property
    def store(self) -> Any:
        return self.ctx.store

    def tasks(self) -> list[dict[str, Any]]:
        return base_tasks(self.ctx.store)

    def tasks_of(self, number: str) -> list[dict[str, Any]]:
        return [t for t in self.tasks() if t.get("document_number") == number]


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    settings = make_settings(None, tmp_path_factory.mktemp("reports-data"), DIRECTIVES_INSTANCE_LOCK=False)
    ctx = Context.from_settings(settings)
    ensure_ready(ctx)
    ids = index_seeds(ctx)
    yield Seeded(ctx, ids)
    ctx.close()


@pytest.fixture
def log(tmp_path: Path) -> Iterator[SqliteEditLog]:
    edit_log = SqliteEditLog(tmp_path / "edit-log.sqlite3")
    yield edit_log
    edit_log.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    from tests.search_api.tracking.pg import postgres_cluster

    base = Path(tempfile.mkdtemp(prefix="directives-pg-reports-")) / "cluster"
    with postgres_cluster(base, free_port()) as url:
        yield url


_schemas = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_log(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty edit log on each backend; its DATABASE_URL is ``any_log.database_url``."""
    if request.param == "sqlite":
        edit_log: Any = SqliteEditLog(tmp_path / "edit-log.sqlite3")
        edit_log.database_url = f"sqlite:///{edit_log.path}"
    else:
        from tests.search_api.tracking.pg import fresh_schema_url

        url = fresh_schema_url(request.getfixturevalue("pg_url"), f"r{next(_schemas)}")
        edit_log = PostgresEditLog(url)
        edit_log.database_url = url
    yield edit_log
    edit_log.close()


def at(day: str, hour: int = 10) -> datetime:
    """An instant on ``day`` (local time, as people work), in UTC like the log stores it."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(hour=hour).astimezone().astimezone(UTC)


def record(log: SqliteEditLog, task_id: str, when: datetime, **fields: Any) -> None:
    """Append one edit of ``fields`` (old values are irrelevant to a replay)."""
    log.append(task_id, None, [Change(k, None, v) for k, v in fields.items()], actor="test", at=when)


Q4_2022_END = date(2022, 12, 31)


@dataclass
class Scenario:
    """Edits on tasks of 1804/QĐ-BTP (due 2022-12-31) and what the 2022-Q4 report must say."""

    ids: dict[str, str]  # role -> task id
    expected: dict[str, str]  # task id -> state in the 2022-Q4 report (the others: by deadline)
    excluded: set[str]  # done before the quarter: not in its report


def expected_state(task: dict[str, Any], scenario: Scenario, as_of: date = Q4_2022_END) -> str:
    """What the 2022-Q4 report must say of ``task``, written out independently of the code."""
    if task["id"] in scenario.expected:
        return scenario.expected[task["id"]]
    deadline = date.fromisoformat(task["deadline"]) if task.get("deadline") else None
    return "overdue" if deadline and deadline < as_of else "not_started"


def make_scenario(seeded: Seeded, log: SqliteEditLog) -> Scenario:
    tasks = [t for t in seeded.tasks_of(NUMBER_1804) if t.get("deadline") == "2022-12-31"]
    roles = ["on_time", "in_progress_then_late", "moved_deadline", "on_hold", "done_today", "done_before",
             "late"]
    ids = {role: tasks[i]["id"] for i, role in enumerate(roles)}
    record(log, ids["on_time"], at("2022-10-05"), status="in_progress")
    record(log, ids["on_time"], at("2022-12-20"), status="done", done_date="2022-12-20")
    record(log, ids["in_progress_then_late"], at("2022-11-01"), status="in_progress")
    record(log, ids["in_progress_then_late"], at("2023-01-10"), status="done", done_date="2023-01-10")
    record(log, ids["moved_deadline"], at("2022-11-15"), status="in_progress", deadline="2022-11-30")
    record(log, ids["on_hold"], at("2022-10-20"), status="on_hold")
    record(log, ids["done_before"], at("2022-09-30"), status="done", done_date="2022-09-30")
    record(log, ids["late"], at("2022-10-01"), deadline="2022-10-31")
    record(log, ids["late"], at("2022-11-10", 16), status="done", done_date="2022-11-10",
           evidence={"document_number": "45/BC-TCTHADS"})
    # Recorded today, back-dated: a report for 2022-Q4 must not see it.
    record(log, ids["done_today"], datetime.now(UTC), status="done", done_date="2022-12-15")
    expected = {ids["on_time"]: "done_on_time", ids["in_progress_then_late"]: "in_progress",
                ids["moved_deadline"]: "overdue", ids["on_hold"]: "on_hold",
                ids["done_today"]: "not_started", ids["late"]: "done_late"}
    return Scenario(ids, expected, {ids["done_before"]})
