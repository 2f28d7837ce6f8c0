"""Header metadata against the gold, through the shared scorer (floor 0.95 on the seeds)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GOLD, SEEDS, parsed

SCORER = GOLD.parent / "tools" / "score.py"
FIELDS = ("doc_type", "number", "issuer", "issued_date", "place", "title", "signer", "signer_title")


def test_seed_metadata_floor(tmp_path: Path) -> None:
    golds = sorted(GOLD.glob("*.json"))
    if not golds or not SCORER.exists():
        pytest.skip("gold or scorer not available")
    for g in golds:
        name = json.loads(g.read_text(encoding="utf-8"))["doc"]
        meta = parsed(SEEDS / name).metadata.model_dump()
        out = {"doc": name, "metadata": {f: meta[f] for f in FIELDS}}
        (tmp_path / g.name).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(tmp_path), "--min", "metadata_accuracy=0.95"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
