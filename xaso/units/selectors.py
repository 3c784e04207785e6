"""Who sees and changes what: every scoped query in Xã số starts here.

Views never decide access by hiding links; they ask these selectors for the rows a
person may read or change, and a row outside them does not exist for that person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from xaso.units.models import Membership, OrgUnit, Role, UnitKind

UserLike = Any  # a User or AnonymousUser; typed loosely so selectors accept request.user


@dataclass(frozen=True)
class Scope:
    is_superuser: bool = False
    # Subtrees (by treebeard path) whose units and data the person may read.
    read_paths: tuple[str, ...] = ()
    # Units whose own data (activities, reports) the person writes as reporter.
    own_unit_ids: frozenset[int] = frozenset()
    # Communes whose programme the person owns (Culture-Social office).
    owned_commune_ids: frozenset[int] = frozenset()
    # Communes whose reports and content the person approves and signs.
    led_commune_ids: frozenset[int] = frozenset()
    # Communes whose portal the person edits.
    edited_commune_ids: frozenset[int] = frozenset()
    # Communes the person belongs to in any role.
    member_commune_ids: frozenset[int] = frozenset()
    # Provinces (by path) the person follows read-only.
    viewed_province_paths: tuple[str, ...] = ()
    # The roles the person holds anywhere (xaso/access/policy.py says what each may reach).
    roles: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not self.is_superuser and not self.read_paths

    def unit_q(self, prefix: str = "") -> Q:
        """A filter selecting the units (or rows via `prefix`, e.g. "unit__") this scope reads."""
        if self.is_superuser:
            return Q()
        if not self.read_paths:
            return Q(pk__in=[])
        query = Q()
        for path in self.read_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query

    def can_write_unit(self, unit: OrgUnit) -> bool:
        return self.is_superuser or unit.pk in self.own_unit_ids or unit.commune_id in self.owned_commune_ids

    def can_read_unit(self, unit: OrgUnit) -> bool:
        return self.is_superuser or any(unit.path.startswith(path) for path in self.read_paths)


EMPTY_SCOPE = Scope()


def scope_for(*, user: UserLike) -> Scope:
    """The person's scope, computed once per request (cached on the user object)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached: Scope | None = getattr(user, "_xaso_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(is_superuser=True)
    else:
        scope = _scope_from_memberships(
            list(Membership.objects.filter(user=user, unit__is_active=True).select_related("unit"))
        )
    user._xaso_scope = scope
    return scope


def _scope_from_memberships(memberships: list[Membership]) -> Scope:
    """Each membership reaches as far, and carries the duties, that its role's rule declares
    (xaso/access/policy.py ROLES)."""
    from xaso.access.policy import ROLES
    from xaso.access.rules import Duty, Reach

    read_paths: set[str] = set()
    duty_communes: dict[Duty, set[int]] = {duty: set() for duty in Duty}
    own: set[int] = set()
    members: set[int] = set()
    provinces: set[str] = set()
    commune_ids = {m.unit.commune_id for m in memberships if m.unit.commune_id}
    commune_paths = dict(OrgUnit.objects.filter(pk__in=commune_ids).values_list("pk", "path")) if commune_ids else {}
    for membership in memberships:
        unit = membership.unit
        rule = ROLES.get(Role(membership.role))
        if rule is None:
            continue
        commune_id = unit.commune_id
        if commune_id:
            members.add(commune_id)
        if rule.reach == Reach.PROVINCE:
            province_path = unit.path[: OrgUnit.steplen]
            read_paths.add(province_path)
            if Duty.FOLLOW_PROVINCE in rule.duties:
                provinces.add(province_path)
            continue
        if commune_id is None:
            # Commune and unit roles only mean something inside a commune.
            continue
        read_paths.add(commune_paths[commune_id] if rule.reach == Reach.COMMUNE else unit.path)
        for duty in rule.duties:
            duty_communes[duty].add(commune_id)
        if Duty.WRITE_OWN_UNIT in rule.duties:
            own.add(unit.pk)
    return Scope(
        read_paths=_outermost(read_paths),
        own_unit_ids=frozenset(own),
        owned_commune_ids=frozenset(duty_communes[Duty.OWN_PROGRAMME]),
        led_commune_ids=frozenset(duty_communes[Duty.LEAD]),
        edited_commune_ids=frozenset(duty_communes[Duty.EDIT_PORTAL]),
        member_commune_ids=frozenset(members),
        viewed_province_paths=tuple(sorted(provinces)),
        roles=frozenset(m.role for m in memberships if Role(m.role) in ROLES),
    )


def _outermost(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path: fewer OR branches in every query."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(other) for other in kept):
            kept.append(path)
    return tuple(sorted(kept))


def units_readable(*, user: UserLike) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_for(user=user).unit_q())


def units_writable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Units whose own data (activities, reports) the person may create and change."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(Q(pk__in=scope.own_unit_ids) | Q(commune_id__in=scope.owned_commune_ids))


def communes_readable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose programme the person may read: their own, or every commune of a province they follow."""
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    if scope.is_superuser:
        return communes
    query = Q(pk__in=scope.member_commune_ids)
    for province_path in scope.viewed_province_paths:
        query |= Q(path__startswith=province_path)
    return communes.filter(query)


def memberships_readable(*, user: UserLike) -> QuerySet[Membership]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Membership.objects.all()
    if scope.is_empty:
        return Membership.objects.none()
    return Membership.objects.filter(scope.unit_q("unit__") | Q(user=user))


def memberships_writable(*, user: UserLike) -> QuerySet[Membership]:
    # Roles are granted by the platform's administrators only.
    return Membership.objects.all() if scope_for(user=user).is_superuser else Membership.objects.none()


def units_in_owned_communes(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Units a programme owner may assign tasks and duties to: those of their own communes."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(commune_id__in=scope.owned_commune_ids)


def communes_owned(*, user: UserLike) -> QuerySet[OrgUnit]:
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    return communes if scope.is_superuser else communes.filter(pk__in=scope.owned_commune_ids)


def report_recipients(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Bodies a commune reports to: the departments of its province, and the province itself."""
    scope = scope_for(user=user)
    upper = OrgUnit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.DEPARTMENT])
    if scope.is_superuser:
        return upper
    provinces = {path[: OrgUnit.steplen] for path in scope.read_paths}
    query = Q(pk__in=[])
    for province_path in provinces:
        query |= Q(path__startswith=province_path)
    return upper.filter(query)
