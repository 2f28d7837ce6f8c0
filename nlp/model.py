"""The data model that ``nlp`` hands to ``search_api``: what a document assigns and cites.

Spans are character offsets into ``ParsedDocument.text`` (see ``ingest.model``).
``nlp.export`` writes exactly the gold JSON schema from an ``Extraction``; the extra fields
here (spans, keys, relations, ids) are allowed by the scorer and used by the API.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ingest.model import Span


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Relation(StrEnum):
    LEGAL_BASIS = "legal_basis"  # Căn cứ ...
    IMPLEMENTS = "implements"  # Thực hiện / triển khai (thực hiện) ...
    GUIDES = "guides"  # hướng dẫn / quy định chi tiết ...
    AMENDS = "amends"  # sửa đổi, bổ sung ...
    REPLACES = "replaces"  # thay thế ...
    REPEALS = "repeals"  # bãi bỏ / hết hiệu lực ...
    MENTIONS = "mentions"  # anything else


class ReportedRelation(_Frozen):
    """A relation the text reports between two documents other than itself: ``subject``
    <relation> ``object`` ("Nghị định 101/2020 sửa đổi, bổ sung Nghị định 123/2016": subject
    101/2020, amends, object 123/2016). Ids are ``Reference.id`` values of the same extraction;
    ``subject`` is None when the text names no acting document ("đã được sửa đổi, bổ sung")."""

    subject: str | None
    relation: Relation
    object: str
    partial: bool = False  # a part is acted on (Điều, khoản, điểm, mục, phần, một số điều)


class Reference(_Frozen):
    """A document the text cites, once per distinct document (first mention quoted)."""

    id: str  # number and symbol without spaces (``04-CT/TW``) or type + name for name-only
    numbered: bool
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO
    mention: Span  # the first mention, e.g. "Chỉ thị số 04-CT/TW ngày 02/6/2021 của Ban Bí thư"
    relation: Relation = Relation.MENTIONS
    sentence: Span | None = None  # the citing sentence of the first mention
    mentions: list[Span] = Field(default_factory=list)  # every mention, first included
    key: str = ""  # canonical form for joining citations across documents (``04-CT/TW``)
    # the citing text's own act on it (relation amends / replaces / repeals / guides) is on a part
    partial: bool = False
    # relations between other documents reported by the citing sentences, this one the object
    reported: list[ReportedRelation] = Field(default_factory=list)


class Owner(_Frozen):
    name: str  # as written (abbreviations kept), completed per the guidelines
    key: str  # canonical key: "Tổng cục THADS" and "Tổng cục Thi hành án dân sự" share it
    span: Span | None = None  # where the name is written, when it is written at the task
    inherited_from: str | None = None  # section path (or "issuer") it was inherited from


class Deadline(_Frozen):
    text: str  # the phrase as written, e.g. "trước ngày 15/9/2021", "năm 2022"
    date: str | None  # ISO last day
    span: Span | None = None  # None when inherited (programme year)
    inherited: bool = False


class Task(_Frozen):
    id: str  # document id + section path + hash of the text
    text: str
    span: Span
    section: str | None
    owners: list[Owner] = Field(default_factory=list)
    co_owners: list[Owner] = Field(default_factory=list)
    deadline: Deadline | None = None
    recurrence: str | None = None
    refs: list[str] = Field(default_factory=list)  # ids of references the task text cites


class Extraction(_Frozen):
    doc_id: str
    abbreviations: dict[str, str] = Field(default_factory=dict)
    references: list[Reference] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
