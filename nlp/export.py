"""Extraction + ParsedDocument metadata -> the gold JSON schema (extra fields allowed).

Example::

    >>> sorted(to_gold_json(doc, extraction))  # doctest: +SKIP
    ['abbreviations', 'doc', 'metadata', 'references', 'tasks']
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.model import ParsedDocument
from nlp.model import Extraction

METADATA_FIELDS = ("doc_type", "number", "issuer", "issued_date", "place", "title", "signer", "signer_title")


def to_gold_json(doc: ParsedDocument, extraction: Extraction) -> dict:
    """The gold schema: doc, metadata, abbreviations, references, tasks (plus ids and keys)."""
    meta = doc.metadata.model_dump()
    return {
        "doc": doc.source.filename,
        "metadata": {k: meta.get(k) for k in METADATA_FIELDS},
        "abbreviations": dict(extraction.abbreviations),
        "references": [
            {
                "id": r.id,
                "doc_type": r.doc_type,
                "issued_date": r.issued_date,
                "issuer": r.issuer,
                "mention": r.mention.text,
                "relation": str(r.relation),
            }
            for r in extraction.references
        ],
        "tasks": [
            {
                "id": t.id,
                "text": t.text,
                "section": t.section,
                "owners": [o.name for o in t.owners],
                "co_owners": [o.name for o in t.co_owners],
                "deadline": {"text": t.deadline.text, "date": t.deadline.date} if t.deadline else None,
                "recurrence": t.recurrence,
                "refs": list(t.refs),
                "span": [t.span.start, t.span.end],
            }
            for t in extraction.tasks
        ],
    }


def output_name(filename: str) -> str:
    """``000_x.txt`` -> ``000_x.json``."""
    return Path(filename).stem + ".json"


def write_gold_json(doc: ParsedDocument, extraction: Extraction, out_dir: Path) -> Path:
    """Write one JSON file named after the input; returns its path (atomic replace)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / output_name(doc.source.filename)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(to_gold_json(doc, extraction), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path
