"""Self-repair when the engine comes back, and no answer from an index that may have lost writes.

The local engine (noida-db) can come back from a crash without its last acknowledged writes, or
without the indices at all. The API notices the restart and does not answer from that index
until it has been repaired from the data directory:

* :class:`GuardedBackend` wraps the app's backend. After each read it checks that the answer
  came from the engine process the index was last verified on: when the client opened no new
  socket since (a TCP connection does not survive a restart; urllib3 silently reconnects a
  pooled connection, and that is counted too) it costs one counter read; otherwise one
  ``GET _nodes/jvm`` compares the nodes' start times (:meth:`RestartAware.engine_marker`).
  A new incarnation makes the index *suspect*: reads raise
  :class:`~search_api.search.backend.IndexRepairing` (503 + ``Retry-After``, ``E503-REPAIRING``)
  until the repair is done, except one task by id, which is built from the data directory and
  the edit log (the copy of record). Writes go through: the edit log and the store come first,
  the repair replays them. The embedded index lives in the API's process: it cannot restart on
  its own and the start of the app (:func:`search_api.pipeline.ensure_ready`) checks it.
* The index is also suspect from the app's start until its first ``ensure_ready`` succeeded.
* One background thread (never more) retries ``ensure_ready`` — create missing aliases, rebuild
  from the data directory when counts (or, after a restart, the documents present) disagree,
  replay tracked edits — until it succeeds or gives up. ``ensure_ready`` tells the guard when the
  index matches the data directory again (:func:`verifying`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from search_api.search.backend import (
    IndexRepairing,
    RestartAware,
    SearchBackend,
    SearchError,
    SearchUnavailable,
)
from search_api.search.model import Collection, SearchQuery, SearchResult

log = logging.getLogger(__name__)

_lock = threading.Lock()
RETRY_SECONDS = 2.0
GIVE_UP_SECONDS = 300.0

RESTARTED = ("the search engine restarted and may have lost its last writes; the index is being "
             "repaired from the data directory (nothing recorded is lost)")
UNCHECKED = "the index has not been checked against the data directory yet"


class Guard:
    """Whether the index may be answered from: the engine incarnation it was verified on, and
    the reason it is suspect (None when it is not)."""

    def __init__(self, backend: SearchBackend, *, verified: bool) -> None:
        self.backend = backend
        self.aware = isinstance(backend, RestartAware)
        self.reason: str | None = None if verified else UNCHECKED
        self.restarted = False  # the engine restarted since the index was last verified
        self._known: str | None = None
        self._verified_opened: int | None = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._on_suspect: Callable[[], object] = lambda: None
        if verified and self.aware:
            with contextlib.suppress(Exception):  # unreachable: the first read sets the baseline
                self._verified_opened = self.backend.connections_opened()  # type: ignore[attr-defined]
                self._known = self.backend.engine_marker()  # type: ignore[attr-defined]

    # -- the repair's side ---------------------------------------------------------------
    @property
    def bypassed(self) -> bool:
        return getattr(self._local, "bypass", 0) > 0

    @contextlib.contextmanager
    def bypass(self) -> Iterator[None]:
        """The current thread reads the index unguarded (the repair itself)."""
        self._local.bypass = getattr(self._local, "bypass", 0) + 1
        try:
            yield
        finally:
            self._local.bypass -= 1

    def snapshot(self) -> tuple[str | None, int | None, bool]:
        """(marker, connections opened, check thoroughly) before a repair starts: thoroughly
        when the index is suspect or the engine restarted since it was verified."""
        if not self.aware:
            return None, None, self.reason is not None
        opened = self.backend.connections_opened()  # type: ignore[attr-defined]
        marker = self.backend.engine_marker()  # type: ignore[attr-defined]
        with self._lock:
            restarted = (self.reason is not None or self.restarted
                         or (self._known is not None and marker != self._known))
        return marker, opened, restarted

    def verified(self, marker: str | None, opened: int | None) -> None:
        """The index matched the data directory on the engine incarnation ``marker``."""
        with self._lock:
            if self.reason is not None:
                log.warning("index repaired: answering from it again")
            self._known, self._verified_opened = marker, opened
            self.reason, self.restarted = None, False

    # -- the requests' side --------------------------------------------------------------
    def refuse_if_suspect(self) -> None:
        reason = self.reason
        if reason is not None and not self.bypassed:
            self._on_suspect()
            raise IndexRepairing(reason)

    def check_after_read(self) -> None:
        """Raise :class:`IndexRepairing` when the answer may come from a restarted engine."""
        if not self.aware or self.bypassed:
            return
        opened = self.backend.connections_opened()  # type: ignore[attr-defined]
        if opened is not None and opened == self._verified_opened:
            return  # the same connections, so the same engine process
        marker = self.backend.engine_marker()  # type: ignore[attr-defined]
        with self._lock:
            if self.reason is None and self._known is not None and marker != self._known:
                log.warning("the search engine restarted (%s -> %s): not answering from the index "
                            "until it is repaired", self._known, marker)
                self.reason, self.restarted = RESTARTED, True
            elif self.reason is None:
                self._known, self._verified_opened = marker, opened
        self.refuse_if_suspect()


class GuardedBackend:
    """The app's backend, refusing reads while the index is suspect (see the module)."""

    def __init__(self, inner: SearchBackend, guard: Guard, record: Callable[[str], dict[str, Any] | None]) -> None:
        self.inner = inner
        self.guard = guard
        self._record = record

    def __getattr__(self, name: str) -> Any:  # writes, setup, meta, health ... go straight through
        return getattr(self.inner, name)

    def _read(self, fn: Callable[..., Any], *args: Any) -> Any:
        self.guard.refuse_if_suspect()
        try:
            result = fn(*args)
        except IndexRepairing:
            raise
        except SearchUnavailable:
            # an index missing may be a restarted engine that lost it: say so if that is it
            # (even when a quick repair already finished: this answer came from the lost index)
            try:
                self.guard.check_after_read()
            except IndexRepairing:
                raise
            except SearchError:
                pass
            raise
        self.guard.check_after_read()
        return result

    def search(self, query: SearchQuery) -> SearchResult:
        return self._read(self.inner.search, query)

    def get(self, collection: Collection, doc_id: str) -> dict[str, Any] | None:
        if collection is Collection.TASKS and not self.guard.bypassed:
            try:
                return self._read(self.inner.get, collection, doc_id)
            except IndexRepairing:
                return self._record(doc_id)  # one task by id: from the copy of record
        return self._read(self.inner.get, collection, doc_id)

    def mget(self, collection: Collection, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self._read(self.inner.mget, collection, ids)

    def counts(self) -> dict[str, int | None]:
        return self._read(self.inner.counts)


def attach(app: Any, ctx: Any, *, verified: bool) -> GuardedBackend:
    """Wrap ``ctx.search`` in the guard (once) and tie its repairs to ``app``. ``verified``: the
    caller vouches for the index (no ``ensure_ready`` at start)."""
    from search_api.pipeline import task_of_record

    search = ctx.search
    if not isinstance(search, GuardedBackend):
        search = GuardedBackend(search, Guard(search, verified=verified), lambda tid: task_of_record(ctx, tid))
        ctx.search = search
    search.guard._on_suspect = lambda: schedule(app)
    return search


def guard_of(ctx: Any) -> Guard | None:
    search = getattr(ctx, "search", None)
    return search.guard if isinstance(search, GuardedBackend) else None


@contextlib.contextmanager
def verifying(ctx: Any) -> Iterator[Callable[[], bool]]:
    """Around a repair: the thread reads unguarded; the engine's incarnation is noted first.
    Yields ``restarted()`` (the engine restarted since the index was verified: check more than
    counts); on a clean exit the guard trusts the index again."""
    guard = guard_of(ctx)
    if guard is None:
        yield lambda: False
        return
    with guard.bypass():
        marker, opened, restarted = guard.snapshot()
        yield lambda: restarted
    guard.verified(marker, opened)


def schedule(app: Any) -> bool:
    """Start the repair thread for ``app`` unless one is running; True when one was started."""
    state = app.state
    ctx = getattr(state, "ctx", None)
    if ctx is None:
        return False
    with _lock:
        if getattr(state, "recovering", False):
            return False
        state.recovering = True
    threading.Thread(target=_repair, args=(state, ctx), daemon=True, name="index-repair").start()
    return True


def _repair(state: Any, ctx: Any) -> None:
    from search_api.instance import check_identity
    from search_api.pipeline import ensure_ready
    from search_api.search.backend import IndexMismatch

    deadline = time.monotonic() + GIVE_UP_SECONDS
    guard = guard_of(ctx)
    try:
        while time.monotonic() < deadline:
            try:
                with guard.bypass() if guard else contextlib.nullcontext():
                    check_identity(ctx.search, ctx.settings)  # never rebuild another directory's index
                report = ensure_ready(ctx)
            except IndexMismatch as exc:
                log.error("not repairing the indices: %s", exc)
                return
            except Exception as exc:  # noqa: BLE001 - engine still down: try again shortly
                log.info("engine not ready yet (%s); retrying", exc)
                time.sleep(RETRY_SECONDS)
                continue
            if report is not None:
                log.warning("indices rebuilt after the engine came back: %s documents, %s tasks",
                            report.documents, report.tasks)
            return
        log.error("gave up repairing the indices after %.0f s; run `directives reindex`", GIVE_UP_SECONDS)
    finally:
        with _lock:
            state.recovering = False
