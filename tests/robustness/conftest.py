"""Shared helpers for the robustness tests: corpus files, byte mutators, legacy encoders, the
"result or clear IngestError" check, and an API wired to the local engine with a small corpus.

Set ``ROBUSTNESS_FULL=1`` to run the slow cases at full size (10 MB inputs, more examples).
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

import ingest
from ingest.encoding import legacy_table
from ingest.errors import IngestError
from search_api.config import Settings
from search_api.context import Context
from search_api.limits import ConcurrencyLimit
from search_api.main import create_app
from search_api.pipeline import commit, ensure_ready
from tests.conftest import CORPUS, GOLD, SEEDS

FULL = os.environ.get("ROBUSTNESS_FULL") == "1"
EDITOR_KEY = "robust-editor-key"
READER_KEY = "robust-reader-key"
EDITOR = {"X-API-Key": EDITOR_KEY}

CORPUS_FILES = sorted(p for p in CORPUS.glob("*") if p.suffix in {".txt", ".pdf", ".docx"})
SMALL_PDF = min((p for p in CORPUS_FILES if p.suffix == ".pdf"), key=lambda p: p.stat().st_size)
SMALL_DOCX = min((p for p in CORPUS_FILES if p.suffix == ".docx"), key=lambda p: p.stat().st_size)
_BYTES: dict[Path, bytes] = {}

# One error line: "<file>: [Ixxx] <reason>".
ERROR_LINE = re.compile(r"^(?P<file>[^\n]+?): \[I\d{3}\] (?P<reason>\S[^\n]*)$")


def fuzz_settings(examples: int, deadline_s: float = 5.0) -> settings:
    """Bounded hypothesis settings: a per-example deadline, no slow-data health checks."""
    return settings(
        max_examples=examples * (4 if FULL else 1),
        deadline=deadline_s * 1000,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
        print_blob=True,
    )


def corpus_bytes(path: Path) -> bytes:
    if path not in _BYTES:
        _BYTES[path] = path.read_bytes()
    return _BYTES[path]


@dataclass(slots=True)
class Outcome:
    result: Any | None
    error: IngestError | None
    seconds: float


def outcome_of(fn: Callable[[], Any], name: str, *, bound_s: float) -> Outcome:
    """Run ``fn``: it must return, or raise an ``IngestError`` whose one-line message names
    ``name`` and gives a coded reason, within ``bound_s`` seconds. Anything else fails."""
    start = time.perf_counter()
    try:
        result, error = fn(), None
    except IngestError as exc:
        result, error = None, exc
    took = time.perf_counter() - start
    assert took <= bound_s, f"{name}: took {took:.1f}s (bound {bound_s}s)"
    if error is not None:
        message = str(error)
        m = ERROR_LINE.match(message)
        assert m, f"not a one-line coded error: {message!r}"
        assert m["file"] == name, f"error names {m['file']!r}, expected {name!r}"
        assert "Traceback" not in message
    return Outcome(result, error, took)


# --- byte mutators ---------------------------------------------------------------------------


def truncate(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def flip(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    """Overwrite bytes at positions (taken modulo the length) with the given values."""
    buf = bytearray(data)
    for pos, value in edits:
        if buf:
            buf[pos % len(buf)] = value
    return bytes(buf)


def splice(data: bytes, at: int, junk: bytes) -> bytes:
    at = at % (len(data) + 1)
    return data[:at] + junk + data[at:]


# --- legacy encoders (inverse of ingest's decoding tables) -----------------------------------

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def encode_vni(text: str) -> bytes:
    inverse = {v: k for k, v in legacy_table("vni").items()}
    return "".join(inverse.get(c, c) for c in text).encode("cp1252")


def encode_tcvn3(text: str) -> bytes:
    inverse = {v: k for k, v in legacy_table("tcvn3").items()}
    return "".join(inverse.get(c, c) for c in text).encode("latin-1")


def encode_cp1258(text: str) -> bytes:
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", d.translate(_TONES))
            tones = "".join(c for c in d if ord(c) in _TONES)
            out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)


# --- an API on the local engine with a small corpus ------------------------------------------


@dataclass
class RobustApi:
    ctx: Context
    app: FastAPI
    client: TestClient
    doc_ids: list[str]
    task_ids: list[str]


def robust_settings(es_url: str, data_dir: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "ES_URL": es_url, "DIRECTIVES_DATA_DIR": data_dir,
        "ES_INDEX_PREFIX": f"rb{uuid.uuid4().hex[:8]}",
        "DIRECTIVES_API_KEYS": f"{EDITOR_KEY}:editor,{READER_KEY}:reader",
        "ES_TIMEOUT": 10.0,
    }
    values.update(extra)
    return Settings(**values)


def index_seed_corpus(ctx: Context) -> list[str]:
    """The seed documents, parsed for real and extracted from their gold files."""
    from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata

    ids = []
    for seed in sorted(SEEDS.glob("*.txt")):
        gold = load_gold(GOLD, seed)
        doc = with_gold_metadata(ingest.parse(seed), gold)
        commit(ctx, doc, gold_extraction(doc, gold))
        ids.append(doc.id)
    ctx.search.refresh()
    return ids


def limited(app: FastAPI, settings: Settings) -> FastAPI:
    """``app`` with the load-shedding middleware (unless create_app already added it)."""
    if not any(m.cls is ConcurrencyLimit for m in app.user_middleware):
        app.add_middleware(ConcurrencyLimit, max_concurrent=settings.concurrency_limit,
                           max_wait=settings.max_queue_wait_seconds)
    return app


@pytest.fixture(scope="session")
def robust_api(es_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RobustApi]:
    settings = robust_settings(es_url, tmp_path_factory.mktemp("robust-data"))
    ctx = Context.from_settings(settings)
    ensure_ready(ctx)
    doc_ids = index_seed_corpus(ctx)
    resp = ctx.search.es.search(index=ctx.search.aliases.tasks, query={"match_all": {}}, size=1000, source=["id"])
    task_ids = sorted(h["_source"]["id"] for h in resp["hits"]["hits"])
    app = limited(create_app(settings, context=ctx), settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield RobustApi(ctx, app, client, doc_ids, task_ids)
    ctx.search.drop_all()
    ctx.close()
