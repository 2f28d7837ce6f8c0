"""Alerts for legal teams: follow a document; a newly ingested document that cites, amends,
replaces, implements (or otherwise refers to) it records an alert for each follower, sent by
the next ``directives remind`` run.

The pipeline calls :func:`record_alerts` once per committed document, after indexing. It never
fails the ingest: a problem is logged and the document stays ingested.

>>> follow_key("Quyết định số 1804/QĐ-BTP")
'1804/QĐ-BTP'
"""

from __future__ import annotations

import logging
from typing import Any

from search_api.reports.reminders import Follow, ReminderError, open_store
from search_api.text import fold, number_key, reference_key

log = logging.getLogger(__name__)


def follow_key(text: str) -> str:
    """The join key of a document as a person writes it: its canonical number when it has
    one, else the lower-cased name (the key name-only references get)."""
    text = " ".join((text or "").split())
    key = number_key(text)
    return key or text.lower()


def follow_document(ctx: Any, document: str, email: str) -> Follow:
    """Record that ``email`` follows ``document`` (a number as written, a key or a doc id)."""
    document = " ".join((document or "").split())
    if not document:
        raise ReminderError("a follow needs a document number or key", "Hãy nhập số hoặc tên văn bản.")
    key, label = follow_key(document), document
    if ctx.store.has(document):  # a document id of the corpus
        doc, _ext = ctx.store.load(document)
        key = number_key(doc.metadata.number) or key
        label = doc.metadata.number or doc.metadata.title or document
    with open_store(ctx.edit_log) as store:
        return store.follow(key, label, email)


def _loose(key: str) -> str:
    """Keys compared without case or accents (``luat thi hanh an dan su 2008`` is the law)."""
    return " ".join(fold(key).split())


def _ref_keys(ref: Any) -> set[str]:
    keys = {reference_key(ref.id, ref.numbered)}
    if ref.key:
        keys.add(number_key(ref.key) if ref.numbered and number_key(ref.key) else ref.key)
    return {_loose(k) for k in keys if k}


def record_alerts(ctx: Any, doc: Any, ext: Any) -> int:
    """Alerts for the followers of every document ``doc`` refers to; returns how many were new.
    Called by ``pipeline.commit`` after indexing; logs and returns 0 on any error."""
    try:
        own = _loose(number_key(doc.metadata.number) or "")
        with open_store(ctx.edit_log) as store:
            follows = store.follows()
            if not follows:
                return 0
            by_key: dict[str, list[Follow]] = {}
            for f in follows:
                by_key.setdefault(_loose(f.document_key), []).append(f)
            new = 0
            for ref in ext.references:
                keys = _ref_keys(ref) - {own}
                for f in {f.id: f for k in keys for f in by_key.get(k, [])}.values():
                    sentence = ref.sentence.text if ref.sentence else ref.mention.text
                    new += store.add_alert(f.id, citing_doc_id=doc.id, citing_number=doc.metadata.number,
                                           citing_title=doc.metadata.title, relation=str(ref.relation.value),
                                           sentence=sentence)
            return new
    except Exception as exc:  # noqa: BLE001 - alerts must never fail an ingest
        log.error("follow alerts for %s not recorded: %s", getattr(doc, "id", "?"), exc)
        return 0
