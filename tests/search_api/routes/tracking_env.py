"""Shared setup for the tracking route tests: sample tasks in a fresh task collection on each
search backend, and settings pointing at it and at an edit log (both edit-log backends)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from search_api.config import Settings
from search_api.search.factory import open_backend
from tests.conftest import engine_url
from tests.search_api.tracking import conftest as tracking_fixtures
from tests.search_api.tracking.apphelpers import index_tasks, make_settings, sample_docs, unique_prefix

# The edit-log fixtures (both backends), shared with tests/search_api/tracking.
log_url = tracking_fixtures.log_url
pg_url = tracking_fixtures.pg_url


@dataclass
class Env:
    settings: Settings
    kind: str  # embedded | elasticsearch


@pytest.fixture(params=["embedded", "elasticsearch"])
def env(request: pytest.FixtureRequest, log_url: str, tmp_path: Path) -> Iterator[Env]:
    settings = make_settings(engine_url(request, request.param), unique_prefix(), tmp_path / "data", log_url)
    backend = open_backend(settings)
    backend.setup()
    index_tasks(backend, sample_docs())
    backend.close()  # the app opens its own
    try:
        yield Env(settings, request.param)
    finally:
        backend = open_backend(settings)
        backend.drop_all()
        backend.close()
