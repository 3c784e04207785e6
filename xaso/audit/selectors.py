"""Who reads which part of the audit trail: a commune's programme owner and leaders read their
commune's, the province's officers every commune of their province, operators everything."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.audit.models import AuditEntry
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for


def audit_communes_readable(*, user: UserLike) -> QuerySet[OrgUnit]:
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    if scope.is_superuser:
        return communes
    query = Q(pk__in=scope.owned_commune_ids | scope.led_commune_ids)
    for province_path in scope.viewed_province_paths:
        query |= Q(path__startswith=province_path)
    return communes.filter(query)


def audit_entries_readable(*, user: UserLike) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("commune", "unit")
    if scope_for(user=user).is_superuser:
        return entries
    return entries.filter(commune__in=audit_communes_readable(user=user))


def audit_entries_writable(*, user: UserLike) -> QuerySet[AuditEntry]:
    # The trail is never edited, by anyone.
    return AuditEntry.objects.none()
