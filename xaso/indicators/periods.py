"""Reporting periods of a programme: half-years, years and the whole programme.

Halves are calendar halves (1/1–30/6, 1/7–31/12). Provinces that count the half-year
from 15/12 to 14/6 (Decree 09/2019) read the same figures one fortnight shifted; the
plan's own deadlines (before 5 June, before 5 January) fall just after these ends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ERR_PERIOD = "Kỳ “{key}” không hợp lệ; chọn một kỳ trong danh sách."


@dataclass(frozen=True)
class Period:
    kind: str  # "half", "year" or "programme"
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        if self.kind == "half":
            return f"{self.start.year}-{'1' if self.start.month == 1 else '2'}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"

    @property
    def label(self) -> str:
        if self.kind == "half":
            which = "đầu" if self.start.month == 1 else "cuối"
            return f"6 tháng {which} năm {self.start.year}"
        if self.kind == "year":
            return f"Năm {self.start.year}"
        return f"Cả giai đoạn {self.start.year}–{self.end.year}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period | None:
        if self.kind == "half":
            if self.start.month == 7:
                return half(self.start.year, 1)
            return half(self.start.year - 1, 2)
        if self.kind == "year":
            return year(self.start.year - 1)
        return None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[dt.date]:
        """First day of every month of the period."""
        months, current = [], self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = (current + dt.timedelta(days=32)).replace(day=1)
        return months


def year(value: int) -> Period:
    return Period("year", dt.date(value, 1, 1), dt.date(value, 12, 31))


def half(value: int, which: int) -> Period:
    if which == 1:
        return Period("half", dt.date(value, 1, 1), dt.date(value, 6, 30))
    return Period("half", dt.date(value, 7, 1), dt.date(value, 12, 31))


def programme(start_year: int, end_year: int) -> Period:
    return Period("programme", dt.date(start_year, 1, 1), dt.date(end_year, 12, 31))


def periods_of(*, start_year: int, end_year: int) -> list[Period]:
    """Every period a programme is reported on, the whole programme first."""
    periods = [programme(start_year, end_year)]
    for value in range(start_year, end_year + 1):
        periods += [year(value), half(value, 1), half(value, 2)]
    return periods


def parse_period(key: str, *, start_year: int, end_year: int) -> Period:
    """ "2026" -> year, "2026-1"/"2026-2" -> half, "2025-2030" -> the programme; raises ValueError."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,4}))?", key.strip(), flags=re.ASCII)
    if not match:
        raise ValueError(ERR_PERIOD.format(key=key))
    first = int(match.group(1))
    second = match.group(2)
    if second is None:
        period = year(first)
    elif second in ("1", "2"):
        period = half(first, int(second))
    elif int(second) == end_year and first == start_year:
        period = programme(start_year, end_year)
    else:
        raise ValueError(ERR_PERIOD.format(key=key))
    if not start_year <= period.start.year <= end_year:
        raise ValueError(ERR_PERIOD.format(key=key))
    return period


def default_period(*, today: dt.date, start_year: int, end_year: int) -> Period:
    """The current year, clamped to the programme."""
    return year(min(max(today.year, start_year), end_year))
