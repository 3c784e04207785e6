"""Reads of channels, publications and deliveries, scoped by commune."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet

from xaso.channels.models import BroadcastAudio, BroadcastSlot, ChannelAccount, Delivery, Publication, VillageGroup
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for


def communes_publishing(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose articles the person sends out: programme owners and portal editors."""
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    if scope.is_superuser:
        return communes
    return communes.filter(pk__in=scope.owned_commune_ids | scope.edited_commune_ids)


def communes_configuring(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose channel accounts and loudspeaker groups the person configures."""
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    return communes if scope.is_superuser else communes.filter(pk__in=scope.owned_commune_ids)


def communes_following(*, user: UserLike) -> QuerySet[OrgUnit]:
    """Communes whose channels the person follows. Reporters of a school or a village follow
    their own unit, not the commune's publishing, so they are not included."""
    scope = scope_for(user=user)
    communes = OrgUnit.objects.filter(kind=UnitKind.COMMUNE)
    if scope.is_superuser:
        return communes
    query = Q(pk__in=scope.owned_commune_ids | scope.led_commune_ids | scope.edited_commune_ids)
    for path in scope.viewed_province_paths:
        query |= Q(path__startswith=path)
    return communes.filter(query)


def accounts_readable(*, user: UserLike) -> QuerySet[ChannelAccount]:
    return ChannelAccount.objects.filter(commune__in=communes_following(user=user))


def accounts_writable(*, user: UserLike) -> QuerySet[ChannelAccount]:
    return ChannelAccount.objects.filter(commune__in=communes_configuring(user=user))


def accounts_needing_attention(*, user: UserLike, now: dt.datetime) -> QuerySet[ChannelAccount]:
    """Active accounts the person configures that have a problem, or whose Page token (Facebook)
    or refresh token (Zalo) expires within CHANNEL_TOKEN_WARN_DAYS."""
    soon = now + dt.timedelta(days=settings.CHANNEL_TOKEN_WARN_DAYS)
    return (
        accounts_writable(user=user)
        .filter(is_active=True)
        .filter(
            ~Q(problem="")
            | Q(kind="facebook", token_expires_at__lte=soon)
            | Q(kind="zalo", refresh_expires_at__lte=soon)
        )
        .order_by("commune__name", "name")
    )


def accounts_usable(*, user: UserLike) -> QuerySet[ChannelAccount]:
    """Accounts the person may send an article to."""
    return ChannelAccount.objects.filter(commune__in=communes_publishing(user=user), is_active=True)


def village_groups_readable(*, user: UserLike) -> QuerySet[VillageGroup]:
    return VillageGroup.objects.filter(commune__in=communes_following(user=user))


def village_groups_writable(*, user: UserLike) -> QuerySet[VillageGroup]:
    return VillageGroup.objects.filter(commune__in=communes_configuring(user=user))


def publications_readable(*, user: UserLike) -> QuerySet[Publication]:
    return Publication.objects.filter(commune__in=communes_following(user=user))


def publications_writable(*, user: UserLike) -> QuerySet[Publication]:
    return Publication.objects.filter(commune__in=communes_publishing(user=user))


def deliveries_readable(*, user: UserLike) -> QuerySet[Delivery]:
    return Delivery.objects.filter(publication__in=publications_readable(user=user)).select_related(
        "account", "publication"
    )


def deliveries_writable(*, user: UserLike) -> QuerySet[Delivery]:
    return Delivery.objects.filter(publication__in=publications_writable(user=user))


def broadcast_audio_readable(*, user: UserLike) -> QuerySet[BroadcastAudio]:
    return BroadcastAudio.objects.filter(publication__in=publications_readable(user=user))


def broadcast_audio_writable(*, user: UserLike) -> QuerySet[BroadcastAudio]:
    return BroadcastAudio.objects.filter(publication__in=publications_writable(user=user))


def broadcast_slots_readable(*, user: UserLike) -> QuerySet[BroadcastSlot]:
    return BroadcastSlot.objects.filter(audio__publication__in=publications_readable(user=user))


def broadcast_slots_writable(*, user: UserLike) -> QuerySet[BroadcastSlot]:
    return BroadcastSlot.objects.filter(audio__publication__in=publications_writable(user=user))
