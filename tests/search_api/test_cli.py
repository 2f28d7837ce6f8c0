"""The root CLI, run as a user would (a subprocess with the environment set)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from search_api.cli import app, engine_for
from search_api.config import Settings
from tests.conftest import ROOT, SEEDS


@pytest.mark.parametrize("command", ["parse", "ingest", "serve", "run", "reindex", "engine", "extract", "eval", "debug"])
def test_commands_are_mounted(command: str) -> None:
    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert command in names


def test_es_url_starts_nothing(tmp_path: Path) -> None:
    settings = Settings(ES_URL="http://127.0.0.1:1", DIRECTIVES_DATA_DIR=tmp_path)
    with engine_for(settings, quiet=True) as url:
        assert url == "http://127.0.0.1:1"
    assert not (tmp_path / "engine").exists()


@pytest.mark.integration
def test_ingest_twice_is_idempotent(es_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "ES_URL": es_url, "DIRECTIVES_DATA_DIR": str(tmp_path),
           "ES_INDEX_PREFIX": f"cli{uuid.uuid4().hex[:6]}"}
    bad = tmp_path / "in" / "bad.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "in" / "ok.txt").write_text((SEEDS / "003_bb165a48bff84d49.txt").read_text(encoding="utf-8"))
    cmd = [sys.executable, "-m", "search_api.cli", "ingest", str(tmp_path / "in")]
    first = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "2 file(s): 1 new, 0 replaced, 0 unchanged, 1 failed" in first.stdout, first.stdout + first.stderr
    assert "bad.pdf" in first.stderr and "Traceback" not in first.stderr
    second = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "0 new, 0 replaced, 1 unchanged, 1 failed" in second.stdout, second.stdout + second.stderr
