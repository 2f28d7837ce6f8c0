"""Fixtures for tracking tests: a PostgreSQL cluster per session and a ``log_url`` fixture
parametrized over both edit-log backends (SQLite file, PostgreSQL schema)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.search_api.tracking.pg import fresh_schema_url, postgres_cluster

_schemas = itertools.count()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    # Not under pytest's tmp dir: that one is private to the test user, and the cluster runs
    # as the postgres user when the tests run as root.
    base = Path(tempfile.mkdtemp(prefix="directives-pg-")) / "cluster"
    with postgres_cluster(base, free_port()) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def log_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A DATABASE_URL for an empty edit log on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'edit-log.sqlite3'}"
    url = request.getfixturevalue("pg_url")
    return fresh_schema_url(url, f"t{next(_schemas)}")
