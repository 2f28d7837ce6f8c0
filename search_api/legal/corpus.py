"""The corpus as the legal views see it: every current document's number, type, title and
date, every citation (the citing document's own relation) and every relation a citing text
reports between two others, read from the data directory's extractions.

Pure apart from :func:`load_view` (which reads a :class:`search_api.store.DataStore`): the
view is plain data, the validity of every document is computed once per view.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nlp.model import Extraction, Reference, Relation
from search_api.legal.validity import (
    Citation,
    LegalDocument,
    ReportedCitation,
    Validity,
    plan_period,
    validity,
)
from search_api.text import number_key, reference_key

log = logging.getLogger(__name__)

# where a title given by a citing sentence ends: a clause break, ", " before a capital, or the
# sentence going on about the document ("... đã được sửa đổi bởi ...", "... là căn cứ ...")
_TITLE_END = re.compile(r"[;:\n()“”\"]|\.(?:\s|$)|\s+-\s+"
                        r"|,?\s+(?:đã|đang|sẽ|được|bị|nay|thì|là|theo đó)\s")
_COMMA = re.compile(r",\s+(?=\w)")
# a title names its subject: "... về ...", "... ban hành ...", "... quy định ..."
_SUBJECT = re.compile(r"\s(?:về|ban hành|quy định|phê duyệt|hướng dẫn|triển khai|thực hiện)\s")


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A current document of the corpus."""

    id: str
    key: str  # the citation join key: canonical number, else ``doc:<id>``
    number: str | None
    doc_type: str | None
    title: str | None
    issued_date: str | None  # ISO
    issuer: str | None
    filename: str


@dataclass(frozen=True, slots=True)
class Edge:
    """The citing document's own relation to a cited one."""

    citing_id: str
    citing_key: str
    cited_key: str
    cited_label: str  # the reference's id (04-CT/TW, Luật Đất đai)
    cited_type: str | None
    relation: Relation
    partial: bool
    mention: str
    sentence: str


@dataclass(frozen=True, slots=True)
class ReportedEdge:
    """``subject`` <relation> ``object`` as reported by ``reported_by`` (a corpus document)."""

    reported_by_id: str
    reported_by_key: str
    subject_key: str | None
    subject_label: str | None
    relation: Relation
    object_key: str
    object_label: str
    partial: bool
    sentence: str


@dataclass(slots=True)
class CorpusView:
    token: tuple[Any, ...]
    today: date
    docs: dict[str, DocInfo] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # key -> newest document id
    edges: list[Edge] = field(default_factory=list)
    reported: list[ReportedEdge] = field(default_factory=list)
    legal: dict[str, LegalDocument] = field(default_factory=dict)
    validity: dict[str, Validity] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # cited-only key -> best title
    cited_types: dict[str, str] = field(default_factory=dict)  # cited-only key -> type

    def key_of(self, doc_id: str) -> str | None:
        doc = self.docs.get(doc_id)
        return doc.key if doc else None

    def validity_of(self, key: str) -> Validity | None:
        return self.validity.get(key)

    def name(self, key: str | None) -> str:
        """How a document is named: "Quyết định số 90/QĐ-UBND", a law's title, else the key."""
        if not key:
            return "(văn bản không nêu số)"
        doc_id = self.by_key.get(key)
        if doc_id:
            d = self.docs[doc_id]
            if d.number:
                return f"{d.doc_type or 'Văn bản'} số {d.number}"
            return d.title or d.filename
        kind = self.cited_types.get(key)
        if kind and _NUMBERED.search(key):
            return f"{kind} số {key}"
        return self.titles.get(key) or key

    def title(self, key: str) -> str | None:
        """The document's title (corpus) or the best one its citing sentences give."""
        doc_id = self.by_key.get(key)
        if doc_id:
            return self.docs[doc_id].title
        return self.titles.get(key)


_NUMBERED = re.compile(r"\d.*[/-]|[/-].*\d")


def ref_key(ref: Reference) -> str:
    """The key the citations index files a reference under (as ``search.docs`` does)."""
    if ref.key:
        return (number_key(ref.key) if ref.numbered else None) or ref.key
    return reference_key(ref.id, ref.numbered)


def doc_key(doc_id: str, number: str | None) -> str:
    return number_key(number) or f"doc:{doc_id}"


def title_from_sentence(mention: str, sentence: str) -> str | None:
    """The title a citing sentence gives after the mention ("Chỉ thị số 05/CT-TTg ngày ... của
    Thủ tướng Chính phủ về tăng cường ..."), None when it names no subject.

    >>> title_from_sentence("Quyết định số 90/QĐ-UBND", "Thực hiện Quyết định số 90/QĐ-UBND ngày 01/3/2024 "
    ...     "của Ủy ban nhân dân tỉnh ban hành Quy chế theo dõi, đôn đốc nhiệm vụ, Ủy ban nhân dân huyện ban hành")
    'Quyết định số 90/QĐ-UBND ngày 01/3/2024 của Ủy ban nhân dân tỉnh ban hành Quy chế theo dõi, đôn đốc nhiệm vụ'
    """
    if not mention or not sentence:
        return None
    at = sentence.find(mention)
    if at < 0:
        return None
    rest = sentence[at + len(mention):]
    m = _TITLE_END.search(rest)
    rest = rest[:m.start()] if m else rest
    capital = next((c for c in _COMMA.finditer(rest) if rest[c.end()].isupper()), None)
    rest = rest[:capital.start()] if capital else rest
    text = " ".join((mention + rest).split()).rstrip(" ,.;")
    if not _SUBJECT.search(" " + text[len(mention):] + " ") or len(text) > 320:
        return None
    return text


def build_view(entries: list[tuple[DocInfo, Extraction]], *, today: date,
               token: tuple[Any, ...] = ()) -> CorpusView:
    """The view of the given documents (each with its extraction)."""
    view = CorpusView(token=token, today=today)
    for info, _ in sorted(entries, key=lambda e: (e[0].issued_date or "", e[0].id)):
        view.docs[info.id] = info
        view.by_key[info.key] = info.id  # newest (by issue date) wins
    citations: list[Citation] = []
    reported: list[ReportedCitation] = []
    cited: dict[str, LegalDocument] = {}
    for info, ext in entries:
        citing_date = _date(info.issued_date)
        keys = {r.id: ref_key(r) for r in ext.references}
        labels = {r.id: r.id for r in ext.references}
        for r in ext.references:
            key = keys[r.id]
            sentence = r.sentence.text if r.sentence else r.mention.text
            view.edges.append(Edge(info.id, info.key, key, r.id, r.doc_type, r.relation, r.partial,
                                   r.mention.text, sentence))
            citations.append(Citation(info.key, key, r.relation, r.partial, citing_date))
            if key not in cited:
                cited[key] = LegalDocument(key, doc_type=r.doc_type, issued_date=_date(r.issued_date),
                                           title=r.id)
            if r.doc_type and key not in view.cited_types:
                view.cited_types[key] = r.doc_type
            title = title_from_sentence(r.mention.text, sentence)
            if title and len(title) > len(view.titles.get(key, "")):
                view.titles[key] = title
            for x in r.reported:
                subject = keys.get(x.subject, x.subject) if x.subject else None
                obj = keys.get(x.object, x.object)
                view.reported.append(ReportedEdge(info.id, info.key, subject,
                                                  labels.get(x.subject, x.subject) if x.subject else None,
                                                  x.relation, obj, labels.get(x.object, x.object),
                                                  x.partial, sentence))
                reported.append(ReportedCitation(info.key, subject, x.relation, obj, x.partial))
    for key, doc_id in view.by_key.items():
        d = view.docs[doc_id]
        period = plan_period(d.title, d.doc_type)
        view.legal[key] = LegalDocument(key, doc_id=doc_id, doc_type=d.doc_type,
                                        issued_date=_date(d.issued_date), title=d.title,
                                        period_end=period.end if period else None,
                                        period_label=period.label if period else None)
    for key, c in cited.items():
        view.legal.setdefault(key, c)
    view.validity = validity(view.legal.values(), citations, reported, today=today)
    return view


def load_view(store: Any, *, today: date, token: tuple[Any, ...] = (),
              cache: dict[str, tuple[DocInfo, Extraction]] | None = None) -> CorpusView:
    """Read every current document of a data directory (parsed metadata + extraction).

    ``cache`` (doc id -> entry; ids are content hashes, so an entry never goes stale) is read
    and filled, so a view rebuilt after one ingest reads one document, not all of them."""
    cache = {} if cache is None else cache
    entries: list[tuple[DocInfo, Extraction]] = []
    current = store.current_ids()
    for doc_id in current:
        entry = cache.get(doc_id)
        if entry is None:
            try:
                doc, ext = store.load(doc_id)
            except (OSError, ValueError) as exc:
                log.warning("legal view: document %s unreadable, left out (%s)", doc_id, exc)
                continue
            md = doc.metadata
            info = DocInfo(doc.id, doc_key(doc.id, md.number), md.number, md.doc_type, md.title,
                           md.issued_date, md.issuer, doc.source.filename)
            entry = cache[doc_id] = (info, ext)
        entries.append(entry)
    for gone in set(cache) - set(current):
        cache.pop(gone, None)
    return build_view(entries, today=today, token=token)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
