"""Report periods: every accepted form, its bounds and its Vietnamese label; errors name the value."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.reports.periods import PeriodError, current_period, parse_period


# fmt: off
@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2025-07", "2025-07-01", "2025-07-31", "tháng 7 năm 2025"),
    ("2024-02", "2024-02-01", "2024-02-29", "tháng 2 năm 2024"),
    ("2025-Q3", "2025-07-01", "2025-09-30", "quý III năm 2025"),
    ("2025-q4", "2025-10-01", "2025-12-31", "quý IV năm 2025"),
    ("2025-H1", "2025-01-01", "2025-06-30", "6 tháng đầu năm 2025"),
    ("2025-H2", "2025-07-01", "2025-12-31", "6 tháng cuối năm 2025"),
    ("2025", "2025-01-01", "2025-12-31", "năm 2025"),
    ("2025-07-15..2025-08-14", "2025-07-15", "2025-08-14", "từ ngày 15/07/2025 đến ngày 14/08/2025"),
])
# fmt: on
def test_each_form_gives_its_bounds_and_label(text: str, start: str, end: str, label: str) -> None:
    p = parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat(), p.label) == (start, end, label)
    assert parse_period(p.code) == p


@pytest.mark.parametrize("text", ["", "2025-13", "2025-Q5", "2025-H3", "Q3", "2025-09-30..2025-07-01",
                                  "2025-02-30..2025-03-01", "1800"])
def test_bad_periods_are_refused_naming_the_value(text: str) -> None:
    with pytest.raises(PeriodError, match="period"):
        parse_period(text)


def test_as_of_is_the_last_day_or_today_while_the_period_runs() -> None:
    q = parse_period("2025-Q3")
    assert q.as_of(date(2025, 8, 10)) == date(2025, 8, 10)
    assert q.as_of(date(2026, 1, 1)) == date(2025, 9, 30)


def test_months_and_current_period() -> None:
    assert [m.code for m in parse_period("2025-Q3").months()] == ["2025-07", "2025-08", "2025-09"]
    assert current_period(date(2025, 11, 3)).code == "2025-Q4"
    assert current_period(date(2025, 11, 3), "half").code == "2025-H2"
    assert current_period(date(2025, 11, 3), "month").code == "2025-11"
    assert current_period(date(2025, 11, 3), "year").code == "2025"
