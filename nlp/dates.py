"""Pure date arithmetic for Vietnamese documents: no I/O, no regex data files.

Every function returns ``datetime.date`` (or ``None`` for impossible input); callers format
ISO strings with ``date.isoformat()``.

>>> parse_date("14/11/2008")
datetime.date(2008, 11, 14)
>>> quarter_end(2022, 3)
datetime.date(2022, 9, 30)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})\s*$")
_WRITTEN_DATE = re.compile(
    r"^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$", re.IGNORECASE
)
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[/-]\s*(\d{1,2})\s*$")


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or None when it does not exist (``make_date(2023, 2, 30)``)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_day_of_month(year: int, month: int) -> dt.date:
    """``last_day_of_month(2024, 2) == date(2024, 2, 29)``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of quarter 1-4: ``quarter_end(2022, 3) == date(2022, 9, 30)``."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    return last_day_of_month(year, quarter * 3)


def half_year_end(year: int, half: int) -> dt.date:
    """Last day of half 1 or 2: ``half_year_end(2022, 1) == date(2022, 6, 30)``."""
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, got {half}")
    return dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)


def year_end(year: int) -> dt.date:
    """``year_end(2025) == date(2025, 12, 31)``."""
    return dt.date(year, 12, 31)


def roman_to_int(text: str) -> int | None:
    """``roman_to_int("XIII") == 13``; None for anything that is not a roman numeral."""
    text = text.strip().upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def parse_number(text: str) -> int | None:
    """Arabic or roman numeral: ``parse_number("III") == 3``, ``parse_number("03") == 3``."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return roman_to_int(text)


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """Day-first date as written in the body, or None.

    ``parse_date("14/11/2008")``, ``parse_date("27-10-2023")``,
    ``parse_date("ngày 19 tháng 6 năm 2015")``; ``parse_date("15/9", 2021)`` uses the
    default year; ``parse_date("31/2/2021")`` is None.
    """
    m = _NUMERIC_DATE.match(text) or _WRITTEN_DATE.match(text)
    if m:
        return make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _DAY_MONTH.match(text)
    if m and default_year is not None:
        return make_date(default_year, int(m.group(2)), int(m.group(1)))
    return None


def add_days(start: dt.date, days: int, *, working: bool = False,
             holidays: frozenset[dt.date] = frozenset()) -> dt.date:
    """``start`` + ``days``; with ``working=True`` only Monday-Friday not in ``holidays`` count.

    ``add_days(date(2024, 5, 3), 1, working=True) == date(2024, 5, 6)`` (Friday -> Monday).
    """
    if not working:
        return start + dt.timedelta(days=days)
    current, left = start, days
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clipped to the month's end (31/1 + 1 month = 28 or 29/2)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_iso(text: str | None) -> dt.date | None:
    """``parse_iso("2021-12-02") == date(2021, 12, 2)``; None for empty or malformed text."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
