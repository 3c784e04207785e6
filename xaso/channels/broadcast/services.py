"""Writes of the loudspeaker channel: the reading script, its audio, the schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xaso.channels.broadcast.audio import render
from xaso.channels.broadcast.models import AudioState, BroadcastAudio, BroadcastSlot, Slot, VillageGroup
from xaso.channels.broadcast.speech import SpeechError, speech_backend
from xaso.channels.models import Publication
from xaso.vi.reading import Reader
from xaso.vi.selectors import reading_dictionary

ERR_SCRIPT_EMPTY = "Bản đọc không được để trống."
ERR_BUSY = "Âm thanh đang được tạo; hãy chờ xong rồi sửa bản đọc."
ERR_GROUP_OTHER_COMMUNE = "Cụm loa “{group}” không thuộc xã của bài."
ERR_NO_GROUP = "Hãy chọn ít nhất một cụm loa."
ERR_DAYS = "Số ngày phát phải từ 1 đến 14."
ERR_SLOTS = "Hãy chọn buổi sáng, buổi chiều hoặc cả hai."


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
    *, audio: BroadcastAudio, groups: list[VillageGroup], first_day: dt.date, days: int, slots: list[str]
) -> list[BroadcastSlot]:
    """Morning and/or evening slots on `days` days from `first_day` for each group; scheduling
    the same slot again returns it unchanged."""
    if not groups:
        raise ValidationError(ERR_NO_GROUP)
    if not 1 <= days <= 14:
        raise ValidationError(ERR_DAYS)
    if not slots or any(slot not in Slot.values for slot in slots):
        raise ValidationError(ERR_SLOTS)
    commune_id = audio.publication.commune_id
    created: list[BroadcastSlot] = []
    with transaction.atomic():
        for group in groups:
            if group.commune_id != commune_id:
                raise ValidationError(ERR_GROUP_OTHER_COMMUNE.format(group=group))
            for offset in range(days):
                day = first_day + dt.timedelta(days=offset)
                for slot in slots:
                    at = group.morning_time if slot == Slot.MORNING else group.evening_time
                    starts_at = timezone.make_aware(dt.datetime.combine(day, at))
                    row, _ = BroadcastSlot.objects.get_or_create(
                        audio=audio, group=group, date=day, slot=slot, defaults={"starts_at": starts_at}
                    )
                    created.append(row)
    return created
