"""State replay, overlay onto index documents, overdue and on-time/late."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from search_api.tracking import Change, Edit, TaskStatus, apply_state, is_overdue, timeliness
from search_api.tracking.state import derived_fields, replay

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def edit(version: int, *changes: tuple[str, object, object], actor: str = "ann") -> Edit:
    return Edit("t1", version, actor, AT, tuple(Change(*c) for c in changes))


# fmt: off
@pytest.mark.parametrize(("task", "today", "expected"), [
    ({"deadline": "2024-04-30", "status": "in_progress"}, date(2024, 5, 1), True),
    ({"deadline": "2024-04-30", "status": "not_started"}, date(2024, 5, 1), True),
    ({"deadline": "2024-04-30", "status": "on_hold"},     date(2024, 5, 1), True),
    ({"deadline": "2024-04-30", "status": "done"},        date(2024, 5, 1), False),
    ({"deadline": "2024-05-01", "status": "not_started"}, date(2024, 5, 1), False),  # due today
    ({"deadline": None,         "status": "not_started"}, date(2024, 5, 1), False),
    ({"status": "not_started"},                           date(2099, 1, 1), False),
])
# fmt: on
def test_is_overdue(task: dict, today: date, expected: bool) -> None:
    assert is_overdue(task, today) is expected


# fmt: off
@pytest.mark.parametrize(("done", "deadline", "expected"), [
    ("2024-03-30", "2024-03-31", "on_time"),
    ("2024-03-31", "2024-03-31", "on_time"),
    ("2024-04-01", "2024-03-31", "late"),
    ("2024-04-01", None,         None),
    (None,         "2024-03-31", None),
])
# fmt: on
def test_timeliness(done: str | None, deadline: str | None, expected: str | None) -> None:
    assert timeliness(done, deadline) == expected


def test_replay_folds_edits_in_version_order() -> None:
    state = replay("t1", [
        edit(2, ("status", "in_progress", "done"), ("done_date", None, "2024-04-02")),
        edit(1, ("status", "not_started", "in_progress"), ("assignee", None, "Chị Lan")),
        edit(3, ("note", None, {"text": "Đã gửi báo cáo"}), actor="bob"),
    ])
    assert (state.version, state.status, state.done_date) == (3, TaskStatus.DONE, date(2024, 4, 2))
    assert state.assignee == "Chị Lan" and state.updated_by == "bob"
    assert state.notes == [{"text": "Đã gửi báo cáo", "by": "bob", "at": AT.isoformat()}]


def test_apply_state_overlays_corrections_without_touching_input() -> None:
    doc = {"id": "t1", "owners": ["Bộ A"], "owner_keys": ["bo a"], "deadline": "2024-01-31", "status": "not_started"}
    state = replay("t1", [edit(1, ("owners", None, [{"name": "Bộ B", "key": "bo b"}]),
                               ("deadline", "2024-01-31", "2024-06-30"))])
    out = apply_state(doc, state)
    assert out["owners"] == ["Bộ B"] and out["owner_keys"] == ["bo b"]
    assert out["deadline"] == "2024-06-30" and out["version"] == 1
    assert doc["owners"] == ["Bộ A"]  # input unchanged


def test_apply_state_keeps_extracted_fields_when_not_corrected() -> None:
    doc = {"id": "t1", "owners": ["Bộ A"], "owner_keys": ["bo a"], "deadline": "2024-01-31"}
    out = apply_state(doc, replay("t1", [edit(1, ("status", "not_started", "on_hold"))]))
    assert out["owners"] == ["Bộ A"] and out["deadline"] == "2024-01-31" and out["status"] == "on_hold"


def test_apply_state_cleared_deadline_is_none() -> None:
    out = apply_state({"id": "t1", "deadline": "2024-01-31"},
                      replay("t1", [edit(1, ("deadline", "2024-01-31", None))]))
    assert out["deadline"] is None


def test_apply_state_defaults_and_stale_flag_kept() -> None:
    assert apply_state({"id": "t1"}, None) == {"id": "t1", "status": "not_started", "done_date": None,
                                               "assignee": None, "version": 0, "stale": False, "updated_at": None}
    # ingest may flag a task stale itself; a state without the flag must not clear it
    out = apply_state({"id": "t1", "stale": True}, replay("t1", [edit(1, ("status", "not_started", "done"))]))
    assert out["stale"] is True


def test_derived_fields() -> None:
    assert derived_fields({"deadline": "2024-05-10", "status": "in_progress"}, date(2024, 5, 1)) == \
        {"overdue": False, "timeliness": None, "days_left": 9}
    assert derived_fields({"deadline": "2024-05-10", "status": "done", "done_date": "2024-05-12"},
                          date(2024, 6, 1)) == {"overdue": False, "timeliness": "late", "days_left": None}
