"""The data elements of every indicator, for many units and periods in a fixed number of queries.

Each function answers for a set of communes (one commune's dashboard, or every commune
of a province), optionally narrowed to one unit, grouped by commune or by unit, for a
list of periods at once. None of them loops over units or activities in SQL: the
number of queries does not grow with the data (bench/ measures it at two scales).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery, Sum

from xaso.activities.models import PUBLICATION_KINDS, Activity, ActivityMonth, ActivityStatus
from xaso.indicators.periods import Period
from xaso.registers.models import GuidingDocument, Person, ScienceTask, VillageProfile

RECORDED = ActivityStatus.RECORDED


@dataclass(frozen=True)
class Where:
    """Which rows: the activities of `commune_ids`, of one unit if `unit_id`; grouped by commune or unit."""

    commune_ids: tuple[int, ...]
    unit_id: int | None = None
    by_unit: bool = False

    @property
    def key(self) -> str:
        return "unit_id" if self.by_unit else "commune_id"

    def activities(self) -> QuerySet[Activity]:
        rows = Activity.objects.filter(commune_id__in=self.commune_ids, status=RECORDED)
        return rows.filter(unit_id=self.unit_id) if self.unit_id else rows


# -- activities by month ------------------------------------------------------------------------


@dataclass(slots=True)
class Month:
    activities: int = 0
    mass_media: int = 0
    schools: int = 0
    enterprises: int = 0
    commendations: int = 0
    trainings: int = 0
    section: int = 0
    broadcasts: int = 0
    publications: int = 0
    participants: int = 0
    reach: int = 0
    residents: int = 0

    def add(self, other: Month) -> None:
        # Spelled out: this runs for every unit and month of a dashboard.
        self.activities += other.activities
        self.mass_media += other.mass_media
        self.schools += other.schools
        self.enterprises += other.enterprises
        self.commendations += other.commendations
        self.trainings += other.trainings
        self.section += other.section
        self.broadcasts += other.broadcasts
        self.publications += other.publications
        self.participants += other.participants
        self.reach += other.reach
        self.residents += other.residents


MONTH_FIELDS = tuple(Month.__dataclass_fields__)


def _tallies(where: Where, *, start: dt.date, end: dt.date) -> QuerySet[ActivityMonth]:
    rows = ActivityMonth.objects.filter(commune_id__in=where.commune_ids, month__gte=start, month__lte=end)
    return rows.filter(unit_id=where.unit_id) if where.unit_id else rows


def activity_months(where: Where, *, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, Month]]:
    """key -> first day of month -> counts of that month, read from the monthly tally."""
    tallies = _tallies(where, start=start.replace(day=1), end=end).order_by()
    if where.by_unit:
        # The tally's own grain: one row per unit and month, nothing to add up in SQL.
        rows = tallies.values_list("unit_id", "month", *MONTH_FIELDS)
    else:
        rows = tallies.values_list(where.key, "month").annotate(*(Sum(name) for name in MONTH_FIELDS))
    result: dict[int, dict[dt.date, Month]] = defaultdict(dict)
    for key, month, *counts in rows:
        result[key][_as_date(month)] = Month(*(int(value or 0) for value in counts))
    return result


def unit_totals(
    where: Where, *, period: Period, residents_in: Sequence[Period] = ()
) -> dict[int, tuple[Month, list[int]]]:
    """unit -> (counts over `period`: its contribution; residents met in each of `residents_in`)."""
    spans = [period, *residents_in]
    in_period = Q(month__gte=period.start, month__lte=period.end)
    sums = [Sum(name, filter=in_period) for name in MONTH_FIELDS]
    sums += [Sum("residents", filter=Q(month__gte=p.start, month__lte=p.end)) for p in residents_in]
    rows = (
        _tallies(where, start=min(p.start for p in spans), end=max(p.end for p in spans))
        .order_by()
        .values_list("unit_id")
        .annotate(**{f"s{index}": total for index, total in enumerate(sums)})
    )
    size = len(MONTH_FIELDS)
    return {
        unit_id: (Month(*(int(v or 0) for v in counts[:size])), [int(v or 0) for v in counts[size:]])
        for unit_id, *counts in rows
    }


def broadcast_months(commune_ids: Sequence[int], *, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Months in which each commune broadcast on the topic (any unit): the loudspeakers reach every village."""
    rows = (
        ActivityMonth.objects.filter(
            commune_id__in=commune_ids, broadcasts__gt=0, month__gte=start.replace(day=1), month__lte=end
        )
        .order_by()
        .values_list("commune_id", "month")
        .distinct()
    )
    result: dict[int, set[dt.date]] = defaultdict(set)
    for commune_id, month in rows:
        result[commune_id].add(_as_date(month))
    return result


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# -- people: informed, and communication officers trained ---------------------------------------------


@dataclass
class People:
    registered: int = 0
    officers: int = 0
    informed: list[int] = field(default_factory=list)  # per period end
    trained: list[int] = field(default_factory=list)


def people(where: Where, *, ends: Sequence[dt.date]) -> dict[int, People]:
    """Registered officials per key, and how many were informed / trained by each date in `ends`.

    One scan of the people registry: the first attendance, training and acknowledgement of
    each person are kept on the row by the services (registers.models.Person)."""
    rows = Person.objects.filter(commune_id__in=where.commune_ids, is_active=True)
    if where.unit_id:
        rows = rows.filter(unit_id=where.unit_id)
    counts = {
        "registered": Count("pk"),
        "officers": Count("pk", filter=Q(is_communication_officer=True)),
    }
    for index, end in enumerate(ends):
        counts[f"informed_{index}"] = Count(
            "pk",
            filter=Q(first_attended_on__lte=end)
            | Q(first_acknowledged_on__lte=end)
            | Q(first_course_informed_on__lte=end),
        )
        counts[f"trained_{index}"] = Count(
            "pk",
            filter=Q(is_communication_officer=True)
            & (Q(first_trained_on__lte=end) | Q(first_course_trained_on__lte=end)),
        )
    result = {}
    for row in rows.order_by().values(where.key).annotate(**counts):
        result[row[where.key]] = People(
            registered=row["registered"],
            officers=row["officers"],
            informed=[row[f"informed_{i}"] for i in range(len(ends))],
            trained=[row[f"trained_{i}"] for i in range(len(ends))],
        )
    return result


# -- list items provided: guiding documents and science tasks ------------------------------------------


@dataclass
class Provided:
    listed: list[int] = field(default_factory=list)  # per period end
    provided: list[int] = field(default_factory=list)


def _first_publications(where: Where, through: Any, item: str) -> dict[tuple[int, int], dt.date]:
    key, item_field = f"activity__{where.key}", f"{item}_id"
    # Filtered on the list's side: the planner starts from a few dozen items per commune and
    # follows their links, instead of reading every activity of the communes.
    rows = through.objects.filter(
        **{f"{item}__commune_id__in": where.commune_ids},
        activity__status=RECORDED,
        activity__kind__in=PUBLICATION_KINDS,
    )
    if where.unit_id:
        rows = rows.filter(activity__unit_id=where.unit_id)
    firsts = rows.order_by().values(key, item_field).annotate(first=Min("activity__date_start"))
    return {(row[key], row[item_field]): row["first"] for row in firsts}


def _provided(
    where: Where,
    *,
    ends: Sequence[dt.date],
    items: Iterable[tuple[int, int, dt.date]],
    firsts: dict[tuple[int, int], dt.date],
    commune_of: dict[int, int],
) -> dict[int, Provided]:
    """items: (item id, commune id, date from which the item counts)."""
    by_commune: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for item_id, commune_id, since in items:
        by_commune[commune_id].append((item_id, since))
    keys = commune_of.keys() if where.by_unit else where.commune_ids
    result = {}
    for key in keys:
        commune_id = commune_of[key] if where.by_unit else key
        entry = Provided()
        for end in ends:
            due = [item_id for item_id, since in by_commune[commune_id] if since <= end]
            entry.listed.append(len(due))
            entry.provided.append(sum(1 for item_id in due if (first := firsts.get((key, item_id))) and first <= end))
        result[key] = entry
    return result


def _first_publication(where: Where, through: Any, item: str) -> Subquery:
    """The date an item (a document, a science task) was first published, for one item row."""
    links = through.objects.filter(
        **{f"{item}_id": OuterRef("pk")}, activity__status=RECORDED, activity__kind__in=PUBLICATION_KINDS
    )
    if where.unit_id:
        links = links.filter(activity__unit_id=where.unit_id)
    return Subquery(links.order_by("activity__date_start").values("activity__date_start")[:1])


def _list_items(
    where: Where, items: QuerySet[Any], *, through: Any, item: str, since: str
) -> tuple[list[tuple[int, int, dt.date]], dict[tuple[int, int], dt.date]]:
    """Items with the date they count from; and when each key first published each item."""
    if where.by_unit:
        listed = list(items.values_list("pk", "commune_id", since))
        return listed, _first_publications(where, through, item)
    rows = list(
        items.annotate(first=_first_publication(where, through, item)).values_list("pk", "commune_id", since, "first")
    )
    return [(pk, c, s) for pk, c, s, _ in rows], {(c, pk): first for pk, c, _, first in rows if first}


def documents(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    items, firsts = _list_items(
        where,
        GuidingDocument.objects.filter(commune_id__in=where.commune_ids),
        through=Activity.guiding_documents.through,
        item="guidingdocument",
        since="issued_on",
    )
    return _provided(where, ends=ends, items=items, firsts=firsts, commune_of=commune_of)


def science_tasks(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    listed, firsts = _list_items(
        where,
        ScienceTask.objects.filter(commune_id__in=where.commune_ids, is_state_secret=False),
        through=Activity.science_tasks.through,
        item="sciencetask",
        since="start_year",
    )
    items = [(pk, commune_id, dt.date(start, 1, 1)) for pk, commune_id, start in listed]  # type: ignore[arg-type]
    return _provided(where, ends=ends, items=items, firsts=firsts, commune_of=commune_of)


# -- villages: residents and their direct participation -----------------------------------------------


@dataclass
class Village:
    unit_id: int
    commune_id: int
    residents: int
    has_loudspeaker: bool
    met: list[int] = field(default_factory=list)  # residents counted at its own activities, per period


def villages(where: Where, *, periods: Sequence[Period]) -> list[Village]:
    """Villages in scope with their residents, and those met at the village's own activities per period."""
    profiles = VillageProfile.objects.filter(commune_id__in=where.commune_ids)
    if where.unit_id:
        profiles = profiles.filter(unit_id=where.unit_id)
    met = {
        f"met_{i}": Sum(
            "unit__tallies__residents", filter=Q(unit__tallies__month__gte=p.start, unit__tallies__month__lte=p.end)
        )
        for i, p in enumerate(periods)
    }
    rows = profiles.order_by().values("unit_id", "commune_id", "residents", "has_loudspeaker").annotate(**met)
    return [
        Village(
            unit_id=row["unit_id"],
            commune_id=row["commune_id"],
            residents=row["residents"],
            has_loudspeaker=row["has_loudspeaker"],
            met=[int(row[f"met_{i}"] or 0) for i in range(len(periods))],
        )
        for row in rows
    ]
