"""Self-repair when the engine comes back: the API never needs a restart.

The local engine can come back from a crash without its last writes, or without the indices
at all. When a request fails because the engine is unreachable or an index is missing, one
background thread (never more) retries :func:`search_api.pipeline.ensure_ready` — create
missing aliases, rebuild from the data directory when counts disagree, replay tracked edits —
until it succeeds or gives up; requests meanwhile get 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

_lock = threading.Lock()
RETRY_SECONDS = 2.0
GIVE_UP_SECONDS = 300.0


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
    try:
        while time.monotonic() < deadline:
            try:
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
