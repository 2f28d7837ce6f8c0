"""Many files: walk folders, run a function on each, collect successes and failures.

One bad file never stops a batch: its ``IngestError`` message (or "internal error: ...") is
recorded and the rest goes on.

>>> report = run_batch([Path("a.txt")], lambda p: p.name, progress=False)
>>> report.ok
[(PosixPath('a.txt'), 'a.txt')]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ingest.errors import IngestError
from ingest.filetype import supported_extensions

T = TypeVar("T")

_TEMP_PREFIXES = ("~$", ".~lock", "~")
_TEMP_SUFFIXES = ("~", ".tmp", ".part", ".swp")


@dataclass(slots=True)
class BatchReport(Generic[T]):
    ok: list[tuple[Path, T]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.ok) + len(self.failed)


def _is_skipped(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name.startswith(_TEMP_PREFIXES) or name.endswith(_TEMP_SUFFIXES)


#: Suffixes a folder walk leaves out (notes, READMEs); still read when named explicitly.
FOLDER_SKIPPED_SUFFIXES: tuple[str, ...] = (".md",)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: given files as they are, folders walked for supported extensions.

    Hidden and temporary files (``.x``, ``~$x.docx``, ``x~``) inside folders are skipped, and
    so are Markdown files: in a corpus folder they are notes and READMEs, not documents. The
    result is sorted and free of duplicates. A file named explicitly is always kept (an ``.md``
    too; a bad one gets a clear error later).
    """
    exts = set(supported_extensions()) - set(FOLDER_SKIPPED_SUFFIXES)
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    child = Path(root) / name
                    if child.suffix.lower() in exts and not _is_skipped(child):
                        found.add(child.resolve())
        else:
            found.add(path.resolve() if path.exists() else path)
    return sorted(found)


#: When a folder holds one document in several formats, the one read most faithfully wins.
FORMAT_PREFERENCE: tuple[str, ...] = (".txt", ".md", ".docx", ".odt", ".doc", ".rtf", ".html", ".htm", ".pdf")


def one_format_per_document(files: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Keep one file per document when the same name sits beside itself in several formats.

    ``a.txt``, ``a.docx`` and ``a.pdf`` in one folder are the same document: ingesting all three
    would index it three times. Returns ``(kept, skipped)``; the kept file is the first of
    :data:`FORMAT_PREFERENCE`.

    >>> one_format_per_document([Path("x/a.pdf"), Path("x/a.txt"), Path("x/b.pdf")])
    ([PosixPath('x/a.txt'), PosixPath('x/b.pdf')], [PosixPath('x/a.pdf')])
    """
    rank = {ext: i for i, ext in enumerate(FORMAT_PREFERENCE)}
    best: dict[tuple[Path, str], Path] = {}
    for path in files:
        key = (path.parent, path.stem.lower())
        current = best.get(key)
        if current is None or rank.get(path.suffix.lower(), 99) < rank.get(current.suffix.lower(), 99):
            best[key] = path
    kept = set(best.values())
    ordered = list(files)
    return sorted(kept), [p for p in ordered if p not in kept]


def _message(path: Path, exc: BaseException) -> str:
    if isinstance(exc, IngestError):
        return str(exc)
    return f"{path.name}: internal error: {type(exc).__name__}: {exc}"


def _call(process: Callable[[Path], T], path: Path) -> tuple[bool, T | str]:
    try:
        return True, process(path)
    except Exception as exc:  # noqa: BLE001 - every failure is reported, the batch goes on
        return False, _message(path, exc)


def run_batch(
    files: Iterable[Path],
    process: Callable[[Path], T],
    *,
    workers: int = 1,
    progress: bool = True,
) -> BatchReport[T]:
    """Run ``process`` on every file, in order; ``workers > 1`` uses a process pool
    (``process`` must then be picklable: a module-level function)."""
    items = list(files)
    report: BatchReport[T] = BatchReport()
    show = progress and sys.stderr.isatty() and len(items) > 1
    bar = None
    if show:
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("parsing", total=len(items))

    def record(path: Path, outcome: tuple[bool, T | str]) -> None:
        ok, value = outcome
        if ok:
            report.ok.append((path, value))  # type: ignore[arg-type]
        else:
            report.failed.append((path, str(value)))
        if bar is not None:
            bar.update(task, advance=1)

    try:
        if workers > 1 and len(items) > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [(path, pool.submit(_call, process, path)) for path in items]
                for path, future in futures:
                    try:
                        record(path, future.result())
                    except Exception as exc:  # noqa: BLE001 - a worker crash is one file's failure
                        record(path, (False, _message(path, exc)))
        else:
            for path in items:
                record(path, _call(process, path))
    finally:
        if bar is not None:
            bar.stop()
    return report
