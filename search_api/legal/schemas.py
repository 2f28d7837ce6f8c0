"""API models of the legal views: validity, relations both ways, implementation trace."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocRef(_Out):
    """Another document as a relation names it."""

    key: str | None = Field(None, description="Canonical number (citation join key)")
    document_id: str | None = Field(None, description="Corpus document id, None for a cited-only document")
    name: str = Field(description="Type and number: `Quyết định số 90/QĐ-UBND` (a title when it has no number)")
    title: str | None = Field(None, description="Its title, or for a cited-only document the best one its citing sentences give")
    number: str | None = None
    doc_type: str | None = None
    issued_date: str | None = None
    validity: str | None = Field(None, description="Its validity status")


class ValidityCause(_Out):
    key: str | None
    document_id: str | None = None
    name: str
    title: str | None = None
    relation: str = Field(description="replaces | repeals | amends")
    label: str = Field(description="Read from the affected side: `được thay thế bởi`")
    partial: bool = False
    date: str | None = Field(None, description="The acting document's date")
    reported_by: str | None = Field(None, description="Key of the document that reports it, when not the acting one")
    reported_by_name: str | None = None
    reported_by_document_id: str | None = None


class ValidityOut(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "status": "replaced", "label": "bị thay thế",
        "explanation": "được thay thế bởi Quyết định số 90/QĐ-UBND (ngày 01/03/2024)",
        "by": [{"key": "90/QĐ-UBND", "document_id": "fe14e1743fcf1453", "name": "Quyết định số 90/QĐ-UBND",
                "title": "Ban hành Quy chế theo dõi ...", "relation": "replaces", "label": "được thay thế bởi",
                "partial": False, "date": "2024-03-01", "reported_by": None, "reported_by_name": None,
                "reported_by_document_id": None}]}]})
    status: Literal["replaced", "repealed", "partly_repealed", "amended", "expired", "unknown"]
    label: str = Field(description="Tình trạng hiệu lực: `bị thay thế`, `chưa xác định`")
    explanation: str = Field(description="Why, in Vietnamese, naming the documents and dates")
    by: list[ValidityCause] = Field([], description="The documents that caused it, deciding one first")


class RelationOut(DocRef):
    relation: str = Field(description="legal_basis | implements | guides | amends | replaces | repeals | mentions")
    label: str = Field(description="Outgoing: `thay thế`; incoming: the inverse, `được thay thế bởi`")
    partial: bool = False
    sentence: str = ""
    mention: str = ""


class ReportedOut(_Out):
    """A relation a citing text reports between two other documents."""

    reported_by: DocRef
    subject: DocRef | None = Field(None, description="The acting document; None when the text names none")
    object: DocRef
    relation: str
    label: str
    partial: bool = False
    sentence: str = ""
    text: str = Field(description="`theo văn bản này, Nghị định số 101/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 123/2016/NĐ-CP`")


class RelationsOut(_Out):
    outgoing: list[RelationOut] = Field([], description="This document's own relation to what it cites")
    incoming: list[RelationOut] = Field([], description="Documents citing it, their relation read from this side")
    reported: list[ReportedOut] = Field([], description="Relations between others that this document reports, or that others report about it")


class TraceTaskOut(_Out):
    id: str
    text: str
    section: str | None = None
    owners: list[str] = []
    document_id: str
    document_name: str


class TraceLinkOut(_Out):
    upstream: TraceTaskOut
    downstream: TraceTaskOut
    score: float | None = None
    words: list[str] = Field([], description="The words that matched, most telling first")
    owners: list[str] = []
    refs: list[str] = []
    why: list[str] = Field([], description="The parts of the score: words, owners, citation, order")
    suggested: bool = Field(True, description="Proposed by the matcher (False: only an editor's decision links them)")
    confidence: Literal["strong", "review"] | None = Field(
        None, description="A suggestion's class from the calibrated threshold (None: an editor's link)")
    confidence_label: str | None = Field(None, description="`đề xuất mạnh` or `cần xem xét`")
    decision: Literal["confirmed", "rejected"] | None = None
    decided_by: str | None = None
    decided_at: str | None = None


class CoverageOut(_Out):
    covered: int
    total: int
    text: str = Field(description="`18 trên 24 nhiệm vụ có nhiệm vụ triển khai`")
    uncovered: list[TraceTaskOut] = Field([], description="The instructions with no implementing task")


class TraceNode(DocRef):
    issuer: str | None = None
    relation: str | None = Field(None, description="Its relation to the parent node (implements)")
    coverage: CoverageOut | None = Field(None, description="Its tasks covered by its children's tasks")
    children: list[TraceNode] = []


class ImplementsOut(DocRef):
    relation: str
    label: str


_DECISION = {"upstream_task": "fe14e1743fcf1453:Điều 2.3:93650b2a", "downstream_task": "a2100cc25e6f8f82:II.3:39a5c806",
             "decision": "confirmed", "actor": "secretariat", "at": "2025-01-10T08:30:00+00:00", "score": 1.0,
             "note": None}
_TASK_UP = {"id": "fe14e1743fcf1453:Điều 2.3:93650b2a", "section": "Điều 2.3", "document_id": "fe14e1743fcf1453",
            "text": "Các sở, ban, ngành ... cập nhật tiến độ thực hiện nhiệm vụ được giao trên Hệ thống thông tin "
                    "trước ngày 20 hằng tháng.", "owners": ["Các sở, ban, ngành"],
            "document_name": "Quyết định số 90/QĐ-UBND"}
_TASK_DOWN = {"id": "a2100cc25e6f8f82:II.3:39a5c806", "section": "II.3", "document_id": "a2100cc25e6f8f82",
              "text": "Các phòng, ban, ngành ... cập nhật tiến độ thực hiện nhiệm vụ được giao trên Hệ thống thông "
                      "tin trước ngày 15 hằng tháng.", "owners": ["Các phòng, ban, ngành"],
              "document_name": "Kế hoạch số 35/KH-UBND"}
_REF = {"key": "90/QĐ-UBND", "document_id": "fe14e1743fcf1453", "name": "Quyết định số 90/QĐ-UBND",
        "title": "Ban hành Quy chế theo dõi, đôn đốc và đánh giá việc thực hiện nhiệm vụ ...", "number": "90/QĐ-UBND",
        "doc_type": "Quyết định", "issued_date": "2024-03-01", "validity": "unknown"}
_COVERAGE = {"covered": 3, "total": 4, "text": "3 trên 4 nhiệm vụ có nhiệm vụ triển khai", "uncovered": []}
TRACE_EXAMPLE = {
    "document": _REF, "validity": {"status": "unknown", "label": "chưa xác định", "explanation": "chưa xác định", "by": []},
    "tree": {**_REF, "issuer": "UBND tỉnh Quảng Trị", "relation": None, "coverage": _COVERAGE, "children": [
        {**_REF, "key": "35/KH-UBND", "document_id": "a2100cc25e6f8f82", "name": "Kế hoạch số 35/KH-UBND",
         "number": "35/KH-UBND", "doc_type": "Kế hoạch", "issued_date": "2024-03-15", "issuer": "UBND huyện Cam Lộ",
         "relation": "implements", "coverage": None, "children": []}]},
    "links": [{"upstream": _TASK_UP, "downstream": _TASK_DOWN, "score": 1.0,
               "words": ["thông tin", "cập nhật", "tiến độ"], "owners": [], "refs": [], "suggested": True,
               "confidence": "strong", "confidence_label": "đề xuất mạnh",
               "decision": "confirmed", "decided_by": "secretariat", "decided_at": "2025-01-10T08:30:00+00:00"}],
    "coverage": _COVERAGE, "implements": [], "upstream_links": []}


class TracePublic(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [TRACE_EXAMPLE]})
    document: DocRef
    validity: ValidityOut
    tree: TraceNode = Field(description="Documents implementing it, through intermediate plans")
    links: list[TraceLinkOut] = Field([], description="Task links at every level of the tree")
    coverage: CoverageOut
    implements: list[ImplementsOut] = Field([], description="Corpus documents this one implements")
    upstream_links: list[TraceLinkOut] = Field([], description="Links from this document's tasks up to theirs")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"decision": "confirmed"}]})
    decision: Literal["confirmed", "rejected"]
    score: float | None = Field(None, description="The suggestion's score, kept beside the decision")
    note: str | None = Field(None, max_length=2000)


class DecisionOut(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_DECISION]})
    upstream_task: str
    downstream_task: str
    decision: Literal["confirmed", "rejected"]
    actor: str = Field(description="Who decided (the key's or account's name)")
    at: str
    score: float | None = None
    note: str | None = None


class DecisionsPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"data": [_DECISION]}]})
    data: list[DecisionOut]
