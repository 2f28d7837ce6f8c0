"""``ParsedDocument`` in, ``Extraction`` out. Knows nothing of Elasticsearch or HTTP.

Public verbs: :func:`extract` and :func:`load_pipeline`.

Example::

    >>> import ingest, nlp
    >>> doc = ingest.parse_text("1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025.")
    >>> [t.owners[0].name for t in nlp.extract(doc).tasks]  # doctest: +SKIP
    ['Sở Tư pháp']
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.model import ParsedDocument
from nlp.model import Deadline, Extraction, Owner, Reference, Relation, Task
from nlp.pipeline import load_pipeline

__all__ = [
    "extract",
    "extract_many",
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

    The document runs through the spaCy pipeline (``pipeline``, default
    :func:`load_pipeline`): one Doc, tokenised once by pyvi; the registered components
    annotate it and the ``directives_extract`` component resolves it into the
    ``Extraction`` it leaves on the Doc.
    """
    return extract_many([doc], pipeline)[0]


def extract_many(docs: Iterable[ParsedDocument], pipeline=None, *, batch_size: int = 8) -> list[Extraction]:
    """:func:`extract` for many documents, streamed through ``nlp.pipe``."""
    from nlp.pipeline import make_doc

    nlp = pipeline if pipeline is not None else load_pipeline()
    return [d.user_data["extraction"] for d in nlp.pipe((make_doc(nlp, p) for p in docs), batch_size=batch_size)]
