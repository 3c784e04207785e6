"""Writes to activities: record (idempotent on a stable source key), save from a form, delete.

Other apps record what they do through `activity_record`: the portal one activity per
published article ("portal.article:42"), the channels one per delivery
("channel.facebook:delivery:7"). Calling it again with the same `source` updates that
activity in place, so a retried job or an edited article never counts twice.

The services do not check who may write: the calling view or job has already decided
(views through units.selectors.units_writable). `user` only records who did it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q

from xaso.activities.models import Activity, ActivityKind, ActivityStatus, Audience, Evidence, RecordedAsActivity
from xaso.activities.rules import ERR_NO_COMMUNE, relation_problems
from xaso.activities.tally import bucket_of, tally_refresh
from xaso.plans.models import Task, TaskGroupKey
from xaso.registers.models import GuidingDocument, Person, ScienceTask
from xaso.units.models import OrgUnit

GROUP_FLAGS = {
    TaskGroupKey.MASS_MEDIA: "serves_mass_media",
    TaskGroupKey.SCHOOLS: "serves_schools",
    TaskGroupKey.ENTERPRISES: "serves_enterprises",
}


def _derive(activity: Activity) -> None:
    """Fields that follow from others: the commune of the unit, the task groups served."""
    if activity.unit.commune_id is None:
        raise ValidationError({"unit": ERR_NO_COMMUNE.format(unit=activity.unit)})
    activity.commune_id = activity.unit.commune_id
    task_ids = [task.pk for task in activity.tasks.all()]
    keys = set(Task.objects.filter(pk__in=task_ids).values_list("group__key", flat=True)) if task_ids else set()
    for key, flag in GROUP_FLAGS.items():
        setattr(activity, flag, key in keys)


def _validate_relations(activity: Activity) -> None:
    problems = relation_problems(
        commune_id=activity.commune_id,
        tasks=activity.tasks.all(),
        attendees=activity.attendees.all(),
        guiding_documents=activity.guiding_documents.all(),
        science_tasks=activity.science_tasks.all(),
        officials=activity.officials or 0,
    )
    if problems:
        raise ValidationError(problems)


def _store(activity: Activity, *, user: Any) -> Activity:
    _derive(activity)
    activity.full_clean()
    _validate_relations(activity)
    for item in activity.evidence.all():
        item.full_clean(exclude=["activity"])
        if not getattr(item.file, "_committed", True):
            item.size = item.file.size
    if user is not None and getattr(user, "is_authenticated", False):
        if activity.pk is None:
            activity.created_by = user
        activity.updated_by = user
    # What the row was before this write: its old month and attendees are recounted too.
    before = set(_attendee_ids([activity.pk])) if activity.pk else set()
    stored = (
        Activity.objects.filter(pk=activity.pk).values_list("unit_id", "date_start").first() if activity.pk else None
    )
    # ClusterableModel.save() also writes the in-memory tasks, attendees and evidence.
    activity.save()
    people_refresh_attended(person_ids=before | set(_attendee_ids([activity.pk])))
    buckets = {bucket_of(unit_id=activity.unit_id, day=activity.date_start)}
    if stored:
        buckets.add(bucket_of(unit_id=stored[0], day=stored[1]))
    tally_refresh(buckets=buckets)
    return activity


def _attendee_ids(activity_ids: Iterable[int]) -> list[int]:
    through = Activity.attendees.through.objects
    return list(through.filter(activity_id__in=list(activity_ids)).values_list("person_id", flat=True))


def people_refresh_attended(*, person_ids: Iterable[int]) -> None:
    """Recompute when each person first attended a recorded activity, and a training.

    Called after every change of an activity's attendees, status, date or kind, and after a
    deletion, so that indicators read the dates from the people registry directly."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    # Locked (in a fixed order) before reading: a concurrent write about the same person waits,
    # then reads what this one committed, so the last date written is never a stale one.
    people = list(Person.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk"))
    rows = (
        Activity.attendees.through.objects.filter(person_id__in=ids, activity__status=ActivityStatus.RECORDED)
        .order_by()
        .values("person_id")
        .annotate(
            first=Min("activity__date_start"),
            trained=Min("activity__date_start", filter=Q(activity__kind=ActivityKind.TRAINING)),
        )
    )
    dates = {row["person_id"]: (row["first"], row["trained"]) for row in rows}
    for person in people:
        person.first_attended_on, person.first_trained_on = dates.get(person.pk, (None, None))
    Person.objects.bulk_update(people, ["first_attended_on", "first_trained_on"])


@transaction.atomic
def activity_record(
    *,
    unit: OrgUnit,
    kind: ActivityKind | str,
    title: str,
    date_start: date,
    date_end: date | None = None,
    tasks: Iterable[Task] = (),
    audience: Audience | str = Audience.RESIDENTS,
    participants: int = 0,
    officials: int = 0,
    pupils: int = 0,
    residents: int = 0,
    reach: int | None = None,
    description: str = "",
    url: str = "",
    status: ActivityStatus | str = ActivityStatus.RECORDED,
    source: str | None = None,
    attendees: Iterable[Person] = (),
    guiding_documents: Iterable[GuidingDocument] = (),
    science_tasks: Iterable[ScienceTask] = (),
    user: Any = None,
) -> Activity:
    """Create an activity, or update in place the one already recorded for `source`.

    Raises ValidationError (Vietnamese messages by field) and writes nothing when a rule
    is broken: negative counts, sub-counts above participants, end before start, a date
    outside the programme's years or in the future, tasks or people of another commune.
    """
    activity = None
    if source:
        activity = Activity.objects.select_for_update().filter(source=source).first()
    if activity is None:
        activity = Activity(source=source or None)
    activity.unit = unit
    activity.kind = str(kind)
    activity.title = title
    activity.date_start = date_start
    activity.date_end = date_end
    activity.audience = str(audience)
    activity.participants = participants
    activity.officials = officials
    activity.pupils = pupils
    activity.residents = residents
    activity.reach = reach
    activity.description = description
    activity.url = url
    activity.status = str(status)
    activity.tasks.set(list(tasks))
    activity.attendees.set(list(attendees))
    activity.guiding_documents.set(list(guiding_documents))
    activity.science_tasks.set(list(science_tasks))
    return _store(activity, user=user)


@transaction.atomic
def activity_save(*, activity: Activity, user: Any = None) -> Activity:
    """Save an activity built by a back-office form, with its in-memory tasks and evidence."""
    return _store(activity, user=user)


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    activities_delete(activity_ids=[activity.pk])


@transaction.atomic
def activities_delete(*, activity_ids: Iterable[int]) -> int:
    """Delete activities with their evidence (the back office's delete and bulk delete, other
    apps' withdrawals), then recount their months and their attendees' dates."""
    ids = list(activity_ids)
    rows = list(Activity.objects.filter(pk__in=ids).values_list("unit_id", "date_start"))
    people = _attendee_ids(ids)
    files = list(Evidence.objects.filter(activity_id__in=ids).exclude(file="").values_list("file", flat=True))
    Activity.objects.filter(pk__in=ids).delete()
    people_refresh_attended(person_ids=people)
    tally_refresh(buckets={bucket_of(unit_id=unit_id, day=day) for unit_id, day in rows})
    storage = Evidence._meta.get_field("file").storage
    # Files go only once the rows are gone for good: a rolled-back delete keeps its evidence.
    for name in files:
        transaction.on_commit(partial(storage.delete, name))
    return len(rows)


@transaction.atomic
def activity_delete_by_source(*, source: str) -> bool:
    """Remove the activity another app recorded (an unpublished article, a withdrawn post)."""
    activity = Activity.objects.filter(source=source).first()
    if activity is None:
        return False
    activity_delete(activity=activity)
    return True


@transaction.atomic
def recorded_delete(*, item: RecordedAsActivity) -> None:
    """Remove another app's record with the activity it is counted as, then its evidence file."""
    evidence = (item.evidence.storage, item.evidence.name) if item.evidence else None
    activity_delete_by_source(source=item.source)
    item.delete()
    # As for an activity's evidence: a rolled-back delete keeps its file.
    if evidence is not None:
        transaction.on_commit(partial(evidence[0].delete, evidence[1]))


@transaction.atomic
def activities_import(*, records: list[dict[str, Any]], user: Any = None, filename: str = "") -> list[Activity]:
    """Record every row of a validated import, or none of them (one transaction); the import itself is
    one entry of the audit trail per unit, beside the entry of each activity."""
    from xaso.audit.models import AuditAction
    from xaso.audit.recording import record

    created = [activity_record(**record, user=user) for record in records]
    by_unit: dict[Any, list[Activity]] = {}
    for activity in created:
        by_unit.setdefault(activity.unit, []).append(activity)
    for unit, activities in by_unit.items():
        record(
            action=AuditAction.IMPORT,
            title=f"Nhập {len(activities)} hoạt động từ tệp {filename}".strip(),
            model="hoạt động",
            commune_id=unit.commune_id,
            unit_id=unit.pk,
            user=user,
            data={"file": filename, "activities": [activity.pk for activity in activities]},
        )
    return created
