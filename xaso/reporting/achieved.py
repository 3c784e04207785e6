"""What a commune achieved against each target of the period's year, for the consolidated report
and the province roll-up.

Counting targets (honour activities, training courses) are counted from the commune's recorded
activities in the period's data range; the others need the indicators' registries (people
informed, documents provided, residents reached) and say so until those values are available.
Many communes are counted at once, in one grouped query per distinct data range.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from xaso.activities.models import Activity, ActivityKind, ActivityStatus
from xaso.plans.models import Comparison, IndicatorKey, Plan, Target
from xaso.reporting.models import ReportingPeriod

NO_DATA = "Chưa có số liệu"
ACHIEVED = "Đạt"
NOT_YET = "Chưa đạt"
NOT_ASSESSED = "Chưa đánh giá"
# Targets counted as numbers of activities of one kind.
COUNTED = {
    IndicatorKey.HONOUR_ACTIVITIES.value: ActivityKind.COMMENDATION.value,
    IndicatorKey.TRAINING_ACTIVITIES.value: ActivityKind.TRAINING.value,
}


@dataclass(frozen=True, kw_only=True)
class TargetResult:
    code: str
    text: str
    indicator: str
    indicator_label: str
    milestone: str  # "ít nhất 1 hoạt động"
    achieved: str  # "2 hoạt động", "Chưa có số liệu"
    status: str  # Đạt / Chưa đạt / Chưa đánh giá
    value: Decimal | None = None
    target_value: Decimal | None = None


def kind_counts(*, periods: Iterable[ReportingPeriod]) -> dict[int, dict[str, int]]:
    """commune id -> {activity kind: recorded activities of the commune and its units in its period}."""
    by_range: dict[tuple[object, object], list[int]] = defaultdict(list)
    for period in periods:
        by_range[(period.data_start, period.data_end)].append(period.commune_id)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for (start, end), communes in by_range.items():
        rows = (
            Activity.objects.filter(
                Q(unit__commune_id__in=communes) | Q(unit_id__in=communes),
                status=ActivityStatus.RECORDED,
                date_start__gte=start,
                date_start__lte=end,
            )
            .annotate(commune_key=Coalesce("unit__commune_id", "unit_id"))
            .order_by()
            .values("commune_key", "kind")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["commune_key"]][row["kind"]] = row["n"]
    return counts


def _meets(value: Decimal, target: Decimal, comparison: str) -> bool:
    if comparison == Comparison.AT_MOST:
        return value <= target
    if comparison == Comparison.EQUAL:
        return value == target
    return value >= target


def results_of(*, targets: Sequence[Target], year: int, counts: dict[str, int]) -> list[TargetResult]:
    """One row per target with a milestone in `year` (targets with milestones prefetched)."""
    results = []
    for target in targets:
        milestone = next((m for m in target.milestones.all() if m.year == year), None)
        if milestone is None:
            continue
        value: Decimal | None = None
        achieved, status = NO_DATA, NOT_ASSESSED
        kind = COUNTED.get(target.indicator)
        if kind is not None:
            value = Decimal(counts.get(kind, 0))
            achieved = f"{value} {milestone.unit or 'hoạt động'}"
            if milestone.value is not None:
                status = ACHIEVED if _meets(value, milestone.value, milestone.comparison) else NOT_YET
        results.append(
            TargetResult(
                code=target.code,
                text=target.text,
                indicator=target.indicator,
                indicator_label=target.get_indicator_display(),
                milestone=milestone.label,
                achieved=achieved,
                status=status,
                value=value,
                target_value=milestone.value,
            )
        )
    return results


def target_results(*, plan: Plan, period: ReportingPeriod) -> list[TargetResult]:
    """The period's commune against its plan (prefetched by plan_full)."""
    counts = kind_counts(periods=[period]).get(period.commune_id, {})
    return results_of(targets=list(plan.targets.all()), year=period.year, counts=counts)
