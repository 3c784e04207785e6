"""Dates as Vietnamese offices write them (Decree 30/2020/NĐ-CP, Appendix I)."""

from __future__ import annotations

import datetime as dt


def nd30_day(value: int) -> str:
    return f"{value:02d}" if value < 10 else str(value)


def nd30_month(value: int) -> str:
    # Months 1 and 2 take a leading zero so that "01" cannot be altered into "11" or "12".
    return f"{value:02d}" if value < 3 else str(value)


def date_long(value: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026" """
    return f"ngày {nd30_day(value.day)} tháng {nd30_month(value.month)} năm {value.year}"


def date_line(*, place: str, value: dt.date) -> str:
    """The italic place-and-date line: "Hoàng Văn Thụ, ngày 23 tháng 8 năm 2025"."""
    return f"{place}, {date_long(value)}"


def date_short(value: dt.date) -> str:
    """ "23/8/2025", as offices cite documents in running text."""
    return f"{value.day}/{value.month}/{value.year}"


def date_numeric(value: dt.date) -> str:
    """ "23/08/2025", for tables and forms."""
    return value.strftime("%d/%m/%Y")
