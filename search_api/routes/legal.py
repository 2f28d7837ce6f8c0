"""Legal-team endpoints (issue 17): the original file of a document, its implementation trace,
and editors' decisions on suggested task links. Validity and relations both ways are part of
``GET /documents/{id}`` and ``GET /citations/{number}`` (see ``search_api.legal.service``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Body, Path
from fastapi.responses import FileResponse

from search_api.deps import CtxDep
from search_api.errors import ApiProblem, DocumentNotFound
from search_api.legal import service
from search_api.legal.originals import find_original, media_type
from search_api.legal.schemas import DecisionIn, DecisionOut, DecisionsPage, TracePublic
from search_api.openapi import problems
from search_api.search.model import Collection
from search_api.security import EditorKey, ReaderKey, describe

router = APIRouter(tags=["legal"])

UP_TASK = "fe14e1743fcf1453:Điều 2.3:93650b2a"
DOWN_TASK = "a2100cc25e6f8f82:II.3:39a5c806"
UpTask = Annotated[str, Path(description="The upstream task (of the implemented document)", examples=[UP_TASK])]
DownTask = Annotated[str, Path(description="The downstream task that implements it", examples=[DOWN_TASK])]


class OriginalNotKept(ApiProblem):
    status, title, code = 404, "The original file was not kept", "E404-ORIGINAL"


class TaskNotFound(ApiProblem):
    status, title, code = 404, "Task not found", "E404-TRACE-TASK"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename) or "document"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.get("/documents/{doc_id}/original", response_class=FileResponse,
            responses={200: {"description": "The file as it was uploaded or ingested, with its own "
                                            "Content-Type (application/pdf, text/plain, ...)",
                             "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"},
                                                                      "example": "(the bytes of qd-90-ubnd-2024.pdf)"}}},
                       **problems(401, 404, 422, 503, d404="No such document, or its original was not kept")})
def original_file(ctx: CtxDep, _key: ReaderKey, doc_id: str) -> FileResponse:
    """The original file (.pdf, .docx, .txt ...) with its Content-Type and file name."""
    src = ctx.search.get(Collection.DOCUMENTS, doc_id)
    if src is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    filename = src.get("filename") or f"{doc_id}.txt"
    path = find_original(ctx.settings.data_dir, src.get("sha256") or "", filename)
    if path is None:
        raise OriginalNotKept(f"{filename}: the original file of {doc_id} was not kept (ingested before "
                              "originals were saved; ingest it again)")
    return FileResponse(path, media_type=media_type(filename),
                        headers={"content-disposition": content_disposition(filename),
                                 "cache-control": "private, max-age=300"})


@router.get("/documents/{doc_id}/trace", response_model=TracePublic,
            responses=problems(401, 404, 422, 503, d404="No document with this id"))
def document_trace(ctx: CtxDep, _key: ReaderKey, doc_id: str) -> TracePublic:
    """Documents implementing this one (relation `implements`, through intermediate plans, as a
    tree); per upstream task the suggested downstream tasks (score, matched words) with editors'
    decisions; coverage per upstream document and the instructions with no implementing task;
    and what this document itself implements."""
    if doc_id not in service.view(ctx).docs:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    return TracePublic(**service.trace_out(ctx, doc_id))


def _check_task(ctx: CtxDep, task_id: str) -> None:
    if ctx.search.get(Collection.TASKS, task_id) is None:
        raise TaskNotFound(f"no task with id {task_id!r}")


@router.post("/trace/links/{upstream_task}/{downstream_task}", response_model=DecisionOut, status_code=201,
             responses=problems(401, 403, 404, 422, 503, d404="No task with one of these ids"))
def decide_link(ctx: CtxDep, api_key: EditorKey, upstream_task: UpTask, downstream_task: DownTask,
                body: Annotated[DecisionIn, Body()]) -> DecisionOut:
    """Confirm or reject that ``downstream_task`` implements ``upstream_task`` (editor key);
    kept with who and when; the newest decision counts."""
    _check_task(ctx, upstream_task)
    _check_task(ctx, downstream_task)
    d = service.decisions(ctx).record(upstream_task, downstream_task, body.decision, describe(api_key),
                                      score=body.score, note=body.note)
    return DecisionOut(upstream_task=d.upstream_task, downstream_task=d.downstream_task,
                       decision=d.decision, actor=d.actor, at=d.at, score=d.score, note=d.note)  # type: ignore[arg-type]


@router.get("/trace/links/{upstream_task}/{downstream_task}", response_model=DecisionsPage,
            responses=problems(401, 422, 503))
def link_decisions(ctx: CtxDep, _key: ReaderKey, upstream_task: UpTask, downstream_task: DownTask) -> DecisionsPage:
    """Every decision on this link, oldest first (who, when)."""
    rows = service.decisions(ctx).history(upstream_task, downstream_task)
    return DecisionsPage(data=[DecisionOut(upstream_task=d.upstream_task, downstream_task=d.downstream_task,
                                           decision=d.decision, actor=d.actor, at=d.at,  # type: ignore[arg-type]
                                           score=d.score, note=d.note) for d in rows])
