"""Writes of the loudspeaker channel: the reading script, its audio, the schedule, what aired."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xaso.channels.broadcast.audio import render
from xaso.channels.broadcast.models import (
    AiringStatus,
    AudioState,
    BroadcastAudio,
    BroadcastSlot,
    Slot,
    SlotAiring,
    VillageGroup,
)
from xaso.channels.broadcast.speech import SpeechError, speech_backend
from xaso.channels.models import Publication
from xaso.units.models import OrgUnit
from xaso.vi.reading import Reader
from xaso.vi.selectors import reading_dictionary

ERR_SCRIPT_EMPTY = "Bản đọc không được để trống."
ERR_BUSY = "Âm thanh đang được tạo; hãy chờ xong rồi sửa bản đọc."
ERR_GROUP_OTHER_COMMUNE = "Cụm loa “{group}” không thuộc xã của bài."
ERR_NO_GROUP = "Hãy chọn ít nhất một cụm loa."
ERR_DAYS = "Số ngày phát phải từ 1 đến 14."
ERR_SLOTS = "Hãy chọn buổi sáng, buổi chiều hoặc cả hai."
ERR_CANCEL_PAST = "Buổi phát này đã tới giờ nên không hủy được; hãy xác nhận đã phát hay không phát được."
ERR_CONFIRM_CANCELLED = "Buổi phát này đã bị hủy."
ERR_CONFIRM_EARLY = "Chưa tới giờ phát ({time}): chỉ xác nhận sau khi buổi phát đã diễn ra."
ERR_VILLAGE_NOT_IN_GROUP = "{village} không thuộc {group}."
ERR_CONFIRM_WHO = "Cần biết ai xác nhận: người vận hành loa của thôn hoặc hệ thống loa."
# The station loads a bulletin's file before its slot: a slot closer than this is already "gone".
SCHEDULE_LEAD = dt.timedelta(minutes=15)


def script_for(publication: Publication) -> str:
    """The reading script of a publication: title, summary and body with every figure in words."""
    reader = Reader(reading_dictionary(commune=publication.commune))
    lines = [reader.verbalise(publication.title.strip().rstrip(".") + ".")]
    if publication.summary.strip():
        lines.append(reader.verbalise(publication.summary.strip()))
    body = reader.script_from_html(publication.body_html)
    if body:
        lines.append(body)
    return "\n".join(lines)


@transaction.atomic
def broadcast_audio_prepare(*, publication: Publication) -> BroadcastAudio:
    """The publication's broadcast, with a script generated from it the first time."""
    audio, _ = BroadcastAudio.objects.get_or_create(
        publication=publication, defaults={"script": script_for(publication)}
    )
    return audio


@transaction.atomic
def broadcast_audio_edit_script(*, audio: BroadcastAudio, script: str) -> BroadcastAudio:
    script = "\n".join(line.rstrip() for line in script.strip().splitlines())
    if not script:
        raise ValidationError({"script": ERR_SCRIPT_EMPTY})
    locked = BroadcastAudio.objects.select_for_update().get(pk=audio.pk)
    if locked.state in (AudioState.PENDING, AudioState.RUNNING):
        raise ValidationError({"script": ERR_BUSY})
    locked.script = script
    if locked.state == AudioState.FAILED:
        locked.state = AudioState.DRAFT
    locked.full_clean()
    locked.save()
    return locked


def broadcast_audio_request(*, audio: BroadcastAudio, audio_format: str | None = None) -> BroadcastAudio:
    """Queue the synthesis of the current script (a background task: long scripts take minutes)."""
    from xaso.channels.tasks import synthesise_broadcast

    with transaction.atomic():
        changes: dict[str, Any] = {"state": AudioState.PENDING, "progress": 0, "error": ""}
        if audio_format:
            changes["audio_format"] = audio_format
        updated = (
            BroadcastAudio.objects.filter(pk=audio.pk)
            .exclude(state__in=[AudioState.PENDING, AudioState.RUNNING])
            .update(**changes)
        )
        if updated:
            transaction.on_commit(lambda: synthesise_broadcast.enqueue(audio.pk))
    audio.refresh_from_db()
    return audio


def broadcast_audio_synthesise(*, audio_id: int) -> str:
    """Run by the task worker: read the script aloud, encode, store the file and its duration."""
    if not BroadcastAudio.objects.filter(pk=audio_id, state=AudioState.PENDING).update(
        state=AudioState.RUNNING, progress=0
    ):
        return "not-pending"
    audio = BroadcastAudio.objects.get(pk=audio_id)
    backend = speech_backend()

    def progress(percent: int) -> None:
        BroadcastAudio.objects.filter(pk=audio_id).update(progress=min(percent, 99))

    try:
        rendered = render(audio.script, backend=backend, audio_format=audio.audio_format, progress=progress)
    except SpeechError as exc:
        BroadcastAudio.objects.filter(pk=audio_id).update(state=AudioState.FAILED, error=str(exc)[:500])
        return "failed"
    name = f"ban-tin-{audio.publication_id}-{timezone.now():%Y%m%d%H%M%S}.{audio.audio_format}"
    with transaction.atomic():
        audio = BroadcastAudio.objects.select_for_update().get(pk=audio_id)
        old = audio.file.name if audio.file else ""
        audio.file.save(name, ContentFile(rendered.data), save=False)
        audio.state = AudioState.READY
        audio.progress = 100
        audio.backend = backend.name
        audio.duration_seconds = round(rendered.duration_seconds, 2)
        audio.synthesis_seconds = round(rendered.synthesis_seconds, 3)
        audio.synthesised_script = audio.script
        audio.error = ""
        audio.save()
    if old and old != audio.file.name:
        audio.file.storage.delete(old)
    return "ready"


def broadcast_slots_schedule(
    *,
    audio: BroadcastAudio,
    groups: list[VillageGroup],
    first_day: dt.date,
    days: int,
    slots: list[str],
    now: dt.datetime | None = None,
) -> list[BroadcastSlot]:
    """`days` × the chosen slots for each group, in the first slots still ahead from `first_day` (at
    least SCHEDULE_LEAD ahead, for the station to load the file): a bulletin sent at 23:08 plays the
    next morning, never in that day's 06:00 and 17:30 already gone. A group that already has slots
    for this bulletin keeps them (a retried delivery finds the same slots)."""
    if not groups:
        raise ValidationError(ERR_NO_GROUP)
    if not 1 <= days <= 14:
        raise ValidationError(ERR_DAYS)
    if not slots or any(slot not in Slot.values for slot in slots):
        raise ValidationError(ERR_SLOTS)
    earliest = (now or timezone.now()) + SCHEDULE_LEAD
    commune_id = audio.publication.commune_id
    wanted = days * len(set(slots))
    chosen: list[BroadcastSlot] = []
    with transaction.atomic():
        for group in groups:
            if group.commune_id != commune_id:
                raise ValidationError(ERR_GROUP_OTHER_COMMUNE.format(group=group))
            existing = list(BroadcastSlot.objects.filter(audio=audio, group=group).order_by("starts_at"))
            if existing:
                chosen += existing
                continue
            made: list[BroadcastSlot] = []
            day = first_day
            while len(made) < wanted:
                for slot in sorted(set(slots), key=lambda s: _slot_time(group, s)):
                    starts_at = timezone.make_aware(dt.datetime.combine(day, _slot_time(group, slot)))
                    if starts_at >= earliest and len(made) < wanted:
                        made.append(
                            BroadcastSlot.objects.create(
                                audio=audio, group=group, date=day, slot=slot, starts_at=starts_at
                            )
                        )
                day += dt.timedelta(days=1)
            chosen += made
    return chosen


def _slot_time(group: VillageGroup, slot: str) -> dt.time:
    return group.morning_time if slot == Slot.MORNING else group.evening_time


@transaction.atomic
def broadcast_slot_cancel(*, slot: BroadcastSlot, user: Any, now: dt.datetime | None = None) -> BroadcastSlot:
    """Call a slot off before it plays: it leaves the playlist and the calendar and counts nothing."""
    locked = BroadcastSlot.objects.select_for_update().get(pk=slot.pk)
    if locked.starts_at <= (now or timezone.now()):
        raise ValidationError(ERR_CANCEL_PAST)
    if locked.cancelled_at is None:
        locked.cancelled_at, locked.cancelled_by = now or timezone.now(), user
        locked.save(update_fields=["cancelled_at", "cancelled_by"])
    return locked


@transaction.atomic
def slot_airing_confirm(
    *,
    slot: BroadcastSlot,
    village: OrgUnit,
    aired: bool,
    user: Any = None,
    by_device: bool = False,
    note: str = "",
    now: dt.datetime | None = None,
) -> SlotAiring:
    """The village's operator (`user`) or the loudspeaker system (`by_device`) says whether the slot
    played in `village`, once its time has come. Said again, the last word stands; the village's
    loudspeaker activity follows it (recorded when aired, removed when not)."""
    from xaso.channels.activity import airing_record

    moment = now or timezone.now()
    locked = BroadcastSlot.objects.select_for_update().select_related("group", "audio__publication").get(pk=slot.pk)
    if locked.cancelled_at is not None:
        raise ValidationError(ERR_CONFIRM_CANCELLED)
    if locked.starts_at > moment:
        raise ValidationError(
            ERR_CONFIRM_EARLY.format(time=timezone.localtime(locked.starts_at).strftime("%H:%M %d/%m/%Y"))
        )
    if not locked.group.villages.filter(pk=village.pk).exists():
        raise ValidationError(ERR_VILLAGE_NOT_IN_GROUP.format(village=village.name, group=locked.group.name))
    if not by_device and user is None:
        raise ValidationError(ERR_CONFIRM_WHO)
    airing, _ = SlotAiring.objects.update_or_create(
        slot=locked,
        village=village,
        defaults={
            "status": AiringStatus.AIRED if aired else AiringStatus.MISSED,
            "note": note.strip()[:255],
            "confirmed_by": user if not by_device else None,
            "by_device": by_device,
            "confirmed_at": moment,
        },
    )
    airing_record(airing=airing, now=moment)
    airing.refresh_from_db()
    return airing
