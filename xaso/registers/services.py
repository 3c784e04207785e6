"""Writes to the registries: people of units, acknowledgements, villages, document and task lists."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

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
    acknowledgement.full_clean()
    acknowledgement.save()
    return acknowledgement


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
