"""ParsedDocument + Extraction -> the documents, tasks and citations index documents.

Every index document carries its stable id as ``id`` (also the ES ``_id``). Task documents get
the tracked state overlaid with :func:`search_api.tracking.apply_state`, so a rebuild from the
data directory never loses what people recorded.

>>> docs = build_index_docs(parsed, extraction, now=datetime(2024, 6, 1, tzinfo=UTC))
>>> [d["kind"] for d in docs.tasks][:1]
['task']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest.model import ParsedDocument
from nlp.model import Extraction, Owner, Reference, Task
from search_api import tracking
from search_api.text import number_key, reference_key, segment

StateLookup = Callable[[str], Any | None]


@dataclass(slots=True)
class IndexDocs:
    document: dict[str, Any]
    tasks: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)


def _year(iso: str | None) -> int | None:
    try:
        return int(iso[:4]) if iso else None
    except ValueError:
        return None


def _iso_date(value: str | None) -> str | None:
    """Only well-formed ISO dates reach a ``date`` field (a bad one would reject the doc)."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").date().isoformat()
    except ValueError:
        return None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _owner_fields(owners: list[Owner], prefix: str) -> dict[str, list[str]]:
    out = {f"{prefix}s": _unique([o.name for o in owners]),
           f"{prefix}_keys": _unique([o.key for o in owners])}
    if prefix == "owner":
        out["owner_labels"] = _unique([f"{o.key}|{o.name}" for o in owners])
    return out


def common_fields(doc: ParsedDocument) -> dict[str, Any]:
    """Document metadata repeated on every task (so task filters need no join)."""
    md = doc.metadata
    issued = _iso_date(md.issued_date)
    return {
        "doc_id": doc.id,
        "document_number": md.number,
        "number_key": number_key(md.number),
        "document_type": md.doc_type,
        "document_title": md.title,
        "issuer": md.issuer,
        "issued_date": issued,
        "issue_year": _year(issued),
        # tình trạng hiệu lực, derived from the whole corpus (search_api.legal.service keeps it
        # current: a later document may replace this one); "unknown" until then
        "validity": "unknown",
        # read by OCR from a scan: the engine's mean confidence (0-100), None for a text source
        "ocr_confidence": _ocr_confidence(doc),
    }


def _ocr_confidence(doc: ParsedDocument, offset: int | None = None) -> int | None:
    """The OCR confidence of the page holding ``offset`` (else of the whole document), rounded;
    None when the text did not come from OCR."""
    ocr = getattr(doc.source, "ocr", None)
    if ocr is None:
        return None
    page = ocr.page_at(offset) if offset is not None else None
    value = page.confidence if page is not None and page.confidence is not None else ocr.confidence
    return round(value)


def _ocr_page(doc: ParsedDocument, offset: int) -> int | None:
    ocr = getattr(doc.source, "ocr", None)
    page = ocr.page_at(offset) if ocr is not None else None
    return page.page if page is not None else None


def task_doc(doc: ParsedDocument, task: Task, position: int, now: datetime) -> dict[str, Any]:
    deadline = task.deadline
    return {
        "id": task.id,
        "kind": "task",
        **common_fields(doc),
        "ocr_confidence": _ocr_confidence(doc, task.span.start),
        "ocr_page": _ocr_page(doc, task.span.start),
        "section": task.section,
        "position": position,
        "start": task.span.start,
        "end": task.span.end,
        "text": task.text,
        "text_segmented": segment(task.text),
        **_owner_fields(task.owners, "owner"),
        **_owner_fields(task.co_owners, "co_owner"),
        "deadline": _iso_date(deadline.date) if deadline else None,
        "deadline_text": deadline.text if deadline else None,
        "deadline_inherited": deadline.inherited if deadline else None,
        "recurrence": task.recurrence,
        "refs": _unique([reference_key(r) for r in task.refs]),
        "status": "not_started",
        "version": 0,
        "stale": False,
        "updated_at": now.isoformat(),
    }


def _section_dicts(doc: ParsedDocument) -> list[dict[str, Any]]:
    return [
        {"index": s.index, "parent": s.parent, "kind": s.kind.value, "marker": s.marker,
         "level": s.level, "path": s.path, "heading": s.heading, "start": s.start, "end": s.end}
        for s in doc.sections
    ]


def _ref_dict(ref: Reference) -> dict[str, Any]:
    return {
        "id": ref.id,
        # Only numbered ids are canonicalised as numbers: a name that merely contains a number
        # ("Kế hoạch ... thực hiện Quy định 132-QĐ/TW") must not be filed under that number.
        "key": (ref.key and ((number_key(ref.key) if ref.numbered else None) or ref.key))
        or reference_key(ref.id, ref.numbered),
        "numbered": ref.numbered,
        "doc_type": ref.doc_type,
        "issuer": ref.issuer,
        "issued_date": _iso_date(ref.issued_date),
        "relation": ref.relation.value,
        "mention": ref.mention.text,
        "sentence": ref.sentence.text if ref.sentence else ref.mention.text,
        "mention_count": max(1, len(ref.mentions)),
    }


HEADLINE_CHARS = 90


def display_title(doc: ParsedDocument) -> str:
    """What a list shows for a document: its trích yếu, else its opening words (a news item or
    a copy without a header: ``Tin bài: Ngày 26/4/2024, Ban cán sự đảng Bộ Tư pháp đã ban…``),
    never a file name unless the document has no text at all."""
    md = doc.metadata
    if md.title:
        return md.title
    opening = next((" ".join(line.split()) for line in doc.text.split("\n") if line.strip()), "")
    if not opening:
        return doc.source.filename
    if len(opening) > HEADLINE_CHARS:
        cut = opening.rfind(" ", 0, HEADLINE_CHARS)
        opening = opening[: cut if cut > HEADLINE_CHARS // 2 else HEADLINE_CHARS].rstrip(" ,;:") + "…"
    return f"{md.doc_type}: {opening}" if md.doc_type else opening


def document_doc(
    doc: ParsedDocument, ext: Extraction, tasks: list[dict[str, Any]], now: datetime,
    source_key: str | None = None,
) -> dict[str, Any]:
    md = doc.metadata
    title = display_title(doc)
    return {
        "id": doc.id,
        "kind": "document",
        **common_fields(doc),
        "title": title,
        "body": doc.text,
        "text_segmented": segment(title),
        "filename": doc.source.filename,
        "file_type": doc.source.file_type,
        "sha256": doc.source.sha256,
        "place": md.place,
        "signer": md.signer,
        "signer_title": md.signer_title,
        "recipients": list(md.recipients),
        "owners": _unique([n for t in tasks for n in t["owners"]]),
        "owner_keys": _unique([k for t in tasks for k in t["owner_keys"]]),
        "owner_labels": _unique([x for t in tasks for x in t.get("owner_labels", [])]),
        "co_owners": _unique([n for t in tasks for n in t["co_owners"]]),
        "co_owner_keys": _unique([k for t in tasks for k in t["co_owner_keys"]]),
        "refs": _unique([_ref_dict(r)["key"] for r in ext.references]),
        "abbreviations": dict(ext.abbreviations),
        "sections": _section_dicts(doc),
        "references": [_ref_dict(r) for r in ext.references],
        "task_count": len(ext.tasks),
        "reference_count": len(ext.references),
        "source_key": source_key,
        "ingested_at": now.isoformat(),
        "updated_at": now.isoformat(),
    }


def citation_docs(doc: ParsedDocument, ext: Extraction, now: datetime) -> list[dict[str, Any]]:
    """One citation per (citing document, cited key); id ``{doc_id}:{key}``."""
    md = doc.metadata
    out: dict[str, dict[str, Any]] = {}
    for ref in ext.references:
        r = _ref_dict(ref)
        if not r["key"] or r["key"] in out:
            continue
        out[r["key"]] = {
            "id": f"{doc.id}:{r['key']}",
            "citing_doc_id": doc.id,
            "citing_number": md.number,
            "citing_key": number_key(md.number),
            "citing_title": md.title,  # never the file name: pages name a citing document by number and title
            "citing_type": md.doc_type,
            "citing_issuer": md.issuer,
            "citing_date": _iso_date(md.issued_date),
            "cited_key": r["key"],
            "cited_id": r["id"],
            "cited_numbered": r["numbered"],
            "cited_type": r["doc_type"],
            "cited_issuer": r["issuer"],
            "cited_date": r["issued_date"],
            "relation": r["relation"],
            "mention": r["mention"],
            "sentence": r["sentence"],
            "mention_count": r["mention_count"],
            "updated_at": now.isoformat(),
        }
    return list(out.values())


def build_index_docs(
    doc: ParsedDocument,
    ext: Extraction,
    *,
    now: datetime,
    state_for: StateLookup | None = None,
    source_key: str | None = None,
) -> IndexDocs:
    """All index documents for one parsed + extracted document, tracked state overlaid."""
    tasks = []
    for i, task in enumerate(ext.tasks):
        base = task_doc(doc, task, i, now)
        state = state_for(task.id) if state_for else None
        tasks.append(tracking.apply_state(base, state))
    return IndexDocs(
        document=document_doc(doc, ext, tasks, now, source_key),
        tasks=tasks,
        citations=citation_docs(doc, ext, now),
    )


def mark_stale(task: dict[str, Any], superseded_by: str) -> dict[str, Any]:
    """A task that vanished from a newer version of its document (kept, flagged)."""
    return {**task, "stale": True, "superseded_by": superseded_by}
