"""Same ``ParsedDocument`` before and after a speed change, on every corpus document.

Run: .venv/bin/python tests/bench/check_parse_identity.py [--base REV] [--keep PATH ...] [--time N]

"Before" is the working tree with the ``ingest/`` files that changed since ``--base`` (default
``HEAD``) taken back from ``--base``, except the ``--keep`` ones (default: the files another
engineer is changing at the same time, ``sections.py``, ``zones.py``, ``tables.py``,
``model.py``): so a behaviour change someone else is making in the work tree is on both sides
and only the speed change is compared. "After" is the working tree as it is. Every document of
the seeds, ``corpus/``, ``corpus/dev`` and ``corpus/test`` (every readable format) is parsed
on both sides in child processes and the whole ``ParsedDocument`` (text, metadata, zones,
sections with offsets, tables, source) compared as JSON (one ``.txt`` per distinct content).
``--time N`` also prints each side's CPU time to parse the distinct ``.txt`` documents, best of
N, both measured in the same run. Exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "corpus", ROOT / "corpus" / "dev", ROOT / "corpus" / "test"]
SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html", ".htm"}
KEEP = ["ingest/sections.py", "ingest/zones.py", "ingest/tables.py", "ingest/model.py"]

_CHILD = """
import json, sys, time
from pathlib import Path
import ingest
names, repeat = json.loads(sys.stdin.read())
out = {}
for name in names:
    try:
        out[name] = json.loads(ingest.parse(Path(name)).model_dump_json())
    except Exception as exc:  # an error is an output too
        out[name] = f"{type(exc).__name__}: {exc}"
texts = [Path(n) for n in names if n.endswith(".txt")]
best = None
for _ in range(repeat):
    t0 = time.process_time()
    for f in texts:
        ingest.parse(f)
    spent = time.process_time() - t0
    best = spent if best is None else min(best, spent)
json.dump({"documents": out, "cpu": best}, sys.stdout, ensure_ascii=False)
"""


def corpus_files() -> list[Path]:
    """Every readable document of the corpus folders (their own files, sorted)."""
    return [p for s in SOURCES if s.is_dir() for p in sorted(s.iterdir()) if p.suffix.lower() in SUFFIXES]


def parse_all(code_root: Path, files: list[Path], repeat: int = 0) -> tuple[dict, float | None]:
    """``{path: ParsedDocument as JSON}`` with ``ingest`` imported from ``code_root``, and the
    best CPU time of ``repeat`` parses of the ``.txt`` files (``None`` with no repeat)."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD], input=json.dumps([[str(f) for f in files], repeat]), capture_output=True,
        text=True, cwd=code_root, env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"}, check=True,
    )
    out = json.loads(proc.stdout)
    return out["documents"], out["cpu"]


def changed_files(base: str, keep: list[str]) -> list[str]:
    """The ``ingest/`` files that differ between ``base`` and the work tree, minus ``keep``."""
    out = subprocess.run(["git", "diff", "--name-only", base, "--", "ingest/"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return [f for f in out if f not in keep and f.endswith(".py")]


def before_tree(base: str, paths: list[str], dest: Path) -> Path:
    """A copy of the work tree's ``ingest/`` with ``paths`` as they were at ``base``."""
    shutil.copytree(ROOT / "ingest", dest / "ingest", ignore=shutil.ignore_patterns("__pycache__"))
    for rel in paths:
        shown = subprocess.run(["git", "show", f"{base}:{rel}"], cwd=ROOT, capture_output=True, check=False)
        target = dest / rel
        if shown.returncode == 0:
            target.write_bytes(shown.stdout)
        else:  # a file new since base
            target.unlink(missing_ok=True)
    return dest


def first_difference(a: object, b: object, where: str = "") -> str | None:
    """Where two JSON values first differ (``None`` when equal).

    >>> first_difference({"x": [1, 2]}, {"x": [1, 3]})
    '/x/1: 2 != 3'
    >>> first_difference({"x": 1}, {"x": 1}) is None
    True
    """
    if type(a) is not type(b):
        return f"{where}: {a!r:.80} != {b!r:.80}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}/{k}: only on one side"
            d = first_difference(a[k], b[k], f"{where}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_difference(x, y, f"{where}/{i}")
            if d:
                return d
        return None if len(a) == len(b) else f"{where}: {len(a)} != {len(b)} items"
    return None if a == b else f"{where}: {a!r:.80} != {b!r:.80}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD")
    parser.add_argument("--keep", nargs="*", default=KEEP)
    parser.add_argument("--time", type=int, default=0, metavar="N",
                        help="also print each side's CPU time to parse the distinct .txt documents, best of N")
    args = parser.parse_args(argv)
    files = corpus_files()
    texts = {f.read_bytes(): f for f in reversed(files) if f.suffix == ".txt"}  # one file per content
    files = [f for f in files if f.suffix != ".txt" or texts.get(f.read_bytes()) == f]
    swapped = changed_files(args.base, args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        before, before_cpu = parse_all(before_tree(args.base, swapped, Path(tmp)), files, args.time)
    after, after_cpu = parse_all(ROOT, files, args.time)
    bad = 0
    for name in before:
        d = first_difference(before[name], after.get(name))
        if d:
            bad += 1
            print(f"DIFFERENT {Path(name).relative_to(ROOT.parent)}: {d}")
    print(f"{len(files)} documents, {bad} different; before = work tree with {swapped or 'nothing'} from {args.base}")
    if before_cpu is not None and after_cpu is not None:
        print(f"parse of the {len(texts)} distinct .txt documents, CPU best of {args.time}: "
              f"before {before_cpu:.3f} s, after {after_cpu:.3f} s ({after_cpu / before_cpu:.2f}x)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
