"""Small index documents shared by the search-layer tests (task, document, citation shapes
as :mod:`search_api.search.docs` builds them, only the fields a test needs), and the query
helpers both backends' tests use."""

from __future__ import annotations

from typing import Any

from search_api.search.backend import SearchBackend
from search_api.search.model import Collection, SearchQuery, SortKey, TextQuery
from search_api.text import number_key, segment

TASKS_ONLY = (Collection.TASKS,)


def task(tid: str, text: str, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": tid, "kind": "task", "text": text, "text_segmented": segment(text),
                           "status": "not_started", "stale": False}
    out.update(fields)
    return out


def document(did: str, title: str, number: str | None = None, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": did, "kind": "document", "title": title, "text_segmented": segment(title),
                           "document_number": number, "number_key": number_key(number)}
    out.update(fields)
    return out


def citation(citing: str, cited_key: str, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f"{citing}:{cited_key}", "citing_doc_id": citing, "cited_key": cited_key,
                           "cited_id": cited_key, "cited_numbered": True, "relation": "implements"}
    out.update(fields)
    return out


TASKS = [
    task("t01", "Thu hồi tài sản bị thất thoát trong các vụ án tham nhũng.", owner_keys=["bo-tu-phap"],
         deadline="2024-03-31", issued_date="2023-01-10", issue_year=2023, position=0, doc_id="d1",
         document_number="12/KH-BTP", number_key="12/KH-BTP", document_title="Kế hoạch thu hồi tài sản"),
    task("t02", "Tài sản công bị sử dụng sai mục đích phải được thu hồi kịp thời.", owner_keys=["so-tu-phap"],
         deadline="2024-06-30", issued_date="2023-01-10", issue_year=2023, position=1, doc_id="d1",
         status="done", done_date="2024-05-02"),
    task("t03", "Kiểm tra việc quản lý, sử dụng tài sản tại các cơ quan thi hành án.",
         owner_keys=["tong-cuc-thads"], co_owner_keys=["bo-tu-phap"], deadline="2024-06-30",
         issued_date="2022-05-01", issue_year=2022, position=2, doc_id="d2", status="in_progress"),
    task("t04", "Tổ chức hội nghị sơ kết công tác thi hành án dân sự.", owner_keys=["tong-cuc-thads"],
         issued_date="2022-05-01", issue_year=2022, position=0, doc_id="d2", refs=["1804/QĐ-BTP"]),
    task("t05", "Báo cáo kết quả giải quyết khiếu nại, tố cáo về thi hành án.", owner_keys=["bo-tu-phap"],
         deadline="2025-01-15", position=1, doc_id="d3", stale=True, deadline_text="trước ngày 15/01/2025"),
]

DOCUMENTS = [
    document("d1", "Kế hoạch thu hồi tài sản tham nhũng", "12/KH-BTP", issued_date="2023-01-10", issue_year=2023,
             owner_keys=["bo-tu-phap", "so-tu-phap"], body="Văn bản về thu hồi tài sản."),
    document("d2", "Quyết định 1804/QĐ-BTP về công tác thi hành án", "1804/QĐ-BTP", issued_date="2022-05-01",
             issue_year=2022, owner_keys=["tong-cuc-thads"]),
]

CITATIONS = [
    citation("d1", "1804/QĐ-BTP", citing_date="2023-01-10", mention="Quyết định số 1804/QĐ-BTP"),
    citation("d2", "04-CT/TW", citing_date="2022-05-01", mention="Chỉ thị 04-CT/TW"),
    citation("d3", "1804/QĐ-BTP", mention="Quyết định 1804/QĐ-BTP"),
]


def ids(backend: SearchBackend, *filters: Any, **kw: Any) -> list[str]:
    """Ids of the hits of ``filters`` (tasks, sorted by id, up to 100 unless told)."""
    kw.setdefault("collections", TASKS_ONLY)
    kw.setdefault("sort", (SortKey("id"),))
    kw.setdefault("size", 100)
    return [h.id for h in backend.search(SearchQuery(filters=tuple(filters), **kw)).hits]


def text(q: str, variants: tuple[str, ...] = ()) -> TextQuery:
    """The text query the API would send for ``q`` (segmented, its number key)."""
    return TextQuery(q, variants=variants, segmented=segment(q), number_key=number_key(q))
