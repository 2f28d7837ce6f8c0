"""``ParsedDocument`` in, ``Extraction`` out. Knows nothing of Elasticsearch or HTTP.

Public verbs: :func:`extract` and :func:`load_pipeline`.

Example::

    >>> import ingest, nlp
    >>> doc = ingest.parse_text("1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025.")
    >>> [t.owners[0].name for t in nlp.extract(doc).tasks]  # doctest: +SKIP
    ['Sở Tư pháp']
"""

from __future__ import annotations

from ingest.model import ParsedDocument
from nlp.model import Deadline, Extraction, Owner, Reference, Relation, Task
from nlp.pipeline import load_pipeline

__all__ = [
    "extract",
    "load_pipeline",
    "Extraction",
    "Task",
    "Owner",
    "Deadline",
    "Reference",
    "Relation",
]


def extract(doc: ParsedDocument, pipeline=None) -> Extraction:
    """Find the tasks, owners, deadlines and references of a parsed document.

    ``pipeline`` is a spaCy ``Language`` from :func:`load_pipeline`; when given, the document
    text runs through it once (owner and cue spans for ``directives debug``).
    """
    from nlp.assemble import extract_document

    if pipeline is not None:
        pipeline(doc.text)
    return extract_document(doc)
