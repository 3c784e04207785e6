"""What a commune achieved against each target of the period's year, for the consolidated report,
the province roll-up and the interim and final reviews: the indicators app's values (DHIS2-style
numerator / denominator over the commune's registries and activities), computed over the period's
data range and judged against the milestone of the year the period ends in, as of its last day.
A period is a reporting period (its data range) or an indicators Period (a review's span of years).
Many communes are computed at once: one indicators computation per distinct data range, whatever
the number of communes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from xaso.activities.models import Activity
from xaso.indicators import queries
from xaso.indicators.definitions import INDICATORS
from xaso.indicators.elements import Context, Elements, compute, value_of
from xaso.indicators.figures import Counts, figures_count_by
from xaso.indicators.periods import Period
from xaso.indicators.status import Status, evaluate
from xaso.plans.models import Milestone, Plan, Target
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
    milestone_year: int = 0
    end_milestone: str = ""  # the plan's last year's milestone ("100%"), when asked for


def commune_counts(*, periods: Iterable[ReportingPeriod]) -> dict[int, Counts]:
    """commune id -> the figures (xaso.indicators.figures) of the commune's units over its period's data
    range: three grouped queries per distinct range, whatever the number of communes."""
    by_range: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for period in periods:
        by_range[(period.data_start, period.data_end)].append(period.commune_id)
    counts: dict[int, Counts] = {}
    for (start, end), communes in by_range.items():
        rows = Activity.objects.filter(commune_id__in=communes)
        counts.update(figures_count_by(rows=rows, start=start, end=end, by="commune_id"))
    return counts


Judged = ReportingPeriod | Period


def indicator_period(period: Judged) -> Period:
    """The reporting period's data range as an indicators Period (half-year ranges count as halves)."""
    if isinstance(period, Period):
        return period
    return Period("half" if period.kind == PeriodKind.HALF_YEAR else "year", period.data_start, period.data_end)


def span(start: dt.date, end: dt.date) -> Period:
    """A review's span (e.g. 01/01/2025–31/10/2026) as one indicators Period, counted as a whole."""
    return Period("programme", start, end)


def _judged_on(period: Judged) -> tuple[int, dt.date]:
    """The year whose milestone the period is judged against, and the day it is judged on."""
    if isinstance(period, Period):
        return period.end.year, period.end
    return period.year, period.data_end


def indicator_elements(*, periods: Sequence[ReportingPeriod], plans: dict[int, Plan]) -> dict[int, Elements]:
    """commune id -> its indicators' data elements over its period's data range."""
    return commune_elements(ranges=[(p.commune_id, indicator_period(p)) for p in periods], plans=plans)


def commune_elements(*, ranges: Sequence[tuple[int, Period]], plans: dict[int, Plan]) -> dict[int, Elements]:
    """commune id -> its indicators' data elements over its range (one computation per distinct range)."""
    by_range: dict[Period, list[int]] = defaultdict(list)
    for commune_id, range_ in ranges:
        by_range[range_].append(commune_id)
    result: dict[int, Elements] = {}
    for range_, group in by_range.items():
        communes = tuple(group)
        context = Context(
            issued_on={c: plans[c].issued_on for c in communes if c in plans}, commune_of={}, today=range_.end
        )
        computed = compute(queries.Where(commune_ids=communes), periods=[range_], context=context)
        for commune_id in communes:
            result[commune_id] = computed[commune_id][0]
    return result


def _milestone_for(milestones: dict[int, Milestone], year: int, *, whole_plan: bool) -> Milestone | None:
    """The year's milestone; for the whole plan, else the last one before it, else the first after it."""
    if year in milestones or not whole_plan:
        return milestones.get(year)
    earlier = [y for y in milestones if y < year]
    return milestones[max(earlier)] if earlier else milestones[min(milestones)] if milestones else None


def results_of(
    *,
    targets: Sequence[Target],
    period: Judged,
    elements: Elements,
    end_year: int | None = None,
    whole_plan: bool = False,
) -> list[TargetResult]:
    """One row per target with a milestone in the period's year (milestones prefetched), judged as of
    the data cut-off against the year's milestone. With `whole_plan` (a review over several years),
    every target is a row, judged against its own milestone when the period's year has none (a
    later one is "not due yet"); with `end_year`, each row also names that year's milestone (the
    programme's final target, for the final review)."""
    results = []
    year, as_of = _judged_on(period)
    for target in targets:
        milestones = {m.year: m for m in target.milestones.all()}
        milestone = _milestone_for(milestones, year, whole_plan=whole_plan)
        if milestone is None or target.indicator not in INDICATORS:
            continue
        value = value_of(INDICATORS[target.indicator], elements)
        status = evaluate(
            value=value.value,
            milestone=milestone,
            start=dt.date(milestone.year, 1, 1),
            end=dt.date(milestone.year, 12, 31),
            today=as_of,
        )
        last = milestones.get(end_year) if end_year is not None else None
        results.append(
            TargetResult(
                code=target.code,
                text=target.text,
                indicator=target.indicator,
                indicator_label=target.get_indicator_display(),
                milestone=milestone.label,
                milestone_year=milestone.year,
                achieved=value.display,
                status=Status(status).label,
                status_key=str(status),
                value=value.value,
                target_value=milestone.value,
                end_milestone=last.label if last is not None else "",
            )
        )
    return results


# Data elements that are figures of xaso.indicators.figures (same key, same definition).
FIGURE_ELEMENTS = (
    "activities",
    "activities_mass_media",
    "activities_schools",
    "activities_enterprises",
    "commendations",
    "trainings",
    "publications",
    "participants",
    "reach",
)


def target_results(
    *,
    plan: Plan,
    period: Judged,
    whole_plan: bool = False,
    with_end_target: bool = False,
    counts: Counts | None = None,
) -> list[TargetResult]:
    """The plan's commune over the period against the plan (targets and milestones prefetched, e.g. by
    plan_full); `whole_plan` and `with_end_target` as in results_of. With `counts` (the document's own
    count of activities, e.g. a consolidated report's approved units), the targets counted in
    activities are judged on them, so that a report never states two numbers for one figure."""
    elements = commune_elements(ranges=[(plan.commune_id, indicator_period(period))], plans={plan.commune_id: plan})
    own = dict(elements[plan.commune_id])
    if counts is not None:
        own.update({key: counts[key] for key in FIGURE_ELEMENTS})
    return results_of(
        targets=list(plan.targets.all()),
        period=period,
        elements=own,
        end_year=plan.end_year if with_end_target else None,
        whole_plan=whole_plan,
    )
