"""Report figures as of a period's end, from the stored extraction and the edit log."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from search_api.reports.figures import STATES, ReportSource, Scope, classify
from search_api.reports.periods import parse_period
from tests.search_api.reports.conftest import (
    NUMBER_1804,
    Q4_2022_END,
    expected_state,
    make_scenario,
    record,
)

TODAY = date(2024, 6, 1)


def test_every_task_of_the_quarter_is_in_the_state_the_log_gave_it_by_the_quarters_end(seeded, log) -> None:
    sc = make_scenario(seeded, log)
    report = ReportSource.load(seeded.store, log).report(parse_period("2022-Q4"), today=TODAY)
    assert report.as_of == Q4_2022_END
    want = [t for t in seeded.tasks() if t["id"] not in sc.excluded
            and (t.get("issued_date") is None or t["issued_date"] <= "2022-12-31")]
    assert [r.task_id for r in report.rows] == [t["id"] for t in want]
    assert {r.task_id: r.state for r in report.rows} == {t["id"]: expected_state(t, sc) for t in want}
    assert sum(report.counts.values()) == report.total == len(want)
    moved = next(r for r in report.rows if r.task_id == sc.ids["moved_deadline"])
    assert (moved.deadline, moved.days_overdue) == (date(2022, 11, 30), 31)
    late = next(r for r in report.rows if r.task_id == sc.ids["late"])
    assert "45/BC-TCTHADS" in late.result and "10/11/2022" in late.result


def test_an_edit_made_today_does_not_change_last_quarters_report(seeded, log) -> None:
    sc = make_scenario(seeded, log)
    source = ReportSource.load(seeded.store, log)
    before = source.report(parse_period("2022-Q4"), today=TODAY)
    record(log, sc.ids["moved_deadline"], datetime.now(UTC), status="done", done_date="2022-12-01")
    record(log, sc.ids["on_hold"], datetime.now(UTC), status="in_progress", owners=[{"name": "X", "key": "x"}])
    after = ReportSource.load(seeded.store, log).report(parse_period("2022-Q4"), today=TODAY)
    assert [(r.task_id, r.state, r.owners) for r in after.rows] == [(r.task_id, r.state, r.owners) for r in before.rows]
    # ... and the next quarter's report does see what was recorded by its end.
    q1 = ReportSource.load(seeded.store, log).report(parse_period("2023-Q1"), today=TODAY)
    states = {r.task_id: r.state for r in q1.rows}
    assert states[sc.ids["in_progress_then_late"]] == "done_late"
    assert sc.ids["on_time"] not in states  # done in the quarter before


def test_the_current_period_counts_up_to_today(seeded, log) -> None:
    make_scenario(seeded, log)
    report = ReportSource.load(seeded.store, log).report(parse_period("2024"), today=TODAY)
    assert report.as_of == TODAY
    assert report.counts["overdue"] > 0 and report.total == sum(report.counts.values())


def test_scopes_owner_document_issuer(seeded, log) -> None:
    source = ReportSource.load(seeded.store, log)
    period = parse_period("2022")
    everything = source.report(period, today=TODAY)
    by_doc = source.report(period, Scope("document", NUMBER_1804), today=TODAY)
    assert {r.document_number for r in by_doc.rows} == {NUMBER_1804}
    assert by_doc.total == len(seeded.tasks_of(NUMBER_1804))
    assert by_doc.title.startswith("Kết quả thực hiện nhiệm vụ theo Quyết định số 1804/QĐ-BTP")
    by_issuer = source.report(period, Scope("issuer", "bo tu phap"), today=TODAY)
    assert by_issuer.total == by_doc.total and by_issuer.title.startswith("Kết quả thực hiện nhiệm vụ do Bộ Tư pháp giao")
    unit = everything.units[0]
    for written in (unit.key, unit.key.replace("-", " "), unit.name):
        by_owner = source.report(period, Scope("owner", written), today=TODAY)
        assert by_owner.total == unit.total, written
        assert by_owner.counts == unit.counts
    assert by_owner.title == f"Kết quả thực hiện nhiệm vụ của {unit.name} năm 2022"
    assert source.report(period, Scope("owner", "không có đơn vị này"), today=TODAY).total == 0


def test_scope_of_refuses_two_scopes() -> None:
    with pytest.raises(ValueError, match="one scope"):
        Scope.of(owner="a", issuer="b")


# fmt: off
@pytest.mark.parametrize(("task", "state"), [
    ({"status": "done", "done_date": "2025-09-30", "deadline": "2025-09-30"}, "done_on_time"),
    ({"status": "done", "done_date": "2025-10-01", "deadline": "2025-09-30"}, "done_late"),
    ({"status": "done", "done_date": "2025-10-01"}, "done_on_time"),
    ({"status": "in_progress", "deadline": "2025-09-29"}, "overdue"),
    ({"status": "in_progress", "deadline": "2025-09-30"}, "in_progress"),
    ({"status": "not_started", "deadline": "2025-09-29"}, "overdue"),
    ({"status": "not_started"}, "not_started"),
    ({"status": "on_hold", "deadline": "2020-01-01"}, "on_hold"),
])
# fmt: on
def test_classify(task: dict, state: str) -> None:
    assert classify(task, date(2025, 9, 30)) == state
    assert state in STATES
