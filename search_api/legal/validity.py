"""Validity (tình trạng hiệu lực) of each document, derived from the corpus and explained.

The corpus rarely says that a document is in force, so the statuses are what the citations
between documents establish: ``replaced``, ``repealed``, ``partly_repealed``, ``amended``,
``expired`` (a plan whose period ended before ``today``) and ``unknown`` ("chưa xác định").

Inputs are plain values: the documents (:class:`LegalDocument`, joined by ``key``, the
canonical number key), the citations between them (:class:`Citation`, the citing document's
own relation to the cited one, e.g. "Quyết định này thay thế Quyết định số 12/QĐ-UBND") and
the relations citing documents report between two others (:class:`ReportedCitation`, e.g.
"Nghị định 123/2016 ... được sửa đổi, bổ sung bởi Nghị định 101/2020"). A cited document that
is not in the corpus gets a validity too (the citations are all the corpus knows of it).
:func:`citations_of` turns one extraction's references into both kinds of input.

>>> docs = [LegalDocument("12/QĐ-UBND", doc_type="Quyết định", issued_date=date(2020, 1, 5)),
...         LegalDocument("90/QĐ-UBND", doc_type="Quyết định", issued_date=date(2024, 3, 1))]
>>> cites = [Citation("90/QĐ-UBND", "12/QĐ-UBND", "replaces", citing_date=date(2024, 3, 1))]
>>> v = validity(docs, cites, today=date(2025, 1, 1))["12/QĐ-UBND"]
>>> v.status.value, v.explanation
('replaced', 'được thay thế bởi Quyết định số 90/QĐ-UBND (ngày 01/03/2024)')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from nlp.model import Reference, Relation
from nlp.relations import relation_labels


class Status(StrEnum):
    REPLACED = "replaced"
    REPEALED = "repealed"
    PARTLY_REPEALED = "partly_repealed"
    AMENDED = "amended"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


STATUS_LABELS = {
    Status.REPLACED: "bị thay thế",
    Status.REPEALED: "bị bãi bỏ",
    Status.PARTLY_REPEALED: "bị bãi bỏ một phần",
    Status.AMENDED: "được sửa đổi, bổ sung",
    Status.EXPIRED: "hết hiệu lực theo thời hạn",
    Status.UNKNOWN: "chưa xác định",
}


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A document of the corpus, or one it cites."""

    key: str  # canonical number key ("12/QĐ-UBND", "05-CT/TW"), the join key of citations
    doc_id: str | None = None  # the corpus document id, None for a cited-only document
    doc_type: str | None = None  # "Quyết định", "Kế hoạch", ...
    issued_date: date | None = None
    title: str | None = None
    period_end: date | None = None  # last day of the period a plan names (plan_period())
    period_label: str | None = None  # how it names it: "kế hoạch năm 2023"


@dataclass(frozen=True, slots=True)
class Citation:
    """The citing document's own relation to a cited one (``Reference.relation``)."""

    citing_key: str
    cited_key: str
    relation: Relation | str
    partial: bool = False  # the act is on a part (Điều, khoản, ...): ``Reference.partial``
    citing_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReportedCitation:
    """A relation a citing document reports between two others (``Reference.reported``):
    ``subject_key`` <relation> ``object_key``; ``subject_key`` None when it names no actor."""

    reported_by: str  # key of the citing document that says so
    subject_key: str | None
    relation: Relation | str
    object_key: str
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Cause:
    """One document that changed another's validity."""

    key: str | None  # the acting document (None: the reporting text names none)
    relation: Relation  # amends / replaces / repeals
    partial: bool
    date: date | None  # the acting document's date, when known
    reported_by: str | None = None  # None: the acting document itself says so


@dataclass(frozen=True, slots=True)
class Validity:
    key: str
    status: Status
    explanation: str  # Vietnamese, for the document page and the graph
    causes: tuple[Cause, ...] = field(default_factory=tuple)  # what caused it, deciding one first

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


_ACTS = (Relation.REPLACES, Relation.REPEALS, Relation.AMENDS)
# document types whose own words never change another document's validity (a Công văn asking
# to amend a decree, a news report); the acts they report between others still count
NON_ACTING_TYPES = frozenset({"Công văn", "Công điện", "Thông báo", "Tin bài", "Báo cáo", "Tờ trình"})
_NUMBER_KEY = re.compile(r"\d.*[/-]|[/-].*\d")


def validity(documents: Iterable[LegalDocument], citations: Iterable[Citation],
             reported: Iterable[ReportedCitation] = (), *, today: date) -> dict[str, Validity]:
    """Validity of every document named by ``documents``, ``citations`` or ``reported``.

    Deciding order: replaced as a whole, repealed as a whole, expired (a plan's period ended
    before ``today``), partly repealed, amended (a partial replacement counts as an
    amendment), else unknown. An act dated after ``today``, or before the document it acts on
    was issued (two documents sharing a number key), is ignored, and so is the own word of a
    document of ``NON_ACTING_TYPES`` (a Công văn "đề nghị sửa đổi ..." amends nothing). Every
    other cause is listed after the deciding one and named in the explanation.
    """
    docs = {d.key: d for d in documents}
    causes: dict[str, list[Cause]] = {}
    keys: dict[str, None] = dict.fromkeys(docs)

    def add(obj: str, cause: Cause) -> None:
        target = docs.get(obj)
        if cause.date and cause.date > today:
            return
        if cause.date and target and target.issued_date and cause.date < target.issued_date:
            return
        causes.setdefault(obj, []).append(cause)

    for c in citations:
        keys.setdefault(c.cited_key)
        keys.setdefault(c.citing_key)
        relation = Relation(c.relation)
        citing = docs.get(c.citing_key)
        if citing is not None and citing.doc_type in NON_ACTING_TYPES:
            continue
        if relation in _ACTS and c.cited_key != c.citing_key:
            when = c.citing_date or _issued(docs, c.citing_key)
            add(c.cited_key, Cause(c.citing_key, relation, c.partial, when))
    for r in reported:
        keys.setdefault(r.object_key)
        if r.subject_key:
            keys.setdefault(r.subject_key)
        relation = Relation(r.relation)
        if relation in _ACTS and r.subject_key != r.object_key:
            add(r.object_key, Cause(r.subject_key, relation, r.partial,
                                    _issued(docs, r.subject_key), reported_by=r.reported_by))
    return {k: _decide(k, docs, _dedupe(causes.get(k, [])), today) for k in keys}


def citations_of(citing_key: str, references: Iterable[Reference],
                 citing_date: date | None = None) -> tuple[list[Citation], list[ReportedCitation]]:
    """The :class:`Citation` and :class:`ReportedCitation` values of one document's references
    (``Extraction.references``), keyed by ``Reference.key`` (its id when it has no key)."""
    refs = list(references)
    key_of = {r.id: r.key or r.id for r in refs}
    cites = [Citation(citing_key, key_of[r.id], r.relation, r.partial, citing_date) for r in refs]
    reported = [ReportedCitation(citing_key, key_of.get(x.subject, x.subject) if x.subject else None,
                                 x.relation, key_of.get(x.object, x.object), x.partial)
                for r in refs for x in r.reported]
    return cites, reported


def cited_documents(references: Iterable[Reference]) -> list[LegalDocument]:
    """:class:`LegalDocument` values for the documents an extraction cites (type, date and
    the reference's id as title), for the cited-only documents; corpus documents of the same
    key should be preferred over these by the caller."""
    out: dict[str, LegalDocument] = {}
    for r in references:
        key = r.key or r.id
        if key not in out:
            issued = date.fromisoformat(r.issued_date) if r.issued_date else None
            out[key] = LegalDocument(key, doc_type=r.doc_type, issued_date=issued, title=r.id)
    return list(out.values())


def _issued(docs: dict[str, LegalDocument], key: str | None) -> date | None:
    doc = docs.get(key) if key else None
    return doc.issued_date if doc else None


def _dedupe(causes: list[Cause]) -> list[Cause]:
    """One cause per acting document and relation: its own word wins over a report."""
    best: dict[tuple[str | None, Relation, bool], Cause] = {}
    for c in causes:
        k = (c.key, c.relation, c.partial)
        if k not in best or (best[k].reported_by and not c.reported_by):
            best[k] = c
    return list(best.values())


def _rank(c: Cause) -> int:
    if c.relation is Relation.REPLACES and not c.partial:
        return 0
    if c.relation is Relation.REPEALS and not c.partial:
        return 1
    if c.relation is Relation.REPEALS:
        return 3
    return 4  # amends, partial replacement


def _decide(key: str, docs: dict[str, LegalDocument], causes: list[Cause],
            today: date) -> Validity:
    causes.sort(key=lambda c: (_rank(c), c.date or date.max, c.key or ""))
    doc = docs.get(key)
    expired = bool(doc and doc.period_end and doc.period_end < today)
    head = causes[0] if causes else None
    if head is not None and _rank(head) <= 1:
        status = Status.REPLACED if _rank(head) == 0 else Status.REPEALED
    elif expired:
        status = Status.EXPIRED
    elif head is not None:
        status = Status.PARTLY_REPEALED if _rank(head) == 3 else Status.AMENDED
    else:
        return Validity(key, Status.UNKNOWN, STATUS_LABELS[Status.UNKNOWN])
    parts = [_explain(c, docs) for c in causes]
    if status is Status.EXPIRED:
        assert doc is not None
        what = doc.period_label or f"đến ngày {_fmt(doc.period_end)}"
        parts.insert(0, f"hết hiệu lực theo thời hạn ({what})")
    return Validity(key, status, "; ".join(parts), tuple(causes))


def _explain(c: Cause, docs: dict[str, LegalDocument]) -> str:
    label = relation_labels()[c.relation].text(inverse=True, partial=c.partial)
    if c.key is None:
        text = label.removesuffix(" bởi") + " (văn bản không nêu số)"
    else:
        text = f"{label} {name(c.key, docs)}"
    if c.date:
        text += f" (ngày {_fmt(c.date)})"
    if c.reported_by:
        text += f", theo {name(c.reported_by, docs)}"
    return text


def name(key: str, docs: dict[str, LegalDocument]) -> str:
    """How a document is named in an explanation: type and number (``Quyết định số
    12/QĐ-UBND``) for a numbered one, else its title (a law named without number), else the key."""
    doc = docs.get(key)
    numbered = bool(_NUMBER_KEY.search(key))
    if doc and doc.doc_type and numbered:
        return f"{doc.doc_type} số {key}"
    if doc and doc.title and not numbered:
        return doc.title
    return key


def _fmt(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


# --------------------------------------------------------------------------- plan periods

# a document of another type is a plan when its title issues or approves one
_PLAN_WORDS = re.compile(r"\b(?:ban hanh|phe duyet)\s+(?:ke hoach|chuong trinh|de an)\b")
_RANGE = re.compile(r"\b(?:giai doan|thoi ky|nhiem ky)?\s*((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")
_UNTIL = re.compile(r"\bden nam ((?:19|20)\d{2})\b")
_HALF = re.compile(r"\b6 thang dau nam ((?:19|20)\d{2})\b")
_QUARTER = re.compile(r"\bquy (iv|iii|ii|i|[1-4]) (?:nam )?((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\bnam ((?:19|20)\d{2})\b")
_QUARTER_END = {"i": (3, 31), "1": (3, 31), "ii": (6, 30), "2": (6, 30),
                "iii": (9, 30), "3": (9, 30), "iv": (12, 31), "4": (12, 31)}


@dataclass(frozen=True, slots=True)
class PlanPeriod:
    end: date
    label: str  # "kế hoạch năm 2023", "giai đoạn 2021-2025"


def plan_period(title: str | None, doc_type: str | None = None) -> PlanPeriod | None:
    """The period a plan or programme names in its title, None for other documents.

    ``doc_type`` Kế hoạch / Chương trình / Đề án / Phương án, or a title that issues or
    approves one ("Quyết định ban hành Chương trình công tác ... năm 2022"), makes it a plan
    (a Công văn "V/v thực hiện kế hoạch thanh tra năm 2020" is not one). A range ("giai đoạn 2021 -
    2025") ends on 31/12 of its last year, "đến năm 2030" on 31/12/2030, "quý II năm 2024" on
    30/06/2024, "6 tháng đầu năm 2024" on 30/06/2024, a year ("năm 2023") on 31/12/2023;
    "tầm nhìn đến năm 2045" is a vision, not the period, when a range or an earlier year is named.

    >>> plan_period("Kế hoạch thực hiện nhiệm vụ chuyển đổi số năm 2025", "Kế hoạch")
    PlanPeriod(end=datetime.date(2025, 12, 31), label='kế hoạch năm 2025')
    >>> plan_period("Chương trình hành động giai đoạn 2021 - 2025, tầm nhìn đến năm 2030", "Chương trình").label
    'chương trình giai đoạn 2021-2025'
    >>> plan_period("Quyết định số 5/QĐ-UBND về việc phê duyệt quy hoạch năm 2023", "Quyết định") is None
    True
    """
    if not title:
        return None
    folded = _fold(title)
    kind_text = _fold(doc_type or "")
    kind = next((k for k in ("ke hoach", "chuong trinh", "de an", "phuong an") if k in kind_text), None)
    if kind is None:
        m = _PLAN_WORDS.search(folded)
        if not m:
            return None
        kind = next(k for k in ("ke hoach", "chuong trinh", "de an") if m.group(0).endswith(k))
    shown = {"ke hoach": "kế hoạch", "chuong trinh": "chương trình", "de an": "đề án",
             "phuong an": "phương án"}[kind]
    vision = folded.find("tam nhin")
    scope = folded[:vision] if vision > 0 else folded
    if m := _RANGE.search(scope):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            return PlanPeriod(date(b, 12, 31), f"{shown} giai đoạn {a}-{b}")
    if m := _HALF.search(scope):
        y = int(m.group(1))
        return PlanPeriod(date(y, 6, 30), f"{shown} 6 tháng đầu năm {y}")
    if m := _QUARTER.search(scope):
        q, y = m.group(1), int(m.group(2))
        month, day = _QUARTER_END[q]
        return PlanPeriod(date(y, month, day), f"{shown} quý {q.upper()} năm {y}")
    if m := _UNTIL.search(scope):
        y = int(m.group(1))
        return PlanPeriod(date(y, 12, 31), f"{shown} đến năm {y}")
    years = [int(y) for y in _YEAR.findall(scope)]
    if years:
        y = max(years)
        return PlanPeriod(date(y, 12, 31), f"{shown} năm {y}")
    return None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text)
