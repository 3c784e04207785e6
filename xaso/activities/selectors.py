"""Which activities a person reads and changes.

A unit's drafts are seen only by those who write for that unit (its reporters and the
commune's Culture–Social office); everyone else in scope reads what was recorded.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.activities.models import Activity, ActivityStatus
from xaso.units.selectors import UserLike, scope_for


def _writable_q(*, user: UserLike) -> Q:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Q()
    return Q(unit_id__in=scope.own_unit_ids) | Q(commune_id__in=scope.owned_commune_ids)


def activities_readable(*, user: UserLike) -> QuerySet[Activity]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Activity.objects.all()
    if scope.is_empty:
        return Activity.objects.none()
    in_scope = Activity.objects.filter(scope.unit_q("unit__"))
    return in_scope.filter(Q(status=ActivityStatus.RECORDED) | _writable_q(user=user))


def activities_writable(*, user: UserLike) -> QuerySet[Activity]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Activity.objects.all()
    if not scope.own_unit_ids and not scope.owned_commune_ids:
        return Activity.objects.none()
    return Activity.objects.filter(_writable_q(user=user))
