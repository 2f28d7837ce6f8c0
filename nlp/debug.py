"""Dump every extracted span in context (``directives debug FILE``)."""

from __future__ import annotations

from ingest.model import ParsedDocument
from nlp.model import Extraction


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """``…before [span] after…`` on one line."""
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…".replace("\n", " ")


def dump(doc: ParsedDocument, extraction: Extraction) -> str:
    lines = [f"# {doc.source.filename} ({doc.metadata.doc_type}, {doc.metadata.number}, {doc.metadata.issuer})"]
    for ref in extraction.references:
        lines.append(f"REF {ref.id}: {context(doc.text, ref.mention.start, ref.mention.end)}")
    for task in extraction.tasks:
        lines.append(f"TASK {task.section} {task.id}")
        lines.append(f"  text: {task.text[:200]}")
        lines.append(f"  owners: {[(o.name, o.inherited_from) for o in task.owners]}")
        if task.co_owners:
            lines.append(f"  co-owners: {[o.name for o in task.co_owners]}")
        if task.deadline:
            where = context(doc.text, task.deadline.span.start, task.deadline.span.end) if task.deadline.span else "inherited"
            lines.append(f"  deadline: {task.deadline.text} -> {task.deadline.date} ({where})")
        if task.recurrence:
            lines.append(f"  recurrence: {task.recurrence}")
        if task.refs:
            lines.append(f"  refs: {task.refs}")
    return "\n".join(lines)
