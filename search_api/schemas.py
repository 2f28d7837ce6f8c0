"""API models for search, documents and citations (``*Public`` items, ``*Page`` lists), with
OpenAPI examples. Tracking models live in :mod:`search_api.tracking.schemas`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from search_api.legal.schemas import RelationsOut, ValidityOut


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(_Out):
    """``application/problem+json`` (RFC 9457)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "about:blank", "title": "Search engine unavailable", "status": 503,
        "detail": "The search engine is unreachable; retry in a few seconds.",
        "code": "E503-ENGINE", "instance": "/search"}]})
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None
    instance: str | None = None


class SearchHit(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "kind": "task", "id": "9f2c1e0a7b3d4c5e-3.2-1a2b3c4d", "document_id": "9f2c1e0a7b3d4c5e",
        "text": "Tổng cục THADS chủ trì xây dựng Kế hoạch thu hồi tài sản, hoàn thành trước ngày 15/9/2021.",
        "owners": ["Tổng cục THADS"], "owner_keys": ["tong-cuc-thi-hanh-an-dan-su"], "co_owners": [],
        "deadline": "2021-09-15", "deadline_text": "trước ngày 15/9/2021", "status": "not_started",
        "overdue": True, "stale": False, "section": "3.2", "document_number": "196-KH/BCSĐ",
        "document_type": "Kế hoạch", "document_title": "Kế hoạch triển khai Quy định 132-QĐ/TW",
        "issued_date": "2024-04-26", "score": 12.5,
        "highlight": ["xây dựng Kế hoạch <mark>thu hồi tài sản</mark>"]}]})
    kind: Literal["task", "document"]
    id: str
    document_id: str
    text: str = Field(description="The task's text, or the document's title")
    owners: list[str] = []
    owner_keys: list[str] = []
    co_owners: list[str] = []
    deadline: str | None = None
    deadline_text: str | None = None
    status: str | None = None
    overdue: bool | None = None
    stale: bool | None = None
    section: str | None = None
    document_number: str | None = None
    document_type: str | None = None
    document_title: str | None = None
    issued_date: str | None = None
    score: float | None = None
    highlight: list[str] = []
    validity: str | None = Field(None, description="The document's (or the task's document's) validity status")
    validity_label: str | None = Field(None, description="Tình trạng hiệu lực: `bị thay thế`")
    warning: str | None = Field(None, description="A task of a replaced, repealed or expired document")
    ocr_confidence: int | None = Field(None, description="Read by OCR from a scan: the page's confidence, 0-100")


class FacetBucket(_Out):
    value: str
    count: int
    label: str | None = Field(None, description="Display name (owner facet: the name as written)")


class SearchPeriod(_Out):
    start: str = Field(description="First day (ISO)")
    end: str = Field(description="Last day (ISO)")
    text: str = Field(description="As typed: `quý III/2024`")


class SearchInterpretation(_Out):
    """How ``q`` was read (issue 14): the page shows it with a one-click undo (``as_words=1``)."""

    owner: str | None = Field(None, description="The owner named in q, as typed: `Sở Y tế`")
    owner_keys: list[str] = Field([], description="Canonical keys of the owners ranked first")
    number: str | None = Field(None, description="The document number found in q, canonical: `844/QĐ-TTg`")
    period: SearchPeriod | None = Field(None, description="A deadline period named in q")
    phrases: list[str] = Field([], description="Quoted phrases, matched as phrases")
    words: str = Field(description="What was searched as words")


class SearchPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "total": 37, "hits": [SearchHit.model_config["json_schema_extra"]["examples"][0]],
        "facets": {"status": [{"value": "not_started", "count": 30, "label": None}]},
        "next": "eyJzIjoicmVsZXZhbmNlIiwidiI6WzEyLjUsMCwiYSJdfQ"}]})
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]] | None = None
    next: str | None = Field(None, description="Opaque cursor for the next page (pass as ?cursor=)")
    interpretation: SearchInterpretation | None = Field(
        None, description="How q was read: owner, number, period, quoted phrases (none for an empty q)")


class SectionNode(_Out):
    index: int
    kind: str
    marker: str
    path: str | None
    heading: str
    start: int
    end: int
    children: list[SectionNode] = []


class TextSpan(_Out):
    """``DocumentPublic.text[start:end] == text``."""

    start: int
    end: int
    text: str


class TaskSummary(_Out):
    id: str
    text: str
    start: int | None = Field(None, description="Offset of the task in the document's `text`")
    end: int | None = Field(None, description="End offset (exclusive) in the document's `text`")
    section: str | None = None
    owners: list[str] = []
    co_owners: list[str] = []
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: str | None = None
    status: str | None = None
    overdue: bool | None = None
    stale: bool | None = None
    refs: list[str] = []


class ReferenceOut(_Out):
    id: str
    key: str
    numbered: bool
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    relation: str = Field(description="legal_basis | implements | guides | amends | replaces | repeals | mentions")
    mention: str
    sentence: str
    mention_count: int = 1
    mentions: list[TextSpan] = Field([], description="Every mention, as offsets into the document's `text`")
    document_id: str | None = Field(None, description="The cited document, when it is in the corpus")


class CitationEdge(_Out):
    """One citing -> cited link with the citing sentence and the relation."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "citing_id": "9f2c1e0a7b3d4c5e", "citing_number": "196-KH/BCSĐ",
        "citing_title": "Kế hoạch triển khai Quy định 132-QĐ/TW", "cited_key": "04-CT/TW",
        "cited_id": "04-CT/TW", "cited_document_id": None, "relation": "implements",
        "mention": "Chỉ thị số 04-CT/TW ngày 02/6/2021 của Ban Bí thư",
        "sentence": "Lãnh đạo, chỉ đạo tiếp tục thực hiện Chỉ thị số 04-CT/TW ngày 02/6/2021 ...",
        "depth": 1}]})
    citing_id: str
    citing_number: str | None = None
    citing_title: str | None = None
    cited_key: str
    cited_id: str
    cited_document_id: str | None = None
    relation: str
    mention: str
    sentence: str
    depth: int = 1


class DocumentSummary(_Out):
    id: str
    title: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    filename: str | None = None
    task_count: int = 0
    reference_count: int = 0


class DocumentPublic(DocumentSummary):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "9f2c1e0a7b3d4c5e", "title": "Kế hoạch triển khai Quy định 132-QĐ/TW",
        "number": "196-KH/BCSĐ", "doc_type": "Kế hoạch", "issuer": "Ban cán sự đảng Bộ Tư pháp",
        "issued_date": "2024-04-26", "filename": "kh-196.txt", "task_count": 12,
        "reference_count": 5, "place": "Hà Nội", "signer": "Lê Thành Long", "signer_title": None,
        "recipients": [], "abbreviations": {"THADS": "thi hành án dân sự"},
        "text": "... Căn cứ Chỉ thị số 04-CT/TW ... Tổng cục THADS chủ trì ...",
        "sections": [{"index": 0, "kind": "roman", "marker": "I.", "path": "I",
                      "heading": "MỤC ĐÍCH, YÊU CẦU", "start": 410, "end": 1200, "children": []}],
        "tasks": [{"id": "9f2c1e0a7b3d4c5e-3.2-1a2b3c4d", "start": 2310, "end": 2398,
                   "text": "Tổng cục THADS chủ trì xây dựng Kế hoạch thu hồi tài sản.",
                   "section": "3.2", "owners": ["Tổng cục THADS"], "co_owners": [],
                   "deadline": "2021-09-15", "deadline_text": "trước ngày 15/9/2021",
                   "recurrence": None, "status": "not_started", "overdue": True, "stale": False,
                   "refs": ["04-CT/TW"]}],
        "references": [{"id": "04-CT/TW", "key": "04-CT/TW", "numbered": True, "doc_type": "Chỉ thị",
                        "issuer": "Ban Bí thư", "issued_date": "2021-06-02", "relation": "implements",
                        "mention": "Chỉ thị số 04-CT/TW", "sentence": "Tiếp tục thực hiện Chỉ thị số 04-CT/TW.",
                        "mention_count": 1, "mentions": [{"start": 120, "end": 138,
                                                          "text": "Chỉ thị số 04-CT/TW"}],
                        "document_id": None}],
        "cited_by": []}]})
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: list[str] = []
    abbreviations: dict[str, str] = {}
    text: str = Field("", description="The normalised text; every start/end offset points into it")
    sections: list[SectionNode] = []
    tasks: list[TaskSummary] = []
    references: list[ReferenceOut] = Field([], description="Outgoing: what this document cites")
    cited_by: list[CitationEdge] = Field([], description="Incoming: who cites this document")
    validity: ValidityOut | None = Field(None, description="Tình trạng hiệu lực, derived from the corpus")
    relations: RelationsOut | None = Field(None, description="Relations both ways, labelled from this document's side")
    ocr_confidence: int | None = Field(None, description="Read by OCR from a scan: mean word confidence, 0-100 (check against the original)")


class DocumentsPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "total": 1, "next": None, "data": [{
            "id": "9f2c1e0a7b3d4c5e", "title": "Kế hoạch triển khai Quy định 132-QĐ/TW",
            "number": "196-KH/BCSĐ", "doc_type": "Kế hoạch", "issuer": "Ban cán sự đảng Bộ Tư pháp",
            "issued_date": "2024-04-26", "filename": "kh-196.txt", "task_count": 12, "reference_count": 5}]}]})
    total: int
    data: list[DocumentSummary]
    next: str | None = None


class UploadResult(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "9f2c1e0a7b3d4c5e", "filename": "ke-hoach.docx", "status": "new", "task_count": 12,
        "reference_count": 5, "previous": None, "errors": []}]})
    id: str
    filename: str
    status: Literal["new", "unchanged", "replaced"]
    task_count: int
    reference_count: int
    previous: str | None = Field(None, description="The version this upload superseded")
    errors: list[str] = []


class GraphNode(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "id": "04-CT/TW", "key": "04-CT/TW", "label": "04-CT/TW", "in_corpus": False, "doc_type": "Chỉ thị"}]})
    id: str = Field(description="Document id when in the corpus, else the cited key")
    key: str | None = None
    label: str
    in_corpus: bool
    doc_type: str | None = None
    validity: str | None = Field(None, description="Validity status (replaced, repealed, ..., unknown)")
    title: str | None = None


class GraphEdge(_Out):
    source: str
    target: str
    relation: str
    sentence: str | None = None


class CitationsPublic(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "key": "04-CT/TW", "document": None, "depth": 1,
        "cited_by": [CitationEdge.model_config["json_schema_extra"]["examples"][0]], "cites": [],
        "nodes": [{"id": "04-CT/TW", "key": "04-CT/TW", "label": "04-CT/TW", "in_corpus": False,
                   "doc_type": "Chỉ thị"},
                  {"id": "9f2c1e0a7b3d4c5e", "key": "196-KH/BCSĐ", "label": "196-KH/BCSĐ", "in_corpus": True,
                   "doc_type": "Kế hoạch"}],
        "edges": [{"source": "9f2c1e0a7b3d4c5e", "target": "04-CT/TW", "relation": "implements",
                   "sentence": "Lãnh đạo, chỉ đạo tiếp tục thực hiện Chỉ thị số 04-CT/TW ..."}]}]})
    key: str
    document: DocumentSummary | None = None
    cited_by: list[CitationEdge] = []
    cites: list[CitationEdge] = []
    depth: int = 1
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    title: str | None = Field(None, description="Its title, or the best one the citing sentences give")
    validity: ValidityOut | None = None
    relations: RelationsOut | None = None


class Graph(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "nodes": [{"id": "04-CT/TW", "key": "04-CT/TW", "label": "04-CT/TW", "in_corpus": False,
                   "doc_type": "Chỉ thị"},
                  {"id": "9f2c1e0a7b3d4c5e", "key": "196-KH/BCSĐ", "label": "196-KH/BCSĐ", "in_corpus": True,
                   "doc_type": "Kế hoạch"}],
        "edges": [{"source": "9f2c1e0a7b3d4c5e", "target": "04-CT/TW", "relation": "implements",
                   "sentence": "Lãnh đạo, chỉ đạo tiếp tục thực hiện Chỉ thị số 04-CT/TW ..."}]}]})
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class UnresolvedReference(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "key": "04-CT/TW", "id": "04-CT/TW", "doc_type": "Chỉ thị", "count": 3,
        "cited_by": ["9f2c1e0a7b3d4c5e"]}]})
    key: str
    id: str
    doc_type: str | None = None
    count: int
    cited_by: list[str]


class UnresolvedPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "total": 1, "data": [UnresolvedReference.model_config["json_schema_extra"]["examples"][0]]}]})
    total: int
    data: list[UnresolvedReference]


class EngineState(_Out):
    backend: Literal["embedded", "elasticsearch"] = "embedded"
    reachable: bool
    local: bool
    version: str | None = None
    reason: str | None = None


class Health(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "status": "ok", "engine": {"backend": "embedded", "reachable": True, "local": True, "version": None, "reason": None},
        "indices": {"documents": 5, "tasks": 120, "citations": 40},
        "store": {"documents": 5, "tasks": 120, "citations": 40}, "consistent": True}]})
    status: Literal["ok", "degraded", "repairing", "unavailable"]
    engine: EngineState
    indices: dict[str, int | None] = {}
    store: dict[str, int] = {}
    consistent: bool | None = None
