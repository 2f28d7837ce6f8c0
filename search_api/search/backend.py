"""What every search backend provides, and the errors it raises.

Two implementations: :class:`search_api.search.embedded.EmbeddedBackend` (tantivy, in-process,
index files in the data directory; the default) and
:class:`search_api.search.es.ElasticsearchBackend` (a cluster by ``ES_URL``; noida-db in tests).
Nothing outside :mod:`search_api.search` imports either engine's library: callers hold a
:class:`SearchBackend` and pass :mod:`search_api.search.model` values.

Documents are plain dicts keyed by their stable ``id`` (see :mod:`search_api.search.docs`);
``index`` creates or replaces, ``update`` merges fields into an existing document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from search_api.search.model import Collection, SearchQuery, SearchResult


class SearchError(Exception):
    """Base of the search layer's errors."""


class SearchUnavailable(SearchError):
    """The engine cannot answer now (down, unreachable, overloaded, index missing): a 503."""


class IndexRepairing(SearchUnavailable):
    """The engine restarted (it may have lost its last acknowledged writes) or the index has not
    been checked against the data directory yet: nothing is answered from it until the repair
    has replayed what is missing (a 503 with ``Retry-After``, code ``E503-REPAIRING``)."""


class CursorError(SearchError, ValueError):
    """The ``cursor`` is not one this API issued for this query and sort."""


class IndexMismatch(SearchError):
    """The engine's indices belong to another data directory (issue: never repair someone
    else's index by rebuilding it from ours)."""


@dataclass(frozen=True, slots=True)
class WriteFailure:
    id: str
    reason: str
    status: int | None = None


@dataclass(slots=True)
class WriteResult:
    ok: int = 0
    failed: list[WriteFailure] = field(default_factory=list)

    def merge(self, other: WriteResult) -> WriteResult:
        self.ok += other.ok
        self.failed.extend(other.failed)
        return self


class Writer(Protocol):
    """Where a rebuild writes: a fresh generation of every collection, not yet searchable."""

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult: ...


Fill = Callable[[Writer], None]


@runtime_checkable
class RestartAware(Protocol):
    """A backend whose engine runs in another process and can restart without the API (the
    Elasticsearch backend). The embedded index lives in the API's process: it has neither."""

    def engine_marker(self) -> str:
        """What identifies the engine's current incarnation (its nodes' start times): it
        changes when the engine restarts. Raises :class:`SearchUnavailable` when unreachable."""

    def connections_opened(self) -> int | None:
        """How many sockets to the engine the client has opened so far (a pooled connection
        reconnecting counts), None when unknown. Unchanged means every answer since came over a
        socket that already existed, so from the same engine process (a TCP connection does not
        survive a restart)."""


@runtime_checkable
class SearchBackend(Protocol):
    name: str  # "embedded" | "elasticsearch"

    def setup(self) -> None:
        """Create every collection that does not exist yet (idempotent)."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Run ``query``; :class:`CursorError` for a foreign cursor."""

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        """The stored document, or None."""

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        """``{id: document}`` for the ids that exist."""

    def index(self, collection: Collection, docs: Iterable[dict[str, Any]]) -> WriteResult:
        """Create or replace each document by its ``id``."""

    def update(self, collection: Collection, updates: dict[str, dict[str, Any]]) -> WriteResult:
        """Merge fields into existing documents (``{id: fields}``); a missing id is a failure."""

    def delete(self, collection: Collection, ids: Iterable[str]) -> WriteResult:
        """Remove documents by id (a missing id counts as done)."""

    def refresh(self) -> None:
        """Make every write so far visible to search (and durable, where the engine can)."""

    def counts(self) -> dict[str, int | None]:
        """Documents per collection; None for a collection that does not exist."""

    def needs_migration(self) -> bool:
        """True when a collection was built with an older schema version than the code's."""

    def rebuild(self, fill: Fill) -> dict[str, str]:
        """Fill a new generation of every collection, then make it current in one step (search
        keeps answering from the old one meanwhile); returns ``{collection: generation name}``."""

    def meta_get(self, key: str) -> dict[str, Any] | None:
        """A small bookkeeping document kept with the index (e.g. the tracking watermark)."""

    def meta_set(self, key: str, value: dict[str, Any]) -> None: ...

    def drop_all(self) -> None:
        """Delete every collection of this deployment (tests, ``reindex --from-scratch``)."""

    def health(self) -> dict[str, Any]:
        """``{"backend": name, "reachable": bool, ...}`` — never raises."""

    def close(self) -> None: ...
