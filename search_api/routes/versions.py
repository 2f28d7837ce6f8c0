"""Routes: a document's versions, archived ones included (they stay readable).

    GET /versions/{doc_id}    {id, current, archived, superseded_by, metadata, text, tasks}

``current`` is the id of the version in force now (following ``superseded_by`` from archived
versions), so an old link can be sent on to it; an archived version answers with its own text
and tasks from the data directory (the index holds only current versions).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, UploadFile

from search_api.deps import CtxDep
from search_api.errors import DocumentNotFound
from search_api.openapi import example, problems
from search_api.security import EditorKey, ReaderKey

router = APIRouter(prefix="/versions", tags=["documents"])
MAX_CHAIN = 50


def current_version(manifest: Any, doc_id: str) -> str | None:
    """The current document a (possibly archived) id leads to, or None when it leads nowhere."""
    seen: set[str] = set()
    while doc_id not in manifest.documents and doc_id not in seen and len(seen) < MAX_CHAIN:
        seen.add(doc_id)
        entry = manifest.archived.get(doc_id)
        if entry is None or not entry.get("superseded_by"):
            return None
        doc_id = entry.get("superseded_by")
    return doc_id if doc_id in manifest.documents else None


VERSION = {"id": "3a57a6164a75ae0a", "current": "7b99ea2c39c1363a", "archived": True,
           "superseded_by": "7b99ea2c39c1363a", "archived_at": "2026-12-03T09:00:00+00:00", "filename": "qd-1804.txt",
           "metadata": {"doc_type": "Quyết định", "number": "1804/QĐ-BTP", "title": "Ban hành Chương trình công tác",
                        "issuer": "Bộ Tư pháp", "issued_date": "2021-12-02"},
           "text": "QUYẾT ĐỊNH ...", "tasks": [{"id": "3a57a6164a75ae0a:I.1:8d392266", "section": "I.1",
                                               "text": "Ra quyết định thi hành án ...", "span": [120, 180]}]}
DocPath = Annotated[str, Path(description="A document id, current or archived", examples=["3a57a6164a75ae0a"])]


@router.get("/{doc_id}", summary="A document version (archived ones too) and the current version",
            responses={**example(VERSION), **problems(401, 404, 422, 503, d404="No such document or version")})
def read_version(ctx: CtxDep, _key: ReaderKey, doc_id: DocPath) -> dict[str, Any]:
    manifest = ctx.store.manifest()
    if doc_id in manifest.documents:
        return {"id": doc_id, "current": doc_id, "archived": False, "superseded_by": None}
    entry = manifest.archived.get(doc_id)
    if entry is None:
        raise DocumentNotFound(f"no document or archived version {doc_id!r}")
    out: dict[str, Any] = {"id": doc_id, "current": current_version(manifest, doc_id), "archived": True,
                           "superseded_by": entry.get("superseded_by") or None,
                           "archived_at": entry.get("archived_at") or None, "filename": entry.get("filename")}
    try:
        doc, ext = ctx.store.load_archived(doc_id)
    except Exception:  # noqa: BLE001 - the archive entry exists but its files do not
        return {**out, "text": "", "metadata": {}, "tasks": []}
    md = doc.metadata
    out["metadata"] = {"doc_type": md.doc_type, "number": md.number, "title": md.title, "issuer": md.issuer,
                       "issued_date": md.issued_date}
    out["text"] = doc.text
    out["tasks"] = [{"id": t.id, "section": t.section, "text": t.text, "span": [t.span.start, t.span.end]}
                    for t in ext.tasks]
    return out


CHECK = {"verdict": "unchanged", "document_id": "3a57a6164a75ae0a", "number": "1804/QĐ-BTP",
         "title": "Ban hành Chương trình công tác", "filename": "qd-1804.pdf"}


@router.post("/check", summary="What uploading this file would do: unchanged, a new version, or new",
             responses={**example(CHECK), **problems(401, 403, 413, 422, 503)},
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {
                 "example": {"file": "(the bytes of qd-1804.pdf)"}}}}})
def check_upload(ctx: CtxDep, _key: EditorKey,
                 file: Annotated[UploadFile, File(description="The file about to be uploaded")]) -> dict[str, Any]:
    """Parse the file (nothing is stored) and compare it with the corpus, so the upload page can
    say "không thay đổi" or "phiên bản mới" before the upload."""
    from search_api.errors import PayloadTooLarge, UnprocessableDocument
    from search_api.identity import verdict
    from search_api.pipeline import PipelineError, parse_source
    from search_api.routes.documents import safe_filename

    name = safe_filename(file.filename)
    limit = ctx.settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{name}: larger than the {limit} byte limit")
    if not data:
        raise UnprocessableDocument(f"{name}: the file is empty", input_error="I001")
    try:
        doc = parse_source(data, name)
    except PipelineError as exc:
        raise UnprocessableDocument(str(exc), **({"input_error": exc.code} if exc.code else {})) from exc
    return {**verdict(ctx, doc), "number": doc.metadata.number, "title": doc.metadata.title, "filename": name}
