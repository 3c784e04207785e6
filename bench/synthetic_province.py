"""A synthetic province on PostgreSQL for the dashboard benchmark (not a test).

Builds, under its own province unit, `communes` communes of `units` units each, every commune
with a copy of the seed plan's structure, a registry of officials, villages, guiding documents
and S&T tasks, and activities spread over five years, loaded with COPY: a million activities
take a few minutes. Deterministic (seeded). Rows are written directly, without the services:
the generator keeps their rules itself (counts, sub-counts, commune, task groups).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from xaso.activities.models import Activity, ActivityKind, ActivityMonth, Audience
from xaso.activities.services import people_refresh_attended
from xaso.activities.tally import tally_rebuild
from xaso.plans.models import Milestone, Plan, Target, Task, TaskGroup
from xaso.registers.models import Acknowledgement, GuidingDocument, Person, ScienceTask, VillageProfile
from xaso.registers.services import people_refresh_acknowledged
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.services import unit_create

FIRST_DAY = dt.date(2025, 1, 1)
YEARS = 5
KIND_WEIGHTS = {
    ActivityKind.NEWS_ARTICLE: 20,
    ActivityKind.SOCIAL_POST: 20,
    ActivityKind.LOUDSPEAKER: 15,
    ActivityKind.CONFERENCE: 8,
    ActivityKind.TRAINING: 2,
    ActivityKind.EXTRACURRICULAR: 8,
    ActivityKind.CLUB: 5,
    ActivityKind.CONTEST: 1,
    ActivityKind.ENTERPRISE_SESSION: 4,
    ActivityKind.SHOWCASE: 2,
    ActivityKind.COMMENDATION: 1,
    ActivityKind.DIGITAL_SUPPORT: 10,
    ActivityKind.OTHER: 4,
}
UNIT_MIX = [UnitKind.OFFICE] * 6 + [UnitKind.SCHOOL] * 4 + [UnitKind.VILLAGE] * 12
UNIT_MIX += [UnitKind.ENTERPRISE] * 4 + [UnitKind.ORGANISATION] * 4
PEOPLE_PER_UNIT = 10


@dataclass(frozen=True)
class Scale:
    code: str
    communes: int
    units: int
    activities_per_unit: int  # over the five years

    @property
    def activities(self) -> int:
        return self.communes * self.units * self.activities_per_unit


def exists(scale: Scale) -> bool:
    return OrgUnit.objects.filter(code=scale.code).exists()


@transaction.atomic
def generate(scale: Scale, *, seed_plan: Plan, log: Callable[[str], None]) -> OrgUnit:
    """Everything in one transaction: an interrupted run leaves no half province behind."""
    rng = random.Random(scale.code)
    started = time.perf_counter()
    province = unit_create(code=scale.code, name=f"Tỉnh thử nghiệm {scale.code}", kind=UnitKind.PROVINCE)
    communes = []
    for c in range(scale.communes):
        commune = unit_create(code=f"{scale.code}-x{c}", name=f"Xã Thử {c}", kind=UnitKind.COMMUNE, parent=province)
        communes.append(commune)
        for u in range(scale.units):
            kind = UNIT_MIX[u % len(UNIT_MIX)]
            unit_create(code=f"{scale.code}-x{c}-u{u}", name=f"Đơn vị {u} xã {c}", kind=kind, parent=commune)
    log(f"  đơn vị: {len(communes)} xã × {scale.units} đơn vị ({time.perf_counter() - started:.0f} s)")
    units = list(OrgUnit.objects.filter(commune__in=communes).exclude(kind=UnitKind.COMMUNE).order_by("pk"))
    by_commune: dict[int, list[OrgUnit]] = {}
    for unit in units:
        by_commune.setdefault(unit.commune_id, []).append(unit)

    tasks_by_commune = _plans(communes, seed_plan)
    log(f"  kế hoạch: {len(communes)} bản sao ({time.perf_counter() - started:.0f} s)")
    people_by_commune = _registers(communes, by_commune, rng)
    log(f"  danh mục: cán bộ, thôn, văn bản, nhiệm vụ KH&CN ({time.perf_counter() - started:.0f} s)")
    _activities(scale, communes, by_commune, tasks_by_commune, people_by_commune, rng, log, started)
    # What the services keep on every write, done once for the rows COPY wrote directly.
    people = [pk for ids in people_by_commune.values() for pk in ids]
    for offset in range(0, len(people), 5000):
        people_refresh_attended(person_ids=people[offset : offset + 5000])
        people_refresh_acknowledged(person_ids=people[offset : offset + 5000])
    tallies = tally_rebuild(commune_ids=[c.pk for c in communes])
    log(f"  sổ cán bộ và {tallies} dòng tổng hợp theo tháng ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        for model in (Activity, ActivityMonth, Person):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
        for table in (
            Activity.tasks.through._meta.db_table,
            Activity.attendees.through._meta.db_table,
            Activity.guiding_documents.through._meta.db_table,
        ):
            cursor.execute(f"ANALYZE {table}")
    log(f"  xong sau {time.perf_counter() - started:.0f} s")
    return province


def _plans(communes: list[OrgUnit], seed: Plan) -> dict[int, list[tuple[int, str]]]:
    """A copy of the seed plan's targets, milestones, groups and tasks for every commune."""
    targets = list(seed.targets.prefetch_related("milestones").order_by("sort_order"))
    groups = list(seed.task_groups.order_by("number"))
    tasks = list(seed.tasks.select_related("group").order_by("group__number", "sort_order"))
    plans = Plan.objects.bulk_create(
        [
            Plan(
                commune=commune,
                code=seed.code,
                issuer=f"UBND {commune.name}",
                issuer_header=seed.issuer_header,
                place=commune.name,
                issued_on=seed.issued_on,
                title=seed.title,
                start_year=seed.start_year,
                end_year=seed.end_year,
                general_objective=seed.general_objective,
                funding_text=seed.funding_text,
                reporting_text=seed.reporting_text,
            )
            for commune in communes
        ]
    )
    new_targets = Target.objects.bulk_create(
        [
            Target(
                plan=plan,
                code=t.code,
                sort_order=t.sort_order,
                period_start=t.period_start,
                period_end=t.period_end,
                text=t.text,
                indicator=t.indicator,
            )
            for plan in plans
            for t in targets
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                target=new, year=m.year, value=m.value, unit=m.unit, comparison=m.comparison, sort_order=m.sort_order
            )
            for new, old in zip(new_targets, [t for _ in plans for t in targets], strict=True)
            for m in old.milestones.all()
        ]
    )
    new_groups = TaskGroup.objects.bulk_create(
        [TaskGroup(plan=plan, number=g.number, key=g.key, title=g.title) for plan in plans for g in groups]
    )
    group_of = {(g.plan_id, g.number): g for g in new_groups}
    new_tasks = Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                group=group_of[(plan.pk, t.group.number)],
                code=t.code,
                sort_order=t.sort_order,
                text=t.text,
                recurrence=t.recurrence,
            )
            for plan in plans
            for t in tasks
        ]
    )
    commune_of_plan = {plan.pk: plan.commune_id for plan in plans}
    result: dict[int, list[tuple[int, str]]] = {}
    for task in new_tasks:
        result.setdefault(commune_of_plan[task.plan_id], []).append((task.pk, task.group.key))
    return result


def _registers(
    communes: list[OrgUnit], by_commune: dict[int, list[OrgUnit]], rng: random.Random
) -> dict[int, list[int]]:
    people = [
        Person(
            commune_id=commune.pk,
            unit=unit,
            full_name=f"Người {unit.pk}-{n}",
            category=("cadre", "civil_servant", "public_employee", "worker")[n % 4],
            is_communication_officer=n == 0 and unit.kind == UnitKind.OFFICE,
        )
        for commune in communes
        for unit in by_commune[commune.pk]
        if unit.kind != UnitKind.VILLAGE
        for n in range(PEOPLE_PER_UNIT)
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    Acknowledgement.objects.bulk_create(
        [
            Acknowledgement(person=p, date=FIRST_DAY + dt.timedelta(days=rng.randrange(365 * YEARS)))
            for p in people
            if rng.random() < 0.05
        ],
        batch_size=5000,
    )
    VillageProfile.objects.bulk_create(
        [
            VillageProfile(
                commune_id=commune.pk,
                unit=unit,
                households=rng.randint(50, 200),
                residents=rng.randint(200, 900),
                has_loudspeaker=rng.random() < 0.8,
            )
            for commune in communes
            for unit in by_commune[commune.pk]
            if unit.kind == UnitKind.VILLAGE
        ]
    )
    GuidingDocument.objects.bulk_create(
        [
            GuidingDocument(
                commune=commune, code=f"VB-{n}", issued_on=dt.date(2025, 1 + n, 1), issuer="Chính phủ", title="Văn bản"
            )
            for commune in communes
            for n in range(6)
        ]
    )
    ScienceTask.objects.bulk_create(
        [
            ScienceTask(commune=commune, code=f"KHCN-{n}", title="Nhiệm vụ", start_year=2026 + n, end_year=2028 + n)
            for commune in communes
            for n in range(3)
        ]
    )
    result: dict[int, list[int]] = {}
    for person in people:
        result.setdefault(person.commune_id, []).append(person.pk)
    return result


def _activities(
    scale: Scale,
    communes: list[OrgUnit],
    by_commune: dict[int, list[OrgUnit]],
    tasks_by_commune: dict[int, list[tuple[int, str]]],
    people_by_commune: dict[int, list[int]],
    rng: random.Random,
    log: Callable[[str], None],
    started: float,
) -> None:
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    audiences = [audience.value for audience in Audience]
    documents = {c: list(GuidingDocument.objects.filter(commune_id=c).values_list("pk", flat=True)) for c in by_commune}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Activity._meta.db_table}")
        next_id = int(cursor.fetchone()[0]) + 1
    first_id = next_id
    tasks_rows: list[tuple[int, int]] = []
    attendee_rows: list[tuple[int, int]] = []
    document_rows: list[tuple[int, int]] = []
    now = timezone.now()
    days = (dt.date(FIRST_DAY.year + YEARS, 1, 1) - FIRST_DAY).days

    def rows() -> Iterator[tuple[object, ...]]:
        nonlocal next_id
        # Round after round, one activity per unit of every commune: a commune's rows end up
        # spread over the whole table, as when communes log day after day, not clustered.
        for _ in range(scale.activities_per_unit):
            for commune in communes:
                plan_tasks = tasks_by_commune[commune.pk]
                people = people_by_commune[commune.pk]
                for unit in by_commune[commune.pk]:
                    kind = rng.choices(kinds, weights)[0]
                    chosen = rng.sample(plan_tasks, rng.choice((1, 1, 2)))
                    groups = {key for _, key in chosen}
                    participants = 0 if kind in ("news_article", "social_post", "loudspeaker") else rng.randint(5, 150)
                    officials = rng.randint(0, participants // 2)
                    pupils = rng.randint(0, (participants - officials) // 2)
                    residents = participants - officials - pupils
                    reach = rng.randint(50, 3000) if participants == 0 else None
                    day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
                    activity_id = next_id
                    next_id += 1
                    tasks_rows.extend((activity_id, task_id) for task_id, _ in chosen)
                    if kind in ("conference", "training") and officials >= 3:
                        attendee_rows.extend((activity_id, p) for p in rng.sample(people, 3))
                    if participants == 0 and rng.random() < 0.01:
                        document_rows.append((activity_id, rng.choice(documents[commune.pk])))
                    yield (
                        activity_id,
                        commune.pk,
                        unit.pk,
                        kind,
                        "recorded" if rng.random() < 0.97 else "draft",
                        f"Hoạt động {activity_id}",
                        "",
                        day,
                        None,
                        rng.choice(audiences),
                        participants,
                        officials,
                        pupils,
                        residents,
                        reach,
                        "",
                        "mass_media" in groups,
                        "schools" in groups,
                        "enterprises" in groups,
                        now,
                        now,
                    )

    columns = (
        "id, commune_id, unit_id, kind, status, title, description, date_start, date_end, audience, participants, "
        "officials, pupils, residents, reach, url, serves_mass_media, serves_schools, serves_enterprises, "
        "created_at, updated_at"
    )
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {Activity._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows():
                copy.write_row(row)
        log(f"  hoạt động: {next_id - first_id} dòng ({time.perf_counter() - started:.0f} s)")
        for through, left, right, data in (
            (Activity.tasks.through, "activity_id", "task_id", tasks_rows),
            (Activity.attendees.through, "activity_id", "person_id", attendee_rows),
            (Activity.guiding_documents.through, "activity_id", "guidingdocument_id", document_rows),
        ):
            with cursor.copy(f"COPY {through._meta.db_table} ({left}, {right}) FROM STDIN") as copy:
                for pair in data:
                    copy.write_row(pair)
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {Activity._meta.db_table}))",
            [Activity._meta.db_table],
        )
    log(
        f"  liên kết: {len(tasks_rows)} nhiệm vụ, {len(attendee_rows)} người tham dự, {len(document_rows)} văn bản "
        f"({time.perf_counter() - started:.0f} s)"
    )
