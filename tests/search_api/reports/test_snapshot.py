"""Tasks as they stood at a cutoff: only the edits made before it count, and a task carried
over from an older version of its document keeps the older task's history before the carry."""

from __future__ import annotations

from datetime import UTC, date, datetime

from search_api.reports.snapshot import History, cutoff_for
from search_api.tracking.carry import carry_over
from tests.search_api.reports.conftest import at, record


def test_edits_after_the_cutoff_are_left_out(log) -> None:
    record(log, "t1", at("2025-09-30", 23), status="in_progress")
    record(log, "t1", at("2025-10-01", 0), status="done", done_date="2025-10-01")
    hist = History.load(log, ["t1", "t2"])
    assert hist.state_at("t1", cutoff_for(date(2025, 9, 30))).status.value == "in_progress"
    assert hist.state_at("t1", cutoff_for(date(2025, 10, 1))).status.value == "done"
    assert hist.state_at("t1", None).version == 2
    assert hist.state_at("t2", None).is_blank and "t2" not in hist.edits  # never edited: never read


def test_a_carried_task_keeps_the_older_tasks_state_before_the_carry(log) -> None:
    record(log, "old-1", at("2025-08-01"), status="in_progress", assignee="Lan")
    carried = carry_over(log, [{"id": "old-1", "section": "1", "text": "Rà soát văn bản."}],
                         [{"id": "new-1", "section": "1", "text": "Rà soát văn bản."}])
    assert carried.matched == {"old-1": "new-1"}
    hist = History.load(log, ["new-1"])
    before = hist.state_at("new-1", cutoff_for(date(2025, 9, 30)))  # the carry is today
    assert (before.task_id, before.status.value, before.assignee) == ("new-1", "in_progress", "Lan")
    record(log, "new-1", datetime.now(UTC), status="done", done_date=date.today().isoformat())
    hist = History.load(log, ["new-1"])
    assert hist.state_at("new-1", cutoff_for(date(2025, 9, 30))).status.value == "in_progress"
    assert hist.state_at("new-1", None).status.value == "done"
