"""Deliveries and broadcasts recorded as activities of the programme (xaso.activities).

- a post on the Facebook Page or the Zalo OA: one `social_post` activity of the unit that runs
  the channel, with the reach when the service reports it
  (source "channel.<facebook|zalo>:delivery:<id>");
- a loudspeaker broadcast, once its slot's time has passed and the village's operator or the
  loudspeaker system confirmed it played there (broadcast.models.SlotAiring): one `loudspeaker`
  activity of the village, reaching its registered residents (registers.VillageProfile) — a reach,
  not participants: nobody attended (source "channel.broadcast:slot:<slot id>:village:<village id>").
  A slot not confirmed, missed or cancelled counts nothing.
The source keys make every call idempotent: a retried delivery updates the same activity.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xaso.activities.models import Activity
from xaso.activities.services import activity_delete_by_source, activity_record
from xaso.channels.broadcast.models import AiringStatus, SlotAiring
from xaso.channels.models import ChannelKind, Delivery, DeliveryAttempt

ERR_NOT_RECORDED = "Chưa ghi nhận được hoạt động: {problems}"
SOURCE_PREFIX = "channel.broadcast:slot:"


def _problems(exc: ValidationError) -> str:
    return "; ".join(exc.messages)[:400]


def delivery_record_activity(*, delivery: Delivery) -> None:
    if delivery.account.kind == ChannelKind.LOUDSPEAKER:
        return  # counted per village when each slot has played (broadcast_slots_record)
    publication = delivery.publication
    sent_at = delivery.sent_at or timezone.now()
    try:
        activity_record(
            unit=delivery.account.unit,
            kind="social_post",
            title=f"{ChannelKind(delivery.account.kind).label}: {publication.title}"[:255],
            date_start=timezone.localdate(sent_at),
            audience="residents",
            reach=delivery.reach,
            url=delivery.remote_url,
            description=f"Đăng lên {delivery.account.name}.",
            source=f"channel.{delivery.account.kind}:delivery:{delivery.pk}",
        )
    except ValidationError as exc:
        DeliveryAttempt.objects.create(
            delivery=delivery, outcome="activity", detail=ERR_NOT_RECORDED.format(problems=_problems(exc))
        )


def airing_record(*, airing: SlotAiring, now: dt.datetime | None = None) -> None:
    """The village's loudspeaker activity follows what its operator or the system said: recorded when
    the slot aired (and its time has passed), removed otherwise. A rule refusing it is kept on the row."""
    from xaso.registers.models import VillageProfile

    slot = airing.slot
    passed = slot.starts_at <= (now or timezone.now())
    if airing.status != AiringStatus.AIRED or slot.cancelled_at is not None or not passed:
        activity_delete_by_source(source=airing.source)
        SlotAiring.objects.filter(pk=airing.pk).update(record_error="")
        return
    residents = VillageProfile.objects.filter(unit=airing.village).values_list("residents", flat=True).first()
    try:
        activity_record(
            unit=airing.village,
            kind="loudspeaker",
            title=f"Phát thanh: {slot.audio.publication.title}"[:255],
            date_start=timezone.localdate(slot.starts_at),
            audience="residents",
            reach=residents,
            description=f"{slot.group.name}, {slot.get_slot_display().lower()} {slot.date:%d/%m/%Y}.",
            source=airing.source,
        )
    except ValidationError as exc:
        SlotAiring.objects.filter(pk=airing.pk).update(record_error=ERR_NOT_RECORDED.format(problems=_problems(exc)))
        return
    SlotAiring.objects.filter(pk=airing.pk).update(record_error="")


def broadcast_slots_record(*, now: dt.datetime | None = None) -> int:
    """Keep the loudspeaker activities equal to the confirmed airings: record an aired one not yet
    recorded, remove any activity of a slot no one confirmed aired (cancelled, missed, or recorded by
    an older version before it played). Run every minute by `manage.py channels_dispatch`."""
    now = now or timezone.now()
    changed = 0
    aired = SlotAiring.objects.filter(
        status=AiringStatus.AIRED, slot__cancelled_at__isnull=True, slot__starts_at__lte=now
    ).select_related("slot__audio__publication", "slot__group", "village")
    wanted = {airing.source: airing for airing in aired}
    recorded = set(Activity.objects.filter(source__startswith=SOURCE_PREFIX).values_list("source", flat=True))
    for source in recorded - set(wanted):
        with transaction.atomic():
            activity_delete_by_source(source=source)
        changed += 1
    for source, airing in wanted.items():
        if source not in recorded:
            with transaction.atomic():
                airing_record(airing=airing, now=now)
            changed += 1
    return changed
