"""nlp.dates: pure date arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import dates

D = dt.date


# fmt: off
@pytest.mark.parametrize(("text", "default_year", "expected"), [
    ("14/11/2008", None, D(2008, 11, 14)),
    ("2/6/2021", None, D(2021, 6, 2)),
    ("27-10-2023", None, D(2023, 10, 27)),
    ("ngày 19 tháng 6 năm 2015", None, D(2015, 6, 19)),
    ("05 tháng 02 năm 2026", None, D(2026, 2, 5)),
    ("15/9", 2021, D(2021, 9, 15)),
    ("15/9", None, None),
    ("31/2/2021", None, None),
    ("1.804", None, None),
    ("8/2023", None, None),
])
# fmt: on
def test_parse_date(text, default_year, expected):
    assert dates.parse_date(text, default_year) == expected


@pytest.mark.parametrize(("fn", "args", "expected"), [
    (dates.last_day_of_month, (2024, 2), D(2024, 2, 29)),
    (dates.last_day_of_month, (2023, 2), D(2023, 2, 28)),
    (dates.quarter_end, (2022, 1), D(2022, 3, 31)),
    (dates.quarter_end, (2022, 3), D(2022, 9, 30)),
    (dates.half_year_end, (2023, 1), D(2023, 6, 30)),
    (dates.half_year_end, (2023, 2), D(2023, 12, 31)),
    (dates.year_end, (2025,), D(2025, 12, 31)),
    (dates.add_months, (D(2024, 1, 31), 1), D(2024, 2, 29)),
    (dates.add_days, (D(2024, 5, 3), 30), D(2024, 6, 2)),
])
def test_period_ends(fn, args, expected):
    assert fn(*args) == expected


def test_working_days_skip_weekends_and_holidays():
    assert dates.add_days(D(2024, 5, 3), 1, working=True) == D(2024, 5, 6)
    assert dates.add_days(D(2024, 5, 3), 1, working=True, holidays=frozenset({D(2024, 5, 6)})) == D(2024, 5, 7)


@pytest.mark.parametrize(("text", "value"), [("XIII", 13), ("IV", 4), ("iii", 3), ("XII", 12), ("3", 3), ("ABC", None), ("", None)])
def test_numbers(text, value):
    assert dates.parse_number(text) == value


@pytest.mark.parametrize("bad", [0, 5])
def test_bad_quarter_raises(bad):
    with pytest.raises(ValueError):
        dates.quarter_end(2022, bad)


def test_parse_iso():
    assert dates.parse_iso("2021-12-02") == D(2021, 12, 2)
    assert dates.parse_iso("02/12/2021") is None and dates.parse_iso(None) is None
