"""Reads of the reading dictionary, scoped to the person and the commune."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, communes_readable, scope_for
from xaso.vi.models import Abbreviation


def abbreviations_readable(*, user: UserLike) -> QuerySet[Abbreviation]:
    if scope_for(user=user).is_empty:
        return Abbreviation.objects.none()
    return Abbreviation.objects.filter(Q(commune__isnull=True) | Q(commune__in=communes_readable(user=user)))


def dictionary_communes_editable(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose own entries the person edits: those whose programme or portal they run."""
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    if scope.is_superuser:
        return communes
    return communes.filter(pk__in=scope.owned_commune_ids | scope.edited_commune_ids)


def abbreviations_writable(*, user: UserLike) -> QuerySet[Abbreviation]:
    # Shared entries serve every commune of the deployment: only an operator changes them.
    if scope_for(user=user).is_superuser:
        return Abbreviation.objects.all()
    return Abbreviation.objects.filter(commune__in=dictionary_communes_editable(user=user))


def reading_dictionary(*, commune: OrgUnit | None) -> dict[str, str]:
    """Abbreviation -> reading for one commune: the shared entries, overridden by the commune's own."""
    rows = Abbreviation.objects.filter(Q(commune__isnull=True) | Q(commune=commune)).values_list(
        "text", "expansion", "commune_id"
    )
    dictionary: dict[str, str] = {}
    for text, expansion, _commune_id in sorted(rows, key=lambda row: row[2] is not None):
        dictionary[text] = expansion
    return dictionary
