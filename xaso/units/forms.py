from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from xaso.units.models import ALLOWED_CHILD_KINDS, OrgUnit, Role, UnitKind
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import units_writable
from xaso.units.services import ERR_ROLE_UNIT, ROLE_UNIT_KINDS, unit_create


class OrgUnitForm(ScopedAdminForm):
    """Edits a unit; a new unit is placed under a parent the person manages."""

    parent = forms.ModelChoiceField(
        label="trực thuộc",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Đơn vị cấp trên: thường là xã.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parents = units_writable(user=self.for_user).filter(
            kind__in=[kind for kind, children in ALLOWED_CHILD_KINDS.items() if children]
        )
        self.fields["parent"].queryset = parents
        if self.instance.pk:
            # Moving a unit would move its history; the tree is fixed once created.
            del self.fields["parent"]
            self.fields["kind"].disabled = True
            self.fields["code"].disabled = True
        else:
            self.fields["parent"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        parent, kind = cleaned.get("parent"), cleaned.get("kind")
        if not self.instance.pk and parent and kind and kind not in ALLOWED_CHILD_KINDS[parent.kind]:
            self.add_error("kind", f"Không thể đặt {UnitKind(kind).label.lower()} trực thuộc {parent.name}.")
        return cleaned

    def save(self, commit: bool = True) -> OrgUnit:
        if self.instance.pk:
            return super().save(commit=commit)
        try:
            return unit_create(
                code=self.cleaned_data["code"],
                name=self.cleaned_data["name"],
                kind=self.cleaned_data["kind"],
                parent=self.cleaned_data["parent"],
                short_name=self.cleaned_data.get("short_name", ""),
            )
        except ValidationError as exc:
            self.add_error(None, exc)
            raise


class MembershipForm(ScopedAdminForm):
    """A role fits only some kinds of unit (units.services.ROLE_UNIT_KINDS)."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        unit, role = cleaned.get("unit"), cleaned.get("role")
        if unit and role and unit.kind not in ROLE_UNIT_KINDS[role]:
            self.add_error("role", ERR_ROLE_UNIT.format(role=Role(role).label, kind=unit.kind_label))
        return cleaned
