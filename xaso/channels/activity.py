"""Deliveries and broadcasts recorded as activities of the programme (xaso.activities).

- a post on the Facebook Page or the Zalo OA: one `social_post` activity of the unit that runs
  the channel, with the reach when the service reports it
  (source "channel.<facebook|zalo>:delivery:<id>");
- a loudspeaker broadcast, once its slot has played: one `loudspeaker` activity per village it
  covers, the village being the unit and its registered residents the people reached
  (source "channel.broadcast:slot:<slot id>:village:<village id>"). Per village, so that the
  residents-reached indicator can count each village's residents once per period however many
  times the loudspeakers played.
The source keys make every call idempotent: a retried delivery updates the same activity.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xaso.activities.services import activity_record
from xaso.channels.broadcast.models import AudioState, BroadcastSlot
from xaso.channels.models import ChannelKind, Delivery, DeliveryAttempt

ERR_NOT_RECORDED = "Chưa ghi nhận được hoạt động: {problems}"


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


def broadcast_slots_record(*, now: dt.datetime | None = None) -> int:
    """Record the slots that have played since the last run. Run by `manage.py channels_dispatch`."""
    now = now or timezone.now()
    played = BroadcastSlot.objects.filter(logged=False, starts_at__lte=now, audio__state=AudioState.READY)
    count = 0
    for slot in played.select_related("audio__publication", "group"):
        with transaction.atomic():
            problems = _record_slot(slot)
            BroadcastSlot.objects.filter(pk=slot.pk).update(logged=True, log_error=problems)
        count += 1
    return count


def _record_slot(slot: BroadcastSlot) -> str:
    from xaso.registers.models import VillageProfile

    residents = dict(
        VillageProfile.objects.filter(unit__in=slot.group.villages.all()).values_list("unit_id", "residents")
    )
    title = slot.audio.publication.title
    for village in slot.group.villages.all():
        people = residents.get(village.pk, 0)
        try:
            activity_record(
                unit=village,
                kind="loudspeaker",
                title=f"Phát thanh: {title}"[:255],
                date_start=timezone.localdate(slot.starts_at),
                audience="residents",
                participants=people,
                residents=people,
                reach=people,
                description=f"{slot.group.name}, {slot.get_slot_display().lower()} {slot.date:%d/%m/%Y}.",
                source=f"channel.broadcast:slot:{slot.pk}:village:{village.pk}",
            )
        except ValidationError as exc:
            return ERR_NOT_RECORDED.format(problems=_problems(exc))
    return ""
