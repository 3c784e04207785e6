"""Reads for schools and enterprises, through the person's scope (units.selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Count, Model, Q, QuerySet, Sum

from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent, SchoolEventKind, Showcase
from xaso.plans.models import Task
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for, units_writable

ENTERPRISE_SIDE_KINDS = (UnitKind.OFFICE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)
M = TypeVar("M", bound=Model)


def _readable(model: type[M], *, user: UserLike, unit: str = "unit__") -> QuerySet[M]:
    return model._default_manager.filter(scope_for(user=user).unit_q(unit))


def _writable(model: type[M], *, user: UserLike, unit: str = "unit_id") -> QuerySet[M]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return model._default_manager.all()
    if not scope.own_unit_ids and not scope.owned_commune_ids:
        return model._default_manager.none()
    return model._default_manager.filter(
        Q(**{f"{unit}__in": scope.own_unit_ids}) | Q(commune_id__in=scope.owned_commune_ids)
    )


def clubs_readable(*, user: UserLike) -> QuerySet[Club]:
    return _readable(Club, user=user)


def clubs_writable(*, user: UserLike) -> QuerySet[Club]:
    return _writable(Club, user=user)


def club_sessions_readable(*, user: UserLike) -> QuerySet[ClubSession]:
    return _readable(ClubSession, user=user, unit="club__unit__")


def club_sessions_writable(*, user: UserLike) -> QuerySet[ClubSession]:
    return _writable(ClubSession, user=user, unit="club__unit_id")


def school_events_readable(*, user: UserLike) -> QuerySet[SchoolEvent]:
    return _readable(SchoolEvent, user=user)


def school_events_writable(*, user: UserLike) -> QuerySet[SchoolEvent]:
    return _writable(SchoolEvent, user=user)


def enterprise_sessions_readable(*, user: UserLike) -> QuerySet[EnterpriseSession]:
    return _readable(EnterpriseSession, user=user)


def enterprise_sessions_writable(*, user: UserLike) -> QuerySet[EnterpriseSession]:
    return _writable(EnterpriseSession, user=user)


def showcases_readable(*, user: UserLike) -> QuerySet[Showcase]:
    return _readable(Showcase, user=user)


def showcases_writable(*, user: UserLike) -> QuerySet[Showcase]:
    return _writable(Showcase, user=user)


def schools_writable(*, user: UserLike) -> QuerySet[OrgUnit]:
    return units_writable(user=user).filter(kind=UnitKind.SCHOOL, is_active=True)


def enterprise_side_writable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Units that may organise enterprise sessions and showcases: offices, enterprises, organisations."""
    return units_writable(user=user).filter(kind__in=ENTERPRISE_SIDE_KINDS, is_active=True)


def enterprises_choosable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Enterprises of the communes where the person records showcases."""
    communes = enterprise_side_writable(user=user).values("commune_id")
    return OrgUnit.objects.filter(kind=UnitKind.ENTERPRISE, is_active=True, commune_id__in=communes).order_by("path")


def tasks_of_group(*, user: UserLike, group: str) -> QuerySet[Task]:
    """The active plan's tasks of one group, of the communes where the person writes."""
    communes = units_writable(user=user).values("commune_id")
    return Task.objects.filter(plan__is_active=True, plan__commune_id__in=communes, group__key=group).order_by(
        "plan", "group__number", "sort_order", "pk"
    )


# -- figures for the dashboard and the reviews -----------------------------------------------------------


@dataclass(frozen=True)
class OutreachFigures:
    clubs: int = 0
    club_members: int = 0
    club_sessions: int = 0
    club_pupils: int = 0
    contests: int = 0
    forums: int = 0
    idea_events: int = 0
    event_pupils: int = 0
    entries: int = 0
    awards: int = 0
    enterprise_sessions: int = 0
    enterprises_reached: int = 0
    enterprise_participants: int = 0
    showcases: int = 0
    showcases_on_portal: int = 0

    @property
    def school_events(self) -> int:
        return self.contests + self.forums + self.idea_events


def outreach_figures(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> OutreachFigures:
    """Schools' and enterprises' figures of a commune between `start` and `end`, as the person may read
    them (five queries). Clubs count as they stand now; the rest by date."""
    clubs = (
        clubs_readable(user=user)
        .filter(commune=commune, is_active=True)
        .aggregate(n=Count("pk"), members=Sum("members_count"))
    )
    sessions = (
        club_sessions_readable(user=user)
        .filter(commune=commune, date__gte=start, date__lte=end)
        .aggregate(n=Count("pk"), pupils=Sum("pupils"))
    )
    events = {
        row["kind"]: row
        for row in school_events_readable(user=user)
        .filter(commune=commune, date_start__gte=start, date_start__lte=end)
        .values("kind")
        .annotate(n=Count("pk"), pupils=Sum("pupils"), entries=Sum("entries"), awards=Sum("awards"))
    }
    enterprise = (
        enterprise_sessions_readable(user=user)
        .filter(commune=commune, date__gte=start, date__lte=end)
        .aggregate(n=Count("pk"), enterprises=Sum("enterprises"), participants=Sum("participants"))
    )
    showcases = (
        showcases_readable(user=user)
        .filter(commune=commune, date__gte=start, date__lte=end)
        .aggregate(n=Count("pk"), on_portal=Count("pk", filter=Q(article__live=True)))
    )

    def event(kind: str, key: str = "n") -> int:
        return int(events.get(kind, {}).get(key) or 0)

    return OutreachFigures(
        clubs=clubs["n"] or 0,
        club_members=clubs["members"] or 0,
        club_sessions=sessions["n"] or 0,
        club_pupils=sessions["pupils"] or 0,
        contests=event(SchoolEventKind.CONTEST),
        forums=event(SchoolEventKind.FORUM),
        idea_events=event(SchoolEventKind.IDEAS),
        event_pupils=sum(event(kind, "pupils") for kind in SchoolEventKind),
        entries=sum(event(kind, "entries") for kind in SchoolEventKind),
        awards=sum(event(kind, "awards") for kind in SchoolEventKind),
        enterprise_sessions=enterprise["n"] or 0,
        enterprises_reached=enterprise["enterprises"] or 0,
        enterprise_participants=enterprise["participants"] or 0,
        showcases=showcases["n"] or 0,
        showcases_on_portal=showcases["on_portal"] or 0,
    )
