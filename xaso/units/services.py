"""Writes to the organisation tree and to people's roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from xaso.units.models import ALLOWED_CHILD_KINDS, Membership, OrgUnit, Role, UnitKind
from xaso.units.roles import roles_changed

ERR_ROOT_KIND = "Chỉ cấp tỉnh mới là gốc của cây đơn vị."
ERR_CHILD_KIND = "Không thể đặt {child} trực thuộc {parent}."
ERR_ROLE_UNIT = "Vai trò “{role}” không gán được cho đơn vị loại “{kind}”."

# Where each role makes sense: a province viewer sits at the province (or one of its
# departments); everyone else belongs to a commune or one of its units.
ROLE_UNIT_KINDS: dict[str, frozenset[str]] = {
    Role.PROVINCE_VIEWER: frozenset({UnitKind.PROVINCE, UnitKind.DEPARTMENT}),
    Role.PROVINCE_ADMIN: frozenset({UnitKind.PROVINCE, UnitKind.DEPARTMENT}),
    Role.PROGRAMME_OWNER: frozenset({UnitKind.OFFICE}),
    Role.LEADER: frozenset({UnitKind.COMMUNE}),
    Role.REPORTER: frozenset(
        {UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION}
    ),
    Role.PORTAL_EDITOR: frozenset({UnitKind.OFFICE}),
}


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    is_demo: bool = False,
) -> OrgUnit:
    fields = {"code": code, "name": name, "kind": kind, "short_name": short_name, "is_demo": is_demo}
    if parent is None:
        if kind != UnitKind.PROVINCE:
            raise ValidationError({"kind": ERR_ROOT_KIND})
        unit = OrgUnit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = OrgUnit.add_root(instance=unit)
    else:
        if kind not in ALLOWED_CHILD_KINDS[parent.kind]:
            raise ValidationError(
                {"kind": ERR_CHILD_KIND.format(child=UnitKind(kind).label.lower(), parent=parent.name)}
            )
        unit = OrgUnit(**fields)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit = parent.add_child(instance=unit)
    commune = unit if kind == UnitKind.COMMUNE else (parent.commune if parent else None)
    if commune is not None:
        unit.commune = commune
        unit.save(update_fields=["commune"])
    return unit


@transaction.atomic
def unit_update(*, unit: OrgUnit, name: str, short_name: str = "", is_active: bool = True) -> OrgUnit:
    unit.name = name
    unit.short_name = short_name
    unit.is_active = is_active
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save(update_fields=["name", "short_name", "is_active"])
    return unit


@transaction.atomic
def membership_grant(*, user: AbstractBaseUser, unit: OrgUnit, role: Role | str, position: str = "") -> Membership:
    role = Role(role)
    if unit.kind not in ROLE_UNIT_KINDS[role]:
        raise ValidationError({"role": ERR_ROLE_UNIT.format(role=role.label, kind=unit.kind_label)})
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role, defaults={"position": position})
    if position and membership.position != position:
        membership.position = position
        membership.save(update_fields=["position"])
    roles_changed(user=user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership) -> None:
    user = membership.user
    membership.delete()
    roles_changed(user=user)
