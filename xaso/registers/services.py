"""Writes to the registries: people of units, acknowledgements, villages, document and task lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from xaso.registers.models import Acknowledgement, GuidingDocument, Person, PersonCategory, ScienceTask, VillageProfile
from xaso.units.models import OrgUnit, UnitKind

ERR_NO_COMMUNE = "Đơn vị “{unit}” không thuộc xã nào."
ERR_NOT_VILLAGE = "“{unit}” không phải là thôn."
ERR_NOT_COMMUNE = "“{unit}” không phải là xã."


def _commune_of(unit: OrgUnit) -> int:
    if unit.commune_id is None:
        raise ValidationError({"unit": ERR_NO_COMMUNE.format(unit=unit)})
    return int(unit.commune_id)


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Save a person built by a form or a service: the commune follows the unit."""
    person.commune_id = _commune_of(person.unit)
    person.full_clean()
    person.save()
    return person


def person_create(
    *,
    unit: OrgUnit,
    full_name: str,
    category: PersonCategory | str,
    position: str = "",
    is_communication_officer: bool = False,
) -> Person:
    return person_save(
        person=Person(
            unit=unit,
            full_name=full_name,
            category=str(category),
            position=position,
            is_communication_officer=is_communication_officer,
        )
    )


@transaction.atomic
def acknowledgement_record(
    *, person: Person, date: date, document: GuidingDocument | None = None, note: str = ""
) -> Acknowledgement:
    acknowledgement = Acknowledgement(person=person, date=date, document=document, note=note)
    return acknowledgement_save(acknowledgement=acknowledgement)


@transaction.atomic
def acknowledgement_save(*, acknowledgement: Acknowledgement) -> Acknowledgement:
    previous = Acknowledgement.objects.filter(pk=acknowledgement.pk).values_list("person_id", flat=True).first()
    acknowledgement.full_clean()
    acknowledgement.save()
    people_refresh_acknowledged(person_ids={acknowledgement.person_id, previous} - {None})
    return acknowledgement


@transaction.atomic
def acknowledgement_delete(*, acknowledgement: Acknowledgement) -> None:
    acknowledgements_delete(acknowledgement_ids=[acknowledgement.pk])


@transaction.atomic
def acknowledgements_delete(*, acknowledgement_ids: Iterable[int]) -> int:
    rows = Acknowledgement.objects.filter(pk__in=list(acknowledgement_ids))
    people = set(rows.values_list("person_id", flat=True))
    deleted, _ = rows.delete()
    people_refresh_acknowledged(person_ids=people)
    return deleted


def people_refresh_acknowledged(*, person_ids: Iterable[int | None]) -> None:
    """Recompute each person's first acknowledgement date from the acknowledgements left."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return
    # Locked before reading, as activities.services does: concurrent writes cannot leave a stale date.
    people = list(Person.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk"))
    firsts = dict(
        Acknowledgement.objects.filter(person_id__in=ids)
        .order_by()
        .values("person_id")
        .annotate(first=Min("date"))
        .values_list("person_id", "first")
    )
    for person in people:
        person.first_acknowledged_on = firsts.get(person.pk)
    Person.objects.bulk_update(people, ["first_acknowledged_on"])


@transaction.atomic
def village_profile_save(*, profile: VillageProfile) -> VillageProfile:
    if profile.unit.kind != UnitKind.VILLAGE:
        raise ValidationError({"unit": ERR_NOT_VILLAGE.format(unit=profile.unit)})
    profile.commune_id = _commune_of(profile.unit)
    profile.full_clean()
    profile.save()
    return profile


def village_profile_set(*, unit: OrgUnit, households: int, residents: int, has_loudspeaker: bool) -> VillageProfile:
    profile = VillageProfile.objects.filter(unit=unit).first() or VillageProfile(unit=unit)
    profile.households = households
    profile.residents = residents
    profile.has_loudspeaker = has_loudspeaker
    return village_profile_save(profile=profile)


@transaction.atomic
def guiding_document_put(
    *, commune: OrgUnit, code: str, issued_on: date, issuer: str, title: str, url: str = ""
) -> GuidingDocument:
    """Create the document of that number in the commune's list, or update it in place."""
    if commune.kind != UnitKind.COMMUNE:
        raise ValidationError({"commune": ERR_NOT_COMMUNE.format(unit=commune)})
    document = GuidingDocument.objects.filter(commune=commune, code=code).first() or GuidingDocument(
        commune=commune, code=code
    )
    document.issued_on, document.issuer, document.title, document.url = issued_on, issuer, title, url
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def science_task_put(
    *,
    commune: OrgUnit,
    code: str,
    title: str,
    start_year: int,
    end_year: int,
    host: str = "",
    is_state_secret: bool = False,
) -> ScienceTask:
    if commune.kind != UnitKind.COMMUNE:
        raise ValidationError({"commune": ERR_NOT_COMMUNE.format(unit=commune)})
    task = ScienceTask.objects.filter(commune=commune, code=code).first() or ScienceTask(commune=commune, code=code)
    task.title, task.start_year, task.end_year, task.host = title, start_year, end_year, host
    task.is_state_secret = is_state_secret
    task.full_clean()
    task.save()
    return task
