"""The ``extract`` command's throughput beside pyvi segmentation alone over the same texts (one core).

Run: .venv/bin/python tests/bench/bench_extract.py [--repeat N] [FILES_OR_DIRS...]

By default every document we hold: the seeds, ``corpus/*.txt``, ``corpus/dev`` and the
held-out ``corpus/test`` (a throughput benchmark tunes nothing on their answers), de-duplicated
by content (the seeds are byte copies in ``corpus/``). Issue 12's target: the whole ``extract``
command per character <= 1.8x pyvi over >= 40 distinct documents. The judged figure is the
command's own path (:func:`nlp.cli.extract_files`: read and parse each file, extract, write its
JSON into a temporary folder); beside it, for where the time goes: ``ingest.parse`` alone,
``nlp.extract`` alone (documents parsed beforehand) and parse + extract without the JSON. With
fewer documents the script says the target cannot be judged. CPU time of this process (other
jobs on the machine do not count), best of N, pyvi and the extraction measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from pyvi import ViTokenizer  # noqa: E402

import ingest  # noqa: E402
import nlp  # noqa: E402
from nlp.cli import extract_files  # noqa: E402

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
    return best_cpu_each({"fn": fn}, repeat)["fn"]


def best_cpu_each(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """:func:`best_cpu` of each of ``fns``, run in turn ``repeat`` times (a slow spell of the
    machine falls on all of them, not on the one measured then).

    >>> sorted(best_cpu_each({"a": lambda: None, "b": lambda: None}, 2))
    ['a', 'b']
    """
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.process_time()
            fn()
            spent = time.process_time() - t0
            best[name] = min(best.get(name, spent), spent)
    return best


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

    with tempfile.TemporaryDirectory() as out:
        written, errors = extract_files(files, Path(out))  # warm, and every file must go through
        if errors or written != len(files):
            sys.exit("the extract command failed on: " + "; ".join(errors))
        times = best_cpu_each({
            "command": lambda: extract_files(files, Path(out)),
            "pyvi": lambda: [ViTokenizer.tokenize(t) for t in texts],
            "parse": lambda: [ingest.parse(f) for f in files],
            "nlp": lambda: [nlp.extract(d, pipeline) for d in docs],
            "both": lambda: [nlp.extract(ingest.parse(f), pipeline) for f in files],
        }, args.repeat)
    command, pyvi, only_parse, only_nlp, both = (times[k] for k in ("command", "pyvi", "parse", "nlp", "both"))
    ratio = command / pyvi
    print(f"{len(files)} distinct documents, {chars:,} chars (CPU time, best of {args.repeat})")

    def row(label: str, seconds: float) -> str:
        return (f"{label:<34}{chars / seconds:>10,.0f} chars/s  {seconds:.3f} s  "
                f"{seconds / pyvi:.2f}x pyvi, pyvi/this {pyvi / seconds:.2f}")

    print(f"{'pyvi segmentation alone:':<34}{chars / pyvi:>10,.0f} chars/s  {pyvi:.3f} s")
    print(row("  ingest.parse only:", only_parse))
    print(row("  nlp.extract only:", only_nlp))
    print(row("  ingest.parse + nlp.extract:", both))
    print(row("extract command (JUDGED):", command))
    print(f"issue 12 (the extract command <= {TARGET_RATIO}x pyvi over >= {MIN_DOCUMENTS} documents): "
          f"{ratio:.2f}x, {verdict(ratio, len(files))}")

if __name__ == "__main__":
    main(sys.argv[1:])
