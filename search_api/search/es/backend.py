"""The Elasticsearch backend: versioned indices behind aliases, ``streaming_bulk``, the typed
query model compiled to DSL (:mod:`.compile`). For ES 8.x/9.x clusters by ``ES_URL``; the tests
run it against noida-db.

>>> backend = ElasticsearchBackend(make_client(settings), Aliases("directives"))
>>> backend.search(SearchQuery(collections=(Collection.TASKS,))).total
292
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from search_api.search import cursor as cursors
from search_api.search.backend import (
    CursorError,
    Fill,
    SearchError,
    SearchUnavailable,
    WriteFailure,
    WriteResult,
)
from search_api.search.es import bulk, indices
from search_api.search.es.compile import compile_search
from search_api.search.es.indices import Aliases
from search_api.search.es.schema import SPECS
from search_api.search.model import Bucket, Collection, Hit, SearchQuery, SearchResult

META = "meta"  # a small index (not versioned) for bookkeeping documents


def _count_connects(es: Elasticsearch) -> Callable[[], int] | None:
    """Count every TCP connection the client opens to the engine, reconnections of a pooled
    connection included (urllib3 nodes: their connection class opens the sockets); None when
    the client's nodes are not urllib3's. A restarted engine can only answer over a new one."""
    counter = itertools.count(1)
    opened = [0]

    def counted(base: type) -> type:
        def _new_conn(self: Any) -> Any:
            opened[0] = next(counter)
            return base._new_conn(self)
        return type(f"Counted{base.__name__}", (base,), {"_new_conn": _new_conn})

    try:
        for node in es.transport.node_pool.all():
            pool = node.pool
            cls = counted(pool.ConnectionCls)
            pool.ConnectionCls = cls
            for conn in list(pool.pool.queue):  # connections the client had already opened
                if conn is not None:
                    conn.__class__ = cls
    except (AttributeError, TypeError):
        return None
    return lambda: opened[0]


def _result(res: bulk.BulkResult) -> WriteResult:
    return WriteResult(res.ok, [WriteFailure(f.id, f.reason, f.status) for f in res.failed])


class _GenerationWriter:
    def __init__(self, es: Elasticsearch, names: dict[str, str]) -> None:
        self.es = es
        self.names = names

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        return _result(bulk.index_documents(self.es, self.names[collection.value], docs))


class ElasticsearchBackend:
    """:class:`search_api.search.backend.SearchBackend` on an Elasticsearch-compatible server."""

    name = "elasticsearch"

    def __init__(self, es: Elasticsearch, aliases: Aliases) -> None:
        self.es = es
        self.aliases = aliases
        self._connects = _count_connects(es)

    # -- helpers ------------------------------------------------------------------------------
    def _alias(self, c: Collection) -> str:
        return self.aliases.alias(c.value)

    def _collection_of(self, index_name: str) -> Collection:
        for c in Collection:
            if index_name == self._alias(c) or index_name.startswith(self._alias(c) + "-v"):
                return c
        return Collection.TASKS

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Engine failures become the layer's errors: unreachable, busy or restarting
        (429/5xx) -> :class:`SearchUnavailable`; a request the engine rejects -> SearchError."""
        try:
            return fn(*args, **kwargs)
        except NotFoundError:
            raise
        except ApiError as exc:
            if exc.meta.status in (429, 502, 503, 504):
                raise SearchUnavailable(f"Elasticsearch busy or restarting ({exc.meta.status})") from exc
            raise SearchError(f"Elasticsearch rejected the request: {exc}") from exc
        except TransportError as exc:
            raise SearchUnavailable(f"Elasticsearch unreachable: {exc}") from exc

    # -- schema -------------------------------------------------------------------------------
    def setup(self) -> None:
        self._call(indices.setup, self.es, self.aliases)

    def needs_migration(self) -> bool:
        return bool(self._call(indices.needs_migration, self.es, self.aliases))

    def counts(self) -> dict[str, int | None]:
        return self._call(indices.counts, self.es.options(request_timeout=5, max_retries=0), self.aliases)

    # -- reads --------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        sig = cursors.signature(query.sort)
        after = cursors.decode(query.cursor, sig) if query.cursor else None
        if after is not None and not isinstance(after, list):
            raise CursorError("cursor is not valid")
        body = compile_search(query, after)
        excluded = after is not None and any(k.field == "_score" for k in query.sort)
        if excluded:
            # Scores may round-trip through JSON with a tiny error, which would return the
            # boundary hit again: the last id seen is excluded explicitly (ids are unique); it
            # matched the query on the previous page, so it is counted back into the total.
            q = body["query"]
            if "bool" not in q:
                q = body["query"] = {"bool": {"must": [q]}}
            q["bool"].setdefault("must_not", []).append({"term": {"id": after[-1]}})
        index = ",".join(self._alias(c) for c in query.collections)
        try:
            resp = self._call(self.es.search, index=index, **body)
        except NotFoundError as exc:
            raise SearchUnavailable(f"index missing: {exc}") from exc
        raw = resp["hits"]["hits"]
        hits = [Hit(id=h["_id"], collection=self._collection_of(h["_index"]), source=h.get("_source") or {},
                    score=h.get("_score")) for h in raw]
        total = resp["hits"].get("total", len(raw))  # absent with track_total_hits=False
        aggs = resp.get("aggregations") or {}
        facets = {
            f.name: [Bucket(value=b["key"], count=int(b["doc_count"]),
                            counts={n: int(b[n]["doc_count"]) for n, _ in f.counts})
                     for b in aggs.get(f.name, {}).get("buckets", [])]
            for f in query.facets
        }
        counts = {c.name: int(aggs.get(c.name, {}).get("doc_count", 0)) for c in query.counts}
        nxt = None
        if raw and len(raw) == query.size and "sort" in raw[-1]:
            nxt = cursors.encode(sig, raw[-1]["sort"])
        count = int(total["value"] if isinstance(total, dict) else total) + (1 if excluded else 0)
        return SearchResult(total=count, hits=hits,
                            facets=facets, counts=counts, next=nxt, took_ms=resp.get("took"))

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        try:
            return dict(self._call(self.es.get, index=self._alias(collection), id=doc_id)["_source"])
        except NotFoundError as exc:
            if "index_not_found" in str(exc):
                raise SearchUnavailable(f"index missing: {exc}") from exc
            return None

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        try:
            resp = self._call(self.es.mget, index=self._alias(collection), ids=list(ids))
        except NotFoundError as exc:
            raise SearchUnavailable(f"index missing: {exc}") from exc
        return {d["_id"]: dict(d["_source"]) for d in resp["docs"] if d.get("found")}

    # -- writes -------------------------------------------------------------------------------
    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        return _result(self._call(bulk.index_documents, self.es, self._alias(collection), docs))

    def update(self, collection: Collection, updates: dict[str, dict[str, Any]]) -> WriteResult:
        if not updates:
            return WriteResult()
        alias = self._alias(collection)
        actions = ({"_op_type": "update", "_index": alias, "_id": i, "doc": fields, "retry_on_conflict": 3}
                   for i, fields in updates.items())
        return _result(self._call(bulk.run, self.es, actions))

    def delete(self, collection: Collection, ids: Iterable[str]) -> WriteResult:
        return _result(self._call(bulk.delete_documents, self.es, self._alias(collection), ids))

    def refresh(self) -> None:
        self._call(self.es.indices.refresh, index=",".join(self._alias(c) for c in Collection),
                   ignore_unavailable=True)

    def rebuild(self, fill: Fill) -> dict[str, str]:
        new = self._call(indices.create_all, self.es, self.aliases)
        try:
            fill(_GenerationWriter(self.es, new))
            self._call(self.es.indices.refresh, index=",".join(new.values()))
        except BaseException:
            for index in new.values():
                try:
                    self.es.indices.delete(index=index)
                except (ApiError, TransportError):
                    pass
            raise
        self._call(indices.swap_all, self.es, self.aliases, new)
        return new

    # -- bookkeeping ------------------------------------------------------------------------
    def _meta_index(self) -> str:
        return self.aliases.alias(META)

    def meta_get(self, key: str) -> dict[str, Any] | None:
        try:
            return dict(self._call(self.es.get, index=self._meta_index(), id=key).get("_source") or {})
        except NotFoundError:
            return None

    def meta_set(self, key: str, value: dict[str, Any]) -> None:
        self._call(self.es.index, index=self._meta_index(), id=key, document=value, refresh=True)

    def health(self) -> dict[str, Any]:
        try:
            info = self.es.options(request_timeout=3, max_retries=0).info()
            return {"backend": self.name, "reachable": True, "version": info["version"]["number"]}
        except Exception as exc:  # noqa: BLE001 - health never raises
            return {"backend": self.name, "reachable": False, "reason": str(exc)[:300]}

    def engine_marker(self) -> str:
        """The nodes and their start times (``GET _nodes/jvm``): changes when the engine restarts."""
        resp = self._call(self.es.options(request_timeout=2, max_retries=0).nodes.info,
                          metric="jvm", filter_path="nodes.*.jvm.start_time_in_millis")
        nodes = dict(resp).get("nodes") or {}
        return ",".join(f"{name}@{(info.get('jvm') or {}).get('start_time_in_millis')}"
                        for name, info in sorted(nodes.items()))

    def connections_opened(self) -> int | None:
        """TCP connections opened to the engine so far (reconnections included), None when unknown."""
        return self._connects() if self._connects else None

    def drop_all(self) -> None:
        """Delete every index of this prefix (tests and ``reindex --from-scratch``)."""
        indices.drop_all(self.es, self.aliases)
        try:
            self.es.indices.delete(index=self._meta_index())
        except NotFoundError:
            pass

    def close(self) -> None:
        self.es.close()


__all__ = ["ElasticsearchBackend", "SPECS"]
