"""Which registry rows a person reads and changes (units.selectors decides the scope)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.registers.models import Acknowledgement, GuidingDocument, Person, ScienceTask, VillageProfile
from xaso.units.selectors import UserLike, communes_readable, scope_for


def _unit_writable_q(*, user: UserLike, prefix: str = "") -> Q:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Q()
    return Q(**{f"{prefix}unit_id__in": scope.own_unit_ids}) | Q(**{f"{prefix}commune_id__in": scope.owned_commune_ids})


def _nothing_writable(*, user: UserLike) -> bool:
    scope = scope_for(user=user)
    return not scope.is_superuser and not scope.own_unit_ids and not scope.owned_commune_ids


def people_readable(*, user: UserLike) -> QuerySet[Person]:
    return Person.objects.filter(scope_for(user=user).unit_q("unit__"))


def people_writable(*, user: UserLike) -> QuerySet[Person]:
    if _nothing_writable(user=user):
        return Person.objects.none()
    return Person.objects.filter(_unit_writable_q(user=user))


def acknowledgements_readable(*, user: UserLike) -> QuerySet[Acknowledgement]:
    return Acknowledgement.objects.filter(scope_for(user=user).unit_q("person__unit__"))


def acknowledgements_writable(*, user: UserLike) -> QuerySet[Acknowledgement]:
    if _nothing_writable(user=user):
        return Acknowledgement.objects.none()
    return Acknowledgement.objects.filter(_unit_writable_q(user=user, prefix="person__"))


def village_profiles_readable(*, user: UserLike) -> QuerySet[VillageProfile]:
    return VillageProfile.objects.filter(scope_for(user=user).unit_q("unit__"))


def village_profiles_writable(*, user: UserLike) -> QuerySet[VillageProfile]:
    if _nothing_writable(user=user):
        return VillageProfile.objects.none()
    return VillageProfile.objects.filter(_unit_writable_q(user=user))


def guiding_documents_readable(*, user: UserLike) -> QuerySet[GuidingDocument]:
    return GuidingDocument.objects.filter(commune__in=communes_readable(user=user))


def guiding_documents_writable(*, user: UserLike) -> QuerySet[GuidingDocument]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return GuidingDocument.objects.all()
    return GuidingDocument.objects.filter(commune_id__in=scope.owned_commune_ids)


def science_tasks_readable(*, user: UserLike) -> QuerySet[ScienceTask]:
    return ScienceTask.objects.filter(commune__in=communes_readable(user=user))


def science_tasks_writable(*, user: UserLike) -> QuerySet[ScienceTask]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return ScienceTask.objects.all()
    return ScienceTask.objects.filter(commune_id__in=scope.owned_commune_ids)
