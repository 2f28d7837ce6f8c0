"""The edit log on both backends: versions, conflicts, durability, concurrency."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from search_api.tracking import Change, open_edit_log
from search_api.tracking.errors import EditLogUnavailable, VersionConflict


def _open(url: str):
    return open_edit_log(SimpleNamespace(database_url=url, data_dir="unused"))


def test_append_checks_version_and_replays(log_url: str) -> None:
    log = _open(log_url)
    try:
        assert log.current_version("t1") == 0
        e1 = log.append("t1", 0, [Change("status", "not_started", "in_progress")], actor="ann")
        assert e1.version == 1
        with pytest.raises(VersionConflict) as err:
            log.append("t1", 0, [Change("status", "in_progress", "done")], actor="bob")
        assert err.value.current == 1
        log.append("t1", 1, [Change("assignee", None, "Lan"), Change("note", None, {"text": "ghi chú"})],
                   actor="bob", at=datetime(2024, 5, 1, tzinfo=UTC))
        state = log.state("t1")
        assert (state.version, state.status.value, state.assignee, state.updated_by) == (2, "in_progress", "Lan", "bob")
        assert [(e.version, e.actor, [c.field for c in e.changes]) for e in log.edits("t1")] == \
            [(1, "ann", ["status"]), (2, "bob", ["assignee", "note"])]
        assert set(log.states(["t1", "t2"])) == {"t1"}
        assert [s.task_id for s in log.all_states()] == ["t1"]
        mark = log.max_seq()
        log.append("t2", None, [Change("stale", False, True)], actor="system", kind="system")
        assert "t2" in log.task_ids_since(mark)
    finally:
        log.close()


def test_edits_survive_reopen(log_url: str) -> None:
    log = _open(log_url)
    log.append("t1", 0, [Change("status", "not_started", "done"), Change("done_date", None, "2024-05-01")],
               actor="ann")
    log.close()
    again = _open(log_url)
    try:
        assert again.state("t1").done_date.isoformat() == "2024-05-01"
    finally:
        again.close()


def test_concurrent_appends_exactly_one_wins(log_url: str) -> None:
    log = _open(log_url)
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def worker(i: int) -> None:
        barrier.wait()
        try:
            log.append("race", 0, [Change("assignee", None, f"p{i}")], actor=f"w{i}")
            outcomes.append("won")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sorted(outcomes) == ["conflict"] * 5 + ["won"]
        assert log.current_version("race") == 1
    finally:
        log.close()


def _process_append(url: str, i: int, start: object, results: object) -> None:
    log = _open(url)
    start.wait()  # type: ignore[attr-defined]
    try:
        log.append("race", 0, [Change("assignee", None, f"p{i}")], actor=f"proc{i}")
        results.put("won")  # type: ignore[attr-defined]
    except VersionConflict:
        results.put("conflict")  # type: ignore[attr-defined]
    finally:
        log.close()


def test_two_processes_cannot_both_win(log_url: str) -> None:
    _open(log_url).close()  # create the table first
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_process_append, args=(log_url, i, start, results)) for i in range(2)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(30)
    assert sorted(results.get(timeout=5) for _ in procs) == ["conflict", "won"]
    log = _open(log_url)
    try:
        assert log.current_version("race") == 1
    finally:
        log.close()


def test_sqlite_is_durable_mode(tmp_path) -> None:
    log = _open(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    try:
        assert log._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert log._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        log.close()


# fmt: off
@pytest.mark.parametrize(("url", "message"), [
    ("mysql://x/y",                        "must start with postgresql:// or sqlite:///"),
    ("postgresql://nobody@127.0.0.1:1/db", "cannot connect to the edit log database"),
])
# fmt: on
def test_bad_database_url_is_a_clear_error(url: str, message: str) -> None:
    with pytest.raises(EditLogUnavailable, match=message):
        _open(url)


def test_default_is_sqlite_in_data_dir(tmp_path) -> None:
    log = open_edit_log(SimpleNamespace(database_url=None, data_dir=tmp_path))
    try:
        assert log.backend == "sqlite" and (tmp_path / "edit-log.sqlite3").exists()
    finally:
        log.close()
