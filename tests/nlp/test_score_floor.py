"""The reference scorer's floors, run in the suite so a regression fails CI.

Seeds: the five shared documents and their gold (the issue's floors). Dev set: other real
documents from other issuers and levels (corpus/dev, gold in tests/nlp/dev_gold), annotated
before any rule was tuned on them; floors a little under what the extractor reaches now, so a
rule that only helps the seeds and breaks other documents fails here.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import extract_files

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
# Seeds reach 1.000 on every metric; dev (33 documents: the 18 first ones and 119-133, annotated
# blind, corpus/dev/FIRST_SIGHT.md) reaches task 0.926, owner 0.916, deadline 0.950, numbered 0.971,
# named 0.844, metadata 0.992 (issue 12's owner round); floors sit 0.02-0.03 under. Task
# boundaries round (D5, 48 documents, 1338 gold tasks): task 0.905 -> 0.937, task floor 0.90 -> 0.91.
SEED_FLOORS = ["task_f1=0.97", "owner_accuracy=0.97", "deadline_accuracy=0.97", "ref_numbered_f1=0.97",
               "ref_named_f1=0.97", "metadata_accuracy=0.97"]
DEV_FLOORS = ["task_f1=0.91", "owner_accuracy=0.89", "deadline_accuracy=0.92", "ref_numbered_f1=0.95",
              "ref_named_f1=0.87", "metadata_accuracy=0.97"]


def _score(gold: Path, inputs: list[Path], out: Path, floors: list[str]) -> None:
    if not SCORER.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared scorer is missing at {SCORER}")
        pytest.skip("shared scorer not present")
    written, errors = extract_files(inputs, out)
    assert not errors
    assert written == len(list(gold.glob("*.json")))
    args = [sys.executable, str(SCORER), str(gold), str(out)]
    for floor in floors:
        args += ["--min", floor]
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_seed_scores_above_floor(tmp_path: Path) -> None:
    _score(SHARED / "gold", [SHARED / "corpus" / "seeds"], tmp_path, SEED_FLOORS)


def test_dev_set_scores_above_floor(tmp_path: Path) -> None:
    _score(ROOT / "tests" / "nlp" / "dev_gold", sorted((ROOT / "corpus" / "dev").glob("*.txt")), tmp_path,
           DEV_FLOORS)


# Test split: held-out real documents (corpus/test, gold in tests/nlp/test_gold), annotated before the
# extractor was run on them and never used to write rules; floors 0.03-0.05 under the baseline in
# corpus/test/BASELINE.md.
# Raised at the end of the session that built the resolver (measured then: task 0.882, owner
# 0.613, deadline 0.885, numbered 1.000, named 0.667, metadata 0.955; baseline before it in
# corpus/test/BASELINE.md): a regression on documents nobody tuned on fails CI. Raised again after
# issue 12's owner round (measured: task 0.900, owner 0.665, deadline 0.923, numbered 1.000, named
# 0.690, metadata 0.955).
TEST_FLOORS = ["task_f1=0.88", "owner_accuracy=0.63", "deadline_accuracy=0.90", "ref_numbered_f1=0.97",
               "ref_named_f1=0.66", "metadata_accuracy=0.93"]


def test_test_split_scores_above_floor(tmp_path: Path) -> None:
    _score(ROOT / "tests" / "nlp" / "test_gold", sorted((ROOT / "corpus" / "test").glob("*.txt")), tmp_path,
           TEST_FLOORS)
