"""Build an ``Extraction`` from a gold JSON file, so API tests run on known, stable data
(independent of how good the extractor is today). Real parsing is still used for the text."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from ingest.model import DocumentMetadata, ParsedDocument, Span
from nlp.model import Deadline, Extraction, Owner, Reference, Task
from search_api.text import fold, number_key

NUMBERED = re.compile(r"^(?=\S*\d)(?=\S*/)\S+$")


def owner_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _span(doc: ParsedDocument, text: str) -> Span:
    at = doc.text.find(text)
    if at < 0:
        return Span(start=0, end=0, text="")
    return doc.span(at, at + len(text))


def _sentence(doc: ParsedDocument, span: Span) -> Span | None:
    if span.end == 0:
        return None
    start = max(doc.text.rfind(". ", 0, span.start) + 2, doc.text.rfind("\n", 0, span.start) + 1, 0)
    ends = [e for e in (doc.text.find(". ", span.end), doc.text.find("\n", span.end)) if e >= 0]
    end = min(ends) + 1 if ends else len(doc.text)
    return doc.span(start, min(end, len(doc.text)))


def _relation(doc: ParsedDocument, span: Span) -> str:
    before = fold(doc.text[max(0, span.start - 40):span.start])
    if "can cu" in before:
        return "legal_basis"
    if "thuc hien" in before or "trien khai" in before:
        return "implements"
    return "mentions"


def gold_extraction(doc: ParsedDocument, gold: dict[str, Any]) -> Extraction:
    refs = []
    for r in gold["references"]:
        mention = _span(doc, r["mention"])
        numbered = bool(NUMBERED.match(r["id"]))  # the scorer's rule: no spaces, a digit and a slash
        key = (number_key(r["id"]) or "") if numbered else ""
        refs.append(Reference(
            id=r["id"], numbered=numbered, doc_type=r.get("doc_type"), issuer=r.get("issuer"),
            issued_date=r.get("issued_date"), mention=mention, relation=_relation(doc, mention),
            sentence=_sentence(doc, mention), mentions=[mention], key=key,
        ))
    tasks = []
    for i, t in enumerate(gold["tasks"]):
        digest = hashlib.sha256(t["text"].encode()).hexdigest()[:8]
        dl = t.get("deadline")
        tasks.append(Task(
            id=f"{doc.id}-{i:03d}-{digest}", text=t["text"], span=_span(doc, t["text"]),
            section=t.get("section"),
            owners=[Owner(name=o, key=owner_key(o)) for o in t.get("owners", [])],
            co_owners=[Owner(name=o, key=owner_key(o)) for o in t.get("co_owners", [])],
            deadline=Deadline(text=dl["text"], date=dl.get("date")) if dl else None,
            recurrence=t.get("recurrence"), refs=list(t.get("refs", [])),
        ))
    return Extraction(doc_id=doc.id, abbreviations=dict(gold.get("abbreviations", {})),
                      references=refs, tasks=tasks)


def with_gold_metadata(doc: ParsedDocument, gold: dict[str, Any]) -> ParsedDocument:
    md = {k: v for k, v in gold["metadata"].items() if k in DocumentMetadata.model_fields}
    return doc.model_copy(update={"metadata": DocumentMetadata(**md)})


def load_gold(gold_dir: Path, seed: Path) -> dict[str, Any]:
    return json.loads((gold_dir / f"{seed.stem}.json").read_text(encoding="utf-8"))
