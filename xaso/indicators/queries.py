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

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from xaso.activities.models import PUBLICATION_KINDS, Activity, ActivityKind, ActivityStatus
from xaso.indicators.periods import Period
from xaso.registers.models import Acknowledgement, GuidingDocument, Person, ScienceTask, VillageProfile

RECORDED = ActivityStatus.RECORDED
SECTION_KINDS = (ActivityKind.NEWS_ARTICLE, ActivityKind.SOCIAL_POST)


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


@dataclass
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


MONTH_AGGREGATES = {
    "activities": Count("pk"),
    "mass_media": Count("pk", filter=Q(serves_mass_media=True)),
    "schools": Count("pk", filter=Q(serves_schools=True)),
    "enterprises": Count("pk", filter=Q(serves_enterprises=True)),
    "commendations": Count("pk", filter=Q(kind=ActivityKind.COMMENDATION)),
    "trainings": Count("pk", filter=Q(kind=ActivityKind.TRAINING)),
    "section": Count("pk", filter=Q(kind__in=SECTION_KINDS)),
    "broadcasts": Count("pk", filter=Q(kind=ActivityKind.LOUDSPEAKER)),
    "publications": Count("pk", filter=Q(kind__in=PUBLICATION_KINDS)),
    "participants": Sum("participants"),
    "reach": Sum("reach"),
}


def activity_months(where: Where, *, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, Month]]:
    """key -> first day of month -> counts of that month (one scan of the activity rows)."""
    rows = (
        where.activities()
        .filter(date_start__gte=start, date_start__lte=end)
        .annotate(month=TruncMonth("date_start"))
        .order_by()
        .values(where.key, "month")
        .annotate(**MONTH_AGGREGATES)
    )
    result: dict[int, dict[dt.date, Month]] = defaultdict(dict)
    for row in rows:
        month = row.pop("month")
        key = row.pop(where.key)
        result[key][_as_date(month)] = Month(**{name: int(value or 0) for name, value in row.items()})
    return result


def broadcast_months(commune_ids: Sequence[int], *, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Months in which each commune broadcast on the topic (any unit): the loudspeakers reach every village."""
    rows = (
        Activity.objects.filter(
            commune_id__in=commune_ids,
            status=RECORDED,
            kind=ActivityKind.LOUDSPEAKER,
            date_start__gte=start,
            date_start__lte=end,
        )
        .annotate(month=TruncMonth("date_start"))
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


# -- activities by unit in one period ----------------------------------------------------------------


def unit_totals(where: Where, *, period: Period) -> dict[int, Month]:
    """unit -> counts for the period: each unit's contribution."""
    rows = (
        where.activities()
        .filter(date_start__gte=period.start, date_start__lte=period.end)
        .order_by()
        .values("unit_id")
        .annotate(**MONTH_AGGREGATES)
    )
    return {row.pop("unit_id"): Month(**{k: int(v or 0) for k, v in row.items()}) for row in rows}


# -- people: informed, and communication officers trained ---------------------------------------------


@dataclass
class People:
    registered: int = 0
    officers: int = 0
    informed: list[int] = field(default_factory=list)  # per period end
    trained: list[int] = field(default_factory=list)


def people(where: Where, *, ends: Sequence[dt.date]) -> dict[int, People]:
    """Registered officials per key, and how many were informed / trained by each date in `ends`.

    Raw SQL because the first attendance of each person must be aggregated before counting
    people: a derived table the ORM cannot express without one correlated subquery per row.
    """
    attendance = Activity.attendees.through._meta.db_table
    communes = ", ".join(["%s"] * len(where.commune_ids))
    informed = ", ".join(f"SUM(CASE WHEN f.informed <= %s THEN 1 ELSE 0 END) AS informed_{i}" for i in range(len(ends)))
    trained = ", ".join(
        f"SUM(CASE WHEN p.is_communication_officer AND f.trained <= %s THEN 1 ELSE 0 END) AS trained_{i}"
        for i in range(len(ends))
    )
    unit_filter = "AND p.unit_id = %s" if where.unit_id else ""
    sql = f"""
        SELECT p.{where.key}, COUNT(*),
               SUM(CASE WHEN p.is_communication_officer THEN 1 ELSE 0 END)
               {", " + informed if ends else ""} {", " + trained if ends else ""}
        FROM {Person._meta.db_table} p
        LEFT JOIN (
            SELECT u.person_id, MIN(u.informed) AS informed, MIN(u.trained) AS trained
            FROM (
                SELECT t.person_id AS person_id, MIN(a.date_start) AS informed,
                       MIN(CASE WHEN a.kind = %s THEN a.date_start END) AS trained
                FROM {attendance} t JOIN {Activity._meta.db_table} a ON a.id = t.activity_id
                WHERE a.status = %s AND a.commune_id IN ({communes})
                GROUP BY t.person_id
                UNION ALL
                SELECT k.person_id, MIN(k.date), NULL
                FROM {Acknowledgement._meta.db_table} k JOIN {Person._meta.db_table} kp ON kp.id = k.person_id
                WHERE kp.commune_id IN ({communes})
                GROUP BY k.person_id
            ) u
            GROUP BY u.person_id
        ) f ON f.person_id = p.id
        WHERE p.is_active = %s AND p.commune_id IN ({communes}) {unit_filter}
        GROUP BY p.{where.key}
    """  # noqa: S608 - table names come from model metadata; every value is a parameter
    params: list[Any] = [*ends, *ends, ActivityKind.TRAINING.value, RECORDED.value, *where.commune_ids]
    params += [*where.commune_ids, True, *where.commune_ids]
    if where.unit_id:
        params.append(where.unit_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    count = len(ends)
    result = {}
    for row in rows:
        values = [int(value or 0) for value in row[1:]]
        result[row[0]] = People(
            registered=values[0],
            officers=values[1],
            informed=values[2 : 2 + count],
            trained=values[2 + count : 2 + 2 * count],
        )
    return result


# -- list items provided: guiding documents and science tasks ------------------------------------------


@dataclass
class Provided:
    listed: list[int] = field(default_factory=list)  # per period end
    provided: list[int] = field(default_factory=list)


def _first_publications(where: Where, through: Any, item_field: str) -> dict[tuple[int, int], dt.date]:
    key = f"activity__{where.key}"
    rows = through.objects.filter(
        activity__commune_id__in=where.commune_ids,
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


def documents(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    items = GuidingDocument.objects.filter(commune_id__in=where.commune_ids).values_list(
        "pk", "commune_id", "issued_on"
    )
    firsts = _first_publications(where, Activity.guiding_documents.through, "guidingdocument_id")
    return _provided(where, ends=ends, items=items, firsts=firsts, commune_of=commune_of)


def science_tasks(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    rows = ScienceTask.objects.filter(commune_id__in=where.commune_ids, is_state_secret=False)
    items = [
        (pk, commune_id, dt.date(start, 1, 1))
        for pk, commune_id, start in rows.values_list("pk", "commune_id", "start_year")
    ]
    firsts = _first_publications(where, Activity.science_tasks.through, "sciencetask_id")
    return _provided(where, ends=ends, items=items, firsts=firsts, commune_of=commune_of)


# -- villages: residents and their direct participation -----------------------------------------------


@dataclass
class Village:
    unit_id: int
    commune_id: int
    residents: int
    has_loudspeaker: bool
    met: list[int] = field(default_factory=list)  # residents who took part in the village's activities, per period


def villages(where: Where, *, periods: Sequence[Period]) -> list[Village]:
    profiles = VillageProfile.objects.filter(commune_id__in=where.commune_ids)
    if where.unit_id:
        profiles = profiles.filter(unit_id=where.unit_id)
    found = [
        Village(unit_id=u, commune_id=c, residents=r, has_loudspeaker=h)
        for u, c, r, h in profiles.values_list("unit_id", "commune_id", "residents", "has_loudspeaker")
    ]
    if not found or not periods:
        return found
    sums = {
        f"met_{i}": Sum("residents", filter=Q(date_start__gte=p.start, date_start__lte=p.end))
        for i, p in enumerate(periods)
    }
    rows = (
        Activity.objects.filter(unit_id__in=[v.unit_id for v in found], status=RECORDED)
        .filter(date_start__gte=min(p.start for p in periods), date_start__lte=max(p.end for p in periods))
        .order_by()
        .values("unit_id")
        .annotate(**sums)
    )
    met = {row["unit_id"]: [int(row[f"met_{i}"] or 0) for i in range(len(periods))] for row in rows}
    for village in found:
        village.met = met.get(village.unit_id, [0] * len(periods))
    return found
