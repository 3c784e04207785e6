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

from django.db.models import Model, Q, QuerySet, Sum

from xaso.activities.models import PUBLICATION_KINDS, Activity, ActivityMonth, ActivityStatus
from xaso.indicators import sql
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


def _tally_read(
    select: str, where: Where, *, start: dt.date, end: dt.date, group_by: str, params: list[Any]
) -> list[Any]:
    """Rows of the monthly tally of `where` between two months, in SQL (see xaso.indicators.sql)."""
    statement = f"SELECT {select} FROM {sql.table(ActivityMonth)} WHERE commune_id IN ({sql.marks(where.commune_ids)}) AND month >= %s AND month <= %s"  # noqa: S608
    params = [*params, *where.commune_ids, sql.day(start), sql.day(end)]
    if where.unit_id:
        statement += " AND unit_id = %s"
        params.append(where.unit_id)
    if group_by:
        statement += f" GROUP BY {group_by}"
    return sql.fetch(statement, params)


def activity_months(where: Where, *, start: dt.date, end: dt.date) -> dict[int, dict[dt.date, Month]]:
    """key -> first day of month -> counts of that month, read from the monthly tally."""
    if where.by_unit:
        # The tally's own grain: one row per unit and month, nothing to add up in SQL.
        select, group_by = ", ".join(["unit_id", "month", *MONTH_FIELDS]), ""
    else:
        select = ", ".join([where.key, "month", *(f"SUM({name})" for name in MONTH_FIELDS)])
        group_by = f"{where.key}, month"
    rows = _tally_read(select, where, start=start.replace(day=1), end=end, group_by=group_by, params=[])
    result: dict[int, dict[dt.date, Month]] = defaultdict(dict)
    for key, month, *counts in rows:
        result[key][_as_date(month)] = Month(*(int(value or 0) for value in counts))
    return result


def unit_totals(
    where: Where, *, period: Period, residents_in: Sequence[Period] = ()
) -> dict[int, tuple[Month, list[int]]]:
    """unit -> (counts over `period`: its contribution; residents met in each of `residents_in`)."""
    spans = [period, *residents_in]
    within = "FILTER (WHERE month >= %s AND month <= %s)"
    sums = [f"SUM({name}) {within}" for name in MONTH_FIELDS] + [f"SUM(residents) {within}" for _ in residents_in]
    params: list[Any] = []
    for span in [period] * len(MONTH_FIELDS) + list(residents_in):
        params += [sql.day(span.start), sql.day(span.end)]
    rows = _tally_read(
        ", ".join(["unit_id", *sums]),
        where,
        start=min(p.start for p in spans),
        end=max(p.end for p in spans),
        group_by="unit_id",
        params=params,
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


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    # SQLite returns a computed date (MIN over a column) as text; PostgreSQL as a date.
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
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
    each person are kept on the row by the services (registers.models.Person). In SQL for the
    same reason as the tally reads."""
    informed = "COUNT(*) FILTER (WHERE first_attended_on <= %s OR first_acknowledged_on <= %s OR first_course_informed_on <= %s)"
    trained = (
        "COUNT(*) FILTER (WHERE is_communication_officer AND (first_trained_on <= %s OR first_course_trained_on <= %s))"
    )
    select = [where.key, "COUNT(*)", "COUNT(*) FILTER (WHERE is_communication_officer)"]
    params: list[Any] = []
    for end in ends:
        select += [informed, trained]
        params += [sql.day(end)] * 5
    statement = f"SELECT {', '.join(select)} FROM {sql.table(Person)} WHERE is_active AND commune_id IN ({sql.marks(where.commune_ids)})"  # noqa: S608
    params += where.commune_ids
    if where.unit_id:
        statement += " AND unit_id = %s"
        params.append(where.unit_id)
    result = {}
    for key, registered, officers, *counts in sql.fetch(f"{statement} GROUP BY {where.key}", params):
        result[key] = People(registered=registered, officers=officers, informed=counts[0::2], trained=counts[1::2])
    return result


# -- list items provided: guiding documents and science tasks ------------------------------------------


@dataclass
class Provided:
    listed: list[int] = field(default_factory=list)  # per period end
    provided: list[int] = field(default_factory=list)


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


@dataclass(frozen=True)
class ItemList:
    """A register whose items count once published: guiding documents, state-funded science tasks."""

    items: type[Model]
    through: Any  # the activities' link table to the items
    item: str  # the link table's column for the item, without "_id"
    since: str  # the item's column holding when it starts to count
    condition: str = ""  # more SQL on the item row `i`, if only some items count


def _list_items(where: Where, register: ItemList) -> tuple[list[tuple[int, int, Any]], dict[tuple[int, int], dt.date]]:
    """Items with the date they count from; and when each key first published each item (SQL)."""
    kinds = sorted(PUBLICATION_KINDS)
    published = f"a.status = %s AND a.kind IN ({sql.marks(kinds)})" + (" AND a.unit_id = %s" if where.unit_id else "")
    published_params = [RECORDED, *kinds, *([where.unit_id] if where.unit_id else [])]
    links = f"{sql.table(register.through)} t JOIN {sql.table(Activity)} a ON a.id = t.activity_id"
    in_communes = f"i.commune_id IN ({sql.marks(where.commune_ids)}){register.condition}"
    if where.by_unit:
        listed = sql.fetch(
            f"SELECT i.id, i.commune_id, i.{register.since} FROM {sql.table(register.items)} i WHERE {in_communes}",  # noqa: S608
            where.commune_ids,
        )
        firsts = sql.fetch(
            f"SELECT a.unit_id, t.{register.item}_id, MIN(a.date_start) FROM {links}"  # noqa: S608
            f" JOIN {sql.table(register.items)} i ON i.id = t.{register.item}_id"
            f" WHERE {published} AND {in_communes} GROUP BY a.unit_id, t.{register.item}_id",
            [*published_params, *where.commune_ids],
        )
        return [tuple(row) for row in listed], {(unit, pk): _as_date(first) for unit, pk, first in firsts}
    rows = sql.fetch(
        f"SELECT i.id, i.commune_id, i.{register.since},"  # noqa: S608
        f" (SELECT MIN(a.date_start) FROM {links} WHERE t.{register.item}_id = i.id AND {published})"
        f" FROM {sql.table(register.items)} i WHERE {in_communes}",
        [*published_params, *where.commune_ids],
    )
    return [(pk, c, s) for pk, c, s, _ in rows], {(c, pk): _as_date(first) for pk, c, _, first in rows if first}


DOCUMENTS = ItemList(GuidingDocument, Activity.guiding_documents.through, item="guidingdocument", since="issued_on")
SCIENCE_TASKS = ItemList(
    ScienceTask,
    Activity.science_tasks.through,
    item="sciencetask",
    since="start_year",
    condition=" AND NOT i.is_state_secret",  # secret tasks are never communicated
)


def documents(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    items, firsts = _list_items(where, DOCUMENTS)
    return _provided(where, ends=ends, items=items, firsts=firsts, commune_of=commune_of)


def science_tasks(where: Where, *, ends: Sequence[dt.date], commune_of: dict[int, int]) -> dict[int, Provided]:
    listed, firsts = _list_items(where, SCIENCE_TASKS)
    items = [(pk, commune_id, dt.date(start, 1, 1)) for pk, commune_id, start in listed]
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
