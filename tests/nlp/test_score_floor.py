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
# Seeds reach 1.000 on every metric. Dev: 48 documents (1338 gold tasks: the first 18, 119-133 and
# 134-148, each batch annotated blind, corpus/dev/FIRST_SIGHT.md) reach task 0.947, owner 0.933,
# deadline 0.954, numbered 0.977, named 0.899, metadata 0.992 at the end of the 2026-12-07 round;
# floors sit 0.02-0.03 under.
SEED_FLOORS = ["task_f1=0.97", "owner_accuracy=0.97", "deadline_accuracy=0.97", "ref_numbered_f1=0.97",
               "ref_named_f1=0.97", "metadata_accuracy=0.97"]
# 2026-12-07 (second half): 14 documents added (149-162, annotated blind, first sight task 0.812,
# owner 0.551, deadline 0.372, named 0.642, metadata 0.848 at e2bbe48); the 62 reach task 0.934,
# owner 0.896, deadline 0.901, numbered 0.977, named 0.927, metadata 0.984; floors 0.02-0.03 under.
# 2026-12-07 (third round): 5 documents added blind (163, 168-171; first sight task 0.873, owner
# 0.806, named 0.667, metadata 0.875 at 68a36c4); the 67 reach task 0.933, owner 0.904, deadline
# 0.938, numbered 0.978, named 0.933, metadata 0.976; floors 0.01-0.02 under.
# 2026-12-07 (fourth round): 12 documents added blind (172-183; first sight task 0.855, owner 0.721,
# deadline 0.986, named 0.828, metadata 0.812 at 5b849fe: headerless and news copies pull metadata
# down); the 79 reach task 0.936, owner 0.910, deadline 0.949, numbered 0.980, named 0.925, metadata
# 0.951; floors 0.01-0.02 under.
# 2026-12-07 (fifth round): 8 documents added blind (184-191; first sight task 0.922, owner 0.839,
# deadline 0.989, named 0.696, metadata 0.688 at c6e0312); the 87 reach task 0.941, owner 0.910,
# deadline 0.958, numbered 0.982, named 0.924, metadata 0.976; floors 0.01-0.02 under.
DEV_FLOORS = ["task_f1=0.92", "owner_accuracy=0.89", "deadline_accuracy=0.94", "ref_numbered_f1=0.96",
              "ref_named_f1=0.90", "metadata_accuracy=0.95"]


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
# extractor was run on them and never used to write rules (corpus/test/BASELINE.md). 19 documents
# since 2026-12-07 (215-219 added, scored once at dc25e91: owner 0.834, deadline 0.667, named 0.182),
# so the floors are set on the larger set: at the end of that round task 0.907, owner 0.740,
# deadline 0.861, numbered 1.000, named 0.638, metadata 0.941; floors 0.02-0.03 under. (On the 14
# documents the earlier floors were set on: task 0.910, owner 0.672, deadline 0.926, named 0.702,
# metadata 0.964 — each above its earlier floor, none lowered on the same documents.)
# end of the 2026-12-07 second half (same 19): task 0.916, owner 0.755, deadline 0.917, numbered
# 1.000, named 0.639, metadata 0.941 (totals only, misses not read).
# end of the 2026-12-07 fourth round (same 19): task 0.915, owner 0.811, deadline 1.000, numbered
# 1.000, named 0.676, metadata 0.941 (totals only, misses not read).
# end of the 2026-12-07 fifth round (same 19): task 0.915, owner 0.811, deadline 1.000, numbered
# 1.000, named 0.676, metadata 0.947 (totals only, misses not read).
TEST_FLOORS = ["task_f1=0.90", "owner_accuracy=0.79", "deadline_accuracy=0.97", "ref_numbered_f1=0.97",
               "ref_named_f1=0.66", "metadata_accuracy=0.93"]


def test_test_split_scores_above_floor(tmp_path: Path) -> None:
    _score(ROOT / "tests" / "nlp" / "test_gold", sorted((ROOT / "corpus" / "test").glob("*.txt")), tmp_path,
           TEST_FLOORS)
