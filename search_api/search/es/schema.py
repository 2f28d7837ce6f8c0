"""Analyzers and mappings for every index, as code, each with its own ``VERSION``.

Bump an index's ``VERSION`` whenever its body changes; ``directives reindex`` (or the automatic
rebuild at start) then creates ``{prefix}-{name}-v{VERSION}-{timestamp}``, fills it and swaps
the alias in one call (see :mod:`search_api.search.es.indices`).

Vietnamese text is indexed three ways:

- ``text``            lowercase only: exact accents score (``tài sản`` ≠ ``tai san``);
- ``text.folded``     lowercase + asciifolding: ``thu hoi tai san`` finds ``thu hồi tài sản``;
- ``text_segmented``  pyvi word segmentation done at index time (``thu_hồi tài_sản``),
                      so a two-syllable word matches as one token and phrases rank higher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ANALYSIS: dict[str, Any] = {
    "analyzer": {
        "vi_accented": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "vi_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
        # Input is already segmented by pyvi (words joined by "_", punctuation dropped).
        "vi_segmented": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
    }
}


def _vi_text() -> dict[str, Any]:
    """A Vietnamese text field: accented main field plus a folded sub-field."""
    return {
        "type": "text",
        "analyzer": "vi_accented",
        "fields": {
            "folded": {"type": "text", "analyzer": "vi_folded"},
            "accented": {"type": "text", "analyzer": "vi_accented"},
        },
    }


def _segmented() -> dict[str, Any]:
    return {
        "type": "text",
        "analyzer": "vi_segmented",
        "fields": {"folded": {"type": "text", "analyzer": "vi_folded"}},
    }


KEYWORD = {"type": "keyword"}
DATE = {"type": "date", "format": "strict_date_optional_time||epoch_millis"}

# Fields shared by tasks and documents, so one query/filter works over both aliases.
_DOCUMENT_FIELDS: dict[str, Any] = {
    "id": KEYWORD,
    "kind": KEYWORD,  # "task" | "document"
    "doc_id": KEYWORD,
    "document_number": {"type": "keyword", "fields": {"text": {"type": "text", "analyzer": "vi_folded"}}},
    "number_key": KEYWORD,  # canonical number (search_api.numbers.number_key)
    "document_type": KEYWORD,
    "document_title": _vi_text(),
    "issuer": KEYWORD,
    "issued_date": DATE,
    "issue_year": {"type": "integer"},
    "owners": KEYWORD,
    "owner_keys": KEYWORD,
    "owner_labels": KEYWORD,  # "key|name as written": display names for the owner facet
    "co_owners": KEYWORD,
    "co_owner_keys": KEYWORD,
    "refs": KEYWORD,
    "validity": KEYWORD,  # replaced | repealed | partly_repealed | amended | expired | unknown
    "ocr_confidence": {"type": "integer"},  # read by OCR: mean word confidence 0-100 (None: text)
    "updated_at": DATE,
}

TASKS: dict[str, Any] = {
    # Not strict: tracking may overlay extra fields; they are kept in _source, not indexed.
    "dynamic": False,
    "properties": {
        **_DOCUMENT_FIELDS,
        "section": KEYWORD,
        "position": {"type": "integer"},  # order of the task in its document
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "text": _vi_text(),
        "text_segmented": _segmented(),
        "ocr_page": {"type": "integer"},  # the scanned page the task is on
        "deadline": DATE,
        "deadline_text": {"type": "keyword"},
        "deadline_inherited": {"type": "boolean"},
        "recurrence": KEYWORD,
        "status": KEYWORD,  # not_started | in_progress | done | on_hold
        "done_date": DATE,
        "assignee": KEYWORD,
        "note": {"type": "text", "analyzer": "vi_folded"},
        "version": {"type": "long"},
        "stale": {"type": "boolean"},
        "superseded_by": KEYWORD,
    },
}

DOCUMENTS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        **_DOCUMENT_FIELDS,
        "title": _vi_text(),
        "body": _vi_text(),  # the whole normalised text (never returned by /search)
        "text_segmented": _segmented(),  # the title, segmented
        "filename": KEYWORD,
        "file_type": KEYWORD,
        "sha256": KEYWORD,
        "place": KEYWORD,
        "signer": KEYWORD,
        "signer_title": KEYWORD,
        "recipients": KEYWORD,
        "abbreviations": {"type": "object", "enabled": False},
        "sections": {"type": "object", "enabled": False},
        "references": {"type": "object", "enabled": False},
        "task_count": {"type": "integer"},
        "reference_count": {"type": "integer"},
        "source_key": KEYWORD,
        "ingested_at": DATE,
    },
}

CITATIONS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": KEYWORD,
        "citing_doc_id": KEYWORD,
        "citing_number": KEYWORD,
        "citing_key": KEYWORD,  # canonical number of the citing document, when it has one
        "citing_title": {"type": "text", "analyzer": "vi_folded"},
        "citing_type": KEYWORD,
        "citing_issuer": KEYWORD,
        "citing_date": DATE,
        "cited_key": KEYWORD,  # canonical id of the cited document (the join key)
        "cited_id": KEYWORD,  # as extracted (04-CT/TW or "Luật Đất đai")
        "cited_numbered": {"type": "boolean"},
        "cited_type": KEYWORD,
        "cited_issuer": KEYWORD,
        "cited_date": DATE,
        "relation": KEYWORD,
        "mention": {"type": "text", "analyzer": "vi_folded"},
        "sentence": {"type": "text", "analyzer": "vi_folded"},
        "mention_count": {"type": "integer"},
        "updated_at": DATE,
    },
}


@dataclass(frozen=True, slots=True)
class IndexSpec:
    """One logical index: its alias suffix, version and body."""

    name: str
    version: int
    mappings: dict[str, Any]
    shards: int = 1

    def body(self) -> dict[str, Any]:
        """The explicit create-index body (no index templates)."""
        return {
            "settings": {"number_of_shards": self.shards, "analysis": ANALYSIS},
            "mappings": self.mappings,
        }


DOCUMENTS_SPEC = IndexSpec("documents", 4, DOCUMENTS)
TASKS_SPEC = IndexSpec("tasks", 4, TASKS)
CITATIONS_SPEC = IndexSpec("citations", 2, CITATIONS)
SPECS: dict[str, IndexSpec] = {s.name: s for s in (DOCUMENTS_SPEC, TASKS_SPEC, CITATIONS_SPEC)}
