"""Who sees which periods and reports, and the DHIS2 reporting metrics.

Anyone who reads a unit sees its assignment, state and timeliness; the text of a report
that is not started or still a draft is seen only by those who write for the unit (its
reporters and the commune's Culture–Social office), like a draft activity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from xaso.reporting.models import COMPLETE_STATES, ReportingCalendar, ReportingPeriod, ReportState, UnitReport
from xaso.units.selectors import UserLike, communes_readable, scope_for

SHARED_STATES = (ReportState.SUBMITTED, ReportState.RETURNED, ReportState.APPROVED)


def calendars_readable(*, user: UserLike) -> QuerySet[ReportingCalendar]:
    """A province's calendar: read by those who follow the province; its communes follow it."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return ReportingCalendar.objects.all()
    return ReportingCalendar.objects.filter(province__path__in=scope.viewed_province_paths)


def calendars_writable(*, user: UserLike) -> QuerySet[ReportingCalendar]:
    # The province's calendar is set by the platform's operators for the Department.
    scope = scope_for(user=user)
    return ReportingCalendar.objects.all() if scope.is_superuser else ReportingCalendar.objects.none()


def periods_readable(*, user: UserLike) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(commune__in=communes_readable(user=user)).select_related("commune", "plan")


def periods_managed(*, user: UserLike) -> QuerySet[ReportingPeriod]:
    """Periods the person opens, assigns and consolidates: those of the communes whose programme they own."""
    scope = scope_for(user=user)
    periods = ReportingPeriod.objects.select_related("commune", "plan")
    return periods if scope.is_superuser else periods.filter(commune_id__in=scope.owned_commune_ids)


def may_manage_commune(*, user: UserLike, commune_id: int) -> bool:
    scope = scope_for(user=user)
    return scope.is_superuser or commune_id in scope.owned_commune_ids


def may_review_commune(*, user: UserLike, commune_id: int) -> bool:
    """Returning, approving and reopening: the Culture–Social office and the commune's leaders."""
    scope = scope_for(user=user)
    return scope.is_superuser or commune_id in scope.owned_commune_ids or commune_id in scope.led_commune_ids


def _writable_q(*, user: UserLike) -> Q:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Q()
    return Q(unit_id__in=scope.own_unit_ids) | Q(period__commune_id__in=scope.owned_commune_ids)


def assignments_readable(*, user: UserLike) -> QuerySet[UnitReport]:
    """Every report of the units the person reads, whatever its state: for states and rates, not text."""
    scope = scope_for(user=user)
    if scope.is_empty:
        return UnitReport.objects.none()
    return UnitReport.objects.filter(scope.unit_q("unit__")).select_related("unit", "period")


def reports_readable(*, user: UserLike) -> QuerySet[UnitReport]:
    """Reports whose text the person may read."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return UnitReport.objects.select_related("unit", "period")
    return assignments_readable(user=user).filter(Q(state__in=SHARED_STATES) | _writable_q(user=user))


def reports_writable(*, user: UserLike) -> QuerySet[UnitReport]:
    scope = scope_for(user=user)
    if not scope.is_superuser and not scope.own_unit_ids and not scope.owned_commune_ids:
        return UnitReport.objects.none()
    return UnitReport.objects.filter(_writable_q(user=user)).select_related("unit", "period")


def reports_reviewable(*, user: UserLike) -> QuerySet[UnitReport]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return UnitReport.objects.select_related("unit", "period")
    communes = scope.owned_commune_ids | scope.led_commune_ids
    return UnitReport.objects.filter(period__commune_id__in=communes).select_related("unit", "period")


# -- DHIS2 reporting metrics ---------------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rates:
    """DHIS2's reporting metrics: expected, actual (complete), actual on time; approval apart."""

    expected: int = 0
    actual: int = 0
    on_time: int = 0
    approved: int = 0
    overdue: int = 0  # not complete and past the deadline

    @property
    def reporting_rate(self) -> Decimal | None:
        return _percent(self.actual, self.expected)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _percent(self.on_time, self.expected)

    @staticmethod
    def display(value: Decimal | None) -> str:
        return "—" if value is None else f"{value.normalize():f}".replace(".", ",") + "%"

    @property
    def reporting_rate_display(self) -> str:
        return self.display(self.reporting_rate)

    @property
    def on_time_rate_display(self) -> str:
        return self.display(self.on_time_rate)


GroupBy = Literal["period", "unit", "commune"]
GROUP_FIELDS: dict[str, str] = {"period": "period_id", "unit": "unit_id", "commune": "period__commune_id"}


def reporting_rates(*, reports: QuerySet[UnitReport], by: GroupBy, today: dt.date) -> dict[int, Rates]:
    """Rates per period, unit or commune over `reports` (e.g. assignments_readable), one grouped query."""
    complete = Q(state__in=[s.value for s in COMPLETE_STATES])
    rows = (
        reports.order_by()
        .values(GROUP_FIELDS[by])
        .annotate(
            expected=Count("pk"),
            actual=Count("pk", filter=complete),
            on_time=Count("pk", filter=complete & Q(on_time=True)),
            approved=Count("pk", filter=Q(state=ReportState.APPROVED)),
            overdue=Count("pk", filter=~complete & Q(period__deadline__lt=today)),
        )
    )
    result: dict[int, Rates] = {}
    for row in rows:
        key: Any = row.pop(GROUP_FIELDS[by])
        result[key] = Rates(**row)
    return result


def rates_total(rates: dict[int, Rates]) -> Rates:
    return Rates(
        expected=sum(r.expected for r in rates.values()),
        actual=sum(r.actual for r in rates.values()),
        on_time=sum(r.on_time for r in rates.values()),
        approved=sum(r.approved for r in rates.values()),
        overdue=sum(r.overdue for r in rates.values()),
    )


def timeliness(report: UnitReport, *, today: dt.date) -> str:
    """ "Đúng hạn", "Muộn 7 ngày", "Quá hạn 3 ngày", "Còn 5 ngày" — for lists and the report page."""
    deadline = report.period.deadline
    if report.first_submitted_at is not None:
        if report.on_time:
            return "Đúng hạn"
        late = (timezone.localtime(report.first_submitted_at).date() - deadline).days
        return f"Muộn {late} ngày"
    if today > deadline:
        return f"Quá hạn {(today - deadline).days} ngày"
    left = (deadline - today).days
    return "Hạn hôm nay" if left == 0 else f"Còn {left} ngày"
