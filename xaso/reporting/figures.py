"""What a unit logged in a period, for its report: activities by type and by task, counts,
and its indicator values, as xaso.indicators.figures declares them. Computed for many units at
once in a fixed number of queries (the consolidation reads 30 units, the province 65 communes),
and frozen as JSON on submission.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from xaso.activities.models import Activity
from xaso.indicators.figures import MEASURES, Counts, KindRow, TaskRow, figures_count_by
from xaso.plans.models import Task, TaskGroupKey

COUNTS = MEASURES


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

    def counts(self, *, task_ids: Mapping[str, int], unit_id: int) -> Counts:
        """The frozen figures of the unit `unit_id` as the breakdown every figure is read from (tasks by
        id: `task_ids` maps the plan's task codes to ids; a task no longer in the plan is left out)."""
        return Counts(
            kinds={row.kind: KindRow(row.kind, *(getattr(row, m) for m in COUNTS)) for row in self.kinds},
            groups={row.group: row.activities for row in self.groups},
            tasks={
                task_ids[row.code]: TaskRow(task_ids[row.code], row.activities, row.participants, frozenset({unit_id}))
                for row in self.tasks
                if row.code in task_ids
            },
        )

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
    totals: dict[str, int] = dict.fromkeys(COUNTS, 0)
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
    """unit id -> its figures for the period (xaso.indicators.figures), in three grouped queries
    whatever the number of units."""
    counted = figures_count_by(
        rows=Activity.objects.filter(unit_id__in=list(unit_ids)), start=data_start, end=data_end, by="unit_id"
    )
    task_info = {
        task.pk: task for task in Task.objects.filter(plan_id=plan_id).select_related("group").order_by("sort_order")
    }
    result = {}
    for unit_id in unit_ids:
        counts = counted.get(unit_id, Counts())
        kinds = tuple(
            KindCount(
                kind=row.kind,
                label=row.label,
                activities=row.activities,
                participants=row.participants,
                officials=row.officials,
                pupils=row.pupils,
                residents=row.residents,
                reach=row.reach,
            )
            for row in counts.kind_rows()
        )
        served = sorted(
            (task_info[task_id] for task_id in counts.tasks if task_id in task_info),
            key=lambda task: (task.group.number, task.sort_order, task.pk),
        )
        result[unit_id] = Figures(
            data_start=data_start,
            data_end=data_end,
            kinds=kinds,
            tasks=tuple(
                TaskCount(
                    code=task.code,
                    text=task.text,
                    group=task.group.key,
                    activities=counts.task(task.pk).activities,
                    participants=counts.task(task.pk).participants,
                )
                for task in served
            ),
            groups=tuple(
                GroupCount(group=key.value, label=key.label, activities=counts.groups.get(key.value, 0))
                for key in TaskGroupKey
            ),
            indicators=(indicators or {}).get(unit_id, ()),
            total=sum_kinds(kinds),
        )
    return result
