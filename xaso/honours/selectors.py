"""Which proposals a person reads and edits, and the public honour roll."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.honours.models import Proposal, ProposalStatus
from xaso.units.selectors import UserLike, scope_for


def proposals_readable(*, user: UserLike) -> QuerySet[Proposal]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Proposal.objects.all()
    if scope.is_empty:
        return Proposal.objects.none()
    # A unit's drafts stay with those who write for it, as with activities.
    writers = Q(unit_id__in=scope.own_unit_ids) | Q(commune_id__in=scope.owned_commune_ids)
    return Proposal.objects.filter(scope.unit_q("unit__")).filter(~Q(status=ProposalStatus.DRAFT) | writers)


def proposals_writable(*, user: UserLike) -> QuerySet[Proposal]:
    """Proposals whose content the person may still change: drafts of the units they write for."""
    scope = scope_for(user=user)
    drafts = Proposal.objects.filter(status=ProposalStatus.DRAFT)
    if scope.is_superuser:
        return drafts
    return drafts.filter(Q(unit_id__in=scope.own_unit_ids) | Q(commune_id__in=scope.owned_commune_ids))


def honour_roll(*, commune_id: int) -> QuerySet[Proposal]:
    """Decided commendations the nominee agreed to publish, newest decision first: public."""
    return (
        Proposal.objects.filter(commune_id=commune_id, status=ProposalStatus.DECIDED, public_consent=True)
        .select_related("unit")
        .order_by("-decision_date", "nominee")
    )
