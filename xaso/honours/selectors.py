"""Which proposals a person reads and edits, and the public honour roll."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from xaso.honours.models import Proposal, ProposalKind, ProposalStatus
from xaso.units.models import OrgUnit
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


# -- figures for the programme's reports --------------------------------------------------------------


@dataclass(frozen=True)
class HonourFigures:
    decided: int
    individuals: int
    collectives: int
    decisions: int


def honour_figures(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> HonourFigures:
    """Commendations decided between `start` and `end` (by the decision's date), as the person reads them."""
    decided = proposals_readable(user=user).filter(
        commune=commune, status=ProposalStatus.DECIDED, decision_date__gte=start, decision_date__lte=end
    )
    counts = decided.aggregate(
        n=Count("pk"),
        individuals=Count("pk", filter=Q(kind=ProposalKind.INDIVIDUAL)),
        decisions=Count("decision_number", distinct=True),
    )
    return HonourFigures(counts["n"], counts["individuals"], counts["n"] - counts["individuals"], counts["decisions"])
