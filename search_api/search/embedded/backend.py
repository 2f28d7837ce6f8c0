"""The embedded search backend: tantivy in-process, index files in the data directory.

One tantivy index holds the three collections (a raw ``collection`` field) and the meta
documents, so meta writes commit atomically with the data. Every public write commits before it
returns (durable when acknowledged) and reloads the reader. One ``IndexWriter`` per process,
opened lazily and kept open, guarded by a lock; when another process holds the index's writer
lock, writes raise :class:`SearchUnavailable` naming the data directory (never wait).

>>> backend = EmbeddedBackend(tmp_path)          # doctest: +SKIP
>>> backend.setup(); backend.index(Collection.TASKS, [{"id": "t1", "kind": "task", "text": "..."}])
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tantivy import DocAddress, FieldType, Index, IndexWriter, Query, Searcher

from search_api.search.backend import (
    Fill,
    SearchUnavailable,
    WriteFailure,
    WriteResult,
)
from search_api.search.embedded.analysis import SEGMENTED_TOKENIZER, segmented_analyzer
from search_api.search.embedded.compile import Compiler, has_text
from search_api.search.embedded.convert import DocumentError, source_of, to_document, uid
from search_api.search.embedded.generations import Generations
from search_api.search.embedded.paging import (
    EXACT_LIMIT,
    Key,
    Pager,
    decode_cursor,
    encode_cursor,
    missing,
    resolve,
    signature,
)
from search_api.search.embedded.schema import (
    COLLECTION,
    EMBEDDED_SCHEMA_VERSION,
    FIELDS,
    META,
    UID,
    Kind,
    build_schema,
    schema_versions,
)
from search_api.search.model import Bucket, Collection, Facet, Hit, SearchQuery, SearchResult

WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
MAX_GET = 10_000


@dataclass
class _Shared:
    """The one writer of a generation folder in this process, shared by every backend
    instance opened on it (tantivy allows one writer per folder)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    writer: IndexWriter | None = None
    users: int = 0
    commits: int = 0  # every instance reloads its reader when this moved


_SHARED: dict[str, _Shared] = {}
_SHARED_LOCK = threading.Lock()


def _attach(path: Path) -> _Shared:
    with _SHARED_LOCK:
        shared = _SHARED.setdefault(str(path), _Shared())
        shared.users += 1
        return shared


def _detach(path: Path, shared: _Shared) -> None:
    """The last user of a generation in this process drops its writer (releasing the lock)."""
    with _SHARED_LOCK:
        shared.users -= 1
        if shared.users > 0:
            return
        if _SHARED.get(str(path)) is shared:
            del _SHARED[str(path)]
    with shared.lock:
        writer, shared.writer = shared.writer, None
    del writer


@dataclass
class _Open:
    """One opened generation."""

    name: str
    path: Path
    stamp: tuple[int, int] | None
    index: Index
    compiler: Compiler
    shared: _Shared
    seen: int = 0

    @property
    def lock(self) -> threading.Lock:
        return self.shared.lock


def _open_index(path: Path, schema: Any = None) -> Index:
    index = Index(schema, path=str(path), reuse=False) if schema is not None else Index.open(str(path))
    index.register_tokenizer(SEGMENTED_TOKENIZER, segmented_analyzer())
    return index


def _filter_source(src: dict[str, Any], include: tuple[str, ...] | None, exclude: tuple[str, ...]) -> dict[str, Any]:
    if include is not None:
        src = {k: v for k, v in src.items() if k in include}
    if exclude:
        src = {k: v for k, v in src.items() if k not in exclude}
    return src


def _merge(base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Elasticsearch's partial update: objects merge recursively, everything else replaces."""
    out = dict(base)
    for k, v in fields.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


class _RebuildWriter:
    """The :class:`~search_api.search.backend.Writer` a rebuild's ``fill`` writes through."""

    def __init__(self, writer: IndexWriter) -> None:
        self.writer = writer
        self.seen: set[str] = set()

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        result = WriteResult()
        coll = Collection(collection).value
        for src in docs:
            doc_id = str(src.get("id", ""))
            try:
                doc = to_document(coll, src)
            except DocumentError as exc:
                result.failed.append(WriteFailure(doc_id, str(exc), 400))
                continue
            key = uid(coll, doc_id)
            if key in self.seen:  # the same id twice in one rebuild: the last one wins
                self.writer.delete_documents_by_term(UID, key)
            self.seen.add(key)
            self.writer.add_document(doc)
            result.ok += 1
        return result


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, data_dir: Path, *, schema_version: int = EMBEDDED_SCHEMA_VERSION,
                 writer_heap: int = WRITER_HEAP, rebuild_heap: int = REBUILD_HEAP,
                 exact_limit: int = EXACT_LIMIT) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "index"
        self.generations = Generations(self.root)
        self.schema_version = schema_version
        self.writer_heap = writer_heap
        self.rebuild_heap = rebuild_heap
        self.exact_limit = exact_limit
        self._lock = threading.RLock()  # opening / swapping generations
        self._rebuild_lock = threading.Lock()
        self._state: _Open | None = None

    # --- generations -----------------------------------------------------------------------

    def _versions(self) -> dict[str, Any]:
        return schema_versions(self.schema_version)

    def _state_now(self) -> _Open:
        """The open current generation, reopened when ``CURRENT`` changed (another process
        rebuilt); :class:`SearchUnavailable` when there is none."""
        state = self._state
        stamp = self.generations.stamp()
        if state is not None and state.stamp == stamp:
            return state
        with self._lock:
            state = self._state
            stamp = self.generations.stamp()
            if state is not None and state.stamp == stamp:
                return state
            name = self.generations.current()
            if name is None:
                raise SearchUnavailable(f"no search index in {self.root}: run setup or a rebuild")
            if state is not None and state.name == name:
                state.stamp = stamp
                return state
            try:
                index = _open_index(self.generations.path(name))
            except ValueError as exc:
                raise SearchUnavailable(f"the search index {self.generations.path(name)} cannot be opened: {exc}") from exc
            path = self.generations.path(name)
            new = _Open(name, path, stamp, index, Compiler(index.schema), _attach(path))
            old, self._state = self._state, new
            if old is not None:
                _detach(old.path, old.shared)
            return new

    def _writer(self, state: _Open) -> IndexWriter:
        """The generation's writer (call with ``state.lock`` held)."""
        if state.shared.writer is None:
            try:
                state.shared.writer = state.index.writer(self.writer_heap, 1)
            except ValueError as exc:
                if "LockBusy" in str(exc) or "lock" in str(exc).lower():
                    raise SearchUnavailable(
                        f"the search index in {self.data_dir} is being written by another process "
                        f"(its writer lock {state.path}/.tantivy-writer.lock is held): "
                        "stop that process, or let it do the writing") from exc
                raise SearchUnavailable(f"cannot write the search index in {self.data_dir}: {exc}") from exc
        return state.shared.writer

    def _commit(self, state: _Open, writer: IndexWriter) -> None:
        try:
            writer.commit()
        except ValueError as exc:
            writer.rollback()
            raise SearchUnavailable(f"commit to the search index in {self.data_dir} failed: {exc}") from exc
        state.shared.commits += 1
        state.seen = state.shared.commits
        state.index.reload()

    def setup(self) -> None:
        with self._lock:
            if self.generations.current() is not None:
                return
            name, path = self.generations.create(self._versions())
            index = _open_index(path, build_schema())
            writer = index.writer(self.writer_heap, 1)
            writer.commit()
            del writer
            self.generations.make_current(name)
            self._state = None
        self._state_now()

    def needs_migration(self) -> bool:
        name = self.generations.current()
        if name is None:
            return True
        return self.generations.versions(name) != self._versions()

    # --- reading ---------------------------------------------------------------------------

    def _fresh(self, state: _Open | None = None) -> _Open:
        """The current generation, its reader reloaded if another instance committed."""
        state = state or self._state_now()
        if state.seen != state.shared.commits:
            state.seen = state.shared.commits
            state.index.reload()
        return state

    def _searcher(self) -> tuple[_Open, Searcher]:
        state = self._fresh()
        return state, state.index.searcher()

    def _load(self, searcher: Searcher, addr: DocAddress) -> tuple[str, dict[str, Any]]:
        doc = searcher.doc(addr)
        return doc.get_first(COLLECTION), source_of(doc)

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        return self.mget(collection, [doc_id]).get(doc_id)

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self._mget(Collection(collection).value, ids)

    def _mget(self, collection: str, ids: list[str], state: _Open | None = None) -> dict[str, dict[str, Any]]:
        wanted = [uid(collection, i) for i in dict.fromkeys(ids) if isinstance(i, str)]
        if not wanted:
            return {}
        state = state or self._fresh()
        searcher = state.index.searcher()
        out: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), MAX_GET):
            chunk = wanted[start:start + MAX_GET]
            res = searcher.search(state.compiler.terms(UID, chunk), limit=len(chunk), count=False)
            for _, addr in res.hits:
                _, src = self._load(searcher, addr)
                out[src["id"]] = src
        return out

    def _equal(self, state: _Open) -> Any:
        compiler = state.compiler

        def equal(key: Key, value: Any) -> Query:
            if value is None:
                return missing(key.field, compiler.term)
            if key.kind == "number":
                spec = FIELDS[key.field]
                if spec.kind == Kind.BOOLEAN:
                    return compiler.term(key.field, bool(value))
                return Query.range_query(compiler.schema, key.field, FieldType.Integer, value, value)
            return compiler.term(key.field, value)

        return equal

    def search(self, query: SearchQuery) -> SearchResult:
        t0 = time.perf_counter()
        state, searcher = self._searcher()
        sig = signature(query)
        offset = decode_cursor(query.cursor, sig) if query.cursor else query.offset
        compiler = state.compiler
        try:
            tq = compiler.query(query)
        except ValueError as exc:
            raise SearchUnavailable(f"the search index in {self.root} does not fit this query ({exc}): rebuild it") from exc
        scored = has_text(query)
        keys = resolve(query.sort, scored=scored)
        pager = Pager(searcher, tq, exact_limit=self.exact_limit, equal=self._equal(state))
        page, total = pager.page(keys, offset, max(0, query.size))
        hits: list[Hit] = []
        for score, addr in page:
            coll, src = pager.load(addr)
            hits.append(Hit(id=src.get("id"), collection=Collection(coll),
                            source=_filter_source(dict(src), query.include_fields, query.exclude_fields),
                            score=score if keys[0].kind == "score" else None))
        facets = self._facets(state, searcher, query, tq) if query.facets else {}
        counts = {c.name: pager.count(compiler.query(query, (c.filter,))) for c in query.counts}
        end = offset + len(hits)
        nxt = encode_cursor(end, sig) if hits and end < total else None
        return SearchResult(total=total, hits=hits, facets=facets, counts=counts, next=nxt,
                            took_ms=(time.perf_counter() - t0) * 1000)

    @staticmethod
    def _bucket_key(facet: Facet, key: Any) -> Any:
        spec = FIELDS.get(facet.field)
        if spec is not None and spec.kind == Kind.INTEGER and isinstance(key, float):
            return int(key)
        if spec is not None and spec.kind == Kind.BOOLEAN:
            return bool(key)
        return key

    def _facets(self, state: _Open, searcher: Searcher, query: SearchQuery, tq: Query) -> dict[str, list[Bucket]]:
        usable = [f for f in query.facets if f.field in FIELDS and FIELDS[f.field].kind not in (
            Kind.STORED, Kind.VI_TEXT, Kind.FOLDED_TEXT, Kind.SEGMENTED)]
        out: dict[str, list[Bucket]] = {f.name: [] for f in query.facets}
        if not usable:
            return out
        aggs = {f.name: {"terms": {"field": f.field, "size": max(1, f.size)}} for f in usable}
        result = searcher.aggregate(tq, aggs)
        for f in usable:
            buckets = result.get(f.name, {}).get("buckets", [])
            values = [b["key"] for b in buckets]
            extra: dict[str, dict[Any, int]] = {}
            for name, flt in f.counts:
                sub = state.compiler.query(query, (flt,))
                terms: dict[str, Any] = {"field": f.field, "size": max(1, len(values))}
                if FIELDS[f.field].raw:
                    terms["include"] = [str(v) for v in values]
                else:
                    terms["size"] = 65_000
                sub_res = searcher.aggregate(sub, {"c": {"terms": terms}}) if values else {}
                extra[name] = {b["key"]: b["doc_count"] for b in sub_res.get("c", {}).get("buckets", [])}
            out[f.name] = [
                Bucket(value=self._bucket_key(f, b["key"]), count=b["doc_count"],
                       counts={name: extra[name].get(b["key"], 0) for name, _ in f.counts})
                for b in buckets
            ]
        return out

    def counts(self) -> dict[str, int | None]:
        try:
            state, searcher = self._searcher()
        except SearchUnavailable:
            return {c.value: None for c in Collection}
        return {c.value: searcher.search(state.compiler.term(COLLECTION, c.value), limit=1).count
                for c in Collection}

    # --- writing ---------------------------------------------------------------------------

    def _write(self, collection: str, docs: list[tuple[str, Any]], state: _Open | None = None) -> WriteResult:
        """Apply ``[(id, tantivy document or None for a delete)]``, commit, reload.

        With ``state`` the caller holds ``state.lock``; else it is taken here.
        """
        if state is None:
            state = self._state_now()
            with state.lock:
                return self._write(collection, docs, state)
        result = WriteResult()
        writer = self._writer(state)
        try:
            for doc_id, doc in docs:
                writer.delete_documents_by_term(UID, uid(collection, doc_id))
                if doc is not None:
                    writer.add_document(doc)
                result.ok += 1
        except ValueError as exc:  # e.g. a field the generation's older schema lacks
            writer.rollback()
            raise SearchUnavailable(f"cannot write to the search index in {self.root} ({exc}): rebuild it") from exc
        self._commit(state, writer)
        return result

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        coll = Collection(collection).value
        result = WriteResult()
        ready: list[tuple[str, Any]] = []
        for src in docs:
            doc_id = src.get("id")
            try:
                ready.append((doc_id, to_document(coll, src)))
            except DocumentError as exc:
                result.failed.append(WriteFailure(str(doc_id), str(exc), 400))
        if ready:
            result.merge(self._write(coll, ready))
        return result

    def update(self, collection: Collection, updates: dict[str, dict[str, Any]]) -> WriteResult:
        coll = Collection(collection).value
        result = WriteResult()
        state = self._state_now()
        with state.lock:  # read, merge and write with no other write in between
            current = self._mget(coll, list(updates), self._fresh(state))
            ready: list[tuple[str, Any]] = []
            for doc_id, fields in updates.items():
                src = current.get(doc_id)
                if src is None:
                    result.failed.append(WriteFailure(doc_id, "document not found", 404))
                    continue
                try:
                    ready.append((doc_id, to_document(coll, {**_merge(src, fields), "id": doc_id})))
                except DocumentError as exc:
                    result.failed.append(WriteFailure(doc_id, str(exc), 400))
            if ready:
                result.merge(self._write(coll, ready, state))
        return result

    def delete(self, collection: Collection, ids: Iterable[str]) -> WriteResult:
        coll = Collection(collection).value
        todo = [(i, None) for i in dict.fromkeys(ids)]
        return self._write(coll, todo) if todo else WriteResult()

    def refresh(self) -> None:
        state = self._state_now()
        state.index.reload()

    def meta_get(self, key: str) -> dict[str, Any] | None:
        doc = self._mget(META, [key]).get(key)
        return None if doc is None else doc.get("value")

    def meta_set(self, key: str, value: dict[str, Any]) -> None:
        self._write(META, [(key, to_document(META, {"id": key, "value": value}))])

    # --- rebuild ---------------------------------------------------------------------------

    def rebuild(self, fill: Fill) -> dict[str, str]:
        """Fill a new generation while searches (and writes) go to the current one, copy the
        meta documents over, commit, swap ``CURRENT``, delete the old generation.

        Writes to the data collections made while ``fill`` runs land in the old generation and
        are not carried over: the data directory is the source of truth ``fill`` reads.
        """
        with self._rebuild_lock:
            name, path = self.generations.create(self._versions())
            index: Index | None = None
            writer: IndexWriter | None = None
            target: _RebuildWriter | None = None
            try:
                index = _open_index(path, build_schema())
                writer = index.writer(self.rebuild_heap, 2)
                target = _RebuildWriter(writer)
                fill(target)
                with self._lock:
                    try:
                        old_state = self._state_now()
                    except SearchUnavailable:
                        old_state = None
                    if old_state is not None:
                        with old_state.lock:
                            searcher = old_state.index.searcher()
                            q = old_state.compiler.term(COLLECTION, META)
                            n = searcher.search(q, limit=1).count
                            for _, addr in (searcher.search(q, limit=n, count=False).hits if n else []):
                                _, src = self._load(searcher, addr)
                                writer.add_document(to_document(META, src))
                    writer.commit()
                    index.reload()
                    self.generations.make_current(name)
                    shared = _attach(path)
                    with shared.lock:
                        if shared.writer is None:
                            shared.writer = writer  # the rebuild's writer goes on taking writes
                    self._state = _Open(name, path, self.generations.stamp(), index, Compiler(index.schema),
                                        shared)
                    if old_state is not None:
                        _detach(old_state.path, old_state.shared)
            except BaseException:
                # The traceback keeps fill's frames alive: drop every reference to the writer
                # so its threads stop before the folder goes.
                if target is not None:
                    target.writer = None  # type: ignore[assignment]
                if writer is not None:
                    writer.rollback()
                writer = index = target = None
                self.generations.remove(name)
                raise
            self.generations.remove_older(name)
        return {c.value: name for c in Collection}

    def drop_all(self) -> None:
        """Delete every generation and ``CURRENT`` (tests, ``reindex --from-scratch``)."""
        with self._rebuild_lock, self._lock:
            self.close()
            self.generations.current_file.unlink(missing_ok=True)
            self.generations.remove_older("gen-~")  # "~" sorts after every timestamp

    # --- status ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        out: dict[str, Any] = {"backend": self.name, "reachable": False, "path": str(self.root),
                               "generation": None, "documents": 0}
        try:
            state, searcher = self._searcher()
            out.update(reachable=True, generation=state.name,
                       documents=searcher.num_docs - searcher.search(state.compiler.term(COLLECTION, META),
                                                                     limit=1).count)
        except Exception as exc:  # noqa: BLE001 - health never raises
            out["error"] = str(exc)
        return out

    def close(self) -> None:
        with self._lock:
            state, self._state = self._state, None
            if state is not None:
                _detach(state.path, state.shared)

