"""What a unit logged in a period, for its report: activities by type and by task, counts,
and its indicator values. Computed for many units at once in a fixed number of queries (the
consolidation reads 30 units, the province 65 communes), and frozen as JSON on submission.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum

from xaso.activities.models import Activity, ActivityKind, ActivityStatus
from xaso.plans.models import Task, TaskGroupKey

COUNTS = ("activities", "participants", "officials", "pupils", "residents", "reach")
GROUP_FLAGS = {
    TaskGroupKey.MASS_MEDIA: "serves_mass_media",
    TaskGroupKey.SCHOOLS: "serves_schools",
    TaskGroupKey.ENTERPRISES: "serves_enterprises",
}


@dataclass(frozen=True, kw_only=True)
class KindCount:
    kind: str
    label: str
    activities: int = 0
    participants: int = 0
    officials: int = 0
    pupils: int = 0
    residents: int = 0
    reach: int = 0


@dataclass(frozen=True, kw_only=True)
class TaskCount:
    code: str
    text: str
    group: str
    activities: int = 0
    participants: int = 0


@dataclass(frozen=True, kw_only=True)
class GroupCount:
    group: str
    label: str
    activities: int = 0


@dataclass(frozen=True, kw_only=True)
class IndicatorFigure:
    key: str
    name: str
    display: str  # "95,5%", "12", "—"
    numerator: int
    denominator: int | None = None


@dataclass(frozen=True, kw_only=True)
class Figures:
    data_start: dt.date
    data_end: dt.date
    kinds: tuple[KindCount, ...] = ()
    tasks: tuple[TaskCount, ...] = ()
    groups: tuple[GroupCount, ...] = ()
    indicators: tuple[IndicatorFigure, ...] = ()
    total: KindCount = field(default_factory=lambda: KindCount(kind="", label="Tổng cộng"))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["data_start"] = self.data_start.isoformat()
        data["data_end"] = self.data_end.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        return cls(
            data_start=dt.date.fromisoformat(data["data_start"]),
            data_end=dt.date.fromisoformat(data["data_end"]),
            kinds=tuple(KindCount(**row) for row in data.get("kinds", ())),
            tasks=tuple(TaskCount(**row) for row in data.get("tasks", ())),
            groups=tuple(GroupCount(**row) for row in data.get("groups", ())),
            indicators=tuple(IndicatorFigure(**row) for row in data.get("indicators", ())),
            total=KindCount(**data["total"]) if data.get("total") else KindCount(kind="", label="Tổng cộng"),
        )


def sum_kinds(rows: Iterable[KindCount], *, kind: str = "", label: str = "Tổng cộng") -> KindCount:
    totals = dict.fromkeys(COUNTS, 0)
    for row in rows:
        for name in COUNTS:
            totals[name] += getattr(row, name)
    return KindCount(kind=kind, label=label, **totals)


def figures_for_units(
    *,
    unit_ids: Sequence[int],
    plan_id: int,
    data_start: dt.date,
    data_end: dt.date,
    indicators: dict[int, tuple[IndicatorFigure, ...]] | None = None,
) -> dict[int, Figures]:
    """unit id -> its figures for the period, in three grouped queries whatever the number of units."""
    activities = Activity.objects.filter(
        unit_id__in=list(unit_ids),
        status=ActivityStatus.RECORDED,
        date_start__gte=data_start,
        date_start__lte=data_end,
    )
    by_kind = (
        activities.order_by()
        .values("unit_id", "kind")
        .annotate(
            n=Count("pk"),
            p=Sum("participants"),
            o=Sum("officials"),
            s=Sum("pupils"),
            r=Sum("residents"),
            v=Sum("reach"),
        )
    )
    kinds: dict[int, list[KindCount]] = defaultdict(list)
    for row in by_kind:
        kinds[row["unit_id"]].append(
            KindCount(
                kind=row["kind"],
                label=ActivityKind(row["kind"]).label,
                activities=row["n"],
                participants=row["p"] or 0,
                officials=row["o"] or 0,
                pupils=row["s"] or 0,
                residents=row["r"] or 0,
                reach=row["v"] or 0,
            )
        )
    by_group = (
        activities.order_by()
        .values("unit_id")
        .annotate(**{key.value: Count("pk", filter=Q(**{flag: True})) for key, flag in GROUP_FLAGS.items()})
    )
    groups = {row.pop("unit_id"): row for row in by_group}
    through = Activity.tasks.through.objects.filter(activity__in=activities)
    by_task = (
        through.order_by()
        .values("activity__unit_id", "task_id")
        .annotate(n=Count("activity_id"), p=Sum("activity__participants"))
    )
    task_info = {
        task.pk: task for task in Task.objects.filter(plan_id=plan_id).select_related("group").order_by("sort_order")
    }
    tasks: dict[int, list[tuple[tuple[int, int, int], TaskCount]]] = defaultdict(list)
    for row in by_task:
        task = task_info.get(row["task_id"])
        if task is None:
            continue
        order = (task.group.number, task.sort_order, task.pk)
        tasks[row["activity__unit_id"]].append(
            (
                order,
                TaskCount(
                    code=task.code,
                    text=task.text,
                    group=task.group.key,
                    activities=row["n"],
                    participants=row["p"] or 0,
                ),
            )
        )
    kind_order = {kind.value: n for n, kind in enumerate(ActivityKind)}
    result = {}
    for unit_id in unit_ids:
        own_kinds = sorted(kinds.get(unit_id, []), key=lambda k: kind_order[k.kind])
        own_groups = groups.get(unit_id, {})
        result[unit_id] = Figures(
            data_start=data_start,
            data_end=data_end,
            kinds=tuple(own_kinds),
            tasks=tuple(count for _, count in sorted(tasks.get(unit_id, []), key=lambda item: item[0])),
            groups=tuple(
                GroupCount(group=key.value, label=key.label, activities=own_groups.get(key.value, 0))
                for key in TaskGroupKey
            ),
            indicators=(indicators or {}).get(unit_id, ()),
            total=sum_kinds(own_kinds),
        )
    return result
