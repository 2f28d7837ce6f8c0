"""Report periods: a month, a quarter, six months, a year, or explicit dates.

Written ``2025-07`` (month), ``2025-Q3`` (quarter), ``2025-H1`` / ``2025-H2`` (six months),
``2025`` (year) or ``2025-07-01..2025-09-30`` (explicit, both days included). Labels are the
Vietnamese wording of a report title ("quý III năm 2025").

>>> p = parse_period("2025-Q3")
>>> p.start.isoformat(), p.end.isoformat(), p.label
('2025-07-01', '2025-09-30', 'quý III năm 2025')
>>> parse_period("2025-02").end.isoformat()
'2025-02-28'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

ROMAN = ("I", "II", "III", "IV")
KINDS = ("month", "quarter", "half", "year")


class PeriodError(ValueError):
    """A period string that is none of the accepted forms (the message says which are)."""

    def __init__(self, value: str, reason: str = "") -> None:
        super().__init__(
            f"period {value!r}: {reason or 'expected YYYY-MM, YYYY-Qn, YYYY-H1/H2, YYYY or YYYY-MM-DD..YYYY-MM-DD'}")
        self.value = value


def vn_date(value: date | None) -> str:
    """dd/mm/yyyy, the way dates are written on every page and report (empty for None)."""
    return value.strftime("%d/%m/%Y") if value else ""


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # included
    kind: str  # month | quarter | half | year | range
    code: str  # the string that names it (round-trips through parse_period)

    @property
    def label(self) -> str:
        y = self.start.year
        if self.kind == "month":
            return f"tháng {self.start.month} năm {y}"
        if self.kind == "quarter":
            return f"quý {ROMAN[(self.start.month - 1) // 3]} năm {y}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        if self.kind == "year":
            return f"năm {y}"
        return f"từ ngày {vn_date(self.start)} đến ngày {vn_date(self.end)}"

    def as_of(self, today: date) -> date:
        """The day the figures are taken on: the period's last day, or today while it runs."""
        return min(self.end, today)

    def months(self) -> list[Period]:
        """The calendar months the period touches (for a trend), clipped to the period."""
        out: list[Period] = []
        cur = date(self.start.year, self.start.month, 1)
        while cur <= self.end:
            m = month(cur.year, cur.month)
            out.append(m)
            cur = m.end + timedelta(days=1)
        return out


def month(year: int, mon: int) -> Period:
    last = calendar.monthrange(year, mon)[1]
    return Period(date(year, mon, 1), date(year, mon, last), "month", f"{year:04d}-{mon:02d}")


def quarter(year: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(date(year, first, 1), month(year, first + 2).end, "quarter", f"{year:04d}-Q{q}")


def half(year: int, h: int) -> Period:
    first = 1 if h == 1 else 7
    return Period(date(year, first, 1), month(year, first + 5).end, "half", f"{year:04d}-H{h}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(f"{start}..{end}", "the end is before the start")
    return Period(start, end, "range", f"{start.isoformat()}..{end.isoformat()}")


_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})"), "range"),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-[Hh]([12])"), "half"),
    (re.compile(r"(\d{4})-(\d{1,2})"), "month"),
    (re.compile(r"(\d{4})"), "year"),
]


def parse_period(value: str) -> Period:
    text = (value or "").strip()
    for pattern, kind in _FORMS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        try:
            if kind == "range":
                return date_range(date.fromisoformat(f"{m.group(1)}-{m.group(2)}"),
                                  date.fromisoformat(m.group(3)))
            y = int(m.group(1))
            if not 1945 <= y <= 2200:
                raise PeriodError(value, f"year {y} is out of range")
            if kind == "quarter":
                return quarter(y, int(m.group(2)))
            if kind == "half":
                return half(y, int(m.group(2)))
            if kind == "month":
                mon = int(m.group(2))
                if not 1 <= mon <= 12:
                    raise PeriodError(value, f"month {mon} is out of range")
                return month(y, mon)
            return year_period(y)
        except ValueError as exc:
            if isinstance(exc, PeriodError):
                raise
            raise PeriodError(value, str(exc)) from exc
    raise PeriodError(value)


def current_period(today: date, kind: str = "quarter") -> Period:
    """The month / quarter / half / year containing ``today``."""
    if kind == "month":
        return month(today.year, today.month)
    if kind == "quarter":
        return quarter(today.year, (today.month - 1) // 3 + 1)
    if kind == "half":
        return half(today.year, 1 if today.month <= 6 else 2)
    if kind == "year":
        return year_period(today.year)
    raise PeriodError(kind, f"kind must be one of {', '.join(KINDS)}")
