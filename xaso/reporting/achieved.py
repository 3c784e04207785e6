"""What a commune achieved against each target of the period's year, for the consolidated report
and the province roll-up: the indicators app's values (DHIS2-style numerator / denominator over
the commune's registries and activities), computed over the period's data range and judged against
the year's milestone as of the data cut-off. Many communes are computed at once: one indicators
computation per distinct data range, whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from xaso.activities.models import Activity, ActivityStatus
from xaso.indicators import queries
from xaso.indicators.definitions import INDICATORS
from xaso.indicators.elements import Context, Elements, compute, value_of
from xaso.indicators.periods import Period
from xaso.indicators.status import Status, evaluate
from xaso.plans.models import Plan, Target
from xaso.reporting.models import PeriodKind, ReportingPeriod

NO_MILESTONE = "Chưa đánh giá"


@dataclass(frozen=True, kw_only=True)
class TargetResult:
    code: str
    text: str
    indicator: str
    indicator_label: str
    milestone: str  # "ít nhất 1 hoạt động"
    achieved: str  # "2", "95,5%", "—"
    status: str  # Đạt / Đúng tiến độ / Có nguy cơ chậm / Chậm, chưa đạt / Chưa có dữ liệu
    status_key: str
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
                commune_id__in=communes,
                status=ActivityStatus.RECORDED,
                date_start__gte=start,
                date_start__lte=end,
            )
            .order_by()
            .values("commune_id", "kind")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["commune_id"]][row["kind"]] = row["n"]
    return counts


def indicator_period(period: ReportingPeriod) -> Period:
    """The reporting period's data range as an indicators Period (half-year ranges count as halves)."""
    return Period("half" if period.kind == PeriodKind.HALF_YEAR else "year", period.data_start, period.data_end)


def indicator_elements(*, periods: Sequence[ReportingPeriod], plans: dict[int, Plan]) -> dict[int, Elements]:
    """commune id -> its indicators' data elements over its period's data range."""
    by_range: dict[Period, list[ReportingPeriod]] = defaultdict(list)
    for period in periods:
        by_range[indicator_period(period)].append(period)
    result: dict[int, Elements] = {}
    for range_, group in by_range.items():
        communes = tuple(p.commune_id for p in group)
        context = Context(
            issued_on={c: plans[c].issued_on for c in communes if c in plans}, commune_of={}, today=range_.end
        )
        computed = compute(queries.Where(commune_ids=communes), periods=[range_], context=context)
        for commune_id in communes:
            result[commune_id] = computed[commune_id][0]
    return result


def results_of(*, targets: Sequence[Target], period: ReportingPeriod, elements: Elements) -> list[TargetResult]:
    """One row per target with a milestone in the period's year (milestones prefetched), judged as of
    the data cut-off against the year's milestone."""
    results = []
    year_end = dt.date(period.year, 12, 31)
    for target in targets:
        milestone = next((m for m in target.milestones.all() if m.year == period.year), None)
        if milestone is None or target.indicator not in INDICATORS:
            continue
        value = value_of(INDICATORS[target.indicator], elements)
        status = evaluate(
            value=value.value,
            milestone=milestone,
            start=dt.date(period.year, 1, 1),
            end=year_end,
            today=period.data_end,
        )
        results.append(
            TargetResult(
                code=target.code,
                text=target.text,
                indicator=target.indicator,
                indicator_label=target.get_indicator_display(),
                milestone=milestone.label,
                achieved=value.display,
                status=Status(status).label,
                status_key=str(status),
                value=value.value,
                target_value=milestone.value,
            )
        )
    return results


def target_results(*, plan: Plan, period: ReportingPeriod) -> list[TargetResult]:
    """The period's commune against its plan (targets and milestones prefetched, e.g. by plan_full)."""
    elements = indicator_elements(periods=[period], plans={period.commune_id: plan})[period.commune_id]
    return results_of(targets=list(plan.targets.all()), period=period, elements=elements)
