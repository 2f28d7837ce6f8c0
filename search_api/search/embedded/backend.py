"""The embedded search backend: tantivy in-process, index files in the data directory.

A generation holds one tantivy index per collection (``documents/``, ``tasks/``,
``citations/``), as Elasticsearch holds one index per alias: BM25 statistics (document count,
average field length) are then per collection on both backends, so they rank alike. The meta
documents live in the tasks index. A search over several collections merges their pages (and
sums their facets), as Elasticsearch merges its indices' shards.

Every public write commits before it returns (durable when acknowledged) and reloads the reader.
One ``IndexWriter`` per index folder and process, opened lazily, kept open and shared by every
backend instance of the process, guarded by a lock; when another process holds an index's writer
lock, writes raise :class:`SearchUnavailable` naming the data directory (never wait).

>>> backend = EmbeddedBackend(tmp_path)          # doctest: +SKIP
>>> backend.setup(); backend.index(Collection.TASKS, [{"id": "t1", "kind": "task", "text": "..."}])
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tantivy import FieldType, Index, IndexWriter, Query

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
    merge,
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
from search_api.search.model import Bucket, Collection, Hit, SearchQuery, SearchResult

WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="facets")
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
class _Part:
    """One collection's index in an opened generation."""

    collection: str
    path: Path
    index: Index
    compiler: Compiler
    shared: _Shared
    seen: int = 0
    matcher: Compiler = field(init=False)  # the same documents, unscored (facets, counts)

    def __post_init__(self) -> None:
        self.matcher = Compiler(self.compiler.schema, matching=True)

    @property
    def lock(self) -> threading.Lock:
        return self.shared.lock

    @property
    def holds_meta(self) -> bool:
        return self.collection == META_HOME


@dataclass
class _Open:
    """One opened generation."""

    name: str
    stamp: tuple[int, int] | None
    parts: dict[str, _Part]

    def part(self, collection: str) -> _Part:
        return self.parts[META_HOME if collection == META else collection]


META_HOME = Collection.TASKS.value  # the index that also holds the meta documents
HEAPS = {"tasks": (1.0, 2), "documents": (0.5, 1), "citations": (0.25, 1)}  # rebuild: heap share, threads


def _open_index(path: Path, schema: Any = None) -> Index:
    if schema is not None:
        path.mkdir(parents=True, exist_ok=True)
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

    def __init__(self, writers: dict[str, IndexWriter]) -> None:
        self.writers = writers
        self.seen: set[str] = set()

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        result = WriteResult()
        coll = Collection(collection).value
        writer = self.writers[coll]
        for src in docs:
            doc_id = str(src.get("id", ""))
            try:
                doc = to_document(coll, src)
            except DocumentError as exc:
                result.failed.append(WriteFailure(doc_id, str(exc), 400))
                continue
            key = uid(coll, doc_id)
            if key in self.seen:  # the same id twice in one rebuild: the last one wins
                writer.delete_documents_by_term(UID, key)
            self.seen.add(key)
            writer.add_document(doc)
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
            base = self.generations.path(name)
            parts: dict[str, _Part] = {}
            try:
                for c in Collection:
                    path = base / c.value
                    index = _open_index(path)
                    parts[c.value] = _Part(c.value, path, index, Compiler(index.schema), _attach(path))
            except ValueError as exc:
                for p in parts.values():
                    _detach(p.path, p.shared)
                raise SearchUnavailable(
                    f"the search index {base} cannot be opened ({exc}): rebuild it") from exc
            new = _Open(name, stamp, parts)
            old, self._state = self._state, new
            if old is not None:
                self._detach_all(old)
            return new

    @staticmethod
    def _detach_all(state: _Open) -> None:
        for p in state.parts.values():
            _detach(p.path, p.shared)

    def _writer(self, part: _Part) -> IndexWriter:
        """The index's writer (call with ``part.lock`` held)."""
        if part.shared.writer is None:
            try:
                part.shared.writer = part.index.writer(self.writer_heap, 1)
            except ValueError as exc:
                if "LockBusy" in str(exc) or "lock" in str(exc).lower():
                    raise SearchUnavailable(
                        f"the search index in {self.data_dir} is being written by another process "
                        f"(its writer lock {part.path}/.tantivy-writer.lock is held): "
                        "stop that process, or let it do the writing") from exc
                raise SearchUnavailable(f"cannot write the search index in {self.data_dir}: {exc}") from exc
        return part.shared.writer

    def _commit(self, part: _Part, writer: IndexWriter) -> None:
        try:
            writer.commit()
        except ValueError as exc:
            writer.rollback()
            raise SearchUnavailable(f"commit to the search index in {self.data_dir} failed: {exc}") from exc
        part.shared.commits += 1
        part.seen = part.shared.commits
        part.index.reload()

    def _create(self) -> tuple[str, Path, dict[str, Index]]:
        name, base = self.generations.create(self._versions())
        schema = build_schema()
        return name, base, {c.value: _open_index(base / c.value, schema) for c in Collection}

    def setup(self) -> None:
        with self._lock:
            if self.generations.current() is not None:
                return
            name, _, indexes = self._create()
            for index in indexes.values():
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

    @staticmethod
    def _fresh(part: _Part) -> _Part:
        """``part`` with its reader reloaded if another instance committed to it."""
        if part.seen != part.shared.commits:
            part.seen = part.shared.commits
            part.index.reload()
        return part

    def _part(self, collection: str) -> _Part:
        return self._fresh(self._state_now().part(collection))

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        return self.mget(collection, [doc_id]).get(doc_id)

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self._mget(Collection(collection).value, ids)

    def _mget(self, collection: str, ids: list[str], part: _Part | None = None) -> dict[str, dict[str, Any]]:
        wanted = [uid(collection, i) for i in dict.fromkeys(ids) if isinstance(i, str)]
        if not wanted:
            return {}
        part = part or self._part(collection)
        searcher = part.index.searcher()
        out: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), MAX_GET):
            chunk = wanted[start:start + MAX_GET]
            res = searcher.search(part.compiler.terms(UID, chunk), limit=len(chunk), count=False)
            for _, addr in res.hits:
                src = source_of(searcher.doc(addr))
                out[src["id"]] = src
        return out

    @staticmethod
    def _equal(part: _Part) -> Any:
        compiler = part.compiler

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

    def _query(self, part: _Part, query: SearchQuery, extra: tuple[Any, ...] = (), *, matching: bool = False) -> Query:
        """The query of ``query`` on one index; ``matching``: the same documents, built to be
        matched, not scored (facets and counts)."""
        compiler = part.matcher if matching else part.compiler
        try:
            return compiler.query(query, extra, exclude_meta=part.holds_meta)
        except ValueError as exc:
            raise SearchUnavailable(
                f"the search index in {self.root} does not fit this query ({exc}): rebuild it") from exc

    def search(self, query: SearchQuery) -> SearchResult:
        t0 = time.perf_counter()
        state = self._state_now()
        parts = [self._fresh(state.part(c.value)) for c in dict.fromkeys(query.collections)]
        sig = signature(query)
        offset = decode_cursor(query.cursor, sig) if query.cursor else query.offset
        size = max(0, query.size)
        keys = resolve(query.sort, scored=has_text(query))
        pagers = [Pager(p.index.searcher(), self._query(p, query), exact_limit=self.exact_limit,
                        equal=self._equal(p)) for p in parts]
        # Facets are a second pass over the same hits: run them beside the page (tantivy releases
        # the GIL), so a faceted search costs about one pass of wall time on two cores.
        facets_job = _POOL.submit(self._facets, parts, pagers, query) if query.facets else None
        if len(pagers) == 1:
            page, total = pagers[0].page(keys, offset, size)
            merged = [(pagers[0], score, addr) for score, addr in page]
        else:  # every index's first offset + size hits, merged on the sort values
            total = 0
            pages: list[tuple[Pager, list[Any]]] = []
            for pager in pagers:
                page, n = pager.page(keys, 0, offset + size)
                total += n
                pages.append((pager, page))
            merged = [(pager, score, addr)
                      for pager, (score, addr) in merge(pages, keys, offset, offset + size)[offset:offset + size]]
        hits: list[Hit] = []
        for pager, score, addr in merged:
            coll, src = pager.load(addr)
            hits.append(Hit(id=src.get("id"), collection=Collection(coll),
                            source=_filter_source(dict(src), query.include_fields, query.exclude_fields),
                            score=score if keys[0].kind == "score" else None))
        facets = facets_job.result() if facets_job is not None else {}
        counts = {c.name: sum(pager.count(self._query(p, query, (c.filter,), matching=True))
                              for p, pager in zip(parts, pagers, strict=True))
                  for c in query.counts}
        end = offset + len(hits)
        nxt = encode_cursor(end, sig) if hits and end < total else None
        return SearchResult(total=total, hits=hits, facets=facets, counts=counts, next=nxt,
                            took_ms=(time.perf_counter() - t0) * 1000)

    @staticmethod
    def _bucket_key(kind: Kind, key: Any) -> Any:
        if kind == Kind.INTEGER and isinstance(key, float):
            return int(key)
        if kind == Kind.BOOLEAN:
            return bool(key)
        return key

    def _facets(self, parts: list[_Part], pagers: list[Pager], query: SearchQuery) -> dict[str, list[Bucket]]:
        """Terms aggregations per index, summed (each index asked for more buckets than kept,
        as Elasticsearch asks its shards), then per-bucket counts on ``query AND filter``."""
        usable = [f for f in query.facets if f.field in FIELDS and FIELDS[f.field].kind not in (
            Kind.STORED, Kind.VI_TEXT, Kind.FOLDED_TEXT, Kind.SEGMENTED)]
        out: dict[str, list[Bucket]] = {f.name: [] for f in query.facets}
        if not usable:
            return out
        several = len(pagers) > 1
        aggs = {f.name: {"terms": {"field": f.field, "size": max(1, int(f.size * 1.5) + 10 if several else f.size)}}
                for f in usable}
        results = [pager.searcher.aggregate(self._query(part, query, matching=True), aggs)
                   for part, pager in zip(parts, pagers, strict=True)]
        for f in usable:
            totals: dict[Any, int] = {}
            for res in results:
                for b in res.get(f.name, {}).get("buckets", []):
                    totals[b["key"]] = totals.get(b["key"], 0) + b["doc_count"]
            top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:max(1, f.size)]
            values = [k for k, _ in top]
            extra: dict[str, dict[Any, int]] = {}
            for name, flt in f.counts:
                terms: dict[str, Any] = {"field": f.field, "size": max(1, len(values))}
                if FIELDS[f.field].raw:
                    terms["include"] = [str(v) for v in values]
                else:
                    terms["size"] = 65_000
                found: dict[Any, int] = {}
                for part, pager in zip(parts, pagers, strict=True):
                    if not values:
                        break
                    sub = pager.searcher.aggregate(self._query(part, query, (flt,), matching=True), {"c": {"terms": terms}})
                    for b in sub.get("c", {}).get("buckets", []):
                        found[b["key"]] = found.get(b["key"], 0) + b["doc_count"]
                extra[name] = found
            kind = FIELDS[f.field].kind
            out[f.name] = [
                Bucket(value=self._bucket_key(kind, k), count=n, counts={name: extra[name].get(k, 0) for name, _ in f.counts})
                for k, n in top
            ]
        return out

    def counts(self) -> dict[str, int | None]:
        try:
            state = self._state_now()
        except SearchUnavailable:
            return {c.value: None for c in Collection}
        out: dict[str, int | None] = {}
        for c in Collection:
            part = self._fresh(state.part(c.value))
            out[c.value] = part.index.searcher().search(part.compiler.term(COLLECTION, c.value), limit=1).count
        return out

    # --- writing ---------------------------------------------------------------------------

    def _write(self, collection: str, docs: list[tuple[str, Any]], part: _Part | None = None) -> WriteResult:
        """Apply ``[(id, tantivy document or None for a delete)]``, commit, reload.

        With ``part`` the caller holds ``part.lock``; else it is taken here.
        """
        if part is None:
            part = self._state_now().part(collection)
            with part.lock:
                return self._write(collection, docs, part)
        result = WriteResult()
        writer = self._writer(part)
        try:
            for doc_id, doc in docs:
                writer.delete_documents_by_term(UID, uid(collection, doc_id))
                if doc is not None:
                    writer.add_document(doc)
                result.ok += 1
        except ValueError as exc:  # e.g. a field the generation's older schema lacks
            writer.rollback()
            raise SearchUnavailable(f"cannot write to the search index in {self.root} ({exc}): rebuild it") from exc
        self._commit(part, writer)
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
        part = self._state_now().part(coll)
        with part.lock:  # read, merge and write with no other write in between
            current = self._mget(coll, list(updates), self._fresh(part))
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
                result.merge(self._write(coll, ready, part))
        return result

    def delete(self, collection: Collection, ids: Iterable[str]) -> WriteResult:
        coll = Collection(collection).value
        todo = [(i, None) for i in dict.fromkeys(ids)]
        return self._write(coll, todo) if todo else WriteResult()

    def refresh(self) -> None:
        for part in self._state_now().parts.values():
            part.index.reload()

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
            name, base = self.generations.create(self._versions())
            indexes: dict[str, Index] = {}
            writers: dict[str, IndexWriter] = {}
            target: _RebuildWriter | None = None
            try:
                schema = build_schema()
                for c in Collection:
                    share, threads = HEAPS[c.value]
                    indexes[c.value] = _open_index(base / c.value, schema)
                    writers[c.value] = indexes[c.value].writer(max(15_000_000 * threads, int(self.rebuild_heap * share)),
                                                               threads)
                target = _RebuildWriter(writers)
                fill(target)
                with self._lock:
                    try:
                        old_state = self._state_now()
                    except SearchUnavailable:
                        old_state = None
                    if old_state is not None:
                        home = self._fresh(old_state.part(META))
                        with home.lock:
                            searcher = home.index.searcher()
                            q = home.compiler.term(COLLECTION, META)
                            n = searcher.search(q, limit=1).count
                            for _, addr in (searcher.search(q, limit=n, count=False).hits if n else []):
                                writers[META_HOME].add_document(to_document(META, source_of(searcher.doc(addr))))
                    for writer in writers.values():
                        writer.commit()
                    self.generations.make_current(name)
                    parts: dict[str, _Part] = {}
                    for c, index in indexes.items():
                        index.reload()
                        path = base / c
                        shared = _attach(path)
                        with shared.lock:
                            if shared.writer is None:
                                shared.writer = writers[c]  # the rebuild's writer goes on taking writes
                        parts[c] = _Part(c, path, index, Compiler(index.schema), shared)
                    self._state = _Open(name, self.generations.stamp(), parts)
                    if old_state is not None:
                        self._detach_all(old_state)
            except BaseException:
                # The traceback keeps fill's frames alive: drop every reference to the writers
                # so their threads stop before the folder goes.
                if target is not None:
                    target.writers = {}
                for writer in writers.values():
                    writer.rollback()
                writers.clear()
                indexes.clear()
                target = None
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
            state = self._state_now()
            counts = self.counts()
            out.update(reachable=True, generation=state.name, documents=sum(v or 0 for v in counts.values()))
        except Exception as exc:  # noqa: BLE001 - health never raises
            out["error"] = str(exc)
        return out

    def close(self) -> None:
        with self._lock:
            state, self._state = self._state, None
            if state is not None:
                self._detach_all(state)
