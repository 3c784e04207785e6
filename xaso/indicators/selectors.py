"""Indicators and the programme dashboard for a unit of the tree, a period, a person's scope.

Every function here runs a fixed number of queries whatever the number of units,
activities or people (tests assert it; bench/ measures it at two scales).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from xaso.activities.models import Activity, ActivityStatus
from xaso.indicators import queries, sql
from xaso.indicators.definitions import INDICATORS, Indicator
from xaso.indicators.elements import Context, Elements, Value, compute, value_of
from xaso.indicators.periods import Period, periods_of, programme, year
from xaso.indicators.status import Status, evaluate, goal
from xaso.plans.models import IndicatorKey, Milestone, Plan, Target, Task, TaskGroup, TaskGroupKey, TaskUnit
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, communes_readable, scope_for
from xaso.villages.selectors import VillageFigures, villages_figures

ERR_NOT_IN_SCOPE = "Đơn vị này không thuộc phạm vi bạn được xem."

# Targets that mean something for one unit on its own: its people, or a village's residents.
UNIT_LEVEL = frozenset({IndicatorKey.OFFICIALS_INFORMED_PCT, IndicatorKey.OFFICERS_TRAINED_PCT})
VILLAGE_LEVEL = UNIT_LEVEL | {IndicatorKey.RESIDENTS_REACHED_PCT}
ACTIVITY_INDICATORS = ("activities", "activities_mass_media", "activities_schools", "activities_enterprises")


def dashboard_units(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes and units whose dashboard the person may open."""
    scope = scope_for(user=user)
    units = OrgUnit.objects.filter(scope.unit_q()).exclude(commune=None).filter(is_active=True)
    return units.select_related("commune")


def dashboard_unit_default(*, user: UserLike) -> OrgUnit | None:
    """Where a person lands: their commune if they read it whole, else their own unit."""
    units = list(dashboard_units(user=user).order_by("depth", "path")[:1])
    return units[0] if units else None


def _check_scope(user: UserLike, unit: OrgUnit) -> None:
    if unit.commune_id is None or not scope_for(user=user).can_read_unit(unit):
        raise PermissionDenied(ERR_NOT_IN_SCOPE)


def plan_for(*, commune: OrgUnit) -> Plan | None:
    """The commune's current plan with its targets and their milestones, in two queries."""
    targets = list(
        Target.objects.filter(plan__commune=commune, plan__is_active=True)
        .select_related("plan")
        .order_by("-plan__issued_on", "-plan_id", "sort_order", "pk")
    )
    # Read directly rather than prefetched: the clustered relation's prefetch clones a queryset
    # per target, which costs the dashboard more than the query itself.
    by_target: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(target__in=[t.pk for t in targets]).order_by("target_id", "year"):
        by_target[milestone.target_id].append(milestone)
    for target in targets:
        target._xaso_milestones = by_target[target.pk]
    if targets:
        plan = targets[0].plan
    else:
        plan = Plan.objects.filter(commune=commune, is_active=True).order_by("-issued_on", "-pk").first()
        if plan is None:
            return None
    plan._xaso_targets = [t for t in targets if t.plan_id == plan.pk]
    return plan


def plan_years(*, commune: OrgUnit) -> tuple[int, int] | None:
    """First and last year of the commune's current plan: what a period key is checked against."""
    years = (
        Plan.objects.filter(commune=commune, is_active=True)
        .order_by("-issued_on", "-pk")
        .values_list("start_year", "end_year")
        .first()
    )
    return (int(years[0]), int(years[1])) if years else None


def plan_targets(plan: Plan) -> list[Target]:
    """Targets loaded by plan_for (or prefetched with the plan)."""
    loaded: list[Target] | None = getattr(plan, "_xaso_targets", None)
    return loaded if loaded is not None else list(plan.targets.all())


def _where(unit: OrgUnit, *, by_unit: bool = False) -> queries.Where:
    commune_id = unit.commune_id or unit.pk
    is_commune = unit.kind == UnitKind.COMMUNE
    return queries.Where(commune_ids=(commune_id,), unit_id=None if is_commune else unit.pk, by_unit=by_unit)


# -- targets against their milestones -------------------------------------------------------------------


@dataclass
class TargetProgress:
    target: Target
    indicator: Indicator
    milestone: Milestone | None
    period: Period
    result: Value
    status: Status

    @property
    def share_of_goal(self) -> int:
        """0–100: how much of the milestone the value covers, for the bar chart."""
        if self.result.value is None or self.milestone is None:
            return 0
        target = goal(self.milestone)
        return 100 if not target else int(min(Decimal(100), self.result.value * 100 / target))


def evaluation_period(target: Target, *, year_value: int) -> tuple[Period, Milestone | None]:
    """The year a target is judged on when looking at `year_value`, and that year's milestone."""
    loaded: list[Milestone] | None = getattr(target, "_xaso_milestones", None)
    milestones = loaded if loaded is not None else list(target.milestones.all())
    if not milestones:
        return year(year_value), None
    chosen = next((m for m in milestones if m.year == year_value), None)
    if chosen is None:
        before = [m for m in milestones if m.year < year_value]
        chosen = before[-1] if before else milestones[0]
    judged = chosen.year if chosen.year <= year_value else year_value
    return year(judged), chosen


def _progress(
    plan: Plan, *, unit: OrgUnit, year_value: int, elements: dict[str, Elements], today: dt.date
) -> list[TargetProgress]:
    rows = []
    for target in plan_targets(plan):
        indicator = INDICATORS[target.indicator]
        period, milestone = evaluation_period(target, year_value=year_value)
        result = value_of(indicator, elements[period.key])
        if unit.kind != UnitKind.COMMUNE and target.indicator not in (
            VILLAGE_LEVEL if unit.kind == UnitKind.VILLAGE else UNIT_LEVEL
        ):
            status = Status.COMMUNE_ONLY
        elif milestone is None:
            status = Status.NO_DATA
        elif milestone.year > period.start.year:
            status = Status.NOT_DUE
        else:
            start = max(period.start, plan.issued_on) if plan.issued_on.year == period.start.year else period.start
            status = evaluate(value=result.value, milestone=milestone, start=start, end=period.end, today=today)
        rows.append(TargetProgress(target, indicator, milestone, period, result, status))
    return rows


def _periods_for(plan: Plan, period: Period, year_value: int) -> list[Period]:
    judged = [evaluation_period(t, year_value=year_value)[0] for t in plan_targets(plan)]
    return list(dict.fromkeys([period, *judged]))


def evaluation_year(period: Period, *, today: dt.date) -> int:
    if period.kind == "programme":
        return min(max(today.year, period.start.year), period.end.year)
    return period.start.year


# -- the dashboard -----------------------------------------------------------------------------------------


@dataclass
class UnitRow:
    unit: OrgUnit
    counts: queries.Month


@dataclass
class Dashboard:
    unit: OrgUnit
    commune: OrgUnit
    plan: Plan
    period: Period
    periods: list[Period]
    year: int
    today: dt.date
    targets: list[TargetProgress]
    activity_values: list[Value]
    months: list[tuple[dt.date, queries.Month]]
    units: list[UnitRow]
    idle_tasks: list[IdleTask]
    recent: list[Activity]
    elements: Elements = field(default_factory=dict)
    # The village teams' figures over the period (villages in scope only; empty otherwise).
    villages: list[VillageFigures] = field(default_factory=list)

    @property
    def is_commune(self) -> bool:
        return self.unit.kind == UnitKind.COMMUNE


def programme_dashboard(*, user: UserLike, unit: OrgUnit, period: Period | None, today: dt.date) -> Dashboard | None:
    """The dashboard of a commune or one of its units; None when the commune has no active plan."""
    _check_scope(user, unit)
    commune = unit if unit.kind == UnitKind.COMMUNE else unit.commune
    plan = plan_for(commune=commune)
    if plan is None:
        return None
    whole = programme(plan.start_year, plan.end_year)
    period = period or year(min(max(today.year, plan.start_year), plan.end_year))
    year_value = evaluation_year(period, today=today)
    periods = _periods_for(plan, period, year_value)
    where = _where(unit)
    # Activities exist only inside the programme's years and up to today: one read of the
    # monthly tally over those months serves every period of the page and the chart; one more,
    # unit by unit, gives each unit's share and the villages' own participation.
    scanned = queries.activity_months(where, start=whole.start, end=min(whole.end, today))
    in_scope = OrgUnit.objects.filter(commune=commune, is_active=True).exclude(pk=commune.pk)
    if unit.kind != UnitKind.COMMUNE:
        in_scope = OrgUnit.objects.filter(pk=unit.pk)
    units = list(in_scope.select_related("village_profile").order_by("path"))
    per_unit = queries.unit_totals(where, period=period, residents_in=periods)
    villages = [
        queries.Village(
            unit_id=u.pk,
            commune_id=commune.pk,
            residents=u.village_profile.residents,
            has_loudspeaker=u.village_profile.has_loudspeaker,
            met=per_unit[u.pk][1] if u.pk in per_unit else [0] * len(periods),
        )
        for u in units
        if hasattr(u, "village_profile")
    ]
    context = Context(issued_on={commune.pk: plan.issued_on}, commune_of={}, today=today)
    computed = compute(where, periods=periods, context=context, months=scanned, villages=villages)[commune.pk]
    per_period = dict(zip([p.key for p in periods], computed, strict=True))
    targets = _progress(plan, unit=unit, year_value=year_value, elements=per_period, today=today)

    last_month = min(whole.end, today).replace(day=1)
    months_rows = scanned.get(commune.pk, {})
    # The chart starts when the work did: the plan's issue, or an earlier activity.
    first_month = min([plan.issued_on.replace(day=1), *months_rows])
    months = [(m, months_rows.get(m, queries.Month())) for m in whole.months() if first_month <= m <= last_month]
    unit_rows = sorted(
        (UnitRow(u, per_unit[u.pk][0] if u.pk in per_unit else queries.Month()) for u in units),
        key=lambda row: (-row.counts.activities, row.unit.path),
    )
    return Dashboard(
        unit=unit,
        commune=commune,
        plan=plan,
        period=period,
        periods=periods_of(start_year=plan.start_year, end_year=plan.end_year),
        year=year_value,
        today=today,
        targets=targets,
        activity_values=[value_of(INDICATORS[key], per_period[period.key]) for key in ACTIVITY_INDICATORS],
        months=months,
        units=unit_rows,
        idle_tasks=idle_tasks(plan=plan, unit=unit),
        recent=list(
            where.activities().select_related("unit").order_by("-date_start", "-pk")[:8],
        ),
        elements=per_period[period.key],
        villages=villages_figures(
            villages=[u for u in units if u.kind == UnitKind.VILLAGE],
            start=period.start,
            end=min(period.end, today),
        ),
    )


@dataclass(frozen=True)
class IdleTask:
    code: str
    text: str
    group: str  # the task group's name


IDLE_TASKS_SQL = """
SELECT t.code, t.text, g.key FROM {tasks} t JOIN {groups} g ON g.id = t.group_id
WHERE t.plan_id = %s{for_unit} AND NOT EXISTS (
  SELECT 1 FROM {links} l JOIN {activities} a ON a.id = l.activity_id
  WHERE l.task_id = t.id AND a.status = %s{by_unit})
ORDER BY g.number, t.sort_order, t.id
"""
FOR_UNIT = " AND EXISTS (SELECT 1 FROM {task_units} u WHERE u.task_id = t.id AND u.unit_id = %s)"


def idle_tasks(*, plan: Plan, unit: OrgUnit) -> list[IdleTask]:
    """Tasks with no recorded activity yet: of the whole plan, or those the unit leads or coordinates.

    In SQL (see xaso.indicators.sql): asked on every dashboard view, answered from an index."""
    is_commune = unit.kind == UnitKind.COMMUNE
    statement = IDLE_TASKS_SQL.format(
        tasks=sql.table(Task),
        groups=sql.table(TaskGroup),
        links=sql.table(Activity.tasks.through),
        activities=sql.table(Activity),
        for_unit="" if is_commune else FOR_UNIT.format(task_units=sql.table(TaskUnit)),
        by_unit="" if is_commune else " AND a.unit_id = %s",
    )
    params = [plan.pk, ActivityStatus.RECORDED] if is_commune else [plan.pk, unit.pk, ActivityStatus.RECORDED, unit.pk]
    return [IdleTask(code, text, TaskGroupKey(key).label) for code, text, key in sql.fetch(statement, params)]


# -- one indicator, explained, with each unit's share ----------------------------------------------------


@dataclass
class IndicatorDetail:
    indicator: Indicator
    unit: OrgUnit
    commune: OrgUnit
    plan: Plan
    period: Period
    result: Value
    elements: Elements
    targets: list[TargetProgress]
    by_unit: list[tuple[OrgUnit, Value]]


def indicator_detail(
    *, user: UserLike, unit: OrgUnit, key: str, period: Period | None, today: dt.date
) -> IndicatorDetail | None:
    _check_scope(user, unit)
    indicator = INDICATORS[key]
    commune = unit if unit.kind == UnitKind.COMMUNE else unit.commune
    plan = plan_for(commune=commune)
    if plan is None:
        return None
    period = period or year(min(max(today.year, plan.start_year), plan.end_year))
    year_value = evaluation_year(period, today=today)
    periods = _periods_for(plan, period, year_value)
    context = Context(issued_on={commune.pk: plan.issued_on}, commune_of={}, today=today)
    computed = compute(_where(unit), periods=periods, context=context)[commune.pk]
    per_period = dict(zip([p.key for p in periods], computed, strict=True))
    targets = [
        row
        for row in _progress(plan, unit=unit, year_value=year_value, elements=per_period, today=today)
        if row.target.indicator == key
    ]
    by_unit: list[tuple[OrgUnit, Value]] = []
    if unit.kind == UnitKind.COMMUNE:
        units = list(OrgUnit.objects.filter(commune=commune, is_active=True).exclude(pk=commune.pk).order_by("path"))
        commune_of = {u.pk: commune.pk for u in units}
        context = Context(issued_on={commune.pk: plan.issued_on}, commune_of=commune_of, today=today)
        split = compute(_where(unit, by_unit=True), periods=[period], context=context)
        by_unit = [(u, value_of(indicator, split[u.pk][0])) for u in units]
    return IndicatorDetail(
        indicator=indicator,
        unit=unit,
        commune=commune,
        plan=plan,
        period=period,
        result=value_of(indicator, per_period[period.key]),
        elements=per_period[period.key],
        targets=targets,
        by_unit=by_unit,
    )


# -- the province: every commune at once --------------------------------------------------------------------


@dataclass
class CommuneRow:
    commune: OrgUnit
    plan: Plan | None
    activity_values: list[Value]
    targets: list[TargetProgress]

    def count(self, status: Status) -> int:
        return sum(1 for row in self.targets if row.status == status)


@dataclass
class ProvinceOverview:
    province: OrgUnit | None
    year: int
    today: dt.date
    rows: list[CommuneRow]
    target_codes: list[str]


def province_overview(*, user: UserLike, year_value: int, today: dt.date) -> ProvinceOverview:
    """Every commune the person reads, with its activity counts and each target's status for the year."""
    communes = list(communes_readable(user=user).order_by("path"))
    if not communes:
        return ProvinceOverview(None, year_value, today, [], [])
    plans = {
        plan.commune_id: plan
        for plan in Plan.objects.filter(commune__in=communes, is_active=True)
        .order_by("commune_id", "issued_on", "pk")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("sort_order", "pk").prefetch_related(
                    Prefetch("milestones", queryset=Milestone.objects.order_by("year"))
                ),
            )
        )
    }
    period = year(year_value)
    periods = [period]
    for plan in plans.values():
        periods += _periods_for(plan, period, year_value)
    periods = list(dict.fromkeys(periods))
    where = queries.Where(commune_ids=tuple(c.pk for c in communes))
    context = Context(issued_on={c: p.issued_on for c, p in plans.items()}, commune_of={}, today=today)
    computed = compute(where, periods=periods, context=context)
    rows = []
    codes: list[str] = []
    for commune in communes:
        per_period = dict(zip([p.key for p in periods], computed[commune.pk], strict=True))
        plan = plans.get(commune.pk)
        targets = _progress(plan, unit=commune, year_value=year_value, elements=per_period, today=today) if plan else []
        for row in targets:
            if row.target.code not in codes:
                codes.append(row.target.code)
        rows.append(
            CommuneRow(
                commune=commune,
                plan=plan,
                activity_values=[value_of(INDICATORS[key], per_period[period.key]) for key in ACTIVITY_INDICATORS],
                targets=targets,
            )
        )
    province = OrgUnit.objects.filter(kind=UnitKind.PROVINCE, path=communes[0].path[: OrgUnit.steplen]).first()
    return ProvinceOverview(province, year_value, today, rows, codes)
