"""Which plans, targets and tasks a person may read or change."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from xaso.plans.models import Milestone, Plan, Target, Task, TaskGroup, TaskUnit
from xaso.units.selectors import UserLike, communes_readable, scope_for


def plans_readable(*, user: UserLike) -> QuerySet[Plan]:
    return Plan.objects.filter(commune__in=communes_readable(user=user))


def plans_editable(*, user: UserLike) -> QuerySet[Plan]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Plan.objects.all()
    return Plan.objects.filter(commune_id__in=scope.owned_commune_ids)


def targets_readable(*, user: UserLike) -> QuerySet[Target]:
    return Target.objects.filter(plan__in=plans_readable(user=user))


def targets_editable(*, user: UserLike) -> QuerySet[Target]:
    return Target.objects.filter(plan__in=plans_editable(user=user))


def task_groups_readable(*, user: UserLike) -> QuerySet[TaskGroup]:
    return TaskGroup.objects.filter(plan__in=plans_readable(user=user))


def task_groups_editable(*, user: UserLike) -> QuerySet[TaskGroup]:
    return TaskGroup.objects.filter(plan__in=plans_editable(user=user))


def tasks_readable(*, user: UserLike) -> QuerySet[Task]:
    return Task.objects.filter(plan__in=plans_readable(user=user))


def tasks_editable(*, user: UserLike) -> QuerySet[Task]:
    return Task.objects.filter(plan__in=plans_editable(user=user))


def plan_default(*, commune_code: str | None = None) -> Plan | None:
    """The programme a commune runs now: its active plan issued most recently."""
    plans = Plan.objects.filter(is_active=True)
    if commune_code:
        plans = plans.filter(commune__code=commune_code)
    return plans.order_by("-issued_on", "-pk").first()


def plan_full(*, plan_id: int) -> Plan:
    """A plan with everything needed to show or export it, in a fixed number of queries."""
    return (
        Plan.objects.select_related("commune", "reporting_via", "reporting_recipient")
        .prefetch_related(
            "legal_bases",
            "purposes",
            "funding_sources",
            "responsibilities__unit",
            "reporting_deadlines",
            "recipients__unit",
            Prefetch(
                "targets",
                queryset=Target.objects.prefetch_related(
                    Prefetch("milestones", queryset=Milestone.objects.order_by("year"))
                ),
            ),
            Prefetch(
                "task_groups",
                queryset=TaskGroup.objects.prefetch_related(
                    Prefetch(
                        "tasks",
                        queryset=Task.objects.order_by("sort_order", "pk").prefetch_related(
                            Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit"))
                        ),
                    )
                ),
            ),
        )
        .get(pk=plan_id)
    )
