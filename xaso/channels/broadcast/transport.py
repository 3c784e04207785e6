"""Delivering a publication to the loudspeakers: audio ready, slots on the schedule.

Nothing leaves the machine here: the station's staff (or a smart-loudspeaker system)
take the schedule as a playlist or calendar. Scheduling is idempotent by the slot's
unique (audio, group, date, slot), so a retry never doubles a broadcast.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from xaso.channels.broadcast.models import AudioState, Slot, VillageGroup
from xaso.channels.broadcast.services import broadcast_audio_prepare, broadcast_audio_request, broadcast_slots_schedule
from xaso.channels.errors import PermanentError, TemporaryError
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.transport import Checkpoint, Sent, Usage

ERR_AUDIO_PENDING = "Đang chuyển bản đọc thành âm thanh; sẽ xếp lịch phát khi xong."
ERR_AUDIO_FAILED = "Không tạo được âm thanh của bản tin: {error}"
ERR_AUDIO_STALE = "Bản đọc đã sửa sau khi tạo âm thanh; đang tạo lại âm thanh."
ERR_NO_GROUPS = "Xã chưa có cụm loa truyền thanh nào; hãy khai báo cụm loa và các thôn trước."


class LoudspeakerTransport:
    def __init__(self, account: ChannelAccount) -> None:
        self.account = account
        self.usage: Usage | None = None

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        audio = broadcast_audio_prepare(publication=delivery.publication)
        if audio.state == AudioState.FAILED:
            raise PermanentError(ERR_AUDIO_FAILED.format(error=audio.error))
        if audio.state in (AudioState.DRAFT,) or audio.is_stale:
            broadcast_audio_request(audio=audio)
            raise TemporaryError(ERR_AUDIO_STALE if audio.is_stale else ERR_AUDIO_PENDING, retry_after=30)
        if audio.state != AudioState.READY:
            raise TemporaryError(ERR_AUDIO_PENDING, retry_after=30)
        groups = list(VillageGroup.objects.filter(commune=self.account.commune))
        chosen = delivery.options.get("groups")
        if chosen:
            groups = [g for g in groups if g.pk in set(chosen)]
        if not groups:
            raise PermanentError(ERR_NO_GROUPS)
        first_day = timezone.localdate(delivery.publish_at)
        slots = broadcast_slots_schedule(
            audio=audio,
            groups=groups,
            first_day=first_day,
            days=int(delivery.options.get("days") or 1),
            slots=list(delivery.options.get("slots") or [Slot.MORNING, Slot.EVENING]),
        )
        reach = sum(group.residents() for group in {slot.group for slot in slots})
        return Sent(
            remote_id=f"ban-tin-{audio.pk}",
            remote_url=settings.BASE_URL + reverse("channels_broadcast_playlist", args=[self.account.commune_id]),
            reach=reach or None,
        )

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        return None  # scheduling is idempotent: sending again finds the same slots
