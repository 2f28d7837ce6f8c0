"""Command-line verbs of the ingest layer, mounted by the root app (``directives parse|ingest``).

``parse_command`` and ``ingest_command`` are plain typer-compatible functions; :data:`app` is a
ready sub-app with both. Bad input prints one line and exits non-zero; never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ingest.batch import collect_files, run_batch
from ingest.errors import IngestError
from ingest.model import ParsedDocument
from ingest.store import DocumentStore, StoreError

DEFAULT_DATA_DIR = Path("data")

app = typer.Typer(help="Read documents (txt, md, pdf, docx, html) into parsed JSON.", no_args_is_help=True)


def parse_file(path: Path) -> ParsedDocument:
    """Parse one file through the ``ingest.parse`` façade (module-level so pools can pickle it)."""
    from ingest import parse

    return parse(Path(path))


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_command(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .pdf, .docx or .html file")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole ParsedDocument as JSON")] = False,
) -> None:
    """Parse FILE and print the normalised document (metadata, sections, tables, text)."""
    try:
        doc = parse_file(file)
    except IngestError as exc:
        raise _fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - never a traceback to a user
        raise _fail(f"{file.name}: internal error: {type(exc).__name__}: {exc}") from None
    if as_json:
        typer.echo(doc.model_dump_json(indent=2))
        return
    meta = doc.metadata.model_dump(exclude_none=True, exclude_defaults=True)
    typer.echo(f"# {doc.source.filename}  id={doc.id}  type={doc.source.file_type}")
    for key, value in meta.items():
        typer.echo(f"{key}: {value}")
    if doc.sections:
        typer.echo(f"sections: {len(doc.sections)}")
        for section in doc.sections:
            typer.echo(f"{'  ' * (section.level)}{section.path or section.marker} {section.heading[:80]}")
    if doc.tables:
        typer.echo(f"tables: {len(doc.tables)}")
    typer.echo("")
    typer.echo(doc.text)


def _source_keys(inputs: list[Path], files: list[Path]) -> dict[Path, str]:
    """Key each file by its path relative to the folder given, or by its name when given directly
    (``path:plans/kh.txt``): a changed file replaces its previous version."""
    keys: dict[Path, str] = {}
    roots = [p.resolve() for p in inputs if p.is_dir()]
    for f in files:
        key = f.name
        for root in roots:
            try:
                key = f"{root.name}/{f.resolve().relative_to(root).as_posix()}"
                break
            except ValueError:
                continue
        keys[f] = f"path:{key}"
    return keys


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest")],
    data_dir: Annotated[Path, typer.Option("--data-dir", help="Where parsed documents are kept")] = DEFAULT_DATA_DIR,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel processes")] = 1,
) -> None:
    """Parse PATH... and store the results; unchanged files are skipped, changed ones replaced.

    The data directory is the one the full pipeline uses (``ingest.store``); documents stored
    here have no extraction yet.
    """
    files = collect_files(paths)
    if not files:
        raise _fail("no supported files found in " + ", ".join(str(p) for p in paths), code=2)
    store = DocumentStore(data_dir)
    keys = _source_keys(paths, files)
    report = run_batch(files, parse_file, workers=workers, progress=True)
    counts = {"new": 0, "unchanged": 0, "replaced": 0}
    failed = list(report.failed)
    try:
        with store.batch():
            for path, doc in report.ok:
                try:
                    result = store.put(doc, source_key=keys[path])
                except OSError as exc:
                    failed.append((path, f"{path.name}: could not be stored: {exc.strerror or exc}"))
                    continue
                counts[result.status] += 1
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:  # the manifest itself could not be written
        raise _fail(f"{data_dir}: the data directory cannot be written: {exc.strerror or exc}") from None
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    typer.echo(f"{len(files)} file(s): {summary}, {len(failed)} failed")
    for _, message in failed:
        typer.echo(f"  failed: {message}", err=True)
    single_file = len(paths) == 1 and not Path(paths[0]).is_dir()
    if failed and (single_file or len(failed) == len(files)):
        raise typer.Exit(1)


app.command("parse")(parse_command)
app.command("ingest")(ingest_command)


def main() -> None:  # pragma: no cover - manual use: python -m ingest.cli
    app(prog_name="directives")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
