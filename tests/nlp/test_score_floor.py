import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import extract_files

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = ["task_f1=0.90", "owner_accuracy=0.85", "deadline_accuracy=0.90", "ref_numbered_f1=0.97",
          "ref_named_f1=0.85", "metadata_accuracy=0.95"]


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="shared scorer not present")
def test_seed_scores_above_floor(tmp_path):
    written, errors = extract_files([SHARED / "corpus" / "seeds"], tmp_path)
    assert not errors and written == 5
    args = [sys.executable, str(SHARED / "tools" / "score.py"), str(SHARED / "gold"), str(tmp_path)]
    for floor in FLOORS:
        args += ["--min", floor]
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
