"""Ingest one file: parse -> extract -> store -> index. Used by the CLI and ``POST /documents``.

Also the rebuild of every index from the data directory (``directives reindex`` and the
automatic rebuild at start when the engine's counts disagree with the store's).

>>> ctx = Context.from_settings(get_settings())
>>> outcome = ingest_one(ctx, Path("corpus/ct-04.txt"), refresh=True)
>>> outcome.status, outcome.task_count
('new', 12)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.model import ParsedDocument
from nlp.model import Extraction
from search_api.context import Context
from search_api.identity import same_document
from search_api.legal import service as legal_service
from search_api.legal.originals import save_original
from search_api.reports.alerts import record_alerts
from search_api.search.backend import Writer, WriteResult
from search_api.search.docs import build_index_docs, mark_stale
from search_api.search.model import Collection

log = logging.getLogger(__name__)

Extractor = Callable[[ParsedDocument], Extraction]


class PipelineError(Exception):
    """A file could not be ingested; ``str()`` names the file and the reason."""

    def __init__(self, filename: str, reason: str, *, code: str | None = None) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason
        self.code = code  # the reader's error code (I001 ... I009) when the input was bad


@dataclass(slots=True)
class IngestOutcome:
    filename: str
    status: str  # new | unchanged | replaced | failed
    doc_id: str | None = None
    task_count: int = 0
    reference_count: int = 0
    previous: str | None = None
    errors: list[str] = field(default_factory=list)


def default_extractor() -> Extractor:
    """``nlp.extract`` (imported lazily: spaCy loads only when something is extracted)."""
    try:
        from nlp import extract
    except ImportError as exc:
        raise PipelineError("-", f"the extraction stage is not available ({exc})") from exc
    return extract


def parse_source(source: Path | bytes, filename: str | None = None) -> ParsedDocument:
    """``ingest.parse`` with its errors turned into :class:`PipelineError`."""
    import ingest
    from ingest.errors import IngestError

    name = filename or (source.name if isinstance(source, Path) else "upload")
    try:
        return ingest.parse(source, filename=filename)
    except Exception as exc:  # noqa: BLE001 - every reader error becomes one clear line
        reason = str(exc) or type(exc).__name__
        code = exc.code if isinstance(exc, IngestError) else None
        raise PipelineError(name, reason, code=code) from exc


def _now() -> datetime:
    return datetime.now(UTC)


def state_lookup(ctx: Context, task_ids: Iterable[str]) -> Callable[[str], Any | None]:
    """Tracked states for ``task_ids`` fetched in one call; lookup by id."""
    ids = list(task_ids)
    states = ctx.edit_log.states(ids) if ids else {}
    return states.get


def ingest_one(
    ctx: Context,
    source: Path | bytes,
    *,
    filename: str | None = None,
    extractor: Extractor | None = None,
    refresh: bool = False,
) -> IngestOutcome:
    """Parse, extract, store and index one file. Unchanged content is skipped (idempotent)."""
    doc = parse_source(source, filename)
    same = same_document(ctx, doc)  # another format of a current document (same normalised text)
    if same is not None:
        return IngestOutcome(doc.source.filename, "unchanged", same,
                             int(ctx.store.manifest().documents[same].get("task_count", 0)))
    save_original(ctx, source, doc)  # <data_dir>/originals/<sha256><suffix>, for download; never raises
    if ctx.store.has(doc.id):
        info = ctx.store.manifest().documents[doc.id]
        if ctx.search.get(Collection.DOCUMENTS, doc.id) is not None:
            return IngestOutcome(doc.source.filename, "unchanged", doc.id, int(info.get("task_count", 0)))
        _, ext = ctx.store.load(doc.id)
    else:
        try:
            ext = (extractor or default_extractor())(doc)
        except PipelineError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported per file, the batch goes on
            raise PipelineError(doc.source.filename, f"extraction failed: {exc}") from exc
    return commit(ctx, doc, ext, refresh=refresh)


def commit(ctx: Context, doc: ParsedDocument, ext: Extraction, *, refresh: bool = False) -> IngestOutcome:
    """Store then index a parsed + extracted document (a new version supersedes the old)."""
    now = _now()
    preview = build_index_docs(doc, ext, now=now)
    saved = ctx.store.save(doc, ext, citation_count=len(preview.citations))
    stale_ids: list[str] = []
    matched: dict[str, str] = {}
    old_ext: Extraction | None = None
    if saved.previous:
        old_doc, old_ext = ctx.store.load_archived(saved.previous)
        matched, stale_ids = _carry_over(ctx, old_ext, ext)
    lookup = state_lookup(ctx, [t.id for t in ext.tasks])
    docs = build_index_docs(doc, ext, now=now, state_for=lookup, source_key=saved.source_key)
    result = ctx.search.index(Collection.TASKS, docs.tasks)
    result.merge(ctx.search.index(Collection.CITATIONS, docs.citations))
    result.merge(ctx.search.index(Collection.DOCUMENTS, [docs.document]))
    if saved.previous and old_ext is not None:
        result.merge(_retire(ctx, saved.previous, old_doc, old_ext, matched, stale_ids, doc.id, now))
    if refresh:
        ctx.search.refresh()
    ctx.abbreviations.add(ext.abbreviations)
    record_alerts(ctx, doc, ext)  # followers of the documents it cites (issue 19); never raises
    legal_service.on_commit(ctx, doc, ext)  # validity of the documents it acts on (issue 17); never raises
    status = "replaced" if saved.previous else ("unchanged" if saved.status == "unchanged" else "new")
    return IngestOutcome(
        filename=doc.source.filename,
        status=status,
        doc_id=doc.id,
        task_count=len(ext.tasks),
        reference_count=len(ext.references),
        previous=saved.previous,
        errors=[f"{f.id}: {f.reason}" for f in result.failed],
    )


def _task_items(ext: Extraction) -> list[dict[str, Any]]:
    return [{"id": t.id, "section": t.section or "", "text": t.text} for t in ext.tasks]


def _carry_over(ctx: Context, old: Extraction, new: Extraction) -> tuple[dict[str, str], list[str]]:
    """Hand the old and new versions' tasks to tracking; returns (matched, stale ids)."""
    from search_api.tracking.carry import carry_over

    result = carry_over(ctx.edit_log, _task_items(old), _task_items(new))
    return dict(result.matched), list(result.stale)


def _retire(
    ctx: Context, old_id: str, old_doc: ParsedDocument, old_ext: Extraction,
    matched: dict[str, str], stale_ids: list[str], new_id: str, now: datetime,
) -> WriteResult:
    """Remove a superseded version from the index; its vanished tasks stay, flagged stale."""
    new_ids = set(matched.values())
    old_docs = build_index_docs(old_doc, old_ext, now=now, state_for=state_lookup(ctx, stale_ids))
    keep = set(stale_ids)
    stale = [mark_stale(t, new_id) for t in old_docs.tasks if t["id"] in keep]
    gone = [t["id"] for t in old_docs.tasks if t["id"] not in keep and t["id"] not in new_ids]
    result = ctx.search.index(Collection.TASKS, stale)
    result.merge(ctx.search.delete(Collection.TASKS, gone))
    old_citations = {c["id"] for c in old_docs.citations}
    result.merge(ctx.search.delete(Collection.CITATIONS, sorted(old_citations)))
    result.merge(ctx.search.delete(Collection.DOCUMENTS, [old_id]))
    ctx.store.set_stale_tasks(old_id, sorted(keep))
    return result


# --- rebuild ---------------------------------------------------------------------------------


@dataclass(slots=True)
class RebuildReport:
    documents: int = 0
    tasks: int = 0
    citations: int = 0
    failed: list[str] = field(default_factory=list)
    indices: dict[str, str] = field(default_factory=dict)
    reconciled: int = 0  # task documents rewritten from the edit log after the swap


def rebuild(ctx: Context, *, on_document: Callable[[str], None] | None = None) -> RebuildReport:
    """Rebuild every collection from the data directory into a new generation, then make it
    current in one step. Search keeps working on the old generation until the swap."""
    report = RebuildReport()
    states = {s.task_id: s for s in _all_states(ctx)}
    now = _now()

    def fill(writer: Writer) -> None:
        for doc_id in ctx.store.current_ids():
            try:
                doc, ext = ctx.store.load(doc_id)
            except (OSError, ValueError) as exc:
                report.failed.append(f"{doc_id}: cannot read stored data: {exc}")
                continue
            key = ctx.store.manifest().documents.get(doc_id, {}).get("source_key")
            docs = build_index_docs(doc, ext, now=now, state_for=states.get, source_key=key)
            for name, collection, items in (("tasks", Collection.TASKS, docs.tasks),
                                            ("citations", Collection.CITATIONS, docs.citations),
                                            ("documents", Collection.DOCUMENTS, [docs.document])):
                r = writer.index(collection, items)
                report.failed.extend(f"{f.id}: {f.reason}" for f in r.failed)
                setattr(report, name, getattr(report, name) + r.ok)
            if on_document:
                on_document(doc_id)
        for old_id, task_ids in ctx.store.stale_tasks().items():
            if not task_ids:
                continue
            doc, ext = ctx.store.load_archived(old_id)
            superseded = ctx.store.manifest().archived[old_id].get("superseded_by", "")
            docs = build_index_docs(doc, ext, now=now, state_for=states.get)
            keep = set(task_ids)
            items = [mark_stale(t, superseded) for t in docs.tasks if t["id"] in keep]
            r = writer.index(Collection.TASKS, items)
            report.tasks += r.ok
            report.failed.extend(f"{f.id}: {f.reason}" for f in r.failed)

    report.indices = ctx.search.rebuild(fill)
    legal_service.sync_validity(ctx)  # validity is derived from the whole corpus (issue 17)
    # Edits recorded while the new generation was filled went to the old one: replay the log.
    report.reconciled = len(reconcile(ctx).updated)
    return report


def reconcile(ctx: Context) -> Any:
    """Rewrite the tracked fields of every task document that differs from the edit log (the
    log wins) and reset the sync watermark; ``tracking.reconcile_index`` on the tasks alias.

    >>> reconcile(ctx).updated
    ['9f2c1e0a7b3d4c5e-3.2-1a2b3c4d']
    """
    from search_api.tracking import reconcile_index

    try:
        edit_log = ctx.edit_log
    except Exception as exc:  # noqa: BLE001 - the log being unavailable must be visible
        raise PipelineError("edit log", f"cannot open the edit log: {exc}") from exc
    report = reconcile_index(ctx.search, edit_log)
    if report.failed:
        raise PipelineError("edit log", f"{len(report.failed)} tracked tasks could not be written to "
                            f"the index (first: {report.failed[0]}); run `directives reindex`")
    if report.updated:
        log.warning("replayed the edit log onto %d task documents", len(report.updated))
    return report


def _all_states(ctx: Context) -> Iterable[Any]:
    try:
        return list(ctx.edit_log.all_states())
    except Exception as exc:  # noqa: BLE001 - the log being unavailable must be visible
        raise PipelineError("edit log", f"cannot read tracked states: {exc}") from exc


def index_is_consistent(ctx: Context, *, thorough: bool = False) -> bool:
    """True when every collection exists with the current schema and the engine's counts match
    the data directory's (a killed local engine may have lost its last writes). ``thorough``
    (after the engine restarted, or at start): every current document is also in the index, so
    a lost new version (counts unchanged: one document in, one out) is found too."""
    if ctx.search.needs_migration():
        return False
    have = ctx.search.counts()
    want = ctx.store.counts()
    if have != {"documents": want.documents, "tasks": want.tasks, "citations": want.citations}:
        return False
    return not thorough or not _documents_missing(ctx)


DOCUMENT_CHUNK = 200


def _documents_missing(ctx: Context) -> list[str]:
    """Current documents of the data directory the index does not hold."""
    ids = ctx.store.current_ids()
    missing: list[str] = []
    for start in range(0, len(ids), DOCUMENT_CHUNK):
        chunk = ids[start:start + DOCUMENT_CHUNK]
        found = ctx.search.mget(Collection.DOCUMENTS, chunk)
        missing.extend(i for i in chunk if i not in found)
    return missing


def ensure_ready(ctx: Context) -> RebuildReport | None:
    """Create missing collections; rebuild from the data directory when counts disagree (or,
    after an engine restart, a document is missing); make the tasks' tracked fields match the
    edit log either way (the rebuild reconciles itself). Under the app's guard
    (:mod:`search_api.recovery`) the index is answered from again once this returns."""
    from search_api import recovery

    with recovery.verifying(ctx) as restarted:
        ctx.search.setup()
        if index_is_consistent(ctx, thorough=restarted()):
            reconcile(ctx)
            legal_service.on_commit(ctx)  # a plan's period may have ended since (issue 17)
            return None
        log.warning("index and data directory disagree: rebuilding the indices")
        return rebuild(ctx)


def task_of_record(ctx: Context, task_id: str) -> dict[str, Any] | None:
    """One task's index document built from the data directory (the copy of record; the caller
    overlays its tracked state), or None: served while the index is being repaired."""
    manifest = ctx.store.manifest()
    try:
        # a task's id starts with its document's (``<doc_id>:...``, or ``<doc_id>-...``)
        for doc_id in sorted((d for d in ctx.store.current_ids() if task_id.startswith(d)), key=len, reverse=True):
            doc, ext = ctx.store.load(doc_id)
            key = manifest.documents.get(doc_id, {}).get("source_key")
            tasks = build_index_docs(doc, ext, now=_now(), source_key=key).tasks
            if found := next((t for t in tasks if t["id"] == task_id), None):
                return found
        for doc_id, stale in ctx.store.stale_tasks().items():
            if task_id in set(stale or ()):
                doc, ext = ctx.store.load_archived(doc_id)
                superseded = manifest.archived[doc_id].get("superseded_by", "")
                tasks = build_index_docs(doc, ext, now=_now()).tasks
                return next((mark_stale(t, superseded) for t in tasks if t["id"] == task_id), None)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("task %s: cannot read it from the data directory: %s", task_id, exc)
    return None
