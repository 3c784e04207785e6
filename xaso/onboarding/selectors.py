"""Who brings which communes on board, and who follows how far they are.

A province's administrators (roles whose rule carries Duty.ONBOARD_COMMUNES in
xaso/access/policy.py, held at the province or one of its departments) onboard every commune of
that province; its viewers (Duty.FOLLOW_PROVINCE) follow them; superusers do both everywhere.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.onboarding.models import OnboardedCommune, RosterImport, SetupLink
from xaso.units.models import Membership, OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for


def _province_paths_with(*, user: UserLike, duty: str) -> tuple[str, ...] | None:
    """Paths of the provinces where the person's roles carry `duty`; None means every province."""
    from xaso.access.policy import ROLES

    scope = scope_for(user=user)
    if scope.is_superuser:
        return None
    if scope.is_empty:
        return ()
    roles = [role for role, rule in ROLES.items() if duty in rule.duties]
    paths = Membership.objects.filter(user=user, role__in=roles, unit__is_active=True).values_list(
        "unit__path", flat=True
    )
    return tuple(sorted({path[: OrgUnit.steplen] for path in paths}))


def _under(paths: tuple[str, ...] | None, prefix: str = "") -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def provinces_onboarded(*, user: UserLike) -> QuerySet[OrgUnit]:
    from xaso.access.rules import Duty

    paths = _province_paths_with(user=user, duty=Duty.ONBOARD_COMMUNES)
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.PROVINCE)


def communes_onboardable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose units and people the person may import and whose links they may issue."""
    from xaso.access.rules import Duty

    paths = _province_paths_with(user=user, duty=Duty.ONBOARD_COMMUNES)
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.COMMUNE)


def provinces_followed(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Provinces whose onboarding the person follows: viewers and administrators of the province."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return OrgUnit.objects.filter(kind=UnitKind.PROVINCE)
    return OrgUnit.objects.filter(_under(scope.viewed_province_paths), kind=UnitKind.PROVINCE)


def communes_followed(*, user: UserLike) -> QuerySet[OrgUnit]:
    scope = scope_for(user=user)
    paths = None if scope.is_superuser else scope.viewed_province_paths
    return OrgUnit.objects.filter(_under(paths), kind=UnitKind.COMMUNE)


def onboarded_communes_readable(*, user: UserLike) -> QuerySet[OnboardedCommune]:
    return OnboardedCommune.objects.filter(commune__in=communes_followed(user=user))


def onboarded_communes_writable(*, user: UserLike) -> QuerySet[OnboardedCommune]:
    return OnboardedCommune.objects.filter(commune__in=communes_onboardable(user=user))


def roster_imports_readable(*, user: UserLike) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(commune__in=communes_followed(user=user)).select_related("created_by")


def roster_imports_writable(*, user: UserLike) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(commune__in=communes_onboardable(user=user))


def setup_links_readable(*, user: UserLike) -> QuerySet[SetupLink]:
    """Set-up links are seen by those who issue them only: a province viewer needs the counts, not the links."""
    return SetupLink.objects.filter(unit__commune__in=communes_onboardable(user=user))


def setup_links_writable(*, user: UserLike) -> QuerySet[SetupLink]:
    return setup_links_readable(user=user)
