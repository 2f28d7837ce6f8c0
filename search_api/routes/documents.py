"""``/documents``: metadata, section tree, tasks, outgoing references, incoming citations;
number resolution; upload."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile, status

from search_api.deps import CtxDep, Today
from search_api.errors import DocumentNotFound, PayloadTooLarge, UnprocessableDocument, UnsupportedType
from search_api.legal import service as legal_service
from search_api.openapi import READ, problems
from search_api.pipeline import PipelineError, ingest_one
from search_api.schemas import (
    CitationEdge,
    DocumentPublic,
    DocumentsPage,
    DocumentSummary,
    ReferenceOut,
    SectionNode,
    TaskSummary,
    TextSpan,
    UploadResult,
)
from search_api.search.model import Collection, Not, SearchQuery, SortKey, SortOrder, Term
from search_api.security import EditorKey, ReaderKey
from search_api.text import number_key

log = logging.getLogger(__name__)
router = APIRouter(tags=["documents"])

ALLOWED_SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".doc", ".rtf", ".odt"}
SUMMARY_FIELDS = ["id", "title", "document_number", "document_type", "issuer", "issued_date",
                  "filename", "task_count", "reference_count", "number_key"]
MAX_TASKS = 2000
MAX_CITING = 1000


def summary(src: dict[str, Any]) -> DocumentSummary:
    return DocumentSummary(
        id=src["id"], title=src.get("title") or "", number=src.get("document_number"),
        doc_type=src.get("document_type"), issuer=src.get("issuer"),
        issued_date=(src.get("issued_date") or "")[:10] or None, filename=src.get("filename"),
        task_count=int(src.get("task_count") or 0), reference_count=int(src.get("reference_count") or 0),
    )


def section_tree(sections: list[dict[str, Any]]) -> list[SectionNode]:
    nodes = {s["index"]: SectionNode(index=s["index"], kind=s["kind"], marker=s["marker"],
                                     path=s.get("path"), heading=s.get("heading", ""),
                                     start=s["start"], end=s["end"]) for s in sections}
    roots: list[SectionNode] = []
    for s in sections:
        parent = s.get("parent")
        (nodes[parent].children if parent in nodes else roots).append(nodes[s["index"]])
    return roots


def edge(src: dict[str, Any], resolved: dict[str, str], depth: int = 1) -> CitationEdge:
    return CitationEdge(
        citing_id=src["citing_doc_id"], citing_number=src.get("citing_number"),
        citing_title=src.get("citing_title"), cited_key=src["cited_key"], cited_id=src["cited_id"],
        cited_document_id=resolved.get(src["cited_key"]), relation=src.get("relation") or "mentions",
        mention=src.get("mention") or "", sentence=src.get("sentence") or "", depth=depth,
    )


def resolve_keys(ctx: Any, keys: list[str]) -> dict[str, str]:
    """``{number key: document id}`` for the keys that name a corpus document (one request)."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return {}
    result = ctx.search.search(SearchQuery(
        collections=(Collection.DOCUMENTS,), filters=(Term("number_key", tuple(keys)),),
        include_fields=("id", "number_key"), size=len(keys) * 2,
        sort=(SortKey("issued_date", SortOrder.DESC), SortKey("id"))))
    out: dict[str, str] = {}
    for h in result.hits:
        out.setdefault(h.source["number_key"], h.source["id"])
    return out


def _task(src: dict[str, Any], today: date) -> TaskSummary:
    deadline = (src.get("deadline") or "")[:10] or None
    return TaskSummary(
        id=src["id"], text=src.get("text") or "", start=src.get("start"), end=src.get("end"),
        section=src.get("section"),
        owners=list(src.get("owners") or []), co_owners=list(src.get("co_owners") or []),
        deadline=deadline, deadline_text=src.get("deadline_text"), recurrence=src.get("recurrence"),
        status=src.get("status"), stale=src.get("stale"), refs=list(src.get("refs") or []),
        overdue=bool(deadline and deadline < today.isoformat() and src.get("status") != "done"),
    )


def mention_spans(ctx: Any, doc_id: str) -> dict[str, list[TextSpan]]:
    """``{reference id: [mention spans]}`` from the stored extraction (the index keeps only the
    first mention's text); empty when the data directory has no readable copy."""
    try:
        _, ext = ctx.store.load(doc_id)
    except (OSError, ValueError) as exc:
        log.warning("document %s: no stored extraction, references without spans (%s)", doc_id, exc)
        return {}
    out: dict[str, list[TextSpan]] = {}
    for ref in ext.references:
        spans = ref.mentions or [ref.mention]
        out.setdefault(ref.id, []).extend(TextSpan(start=m.start, end=m.end, text=m.text)
                                          for m in spans if m.end > m.start)
    return out


@router.get("/documents", response_model=DocumentsPage, responses=problems(*READ), summary="List documents or resolve a number")
def list_documents(
    ctx: CtxDep,
    _key: ReaderKey,
    number: Annotated[str | None, Query(description="Any usual spelling: `Quyết định số 1804/QĐ-BTP`, `1804/qđ-btp`", examples=["1804/QĐ-BTP"])] = None,
    offset: Annotated[int, Query(ge=0, le=10000)] = 0,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DocumentsPage:
    """Documents, newest first; with ``number``, the document(s) carrying that number."""
    filters: tuple[Term, ...] = ()
    if number is not None:
        key = number_key(number)
        if key is None:
            return DocumentsPage(total=0, data=[])
        filters = (Term("number_key", (key,)),)
    result = ctx.search.search(SearchQuery(
        collections=(Collection.DOCUMENTS,), filters=filters, include_fields=tuple(SUMMARY_FIELDS),
        sort=(SortKey("issued_date", SortOrder.DESC), SortKey("id")), offset=offset, size=size))
    return DocumentsPage(total=result.total, data=[summary(h.source) for h in result.hits])


@router.get("/documents/{doc_id}", response_model=DocumentPublic,
            responses=problems(401, 404, 422, 503, d404="No document with this id"))
def read_document(ctx: CtxDep, today: Today, _key: ReaderKey, doc_id: str) -> DocumentPublic:
    """Metadata, section tree, tasks, outgoing references and incoming citations."""
    src = ctx.search.get(Collection.DOCUMENTS, doc_id)
    if src is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    tasks = ctx.search.search(SearchQuery(
        collections=(Collection.TASKS,),
        filters=(Term("doc_id", (doc_id,)), Not(Term("stale", (True,)))),
        sort=(SortKey("position"), SortKey("id")), size=MAX_TASKS, exclude_fields=("text_segmented",))).hits
    cited_by: list[CitationEdge] = []
    if src.get("number_key"):
        hits = ctx.search.search(SearchQuery(
            collections=(Collection.CITATIONS,), filters=(Term("cited_key", (src["number_key"],)),),
            sort=(SortKey("citing_date", SortOrder.DESC), SortKey("id")), size=MAX_CITING)).hits
        cited_by = [edge(h.source, {src["number_key"]: doc_id}) for h in hits]
    refs = src.get("references") or []
    resolved = resolve_keys(ctx, [r["key"] for r in refs if r.get("numbered")])
    spans = mention_spans(ctx, doc_id) if refs else {}
    base = summary(src)
    return DocumentPublic(
        **base.model_dump(),
        place=src.get("place"), signer=src.get("signer"), signer_title=src.get("signer_title"),
        recipients=list(src.get("recipients") or []), abbreviations=dict(src.get("abbreviations") or {}),
        text=src.get("body") or "", sections=section_tree(src.get("sections") or []),
        tasks=[_task(h.source, today) for h in tasks],
        references=[ReferenceOut(**r, mentions=spans.get(r["id"], []), document_id=resolved.get(r["key"]))
                    for r in refs],
        cited_by=cited_by,
        ocr_confidence=src.get("ocr_confidence"),
        **legal_service.document_extras(ctx, doc_id),  # validity, relations both ways (issue 17)
    )


def safe_filename(name: str | None) -> str:
    """The base name only, for display and type detection; never used as a path."""
    base = PurePath((name or "").replace("\\", "/")).name.strip().lstrip(".")
    return base[:200] or "upload.txt"


@router.post("/documents", response_model=UploadResult, status_code=status.HTTP_201_CREATED,
             responses=problems(401, 403, 413, 415, 422, 503,
                                d422="Empty file, or the file could not be read or extracted; `input_error` gives the reader's code (I001 empty … I009, see ingest/errors.py)"),
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {
                 "example": {"file": "(the bytes of ke-hoach-196.docx)"}}}}})
def upload_document(ctx: CtxDep, _key: EditorKey,
                    file: Annotated[UploadFile, File(description="A .txt, .md, .pdf, .docx or .html file")]) -> UploadResult:
    """Parse, extract and index an uploaded file; returns its id, task count and errors."""
    name = safe_filename(file.filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UnsupportedType(f"{name}: allowed types are {', '.join(sorted(ALLOWED_SUFFIXES))}")
    limit = ctx.settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{name}: larger than the {limit} byte limit")
    if not data:
        raise UnprocessableDocument(f"{name}: the file is empty", input_error="I001")
    try:
        outcome = ingest_one(ctx, data, filename=name, refresh=True)
    except PipelineError as exc:
        extra = {"input_error": exc.code} if exc.code else {}
        raise UnprocessableDocument(str(exc), **extra) from exc
    return UploadResult(id=outcome.doc_id or "", filename=name, status=outcome.status,  # type: ignore[arg-type]
                        task_count=outcome.task_count, reference_count=outcome.reference_count,
                        previous=outcome.previous, errors=outcome.errors)
