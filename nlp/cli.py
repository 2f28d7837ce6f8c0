"""Commands the root CLI mounts: ``extract``, ``eval``, ``debug`` (typer functions).

    directives extract FILE_OR_DIR... --out DIR   one JSON per document (000_x.txt -> 000_x.json)
    directives eval [--gold DIR] SEEDS_DIR         extract, then print the reference scorer's table
    directives debug FILE                          every task/owner/deadline/reference span in context
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".doc", ".rtf", ".odt"}


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            out.append(path)
    return out


def extract_files(paths: list[Path], out_dir: Path) -> tuple[int, list[str]]:
    """Extract every file into ``out_dir``; returns (written, error lines). Errors never stop the batch."""
    import ingest
    from nlp import extract
    from nlp.export import write_gold_json

    written, errors = 0, []
    for path in _files(paths):
        try:
            doc = ingest.parse(path)
            write_gold_json(doc, extract(doc), out_dir)
            written += 1
        except Exception as exc:  # one bad file must not stop the batch
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
    return written, errors


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to extract")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON files")] = Path("out"),
) -> None:
    """Write one gold-schema JSON per document into --out."""
    written, errors = extract_files(paths, out)
    for line in errors:
        typer.echo(f"error: {line}", err=True)
    typer.echo(f"{written} document(s) written to {out}, {len(errors)} failed", err=True)
    if errors and not written:
        raise typer.Exit(1)


def shared_dir(override: Path | None = None) -> Path:
    """``../shared`` next to the repository root, unless overridden."""
    if override is not None:
        return override
    return Path(__file__).resolve().parent.parent.parent / "shared"


def eval_command(
    seeds: Annotated[Path, typer.Argument(help="Folder of source documents")],
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold folder (default: <shared>/gold)")] = None,
    shared: Annotated[Path | None, typer.Option("--shared", envvar="DIRECTIVES_SHARED_DIR", help="The shared/ folder")] = None,
    minimum: Annotated[list[str] | None, typer.Option("--min", help="Floor KEY=VALUE, passed to the scorer")] = None,
) -> None:
    """Extract SEEDS into a temporary folder and print the reference scorer's table."""
    base = shared_dir(shared)
    scorer = base / "tools" / "score.py"
    gold_dir = gold or base / "gold"
    if not scorer.exists():
        typer.echo(f"error: scorer not found: {scorer}", err=True)
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        _, errors = extract_files([seeds], Path(tmp))
        for line in errors:
            typer.echo(f"error: {line}", err=True)
        args = [sys.executable, str(scorer), str(gold_dir), tmp]
        for floor in minimum or []:
            args += ["--min", floor]
        proc = subprocess.run(args, check=False)
    raise typer.Exit(proc.returncode)


def debug_command(path: Annotated[Path, typer.Argument(help="A document")]) -> None:
    """Print every task, owner, deadline and reference span with its context."""
    import ingest
    from nlp import extract
    from nlp.debug import dump

    try:
        doc = ingest.parse(path)
    except Exception as exc:
        typer.echo(f"error: {path}: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(dump(doc, extract(doc)))
