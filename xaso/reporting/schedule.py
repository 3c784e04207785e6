"""The dates of a periodic report: data range, deadline, expiry, from the province's calendar.

A province that has set its own calendar (ReportingCalendar, e.g. data cut at 14/6 and 14/12
under Decree 09/2019) decides for all its communes; otherwise the commune's plan does: its
reporting deadlines (33/KH-UBND: before 5 June, before 5 January — so the last day on time is
4 June, 4 January), with data cut at the end of the month before each deadline. Both reports of a year count from the day after the
previous year's annual cut-off: the half-year report to its own cut-off, the annual one to
the year's.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass

from xaso.plans.models import Plan
from xaso.reporting.models import PeriodKind, ReportingCalendar
from xaso.units.models import OrgUnit

TITLES = {PeriodKind.HALF_YEAR: "Báo cáo 6 tháng đầu năm {year}", PeriodKind.YEAR: "Báo cáo năm {year}"}
PERIOD_WORDS = {PeriodKind.HALF_YEAR: "6 tháng đầu năm {year}", PeriodKind.YEAR: "năm {year}"}


@dataclass(frozen=True, kw_only=True)
class PeriodDates:
    kind: str
    year: int
    title: str
    data_start: dt.date
    data_end: dt.date
    deadline: dt.date
    expires_on: dt.date | None


def calendar_for(*, commune: OrgUnit, plan: Plan | None = None) -> ReportingCalendar:
    """The province's saved calendar, or (unsaved) one following the plan's deadlines."""
    province_path = commune.path[: OrgUnit.steplen]
    saved = ReportingCalendar.objects.filter(province__path=province_path).first()
    if saved is not None:
        return saved
    calendar = ReportingCalendar()
    deadlines = list(plan.reporting_deadlines.all()) if plan is not None else []
    january = [d for d in deadlines if d.month == 1]
    within = [d for d in deadlines if d.month != 1]
    if within:
        first = min(within, key=lambda d: (d.month, d.day))
        calendar.half_deadline_month, calendar.half_deadline_day = _day_before(first.month, first.day)
        calendar.half_cutoff_month, calendar.half_cutoff_day = _end_of_month_before(first.month)
    if january:
        calendar.year_deadline_month, calendar.year_deadline_day = _day_before(january[0].month, january[0].day)
        calendar.year_cutoff_month, calendar.year_cutoff_day = 12, 31
    return calendar


def _day_before(month: int, day: int) -> tuple[int, int]:
    """The last day on time for a plan that says "trước ngày 05 tháng 6": 04/6. A deadline (the
    calendar's and the period's) is the last day a report counts as on time; the plan names the day
    that is already late."""
    if day > 1:
        return month, day - 1
    return _end_of_month_before(month)


def _end_of_month_before(month: int) -> tuple[int, int]:
    previous = 12 if month == 1 else month - 1
    return previous, monthrange(2025, previous)[1]


def _on_or_after(month: int, day: int, after: dt.date) -> dt.date:
    candidate = dt.date(after.year, month, day)
    return candidate if candidate >= after else dt.date(after.year + 1, month, day)


def periodic_dates(*, calendar: ReportingCalendar, kind: str, year: int) -> PeriodDates:
    data_start = dt.date(year - 1, calendar.year_cutoff_month, calendar.year_cutoff_day) + dt.timedelta(days=1)
    if kind == PeriodKind.HALF_YEAR:
        data_end = dt.date(year, calendar.half_cutoff_month, calendar.half_cutoff_day)
        deadline = _on_or_after(calendar.half_deadline_month, calendar.half_deadline_day, data_end)
    elif kind == PeriodKind.YEAR:
        data_end = dt.date(year, calendar.year_cutoff_month, calendar.year_cutoff_day)
        deadline = _on_or_after(calendar.year_deadline_month, calendar.year_deadline_day, data_end)
    else:
        raise ValueError(kind)
    expires_on = deadline + dt.timedelta(days=calendar.expiry_days) if calendar.expiry_days else None
    return PeriodDates(
        kind=kind,
        year=year,
        title=TITLES[PeriodKind(kind)].format(year=year),
        data_start=data_start,
        data_end=data_end,
        deadline=deadline,
        expires_on=expires_on,
    )


def period_words(*, kind: str, year: int, title: str) -> str:
    """How the report names its period in running text: "6 tháng đầu năm 2026", "năm 2026"."""
    if kind in PERIOD_WORDS:
        return PERIOD_WORDS[PeriodKind(kind)].format(year=year)
    return title[:1].lower() + title[1:]
