"""Fixtures for search_api tests: one indexed corpus per session on each search backend.

The corpus is the seed documents, parsed for real by ``ingest`` and extracted from their gold
files (``tests/search_api/gold.py``), so API assertions do not move with the extractor.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import ingest
from search_api.config import Settings
from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import commit, ensure_ready
from tests.conftest import GOLD, SEEDS, engine_url
from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata

TODAY = date(2024, 6, 1)
EDITOR_KEY = "test-editor-secret"
EDITOR = {"X-API-Key": EDITOR_KEY}


@dataclass
class Corpus:
    ctx: Context
    ids: dict[str, str]  # seed file name -> document id


def make_settings(es_url: str | None, data_dir: Path, prefix: str | None = None, **extra: object) -> Settings:
    """Settings for the Elasticsearch backend at ``es_url``, or the embedded one when None."""
    engine = {"ES_URL": es_url, "DIRECTIVES_ENGINE": "elasticsearch"} if es_url else {"DIRECTIVES_ENGINE": "embedded"}
    return Settings(**engine, DIRECTIVES_DATA_DIR=data_dir,
                    ES_INDEX_PREFIX=prefix or f"t{uuid.uuid4().hex[:8]}",
                    DIRECTIVES_API_KEYS=f"editor={EDITOR_KEY}:editor", **extra)


def index_seeds(ctx: Context) -> dict[str, str]:
    ids = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        gold = load_gold(GOLD, seed)
        doc = with_gold_metadata(ingest.parse(seed), gold)
        commit(ctx, doc, gold_extraction(doc, gold))
        ids[seed.name] = doc.id
    ctx.search.refresh()
    return ids


@pytest.fixture(scope="session")
def corpus(backend_kind: str, request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    settings = make_settings(engine_url(request, backend_kind), tmp_path_factory.mktemp("data"))
    ctx = Context.from_settings(settings)
    ctx.today = lambda: TODAY
    ensure_ready(ctx)
    ids = index_seeds(ctx)
    yield Corpus(ctx, ids)
    ctx.search.drop_all()
    ctx.close()


@pytest.fixture(scope="session")
def client(corpus: Corpus) -> Iterator[TestClient]:
    app = create_app(corpus.ctx.settings, context=corpus.ctx)
    with TestClient(app) as c:
        yield c
