"""What the commune achieved against each target of the period's year, for the consolidated report.

Counting targets (honour activities, training courses) are counted from the commune's recorded
activities in the period's data range; the others need the indicators' registries (people
informed, documents provided, residents reached) and say so until those values are available.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from xaso.activities.models import Activity, ActivityKind, ActivityStatus
from xaso.plans.models import Comparison, IndicatorKey, Plan
from xaso.reporting.models import ReportingPeriod

NO_DATA = "Chưa có số liệu"
ACHIEVED = "Đạt"
NOT_YET = "Chưa đạt"
NOT_ASSESSED = "Chưa đánh giá"
# Targets counted as numbers of activities of one kind.
COUNTED = {
    IndicatorKey.HONOUR_ACTIVITIES: ActivityKind.COMMENDATION,
    IndicatorKey.TRAINING_ACTIVITIES: ActivityKind.TRAINING,
}


@dataclass(frozen=True, kw_only=True)
class TargetResult:
    code: str
    text: str
    indicator: str
    milestone: str  # "ít nhất 1 hoạt động"
    achieved: str  # "2 hoạt động", "Chưa có số liệu"
    status: str  # Đạt / Chưa đạt / Chưa đánh giá
    value: Decimal | None = None
    target_value: Decimal | None = None


def commune_kind_counts(*, period: ReportingPeriod) -> dict[str, int]:
    """Recorded activities of the commune and all its units in the period's data range, by kind."""
    rows = (
        Activity.objects.filter(
            Q(unit__commune_id=period.commune_id) | Q(unit_id=period.commune_id),
            status=ActivityStatus.RECORDED,
            date_start__gte=period.data_start,
            date_start__lte=period.data_end,
        )
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
    )
    return {row["kind"]: row["n"] for row in rows}


def _meets(value: Decimal, target: Decimal, comparison: str) -> bool:
    if comparison == Comparison.AT_MOST:
        return value <= target
    if comparison == Comparison.EQUAL:
        return value == target
    return value >= target


def target_results(*, plan: Plan, period: ReportingPeriod) -> list[TargetResult]:
    """One row per target with a milestone in the period's year (the plan prefetched by plan_full)."""
    counts = commune_kind_counts(period=period)
    results = []
    for target in plan.targets.all():
        milestone = next((m for m in target.milestones.all() if m.year == period.year), None)
        if milestone is None:
            continue
        value: Decimal | None = None
        achieved, status = NO_DATA, NOT_ASSESSED
        kind = COUNTED.get(IndicatorKey(target.indicator)) if target.indicator in IndicatorKey.values else None
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
                milestone=milestone.label,
                achieved=achieved,
                status=status,
                value=value,
                target_value=milestone.value,
            )
        )
    return results
