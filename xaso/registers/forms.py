"""Registry forms in the back office: choices limited to the person's scope, writes through services."""

from __future__ import annotations

from typing import Any

from xaso.registers.models import Acknowledgement, Person, VillageProfile
from xaso.registers.selectors import guiding_documents_readable, people_writable
from xaso.registers.services import acknowledgement_save, person_save, village_profile_save
from xaso.units.models import UnitKind
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import UserLike, communes_owned, units_writable


def _villages_writable(*, user: UserLike) -> Any:
    return units_writable(user=user).filter(kind=UnitKind.VILLAGE)


class PersonForm(ScopedAdminForm):
    scoped_fields = {"unit": units_writable}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields.pop("user", None)
        units = self.fields["unit"].queryset
        if not self.instance.pk and not self.is_bound and units.count() == 1:
            self.initial["unit"] = units.get().pk

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("unit") is not None:
            self.instance.commune_id = cleaned["unit"].commune_id
        return cleaned

    def save(self, commit: bool = True) -> Person:
        person: Person = super().save(commit=False)
        return person_save(person=person) if commit else person


class AcknowledgementForm(ScopedAdminForm):
    scoped_fields = {"person": people_writable, "document": guiding_documents_readable}

    def save(self, commit: bool = True) -> Acknowledgement:
        acknowledgement: Acknowledgement = super().save(commit=False)
        return acknowledgement_save(acknowledgement=acknowledgement) if commit else acknowledgement


class VillageProfileForm(ScopedAdminForm):
    scoped_fields = {"unit": _villages_writable}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("unit") is not None:
            self.instance.commune_id = cleaned["unit"].commune_id
        return cleaned

    def save(self, commit: bool = True) -> VillageProfile:
        profile: VillageProfile = super().save(commit=False)
        return village_profile_save(profile=profile) if commit else profile


class CommuneListForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_owned}
