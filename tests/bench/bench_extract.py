"""Extraction throughput beside pyvi segmentation alone over the same texts (one core).

Run: .venv/bin/python tests/bench/bench_extract.py [--repeat N] [FILES_OR_DIRS...]

By default every document we hold: the seeds, ``corpus/*.txt``, ``corpus/dev`` and the
held-out ``corpus/test`` (a throughput benchmark tunes nothing on their answers), de-duplicated
by content (the seeds are byte copies in ``corpus/``). Prints chars/s for pyvi segmentation
alone, for ``nlp.extract`` alone (with the spaCy pipeline, documents parsed beforehand) and for
``ingest.parse`` + ``nlp.extract``, with the ratios to pyvi both ways. Issue 12's target: the
``extract`` command per character <= 1.8x pyvi over >= 40 distinct documents; with fewer the
script says the target cannot be judged. CPU time of this process (other jobs on the machine
do not count), best of N, pyvi and the extraction measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from pyvi import ViTokenizer  # noqa: E402

import ingest  # noqa: E402
import nlp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "corpus", ROOT / "corpus" / "dev",
                   ROOT / "corpus" / "test"]
TARGET_RATIO = 1.8
MIN_DOCUMENTS = 40


def collect(sources: list[Path]) -> list[Path]:
    """The ``.txt`` files of ``sources`` (a directory's own files, not its sub-directories),
    the first of each distinct content kept.

    >>> collect([]) == []
    True
    """
    seen: set[str] = set()
    out: list[Path] = []
    for source in sources:
        files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
        for f in files:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                out.append(f)
    return out


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` runs (this process only, the least disturbed run)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def verdict(ratio: float, documents: int) -> str:
    """What the figure says about issue 12's target.

    >>> verdict(1.5, 39)
    'target not judged: 39 documents < 40'
    >>> verdict(1.5, 40), verdict(1.9, 40)
    ('target met (<= 1.8x)', 'target NOT met (> 1.8x)')
    """
    if documents < MIN_DOCUMENTS:
        return f"target not judged: {documents} documents < {MIN_DOCUMENTS}"
    return f"target met (<= {TARGET_RATIO}x)" if ratio <= TARGET_RATIO else f"target NOT met (> {TARGET_RATIO}x)"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("sources", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = collect(args.sources or DEFAULT_SOURCES)
    if not files:
        sys.exit("no .txt documents found")
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    pipeline = nlp.load_pipeline()
    ViTokenizer.tokenize("khởi động")  # load the model before timing
    docs = [ingest.parse(f) for f in files]
    nlp.extract(docs[0], pipeline)  # compile patterns, read data files

    pyvi = best_cpu(lambda: [ViTokenizer.tokenize(t) for t in texts], args.repeat)
    only_nlp = best_cpu(lambda: [nlp.extract(d, pipeline) for d in docs], args.repeat)
    full = best_cpu(lambda: [nlp.extract(ingest.parse(f), pipeline) for f in files], args.repeat)
    ratio = only_nlp / pyvi
    print(f"{len(files)} distinct documents, {chars:,} chars (CPU time, best of {args.repeat})")
    print(f"pyvi segmentation alone: {chars / pyvi:>10,.0f} chars/s  {pyvi:.3f} s")
    print(f"nlp.extract only:        {chars / only_nlp:>10,.0f} chars/s  {only_nlp:.3f} s  "
          f"nlp/pyvi {ratio:.2f}x, pyvi/nlp {pyvi / only_nlp:.2f}")
    print(f"ingest.parse + nlp:      {chars / full:>10,.0f} chars/s  {full:.3f} s  "
          f"(parse+nlp)/pyvi {full / pyvi:.2f}x, pyvi/(parse+nlp) {pyvi / full:.2f}")
    print(f"issue 12 (extract <= {TARGET_RATIO}x pyvi over >= {MIN_DOCUMENTS} documents): {verdict(ratio, len(files))}")


if __name__ == "__main__":
    main(sys.argv[1:])
