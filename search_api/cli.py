"""The ``directives`` command line (``search_api.cli:app``).

    directives parse FILE --json         ingest: the normalised document
    directives extract FILES --out DIR   nlp: gold-schema JSON per document (also eval, debug)
    directives ingest PATH...            parse + extract + index into the configured engine
    directives serve [--port 8000]       the API and pages
    directives reindex                   rebuild every index from the data directory, swap aliases
    directives run PATH...               ingest, then serve (``make run``)
    directives engine up|down|status     the local noida-db engine in the background

The default search backend is embedded (tantivy, in-process, files under
``DIRECTIVES_DATA_DIR/index``): nothing is started. With ``DIRECTIVES_ENGINE=elasticsearch``
and ``ES_URL`` set, the client talks to that cluster; without ``ES_URL`` the local noida-db
engine runs with its data under ``DIRECTIVES_DATA_DIR/engine`` for as long as the command does.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from search_api.config import Settings, get_settings

app = typer.Typer(help="Tasks, owners, deadlines and citations from Vietnamese official documents.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
engine_app = typer.Typer(help="The local search engine (noida-db) in the background.", no_args_is_help=True)
app.add_typer(engine_app, name="engine")

try:  # the stage CLIs are mounted when their packages provide them
    from ingest.cli import parse_command

    app.command("parse")(parse_command)
except ImportError:  # pragma: no cover
    pass
try:
    from nlp import cli as nlp_cli

    for _name in ("extract", "eval", "debug"):
        _fn = getattr(nlp_cli, f"{_name}_command", None) or getattr(nlp_cli, _name, None)
        if callable(_fn):
            app.command(_name)(_fn)
except ImportError:  # pragma: no cover
    pass
app.add_typer(__import__("search_api.reports.cli", fromlist=["app"]).app)  # report, remind, subscribe, follow
app.add_typer(__import__("search_api.accounts.cli", fromlist=["app"]).app)  # user create/list


@contextlib.contextmanager
def instance(settings: Settings, command: str) -> Iterator[None]:
    """Own the data directory for the command (``<data_dir>/instance.lock``): a second
    instance on it is refused with one line naming the holder, exit code 1. SIGTERM unwinds
    like SIGINT, so the engine and the index writer are closed and the lock released."""
    from search_api.instance import InstanceBusy, InstanceLock, exit_on_sigterm

    exit_on_sigterm()
    lock = InstanceLock(settings.data_dir, f"directives {command}")
    try:
        lock.acquire()
    except InstanceBusy as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        yield
    finally:
        lock.release()


def local_engine_port(settings: Settings) -> int:
    """``LOCAL_ENGINE_PORT`` when given explicitly, else a free port chosen now (two
    instances never meet on a default port)."""
    from search_api.instance import free_port

    if "local_engine_port" in settings.model_fields_set:
        return settings.local_engine_port
    return free_port()


@contextlib.contextmanager
def engine_for(settings: Settings, *, quiet: bool = False) -> Iterator[str | None]:
    """Yield the engine URL: None for the embedded backend, ``ES_URL`` as is, or a local
    noida-db engine started here (on a free port unless ``LOCAL_ENGINE_PORT`` is given,
    recorded in ``<data_dir>/engine.json``) and stopped on exit — also on SIGTERM."""
    if settings.search_engine == "embedded":
        yield None
        return
    if settings.es_url:
        yield settings.es_url
        return
    from search_api.engine import EngineError, LocalEngine, background_url
    from search_api.instance import exit_on_sigterm, forget_engine, record_engine

    exit_on_sigterm()
    engine_dir = settings.data_dir / "engine"
    running = background_url(engine_dir)  # `directives engine up` on this data directory
    if running:
        if not quiet:
            typer.echo(f"local engine: {running} (already running, data in {engine_dir})", err=True)
        yield running
        return
    engine = LocalEngine(engine_dir, local_engine_port(settings))
    try:
        url = engine.start()
    except EngineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if engine.proc is not None:
        record_engine(settings.data_dir, url, engine.proc.pid)
    if not quiet:
        typer.echo(f"local engine: {url} (data in {engine.data_dir})", err=True)
    try:
        yield url
    finally:
        engine.stop()
        forget_engine(settings.data_dir)


def _context(settings: Settings, url: str | None) -> Any:
    """The command's Context, its indices checked to be this data directory's own."""
    from search_api.context import Context
    from search_api.instance import check_identity
    from search_api.search.backend import IndexMismatch, SearchUnavailable

    ctx = Context.from_settings(settings, url=url)
    try:
        check_identity(ctx.search, settings)
    except IndexMismatch as exc:
        ctx.close()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except SearchUnavailable as exc:
        logging.getLogger(__name__).warning("engine unreachable, index identity not checked: %s", exc)
    return ctx


def prepare(path: Path) -> tuple[Any, Any]:
    """Worker: parse one file, and extract it unless the data directory already has it."""
    from search_api.pipeline import default_extractor, parse_source
    from search_api.store import shared_store

    doc = parse_source(path)
    if shared_store(get_settings().data_dir).has(doc.id):
        return doc, None
    return doc, default_extractor()(doc)


def ingest_paths(ctx: Any, paths: list[Path], *, workers: int = 1) -> tuple[dict[str, int], list[str]]:
    """Parse, extract, store and index every file under ``paths``; returns (counts, failures)."""
    from ingest.batch import collect_files, one_format_per_document, run_batch
    from search_api.pipeline import PipelineError, commit, ensure_ready
    from search_api.search.model import Collection

    ensure_ready(ctx)
    # A document supplied in several formats (a.txt, a.docx, a.pdf) is ingested once.
    files, same_document = one_format_per_document(collect_files(paths))
    if same_document:
        typer.echo(f"{len(same_document)} file(s) skipped: the same document in another format", err=True)
    report = run_batch(files, prepare, workers=workers, progress=True)
    counts = {"new": 0, "replaced": 0, "unchanged": 0}
    failed = [msg for _, msg in report.failed]
    for path, (doc, ext) in report.ok:
        try:
            if ext is None:
                if ctx.search.get(Collection.DOCUMENTS, doc.id) is not None:
                    counts["unchanged"] += 1
                    continue
                _, ext = ctx.store.load(doc.id)
            outcome = commit(ctx, doc, ext)
        except PipelineError as exc:
            failed.append(str(exc))
            continue
        except OSError as exc:
            failed.append(f"{path.name}: could not be stored: {exc}")
            continue
        counts[outcome.status] += 1
        failed.extend(f"{path.name}: {e}" for e in outcome.errors)
    ctx.search.refresh()
    return counts, failed


def _print_summary(total: int, counts: dict[str, int], failed: list[str]) -> None:
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    typer.echo(f"{total} file(s): {summary}, {len(failed)} failed")
    for msg in failed:
        typer.echo(f"  failed: {msg}", err=True)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked) to ingest")],
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel parse/extract processes")] = 1,
) -> None:
    """Parse, extract and index PATH... (unchanged files are skipped; new versions replace old)."""
    settings = get_settings()
    with instance(settings, "ingest"), engine_for(settings) as url:
        counts, failed = _ingest_and_report(settings, url, paths, workers)
    if failed and not any(counts.values()):
        raise typer.Exit(1)


def _ingest_and_report(settings: Settings, url: str | None, paths: list[Path],
                       workers: int) -> tuple[dict[str, int], list[str]]:
    """Ingest ``paths`` into the engine at ``url`` and print the summary."""
    ctx = _context(settings, url)
    try:
        counts, failed = ingest_paths(ctx, paths, workers=workers)
    finally:
        ctx.close()
    _print_summary(sum(counts.values()) + len(failed), counts, failed)
    return counts, failed


def _serve(settings: Settings, url: str | None, host: str, port: int) -> None:
    import uvicorn

    from search_api.main import create_app

    if url and not settings.es_url:
        settings = settings.model_copy(update={"es_url": None})
    ctx = _context(settings, url)
    try:
        typer.echo(f"serving on http://{host}:{port}", err=True)
        __import__("search_api.accounts.cli", fromlist=["app"]).first_start_hint(settings)
        uvicorn.run(create_app(settings, context=ctx), host=host, port=port, log_level="info")
    finally:
        ctx.close()  # commits and closes the embedded writer; also on SIGTERM


@app.command("serve")
def serve_command(
    port: Annotated[int, typer.Option("--port", help="HTTP port")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind")] = "127.0.0.1",
) -> None:
    """Serve the API and pages (starts the local engine when ES_URL is not set)."""
    settings = get_settings()
    with instance(settings, "serve"), engine_for(settings) as url:
        _serve(settings, url, host, port)


@app.command("run")
def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest first")],
    port: Annotated[int, typer.Option("--port")] = 8000,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    workers: Annotated[int, typer.Option("--workers", min=1)] = 1,
) -> None:
    """Start the local engine if no ES_URL, ingest PATH..., then serve (``make run``)."""
    settings = get_settings()
    with instance(settings, "run"), engine_for(settings) as url:
        _ingest_and_report(settings, url, paths, workers)
        _serve(settings, url, host, port)


@app.command("reindex")
def reindex_command() -> None:
    """Rebuild every index from the data directory into new indices and swap the aliases."""
    from search_api.pipeline import rebuild

    settings = get_settings()
    with instance(settings, "reindex"), engine_for(settings) as url:
        ctx = _context(settings, url)
        try:
            report = rebuild(ctx)
        finally:
            ctx.close()
    typer.echo(f"reindexed {report.documents} documents, {report.tasks} tasks, "
               f"{report.citations} citations -> {', '.join(sorted(set(report.indices.values())))}")
    for msg in report.failed:
        typer.echo(f"  failed: {msg}", err=True)
    if report.failed:
        raise typer.Exit(1)


def _engine_cmd(command: str) -> None:
    from search_api.engine import EngineError, noida

    settings = get_settings()
    if settings.es_url and command == "up":
        typer.echo(f"ES_URL is set ({settings.es_url}): nothing to start")
        return
    try:
        result = noida(command, settings.data_dir / "engine", settings.local_engine_port)
    except EngineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo((result.stdout + result.stderr).strip())
    if result.returncode:
        raise typer.Exit(result.returncode)


@engine_app.command("up")
def engine_up() -> None:
    """Start the local engine in the background (data under DIRECTIVES_DATA_DIR/engine)."""
    _engine_cmd("up")


@engine_app.command("down")
def engine_down() -> None:
    """Stop the background local engine (data is kept)."""
    _engine_cmd("down")


@engine_app.command("status")
def engine_status() -> None:
    """Show whether the local engine is running and where."""
    _engine_cmd("status")


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
