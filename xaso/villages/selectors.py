"""Reads for the villages' digital technology teams, always through the person's scope.

A village head reads and writes his village; the Culture–Social office every village of its
commune; leaders read their commune; a province viewer reads every village of the province.
The figures functions run a fixed number of queries whatever the number of villages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from xaso.activities.models import Activity
from xaso.indicators.figures import FIGURES, in_period
from xaso.plans.models import Plan, Task, TaskGroupKey
from xaso.registers.models import VillageProfile
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, communes_readable, scope_for, units_readable, units_writable
from xaso.villages.models import HouseholdSnapshot, Platform, PlatformCount, SupportVisit, TeamMember, role_rank


def villages_readable(*, user: UserLike) -> QuerySet[OrgUnit]:
    return units_readable(user=user).filter(kind=UnitKind.VILLAGE, is_active=True)


def villages_writable(*, user: UserLike) -> QuerySet[OrgUnit]:
    return units_writable(user=user).filter(kind=UnitKind.VILLAGE, is_active=True)


def _writable_q(*, user: UserLike, prefix: str = "") -> Q | None:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Q()
    if not scope.own_unit_ids and not scope.owned_commune_ids:
        return None
    return Q(**{f"{prefix}village_id__in": scope.own_unit_ids}) | Q(
        **{f"{prefix}commune_id__in": scope.owned_commune_ids}
    )


def members_readable(*, user: UserLike) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(scope_for(user=user).unit_q("village__"))


def members_writable(*, user: UserLike) -> QuerySet[TeamMember]:
    query = _writable_q(user=user)
    return TeamMember.objects.none() if query is None else TeamMember.objects.filter(query)


def visits_readable(*, user: UserLike) -> QuerySet[SupportVisit]:
    return SupportVisit.objects.filter(scope_for(user=user).unit_q("village__"))


def visits_writable(*, user: UserLike) -> QuerySet[SupportVisit]:
    query = _writable_q(user=user)
    return SupportVisit.objects.none() if query is None else SupportVisit.objects.filter(query)


def snapshots_readable(*, user: UserLike) -> QuerySet[HouseholdSnapshot]:
    return HouseholdSnapshot.objects.filter(scope_for(user=user).unit_q("village__"))


def snapshots_writable(*, user: UserLike) -> QuerySet[HouseholdSnapshot]:
    query = _writable_q(user=user)
    return HouseholdSnapshot.objects.none() if query is None else HouseholdSnapshot.objects.filter(query)


def platforms_readable(*, user: UserLike) -> QuerySet[Platform]:
    return Platform.objects.filter(commune__in=communes_readable(user=user))


def platforms_writable(*, user: UserLike) -> QuerySet[Platform]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Platform.objects.all()
    return Platform.objects.filter(commune_id__in=scope.owned_commune_ids)


def platforms_of(*, commune_id: int) -> list[Platform]:
    return list(Platform.objects.filter(commune_id=commune_id, is_active=True).order_by("sort_order", "name"))


def visit_tasks(*, commune_id: int) -> QuerySet[Task]:
    """Tasks a support visit may serve: those of group 1 (grassroots information) of the active plan."""
    return Task.objects.filter(
        plan__commune_id=commune_id, plan__is_active=True, group__key=TaskGroupKey.MASS_MEDIA
    ).order_by("group__number", "sort_order", "pk")


def visit_tasks_default(*, village: OrgUnit) -> list[Task]:
    """The tasks of the village's latest visit: most visits serve the same ones."""
    latest = SupportVisit.objects.filter(village=village).order_by("-date", "-pk").first()
    return list(latest.tasks.all()) if latest else []


# -- figures ------------------------------------------------------------------------------------------------


@dataclass
class VillageFigures:
    """A village over a period: its team, its visits, and its households at the period's end."""

    village: OrgUnit
    households: int | None = None
    members: int = 0
    visits: int = 0
    households_helped: int = 0
    ecommerce: int | None = None
    cashless: int | None = None
    as_of: dt.date | None = None  # the month the last counts describe

    @property
    def ecommerce_share(self) -> int | None:
        return _share(self.ecommerce, self.households)

    @property
    def cashless_share(self) -> int | None:
        return _share(self.cashless, self.households)


def _share(count: int | None, households: int | None) -> int | None:
    if count is None or not households:
        return None
    return round(count * 100 / households)


# In SQL because the programme dashboard reads it on every view and the ORM's subqueries cost
# more to build than to run; plain SQL shared by SQLite and PostgreSQL. Visits and households
# helped are the figures "support_visits" and "households_helped" of xaso.indicators.figures, read
# from the village's activities like every other figure (a visit is recorded as one).
FIGURES_SQL = """
SELECT u.id, p.households,
  (SELECT COUNT(*) FROM {members} m WHERE m.village_id = u.id AND m.is_active),
  (SELECT {visits} FROM {activities} a WHERE a.unit_id = u.id AND {visit_rows} AND a.date_start >= %s AND a.date_start <= %s),
  (SELECT {helped} FROM {activities} a WHERE a.unit_id = u.id AND {helped_rows} AND a.date_start >= %s AND a.date_start <= %s),
  s.ecommerce_households, s.cashless_households, s.month
FROM {units} u
LEFT JOIN {profiles} p ON p.unit_id = u.id
LEFT JOIN {snapshots} s ON s.village_id = u.id
  AND s.month = (SELECT MAX(l.month) FROM {snapshots} l WHERE l.village_id = u.id AND l.month <= %s)
WHERE u.id IN ({ids})
"""


def _figures_rows(ids: list[int], *, start: dt.date, end: dt.date) -> dict[int, tuple[Any, ...]]:
    adapt = connection.ops.adapt_datefield_value
    visits, visit_rows, visit_params = FIGURES["support_visits"].sql("a")
    helped, helped_rows, helped_params = FIGURES["households_helped"].sql("a")
    sql = FIGURES_SQL.format(
        members=TeamMember._meta.db_table,
        activities=Activity._meta.db_table,
        visits=visits,
        visit_rows=visit_rows,
        helped=helped,
        helped_rows=helped_rows,
        units=OrgUnit._meta.db_table,
        profiles=VillageProfile._meta.db_table,
        snapshots=HouseholdSnapshot._meta.db_table,
        ids=", ".join(["%s"] * len(ids)),
    )
    params = [*visit_params, adapt(start), adapt(end), *helped_params, adapt(start), adapt(end), adapt(end), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def villages_figures(*, villages: list[OrgUnit], start: dt.date, end: dt.date) -> list[VillageFigures]:
    """Each village's figures between `start` and `end` (inclusive), in one query.

    The household counts are those of the latest month recorded up to `end`: they describe how
    many households sell online or pay without cash, not how many started in the period."""
    rows = _figures_rows([village.pk for village in villages], start=start, end=end) if villages else {}
    figures = []
    for village in villages:
        households, n_members, n_visits, helped, ecommerce, cashless, as_of = rows.get(village.pk, (None,) * 7)
        figures.append(
            VillageFigures(
                village=village,
                households=households or None,
                members=n_members or 0,
                visits=n_visits or 0,
                households_helped=helped or 0,
                ecommerce=ecommerce,
                cashless=cashless,
                as_of=as_of,
            )
        )
    return figures


@dataclass
class CommuneVillages:
    """All villages of a commune over a period, and their sums (for the dashboard and the reviews)."""

    commune: OrgUnit
    rows: list[VillageFigures]

    @property
    def members(self) -> int:
        return sum(row.members for row in self.rows)

    @property
    def visits(self) -> int:
        return sum(row.visits for row in self.rows)

    @property
    def households_helped(self) -> int:
        return sum(row.households_helped for row in self.rows)

    @property
    def ecommerce(self) -> int:
        return sum(row.ecommerce or 0 for row in self.rows)

    @property
    def cashless(self) -> int:
        return sum(row.cashless or 0 for row in self.rows)

    @property
    def households(self) -> int:
        return sum(row.households or 0 for row in self.rows)

    @property
    def reporting(self) -> int:
        """Villages that have entered household counts at least once."""
        return sum(1 for row in self.rows if row.as_of is not None)


def commune_villages(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> CommuneVillages:
    """The villages of `commune` the person reads, with their figures over [start, end]."""
    villages = list(villages_readable(user=user).filter(commune=commune).order_by("path"))
    return CommuneVillages(commune=commune, rows=villages_figures(villages=villages, start=start, end=end))


def communes_with_villages(*, user: UserLike) -> QuerySet[OrgUnit]:
    village_communes = villages_readable(user=user).values("commune_id")
    return communes_readable(user=user).filter(pk__in=village_communes).order_by("path")


# -- one village over time ----------------------------------------------------------------------------------


@dataclass
class MonthRow:
    month: dt.date
    visits: int = 0
    households_helped: int = 0
    snapshot: HouseholdSnapshot | None = None
    platforms: dict[int, int] = field(default_factory=dict)

    @property
    def ecommerce(self) -> int | None:
        return self.snapshot.ecommerce_households if self.snapshot else None

    @property
    def cashless(self) -> int | None:
        return self.snapshot.cashless_households if self.snapshot else None


@dataclass
class VillageDashboard:
    village: OrgUnit
    households: int | None
    members: list[TeamMember]
    platforms: list[Platform]
    months: list[MonthRow]
    recent_visits: list[SupportVisit]
    year: VillageFigures
    whole: VillageFigures
    today: dt.date

    @property
    def latest(self) -> MonthRow | None:
        return next((row for row in reversed(self.months) if row.snapshot), None)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def programme_span(*, commune_id: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """From the active plan's issue to today (or the programme's last day): the months worth showing."""
    plan = Plan.objects.filter(commune_id=commune_id, is_active=True).order_by("-issued_on", "-pk").first()
    if plan is None:
        return today.replace(day=1) - dt.timedelta(days=334), today
    return plan.issued_on, min(today, dt.date(plan.end_year, 12, 31))


def village_dashboard(*, village: OrgUnit, today: dt.date) -> VillageDashboard:
    """One village's team and figures month by month. The caller has checked it is readable."""
    assert village.commune_id is not None
    start, end = programme_span(commune_id=village.commune_id, today=today)
    snapshots = list(HouseholdSnapshot.objects.filter(village=village).order_by("month"))
    if snapshots:
        start = min(start, snapshots[0].month)
    month_list = _months(start, end)
    rows = {month: MonthRow(month=month) for month in month_list}
    for snapshot in snapshots:
        if snapshot.month in rows:
            rows[snapshot.month].snapshot = snapshot
    per_platform: dict[int, dict[int, int]] = defaultdict(dict)
    for snapshot_id, platform_id, households in PlatformCount.objects.filter(snapshot__village=village).values_list(
        "snapshot_id", "platform_id", "households"
    ):
        per_platform[snapshot_id][platform_id] = households
    for row in rows.values():
        if row.snapshot is not None:
            row.platforms = per_platform.get(row.snapshot.pk, {})
    # Month by month, the same figures as villages_figures: the village's support activities.
    visits = in_period(Activity.objects.filter(unit=village), start=start, end=end).filter(
        FIGURES["support_visits"].condition()
    )
    for visit_date, helped in visits.values_list("date_start", "residents"):
        visited = rows.get(visit_date.replace(day=1))
        if visited is not None:
            visited.visits += 1
            visited.households_helped += helped
    year_start = max(start, dt.date(today.year, 1, 1))
    (year_figures,) = villages_figures(villages=[village], start=year_start, end=today)
    (whole_figures,) = villages_figures(villages=[village], start=start, end=today)
    return VillageDashboard(
        village=village,
        households=year_figures.households,
        members=list(TeamMember.objects.filter(village=village).order_by("-is_active", role_rank(), "full_name")),
        platforms=platforms_of(commune_id=village.commune_id),
        months=[rows[month] for month in month_list],
        recent_visits=list(
            SupportVisit.objects.filter(village=village).prefetch_related("members").order_by("-date", "-pk")[:10]
        ),
        year=year_figures,
        whole=whole_figures,
        today=today,
    )
