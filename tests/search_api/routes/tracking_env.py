"""Shared setup for the tracking route tests: a fresh task index with sample tasks on the
local engine and settings pointing at it and at an edit log (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search_api.config import Settings
from tests.search_api.tracking import conftest as tracking_fixtures
from tests.search_api.tracking.apphelpers import (
    create_task_index,
    index_docs,
    make_settings,
    sample_docs,
    unique_prefix,
)

# The edit-log fixtures (both backends), shared with tests/search_api/tracking.
log_url = tracking_fixtures.log_url
pg_url = tracking_fixtures.pg_url


@dataclass
class Env:
    es: Elasticsearch
    settings: Settings
    prefix: str

    @property
    def alias(self) -> str:
        return f"{self.prefix}-tasks"


@pytest.fixture
def env(es_url: str, log_url: str, tmp_path: Path) -> Iterator[Env]:
    es = Elasticsearch(es_url, request_timeout=30)
    prefix = unique_prefix()
    create_task_index(es, prefix)
    index_docs(es, f"{prefix}-tasks", sample_docs())
    try:
        yield Env(es, make_settings(es_url, prefix, tmp_path / "data", log_url), prefix)
    finally:
        for index in list(es.indices.get(index=f"{prefix}-*")):
            es.indices.delete(index=index)
        es.close()
