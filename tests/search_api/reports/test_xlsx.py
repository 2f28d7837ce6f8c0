"""The .xlsx report: the task sheet with real dates, statistics per unit that add up to the task
counts, and a chart."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook

from search_api.reports.figures import STATE_LABELS, STATES, ReportSource
from search_api.reports.periods import parse_period
from search_api.reports.xlsx import (
    STATS_FIRST_ROW,
    STATS_HEADER,
    STATS_SHEET,
    TASKS_SHEET,
    TOTAL_LABEL,
    write_xlsx,
)
from tests.search_api.reports.conftest import make_scenario

TODAY = date(2024, 6, 1)


def _workbook(seeded, log):
    make_scenario(seeded, log)
    report = ReportSource.load(seeded.store, log).report(parse_period("2022-Q4"), today=TODAY)
    return report, load_workbook(BytesIO(write_xlsx(report)))


def test_statistics_add_up_to_the_task_counts(seeded, log) -> None:
    report, wb = _workbook(seeded, log)
    tasks = list(wb[TASKS_SHEET].iter_rows(min_row=4, values_only=True))
    stats = wb[STATS_SHEET]
    assert [c.value for c in stats[STATS_FIRST_ROW]] == list(STATS_HEADER)
    rows = list(stats.iter_rows(min_row=STATS_FIRST_ROW + 1, values_only=True))
    *units, whole = rows
    assert whole[0] == TOTAL_LABEL
    assert whole[1] == len(tasks) == report.total
    by_state = {label: sum(1 for t in tasks if t[6] == label) for label in (STATE_LABELS[s] for s in STATES)}
    assert list(whole[2:]) == [by_state[STATE_LABELS[s]] for s in STATES]
    assert len(units) == len(report.units)
    for row, unit in zip(units, report.units, strict=True):
        assert row[0] == unit.name and row[1] == sum(row[2:]), row[0]
        owned = [r for r in report.rows if (unit.key in r.owner_keys) or (not unit.key and not r.owner_keys)]
        assert row[1] == len(owned), row[0]
        assert list(row[2:]) == [sum(1 for r in owned if r.state == s) for s in STATES], row[0]
    # each task counted once per owner: the units' totals add up to the owners of the tasks
    assert sum(u[1] for u in units) == sum(max(1, len(set(r.owner_keys))) for r in report.rows)


def test_dates_are_real_dates_and_there_is_a_chart(seeded, log) -> None:
    _report, wb = _workbook(seeded, log)
    ws = wb[TASKS_SHEET]
    deadlines = [r[4] for r in ws.iter_rows(min_row=4, values_only=True) if r[4] is not None]
    assert deadlines and all(isinstance(d, datetime) for d in deadlines)
    assert ws.cell(row=4, column=5).number_format == "dd/mm/yyyy" or ws.cell(row=4, column=5).value is None
    done = [r[8] for r in ws.iter_rows(min_row=4, values_only=True) if r[8] is not None]
    assert datetime(2022, 12, 20) in done
    assert len(wb[STATS_SHEET]._charts) == 1


def test_a_scope_typed_with_control_characters_still_writes_both_files(seeded, log) -> None:
    """A user's scope reaches the title: characters .docx/.xlsx cannot hold are dropped."""
    from docx import Document

    from search_api.reports.docx import write_docx
    from search_api.reports.figures import Scope

    report = ReportSource.load(seeded.store, log).report(
        parse_period("2022-Q4"), Scope("document", "nope\x00\x07\ud800x"), today=TODAY)
    assert "\x00" not in report.title and "\ud800" not in report.title
    assert load_workbook(BytesIO(write_xlsx(report)))[TASKS_SHEET]["A1"].value.startswith("Báo cáo")
    assert Document(BytesIO(write_docx(report))).paragraphs


def test_form_fields_typed_with_control_characters_still_write_the_docx(seeded, log) -> None:
    from docx import Document

    from search_api.reports.docx import write_docx

    report = ReportSource.load(seeded.store, log).report(parse_period("2022-Q4"), today=TODAY)
    body = write_docx(report, issuer="DTM\x05\x034", place="Hà\x00 Nội", signer_title="KT.\x1f GIÁM ĐỐC")
    doc = Document(BytesIO(body))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "DTM4" in text and "\x05" not in text
