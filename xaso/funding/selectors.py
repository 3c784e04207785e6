"""Reads for funding, through the person's scope: the commune's programme owner and leaders, and the
province's viewers, read a commune's funding; only the programme owner changes it. Units' reporters
and portal editors see none of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from xaso.activities.models import Activity, ActivityStatus
from xaso.funding.models import BudgetLine, Spending
from xaso.plans.models import FundingKind, Plan, Task, TaskGroup
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for


def _communes_q(*, user: UserLike, prefix: str = "commune") -> Q | None:
    """None: everything (superuser). An empty Q(pk__in=[]) for no one."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return None
    query = Q(**{f"{prefix}_id__in": scope.owned_commune_ids | scope.led_commune_ids})
    for province_path in scope.viewed_province_paths:
        query |= Q(**{f"{prefix}__path__startswith": province_path})
    return query


def funding_communes_readable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose funding the person reads."""
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE).order_by("path")
    scope = scope_for(user=user)
    if scope.is_superuser:
        return communes
    query = Q(pk__in=scope.owned_commune_ids | scope.led_commune_ids)
    for province_path in scope.viewed_province_paths:
        query |= Q(path__startswith=province_path)
    return communes.filter(query)


def budget_lines_readable(*, user: UserLike) -> QuerySet[BudgetLine]:
    query = _communes_q(user=user)
    lines = BudgetLine.objects.select_related("plan", "commune")
    return lines if query is None else lines.filter(query)


def budget_lines_writable(*, user: UserLike) -> QuerySet[BudgetLine]:
    scope = scope_for(user=user)
    lines = BudgetLine.objects.select_related("plan", "commune")
    return lines if scope.is_superuser else lines.filter(commune_id__in=scope.owned_commune_ids)


def spendings_readable(*, user: UserLike) -> QuerySet[Spending]:
    query = _communes_q(user=user)
    rows = Spending.objects.select_related("line", "task")
    return rows if query is None else rows.filter(query)


def spendings_writable(*, user: UserLike) -> QuerySet[Spending]:
    scope = scope_for(user=user)
    rows = Spending.objects.select_related("line", "task")
    return rows if scope.is_superuser else rows.filter(commune_id__in=scope.owned_commune_ids)


def plans_fundable(*, user: UserLike) -> QuerySet[Plan]:
    scope = scope_for(user=user)
    plans = Plan.objects.filter(is_active=True)
    return plans if scope.is_superuser else plans.filter(commune_id__in=scope.owned_commune_ids)


def tasks_fundable(*, user: UserLike) -> QuerySet[Task]:
    return Task.objects.filter(plan__in=plans_fundable(user=user)).order_by("plan", "group__number", "sort_order", "pk")


def activities_fundable(*, user: UserLike) -> QuerySet[Activity]:
    """Recorded activities of the communes whose funding the person keeps, newest first."""
    scope = scope_for(user=user)
    rows = Activity.objects.filter(status=ActivityStatus.RECORDED).select_related("unit")
    if not scope.is_superuser:
        rows = rows.filter(commune_id__in=scope.owned_commune_ids)
    return rows.order_by("-date_start", "-pk")


# -- the summary: the back office, the consolidated report and the reviews ----------------------------------


@dataclass(frozen=True)
class SourceRow:
    year: int | None  # None: every year of the period together
    source: str
    label: str
    allocated: int
    spent: int

    @property
    def remaining(self) -> int:
        return self.allocated - self.spent

    @property
    def used_percent(self) -> int | None:
        return round(self.spent * 100 / self.allocated) if self.allocated else None


@dataclass(frozen=True)
class GroupRow:
    number: int
    title: str
    spent_by_source: dict[str, int]
    spendings: int

    @property
    def spent(self) -> int:
        return sum(self.spent_by_source.values())


@dataclass(frozen=True)
class FundingSummary:
    commune: OrgUnit
    start: dt.date
    end: dt.date
    by_year_source: list[SourceRow] = field(default_factory=list)
    by_source: list[SourceRow] = field(default_factory=list)
    by_group: list[GroupRow] = field(default_factory=list)
    allocated: int = 0
    spent: int = 0
    spendings: int = 0

    @property
    def remaining(self) -> int:
        return self.allocated - self.spent

    @property
    def used_percent(self) -> int | None:
        return round(self.spent * 100 / self.allocated) if self.allocated else None

    @property
    def is_empty(self) -> bool:
        return not self.allocated and not self.spent


SOURCE_LABELS = dict(FundingKind.choices)


def funding_summary(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> FundingSummary:
    """The commune's funding for a period, as the person may read it (three queries): what was allocated
    to the years the period touches, and what was spent between `start` and `end`, by year and source,
    by source, and by task group of the plan (group × source). An outsider gets an empty summary."""
    years = range(start.year, end.year + 1)
    lines = budget_lines_readable(user=user).filter(commune=commune, year__in=years)
    allocated = {
        (row["year"], row["source"]): row["total"]
        for row in lines.values("year", "source").annotate(total=Sum("amount")).order_by()
    }
    spendings = spendings_readable(user=user).filter(commune=commune, date__gte=start, date__lte=end)
    spent: dict[tuple[int, str], int] = {}
    for row in spendings.values("line__year", "line__source").annotate(total=Sum("amount")).order_by():
        spent[(row["line__year"], row["line__source"])] = row["total"]
    by_group: dict[int, dict[str, Any]] = {}
    for row in (
        spendings.values("task__group_id", "line__source")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by("task__group_id")
    ):
        entry = by_group.setdefault(row["task__group_id"], {"by_source": {}, "n": 0})
        entry["by_source"][row["line__source"]] = row["total"]
        entry["n"] += row["n"]
    groups = {g.pk: g for g in TaskGroup.objects.filter(pk__in=by_group)}

    keys = sorted(set(allocated) | set(spent), key=lambda k: (k[0], list(SOURCE_LABELS).index(k[1])))
    by_year_source = [
        SourceRow(year, source, SOURCE_LABELS[source], allocated.get((year, source), 0), spent.get((year, source), 0))
        for year, source in keys
    ]
    by_source = [
        SourceRow(
            None,
            source,
            label,
            sum(v for (_, s), v in allocated.items() if s == source),
            sum(v for (_, s), v in spent.items() if s == source),
        )
        for source, label in SOURCE_LABELS.items()
    ]
    return FundingSummary(
        commune=commune,
        start=start,
        end=end,
        by_year_source=by_year_source,
        by_source=by_source,
        by_group=[
            GroupRow(groups[pk].number, groups[pk].title, entry["by_source"], entry["n"])
            for pk, entry in sorted(by_group.items(), key=lambda item: groups[item[0]].number)
        ],
        allocated=sum(allocated.values()),
        spent=sum(spent.values()),
        spendings=sum(entry["n"] for entry in by_group.values()),
    )
