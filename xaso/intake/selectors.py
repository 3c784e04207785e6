"""Who reads and who corrects a commune's draft plans."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.intake.models import PlanDraft
from xaso.units.selectors import UserLike, communes_owned, scope_for


def drafts_readable(*, user: UserLike) -> QuerySet[PlanDraft]:
    """The programme owner's and the leaders' communes, and every commune of a province followed.

    Unit reporters and portal editors of the commune do not see a plan before it is confirmed."""
    scope = scope_for(user=user)
    drafts = PlanDraft.objects.select_related("commune", "created_by", "plan")
    if scope.is_superuser:
        return drafts
    query = Q(commune_id__in=scope.owned_commune_ids | scope.led_commune_ids)
    for province_path in scope.viewed_province_paths:
        query |= Q(commune__path__startswith=province_path)
    return drafts.filter(query)


def drafts_writable(*, user: UserLike) -> QuerySet[PlanDraft]:
    """Only the commune's programme owner uploads, corrects and confirms its plan."""
    return PlanDraft.objects.select_related("commune").filter(commune__in=communes_owned(user=user))
