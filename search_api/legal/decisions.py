"""Editors' decisions on suggested trace links (confirmed / rejected), kept in the same database
as the tracking edit log (SQLite file or PostgreSQL), in a table of their own:
``trace_link_decisions``, one row per decision, the newest per link counting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from search_api.tracking.sidecar import SidecarStore

DECISIONS = ("confirmed", "rejected")

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS trace_link_decisions ("
    " id {serial} PRIMARY KEY, upstream_task TEXT NOT NULL, downstream_task TEXT NOT NULL,"
    " decision TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, score REAL, note TEXT)",
    "CREATE INDEX IF NOT EXISTS trace_link_decisions_up ON trace_link_decisions (upstream_task)",
    "CREATE INDEX IF NOT EXISTS trace_link_decisions_down ON trace_link_decisions (downstream_task)",
)


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown value)."""


@dataclass(frozen=True, slots=True)
class Decision:
    upstream_task: str
    downstream_task: str
    decision: str  # confirmed | rejected
    actor: str
    at: str  # ISO timestamp (UTC)
    score: float | None = None
    note: str | None = None


class DecisionStore(SidecarStore):
    """The decisions table beside the edit log (thread-safe, one lock)."""

    SCHEMA = _SCHEMA

    def record(self, upstream: str, downstream: str, decision: str, actor: str, *,
               score: float | None = None, note: str | None = None) -> Decision:
        if decision not in DECISIONS:
            raise DecisionError(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
        at = datetime.now(UTC).isoformat()
        with self._tx() as cur:
            cur.execute(self._q("INSERT INTO trace_link_decisions (upstream_task, downstream_task, decision,"
                                " actor, at, score, note) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        (upstream, downstream, decision, actor, at, score, note))
        return Decision(upstream, downstream, decision, actor, at, score, note)

    def history(self, upstream: str, downstream: str) -> list[Decision]:
        return self._select("upstream_task = ? AND downstream_task = ?", (upstream, downstream))

    def latest(self, upstream_tasks: Iterable[str] = (), downstream_tasks: Iterable[str] = ()
               ) -> dict[tuple[str, str], Decision]:
        """The newest decision of every link touching one of the given tasks."""
        up, down = sorted(set(upstream_tasks)), sorted(set(downstream_tasks))
        out: dict[tuple[str, str], Decision] = {}
        for column, ids in (("upstream_task", up), ("downstream_task", down)):
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                for d in self._select(f"{column} IN ({', '.join('?' * len(chunk))})", chunk):
                    out[(d.upstream_task, d.downstream_task)] = d  # rows come oldest first
        return out

    def _select(self, where: str, params: Sequence[Any]) -> list[Decision]:
        with self._tx() as cur:
            cur.execute(self._q("SELECT upstream_task, downstream_task, decision, actor, at, score, note"
                                f" FROM trace_link_decisions WHERE {where} ORDER BY id"), tuple(params))
            rows = cur.fetchall()
        return [Decision(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]
