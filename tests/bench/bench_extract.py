"""Extraction throughput beside pyvi segmentation alone over the same text (one core).

Run: .venv/bin/python tests/bench/bench_extract.py [FILES_OR_DIRS...]
Prints chars/s for pyvi alone, for ``nlp.extract`` alone (with the spaCy pipeline, documents
parsed beforehand) and for ``ingest.parse`` + ``nlp.extract``, with both ratios to pyvi
(target: nlp <= 2x pyvi).
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


def _best(fn, repeat: int) -> float:
    """Best CPU time of ``repeat`` runs (this process only: other jobs on the machine do not
    count, and the best run is the least disturbed by cache effects)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str]) -> None:
    repeat = 3
    paths = [Path(a) for a in argv] or [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "corpus"]
    held_out = ROOT / "corpus" / "test"  # the held-out test split is never run by default
    files = [p for path in paths for p in (sorted(path.rglob("*.txt")) if path.is_dir() else [path])
             if argv or held_out not in p.parents]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    pipeline = nlp.load_pipeline()
    ViTokenizer.tokenize("khởi động")  # load the model before timing
    docs = [ingest.parse(f) for f in files]
    nlp.extract(docs[0], pipeline)  # compile patterns, read data files

    pyvi = _best(lambda: [ViTokenizer.tokenize(t) for t in texts], repeat)
    only_nlp = _best(lambda: [nlp.extract(d, pipeline) for d in docs], repeat)
    full = _best(lambda: [nlp.extract(ingest.parse(f), pipeline) for f in files], repeat)
    print(f"{len(files)} files, {chars:,} chars (CPU time, best of {repeat})")
    print(f"pyvi segmentation alone: {chars / pyvi:>12,.0f} chars/s  {pyvi:.3f} s")
    print(f"nlp.extract only:        {chars / only_nlp:>12,.0f} chars/s  {only_nlp:.3f} s  ratio {only_nlp / pyvi:.2f}x (target <= 2x)")
    print(f"ingest.parse + nlp:      {chars / full:>12,.0f} chars/s  {full:.3f} s  ratio {full / pyvi:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
