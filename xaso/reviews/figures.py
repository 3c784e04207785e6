"""Everything a review (sơ kết, tổng kết) says about a commune's programme over a period, read through
the requester's scope from each app's own selectors: activities, learning, honours, villages' teams,
schools and enterprises, funding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from xaso.activities.models import ActivityKind, ActivityStatus
from xaso.activities.selectors import activities_readable
from xaso.funding.selectors import FundingSummary, funding_summary
from xaso.honours.models import ProposalKind, ProposalStatus
from xaso.honours.selectors import proposals_readable
from xaso.learning.models import Completion
from xaso.learning.selectors import enrolments_readable
from xaso.outreach.selectors import OutreachFigures, outreach_figures
from xaso.units.models import OrgUnit
from xaso.units.selectors import UserLike
from xaso.villages.selectors import CommuneVillages, commune_villages


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    count: int
    participants: int
    reach: int


@dataclass(frozen=True)
class LearningFigures:
    completions: int
    officials_informed: int
    officers_trained: int
    residents: int


@dataclass(frozen=True)
class HonourFigures:
    decided: int
    individuals: int
    collectives: int
    decisions: int


@dataclass(frozen=True)
class ReviewFigures:
    commune: OrgUnit
    start: dt.date
    end: dt.date
    activities: list[KindRow]
    learning: LearningFigures
    honours: HonourFigures
    villages: CommuneVillages
    outreach: OutreachFigures
    funding: FundingSummary

    @property
    def activity_count(self) -> int:
        return sum(row.count for row in self.activities)

    @property
    def participants(self) -> int:
        return sum(row.participants for row in self.activities)

    def kind(self, kind: str) -> KindRow:
        return next(
            (row for row in self.activities if row.kind == kind),
            KindRow(kind, dict(ActivityKind.choices)[kind], 0, 0, 0),
        )


def activities_by_kind(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> list[KindRow]:
    rows = (
        activities_readable(user=user)
        .filter(commune=commune, status=ActivityStatus.RECORDED, date_start__gte=start, date_start__lte=end)
        .values("kind")
        .annotate(n=Count("pk"), participants=Sum("participants"), reach=Sum("reach"))
        .order_by()
    )
    found = {row["kind"]: row for row in rows}
    return [
        KindRow(kind, label, found[kind]["n"], found[kind]["participants"] or 0, found[kind]["reach"] or 0)
        for kind, label in ActivityKind.choices
        if kind in found
    ]


def learning_figures(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> LearningFigures:
    completions = Completion.objects.filter(
        enrolment__in=enrolments_readable(user=user).filter(course__commune=commune),
        completed_on__gte=start,
        completed_on__lte=end,
    ).aggregate(
        n=Count("pk"),
        informed=Count("pk", filter=Q(enrolment__course__counts_towards="officials_informed")),
        trained=Count("pk", filter=Q(enrolment__course__counts_towards="officers_trained")),
        residents=Count("pk", filter=Q(enrolment__learner__person__isnull=True)),
    )
    return LearningFigures(completions["n"], completions["informed"], completions["trained"], completions["residents"])


def honour_figures(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> HonourFigures:
    decided = proposals_readable(user=user).filter(
        commune=commune, status=ProposalStatus.DECIDED, decision_date__gte=start, decision_date__lte=end
    )
    counts = decided.aggregate(
        n=Count("pk"),
        individuals=Count("pk", filter=Q(kind=ProposalKind.INDIVIDUAL)),
        decisions=Count("decision_number", distinct=True),
    )
    return HonourFigures(counts["n"], counts["individuals"], counts["n"] - counts["individuals"], counts["decisions"])


def review_figures(*, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date) -> ReviewFigures:
    return ReviewFigures(
        commune=commune,
        start=start,
        end=end,
        activities=activities_by_kind(user=user, commune=commune, start=start, end=end),
        learning=learning_figures(user=user, commune=commune, start=start, end=end),
        honours=honour_figures(user=user, commune=commune, start=start, end=end),
        villages=commune_villages(user=user, commune=commune, start=start, end=end),
        outreach=outreach_figures(user=user, commune=commune, start=start, end=end),
        funding=funding_summary(user=user, commune=commune, start=start, end=end),
    )
