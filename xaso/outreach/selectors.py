"""Reads for schools and enterprises, through the person's scope (units.selectors)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet, Sum

from xaso.activities.selectors import activities_readable
from xaso.indicators.figures import figures_count_by, in_period
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
    """Schools' and enterprises' figures over a period. Sessions, events, showcases and their people
    are the figures of xaso.indicators.figures (their activities); the rest is read from the rows whose
    activity counts in the period (what kind of event, entries, awards, enterprises, portal articles)
    or, for clubs, from the clubs as they stand."""

    clubs: int = 0
    club_members: int = 0
    club_sessions: int = 0  # figure "club_sessions"
    club_pupils: int = 0  # figure "club_pupils"
    school_events: int = 0  # figure "school_events": contests, forums and idea-sharing events together
    contests: int = 0  # of which, by the kind of event recorded
    forums: int = 0
    idea_events: int = 0
    event_pupils: int = 0  # figure "school_event_pupils"
    entries: int = 0
    awards: int = 0
    enterprise_sessions: int = 0  # figure "enterprise_sessions"
    enterprises_reached: int = 0
    enterprise_participants: int = 0  # figure "enterprise_participants"
    showcases: int = 0  # figure "showcases"
    showcases_on_portal: int = 0


# OutreachFigures' fields that are figures of xaso.indicators.figures, by figure key.
FIGURE_FIELDS = {
    "club_sessions": "club_sessions",
    "club_pupils": "club_pupils",
    "school_events": "school_events",
    "event_pupils": "school_event_pupils",
    "enterprise_sessions": "enterprise_sessions",
    "enterprise_participants": "enterprise_participants",
    "showcases": "showcases",
}


def outreach_total(rows: Iterable[OutreachFigures]) -> OutreachFigures:
    rows = list(rows)
    return OutreachFigures(**{f.name: sum(getattr(row, f.name) for row in rows) for f in fields(OutreachFigures)})


def outreach_by_unit(
    *,
    user: UserLike,
    commune: OrgUnit,
    start: dt.date,
    end: dt.date,
    unit: OrgUnit | None = None,
    unit_ids: Iterable[int] | None = None,
) -> dict[int, OutreachFigures]:
    """unit id -> the schools' and enterprises' figures the unit recorded between `start` and `end`, as
    the person may read them (six grouped queries whatever the number of units). Clubs count as they
    stand now; the rest by the period of their activity. With `unit`, only that unit's; with
    `unit_ids`, only those units' (a report counting some units only)."""
    activities = activities_readable(user=user).filter(commune=commune)
    if unit is not None:
        activities = activities.filter(unit=unit)
    if unit_ids is not None:
        activities = activities.filter(unit_id__in=list(unit_ids))
    counted = in_period(activities, start=start, end=end)
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, counts in figures_count_by(rows=activities, start=start, end=end, by="unit_id").items():
        for name, key in FIGURE_FIELDS.items():
            found[unit_id][name] = counts[key]

    def own(rows: QuerySet[M], field: str = "unit") -> QuerySet[M]:
        if unit is not None:
            rows = rows.filter(**{field: unit})
        return rows if unit_ids is None else rows.filter(**{f"{field}_id__in": list(unit_ids)})

    def put(rows: Any, key: str, **names: str) -> None:
        for row in rows:
            entry = found[unit.pk if unit is not None else row[key]]
            for name, column in names.items():
                entry[name] = entry.get(name, 0) + int(row[column] or 0)

    put(
        own(clubs_readable(user=user).filter(commune=commune, is_active=True))
        .values("unit_id")
        .annotate(n=Count("pk"), members=Sum("members_count"))
        .order_by(),
        "unit_id",
        clubs="n",
        club_members="members",
    )
    events = (
        own(school_events_readable(user=user).filter(commune=commune, activity__in=counted))
        .values("unit_id", "kind")
        .annotate(n=Count("pk"), entries=Sum("entries"), awards=Sum("awards"))
        .order_by()
    )
    kinds = {SchoolEventKind.CONTEST: "contests", SchoolEventKind.FORUM: "forums", SchoolEventKind.IDEAS: "idea_events"}
    for kind, name in kinds.items():
        put([row for row in events if row["kind"] == kind], "unit_id", **{name: "n"})
    put(events, "unit_id", entries="entries", awards="awards")
    put(
        own(enterprise_sessions_readable(user=user).filter(commune=commune, activity__in=counted))
        .values("unit_id")
        .annotate(enterprises=Sum("enterprises"))
        .order_by(),
        "unit_id",
        enterprises_reached="enterprises",
    )
    put(
        own(showcases_readable(user=user).filter(commune=commune, activity__in=counted, article__live=True))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by(),
        "unit_id",
        showcases_on_portal="n",
    )
    return {unit_id: OutreachFigures(**entry) for unit_id, entry in found.items()}


def outreach_figures(
    *,
    user: UserLike,
    commune: OrgUnit,
    start: dt.date,
    end: dt.date,
    unit: OrgUnit | None = None,
    unit_ids: Iterable[int] | None = None,
) -> OutreachFigures:
    """Schools' and enterprises' figures of a commune (or of one of its units, or of some) between
    `start` and `end`, as the person may read them. Clubs count as they stand now; the rest by date."""
    by_unit = outreach_by_unit(user=user, commune=commune, start=start, end=end, unit=unit, unit_ids=unit_ids)
    return outreach_total(by_unit.values())
