"""Bulk writes through ``streaming_bulk``: chunked, retried, deterministic ids, failures reported.

>>> result = index_documents(es, "directives-tasks", docs)   # docs carry their stable "id"
>>> result.ok, result.failed
(42, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch, helpers

CHUNK_SIZE = 500
MAX_CHUNK_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class BulkFailure:
    id: str
    status: int | None
    reason: str


@dataclass(slots=True)
class BulkResult:
    ok: int = 0
    failed: list[BulkFailure] = field(default_factory=list)

    def merge(self, other: BulkResult) -> None:
        self.ok += other.ok
        self.failed.extend(other.failed)


def actions(index: str, docs: Iterable[dict[str, Any]], op: str = "index") -> Iterator[dict[str, Any]]:
    """Bulk actions with ``_id`` = the document's own stable ``id``."""
    for doc in docs:
        if op == "delete":
            yield {"_op_type": "delete", "_index": index, "_id": doc["id"]}
        else:
            yield {"_op_type": op, "_index": index, "_id": doc["id"], "_source": doc}


def _reason(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    return str(error or info.get("result") or "unknown")


def run(
    es: Elasticsearch,
    bulk_actions: Iterable[dict[str, Any]],
    *,
    chunk_size: int = CHUNK_SIZE,
    max_retries: int = 3,
    initial_backoff: float = 0.5,
    max_backoff: float = 10.0,
    on_item: Callable[[bool], None] | None = None,
) -> BulkResult:
    """Send ``bulk_actions``; 429s are retried with doubling back-off, every other per-document
    failure is collected (never raised, never ignored). A 404 on delete counts as done."""
    result = BulkResult()
    for ok, item in helpers.streaming_bulk(
        es,
        bulk_actions,
        chunk_size=chunk_size,
        max_chunk_bytes=MAX_CHUNK_BYTES,
        max_retries=max_retries,
        initial_backoff=initial_backoff,
        max_backoff=max_backoff,
        raise_on_error=False,
        raise_on_exception=True,
        yield_ok=True,
    ):
        (op, info), = item.items()
        if ok or (op == "delete" and info.get("status") == 404):
            result.ok += 1
        else:
            result.failed.append(BulkFailure(str(info.get("_id")), info.get("status"), _reason(info)))
        if on_item:
            on_item(ok)
    return result


def index_documents(
    es: Elasticsearch, index: str, docs: Iterable[dict[str, Any]], *, refresh: bool = False, **kw: Any
) -> BulkResult:
    """Index (create or replace) ``docs`` into ``index`` by their ``id``; refresh it if asked."""
    result = run(es, actions(index, docs), **kw)
    if refresh:
        es.indices.refresh(index=index)
    return result


def delete_documents(
    es: Elasticsearch, index: str, ids: Iterable[str], *, refresh: bool = False
) -> BulkResult:
    result = run(es, actions(index, ({"id": i} for i in ids), op="delete"))
    if refresh:
        es.indices.refresh(index=index)
    return result
