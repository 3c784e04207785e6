"""Every figure counted from the programme's activities, declared once: what is counted, over which
period, from which rows. The dashboard (through its monthly tally), its downloads, the consolidated
report and its annex, the interim and final reviews and the province roll-up all read these
declarations, so that one figure for one period is one number wherever it is printed.

- **Rows**: the activities of the units in scope with status "recorded"; drafts never count.
- **Period**: an activity counts in the period its first day (`date_start`) falls in, even when it
  runs on after the period's end; it never counts twice for spanning two periods.
- **What**: a figure is either the number of *distinct* activities (an activity serving three tasks
  is one activity) or the sum of one of their counts (participants, officials, pupils, residents,
  reach), optionally narrowed to some kinds of activity or to those serving a task group. Figures
  "per task" say so: an activity serving two tasks is counted under each (never added up).

A figure is computed in the database (`figures_count`, `figures_count_by`, or the tally kept by
activities.tally from `TALLIED`), or from a breakdown by kind and group already counted (`Counts`,
e.g. the figures a unit's report froze when it was sent): both read the same declaration.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.aggregates import Aggregate

from xaso.activities.models import PUBLICATION_KINDS, Activity, ActivityKind, ActivityStatus
from xaso.plans.models import TaskGroupKey

Measure = Literal["activities", "participants", "officials", "pupils", "residents", "reach"]
MEASURES: tuple[Measure, ...] = ("activities", "participants", "officials", "pupils", "residents", "reach")
ROWS = "Hoạt động đã ghi nhận của các đơn vị (không tính bản nháp)"
PERIOD = "Hoạt động tính vào kỳ có ngày bắt đầu (ngày thực hiện) của nó; kéo dài sang kỳ sau vẫn chỉ tính một lần"
# The task group an activity serves is kept on its row by activities.services (derived from its tasks).
GROUP_FLAGS: dict[str, str] = {
    TaskGroupKey.MASS_MEDIA: "serves_mass_media",
    TaskGroupKey.SCHOOLS: "serves_schools",
    TaskGroupKey.ENTERPRISES: "serves_enterprises",
}
_MEASURE_WORDS: dict[Measure, str] = {
    "activities": "số hoạt động (mỗi hoạt động một lần)",
    "participants": "tổng số người tham dự ghi trên các hoạt động",
    "officials": "số cán bộ, công chức, viên chức, người lao động tham dự",
    "pupils": "số học sinh tham dự",
    "residents": "số người dân tham dự",
    "reach": "tổng lượt xem, lượt nghe đã biết",
}


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # as a column or a line names it
    unit: str  # the word after the number: "hoạt động", "lượt người", "buổi"
    measure: Measure = "activities"
    kinds: frozenset[str] = frozenset()  # only activities of these kinds (none: every kind)
    serves: str = ""  # only activities serving at least one task of this group

    def condition(self) -> Q:
        """Which recorded activities of the period the figure looks at (beyond status and dates)."""
        query = Q()
        if self.kinds:
            query &= Q(kind__in=sorted(self.kinds))
        if self.serves:
            query &= Q(**{GROUP_FLAGS[self.serves]: True})
        return query

    def aggregate(self) -> Aggregate:
        """The figure as an aggregate over activity rows already narrowed to the rows and period."""
        condition = self.condition() or None
        if self.measure == "activities":
            return Count("pk", filter=condition)
        return Sum(self.measure, filter=condition, default=0)

    def sql(self, alias: str) -> tuple[str, str, list[Any]]:
        """(value, condition, params) in SQL over the activity table aliased `alias`, for the hottest
        reads written in SQL (villages' figures): the same declaration, the same rows."""
        conditions, params = [f"{alias}.status = %s"], [ActivityStatus.RECORDED.value]
        if self.kinds:
            conditions.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += sorted(self.kinds)
        if self.serves:
            conditions.append(f"{alias}.{GROUP_FLAGS[self.serves]}")
        value = "COUNT(*)" if self.measure == "activities" else f"COALESCE(SUM({alias}.{self.measure}), 0)"
        return value, " AND ".join(conditions), params

    @property
    def definition(self) -> str:
        """What is counted, in a sentence (the dashboard's explanations, notes under tables)."""
        words = _MEASURE_WORDS[self.measure]
        if self.kinds:
            labels = ", ".join(f"“{ActivityKind(k).label}”" for k in sorted(self.kinds))
            words += f" của các hoạt động loại {labels}"
        if self.serves:
            words += f" phục vụ ít nhất một nhiệm vụ của nhóm “{TaskGroupKey(self.serves).label}”"
        return f"{words[:1].upper()}{words[1:]}. {PERIOD}."


def _kind(kind: str) -> frozenset[str]:
    return frozenset({kind})


F = Figure
FIGURES: dict[str, Figure] = {
    f.key: f
    for f in (
        F("activities", "Số hoạt động", "hoạt động"),
        F("activities_mass_media", "Hoạt động nhóm 1", "hoạt động", serves=TaskGroupKey.MASS_MEDIA),
        F("activities_schools", "Hoạt động nhóm 2", "hoạt động", serves=TaskGroupKey.SCHOOLS),
        F("activities_enterprises", "Hoạt động nhóm 3", "hoạt động", serves=TaskGroupKey.ENTERPRISES),
        F("participants", "Lượt người tham gia", "lượt người", "participants"),
        F("officials", "Cán bộ, công chức, viên chức, người lao động", "lượt người", "officials"),
        F("pupils", "Học sinh", "lượt học sinh", "pupils"),
        F("residents", "Người dân", "lượt người", "residents"),
        F("reach", "Lượt xem, nghe", "lượt xem, nghe", "reach"),
        F("news_articles", "Tin, bài trên trang thông tin điện tử", "tin, bài", kinds=_kind(ActivityKind.NEWS_ARTICLE)),
        F("social_posts", "Bài đăng mạng xã hội", "bài đăng", kinds=_kind(ActivityKind.SOCIAL_POST)),
        F("broadcasts", "Buổi phát thanh", "buổi phát thanh", kinds=_kind(ActivityKind.LOUDSPEAKER)),
        F("conferences", "Hội nghị, tọa đàm", "hội nghị, tọa đàm", kinds=_kind(ActivityKind.CONFERENCE)),
        F(
            "section_posts",
            "Tin, bài và bài đăng của chuyên mục",
            "tin, bài",
            kinds=frozenset({ActivityKind.NEWS_ARTICLE, ActivityKind.SOCIAL_POST}),
        ),
        F("publications", "Tin, bài, bài đăng, buổi phát thanh", "tin, bài", kinds=frozenset(PUBLICATION_KINDS)),
        F("trainings", "Chương trình đào tạo, bồi dưỡng", "chương trình", kinds=_kind(ActivityKind.TRAINING)),
        F("commendations", "Hoạt động ghi nhận, tôn vinh", "hoạt động", kinds=_kind(ActivityKind.COMMENDATION)),
        F("club_sessions", "Buổi sinh hoạt câu lạc bộ", "buổi", kinds=_kind(ActivityKind.CLUB)),
        F("club_pupils", "Lượt học sinh sinh hoạt câu lạc bộ", "lượt học sinh", "pupils", _kind(ActivityKind.CLUB)),
        F(
            "school_events",
            "Cuộc thi, diễn đàn trong trường học",
            "cuộc thi, diễn đàn",
            kinds=_kind(ActivityKind.CONTEST),
        ),
        F(
            "school_event_pupils",
            "Lượt học sinh dự thi, dự diễn đàn",
            "lượt học sinh",
            "pupils",
            _kind(ActivityKind.CONTEST),
        ),
        F(
            "enterprise_sessions",
            "Buổi phổ biến cho doanh nghiệp",
            "buổi",
            kinds=_kind(ActivityKind.ENTERPRISE_SESSION),
        ),
        F(
            "enterprise_participants",
            "Lượt người dự phổ biến cho doanh nghiệp",
            "lượt người",
            "participants",
            _kind(ActivityKind.ENTERPRISE_SESSION),
        ),
        F("showcases", "Mô hình, sáng kiến được giới thiệu", "mô hình, sáng kiến", kinds=_kind(ActivityKind.SHOWCASE)),
        F("support_visits", "Buổi hỗ trợ của tổ công nghệ số", "buổi", kinds=_kind(ActivityKind.DIGITAL_SUPPORT)),
        # A support visit records the households it helped as its residents (villages.services).
        F("households_helped", "Lượt hộ được hỗ trợ", "lượt hộ", "residents", _kind(ActivityKind.DIGITAL_SUPPORT)),
    )
}

# The columns of the monthly tally (activities.ActivityMonth) and the figure each one keeps.
TALLIED: dict[str, str] = {
    "activities": "activities",
    "mass_media": "activities_mass_media",
    "schools": "activities_schools",
    "enterprises": "activities_enterprises",
    "commendations": "commendations",
    "trainings": "trainings",
    "section": "section_posts",
    "broadcasts": "broadcasts",
    "publications": "publications",
    "participants": "participants",
    "reach": "reach",
    "residents": "residents",
}


def in_period(rows: QuerySet[Activity], *, start: dt.date, end: dt.date) -> QuerySet[Activity]:
    """The rows and the period every figure counts: recorded activities that began in [start, end]."""
    return rows.filter(status=ActivityStatus.RECORDED, date_start__gte=start, date_start__lte=end)


# -- counted figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindRow:
    """One kind of activity: how many, and the sums of their counts."""

    kind: str
    activities: int = 0
    participants: int = 0
    officials: int = 0
    pupils: int = 0
    residents: int = 0
    reach: int = 0

    @property
    def label(self) -> str:
        return str(ActivityKind(self.kind).label)

    def __add__(self, other: KindRow) -> KindRow:
        return KindRow(self.kind, *(getattr(self, m) + getattr(other, m) for m in MEASURES))


@dataclass(frozen=True)
class TaskRow:
    """A task of the plan: the activities serving it (per task) and their participants."""

    task_id: int
    activities: int = 0
    participants: int = 0
    units: frozenset[int] = frozenset()  # the units whose activities served it

    def __add__(self, other: TaskRow) -> TaskRow:
        return TaskRow(
            self.task_id,
            self.activities + other.activities,
            self.participants + other.participants,
            self.units | other.units,
        )


@dataclass(frozen=True)
class Counts:
    """The figures of some rows over a period, as a breakdown every figure is read from: by kind of
    activity (each activity has one kind, so kinds add up to the whole), by task group (distinct
    activities serving the group) and per task."""

    kinds: Mapping[str, KindRow] = field(default_factory=dict)
    groups: Mapping[str, int] = field(default_factory=dict)
    tasks: Mapping[int, TaskRow] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        figure = FIGURES[key]
        if figure.serves:
            # Group figures are distinct activities; they are kept as counted, never derived from tasks.
            assert figure.measure == "activities", figure
            assert not figure.kinds, figure
            return self.groups.get(figure.serves, 0)
        rows = self.kinds.values() if not figure.kinds else [self.kinds[k] for k in figure.kinds if k in self.kinds]
        return sum(getattr(row, figure.measure) for row in rows)

    def kind(self, kind: str) -> KindRow:
        return self.kinds.get(kind, KindRow(kind))

    def kind_rows(self) -> list[KindRow]:
        """The kinds that have activities, in the order of ActivityKind."""
        return [self.kinds[kind] for kind in ActivityKind.values if kind in self.kinds and self.kinds[kind].activities]

    def total(self) -> KindRow:
        return KindRow("", *(self[m] for m in MEASURES))

    def task(self, task_id: int) -> TaskRow:
        return self.tasks.get(task_id, TaskRow(task_id))

    def __add__(self, other: Counts) -> Counts:
        """Counts of disjoint rows (two units' activities) put together."""
        kinds = dict(self.kinds)
        for kind, kind_row in other.kinds.items():
            kinds[kind] = kinds[kind] + kind_row if kind in kinds else kind_row
        groups = dict(self.groups)
        for group, n in other.groups.items():
            groups[group] = groups.get(group, 0) + n
        tasks = dict(self.tasks)
        for task_id, task_row in other.tasks.items():
            tasks[task_id] = tasks[task_id] + task_row if task_id in tasks else task_row
        return Counts(kinds=kinds, groups=groups, tasks=tasks)


def counts_sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for part in counts:
        total = total + part
    return total


def figures_count(*, rows: QuerySet[Activity], start: dt.date, end: dt.date) -> Counts:
    """The figures of `rows` (already narrowed to the reader's scope and place) over [start, end]."""
    return figures_count_by(rows=rows, start=start, end=end, by="").get(0, Counts())


def figures_count_by(*, rows: QuerySet[Activity], start: dt.date, end: dt.date, by: str) -> dict[int, Counts]:
    """The figures of `rows` over [start, end] grouped by a column ("unit_id", "commune_id"; "" for
    none, keyed 0), in three grouped queries whatever the number of groups and activities."""
    counted = in_period(rows, start=start, end=end).order_by()
    keys = [by] if by else []
    kinds: dict[int, dict[str, KindRow]] = defaultdict(dict)
    measures: dict[str, Aggregate] = {m: FIGURES[m].aggregate() for m in MEASURES}
    for row in counted.values(*keys, "kind").annotate(**measures):
        key = row[by] if by else 0
        kinds[key][row["kind"]] = KindRow(row["kind"], *(int(row[m]) for m in MEASURES))
    groups: dict[int, dict[str, int]] = defaultdict(dict)
    group_figures = {g: FIGURES[key].aggregate() for key, g in _GROUP_FIGURES.items()}
    grouped = counted.values(*keys).annotate(**group_figures) if by else [counted.aggregate(**group_figures)]
    for row in grouped:
        groups[row[by] if by else 0] = {g: int(row[g]) for g in group_figures}
    tasks: dict[int, dict[int, TaskRow]] = defaultdict(dict)
    through = Activity.tasks.through.objects.filter(activity__in=counted)
    task_keys = [f"activity__{by}"] if by else []
    # Per task: a (task, activity) link is unique, so each activity counts once under each task it serves.
    for row in (
        through.order_by()
        .values(*task_keys, "task_id")
        .annotate(n=Count("activity_id"), p=Sum("activity__participants"))
    ):
        key = row[f"activity__{by}"] if by else 0
        tasks[key][row["task_id"]] = TaskRow(row["task_id"], int(row["n"]), int(row["p"] or 0))
    return {
        key: Counts(kinds=kinds.get(key, {}), groups=groups.get(key, {}), tasks=tasks.get(key, {}))
        for key in set(kinds) | set(groups) | set(tasks)
    }


_GROUP_FIGURES = {key: figure.serves for key, figure in FIGURES.items() if figure.serves}
