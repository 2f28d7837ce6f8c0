"""Extraction throughput beside pyvi segmentation alone over the same text (one core).

Run: .venv/bin/python tests/bench/bench_extract.py [FILES_OR_DIRS...]
Prints chars/s for pyvi alone, for the whole extraction (ingest.parse + nlp.extract with the
spaCy pipeline), and their ratio (target <= 2x).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from pyvi import ViTokenizer  # noqa: E402

import ingest  # noqa: E402
import nlp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "corpus"]
    files = [p for path in paths for p in (sorted(path.rglob("*.txt")) if path.is_dir() else [path])]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    pipeline = nlp.load_pipeline()
    ViTokenizer.tokenize("khởi động")  # load the model before timing
    t0 = time.perf_counter()
    for text in texts:
        ViTokenizer.tokenize(text)
    pyvi = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        nlp.extract(ingest.parse(f), pipeline)
    full = time.perf_counter() - t0
    print(f"{len(files)} files, {chars} chars")
    print(f"pyvi segmentation alone: {chars / pyvi:,.0f} chars/s")
    print(f"full extraction:         {chars / full:,.0f} chars/s")
    print(f"ratio: {full / pyvi:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main(sys.argv[1:])
