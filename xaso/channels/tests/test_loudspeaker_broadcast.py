"""The loudspeaker channel: script from the article, audio in the background, the schedule."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from xaso.channels.broadcast.models import AudioState, BroadcastAudio, BroadcastSlot, VillageGroup
from xaso.channels.broadcast.services import (
    ERR_BUSY,
    ERR_SCRIPT_EMPTY,
    broadcast_audio_edit_script,
    broadcast_audio_prepare,
    broadcast_audio_request,
    broadcast_audio_synthesise,
)
from xaso.channels.broadcast.speech import ERR_HOSTED_KEY
from xaso.channels.broadcast.transport import ERR_AUDIO_PENDING, ERR_NO_GROUPS
from xaso.channels.dispatch import delivery_run
from xaso.channels.models import ChannelKind, DeliveryState
from xaso.channels.services import channel_account_create
from xaso.registers.services import village_profile_set
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# 05:00 in Hà Nội: that day's morning and evening slots are still ahead.
EARLY = dt.datetime(2026, 12, 7, 5, 0, tzinfo=HANOI)


@pytest.fixture
def loudspeaker(commune):
    return channel_account_create(
        commune=commune,
        kind=ChannelKind.LOUDSPEAKER,
        name="Đài truyền thanh xã",
        unit=OrgUnit.objects.get(code="ls-hvt-dtt"),
    )


@pytest.fixture
def north(commune):
    group = VillageGroup.objects.create(commune=commune, name="Cụm loa phía Bắc")
    villages = OrgUnit.objects.filter(code__in=["ls-hvt-t-napan", "ls-hvt-t-banthang"]).order_by("code")
    group.villages.set(villages)
    for village, residents in zip(villages, (700, 500), strict=True):
        village_profile_set(unit=village, households=residents // 4, residents=residents, has_loudspeaker=True)
    return group


def test_the_script_reads_numbers_dates_and_abbreviations_as_words(publication):
    audio = broadcast_audio_prepare(publication=publication)
    assert audio.script.splitlines() == [
        "Xã Hoàng Văn Thụ triển khai Kế hoạch ba mươi ba kế hoạch Ủy ban nhân dân.",
        "Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã ban hành kế hoạch "
        "truyền thông về khoa học và công nghệ, đổi mới sáng tạo và chuyển đổi số.",
        "Đến năm hai nghìn không trăm ba mươi, ít nhất tám mươi phần trăm người dân được tiếp cận thông tin.",
    ]
    assert audio.state == AudioState.DRAFT
    assert broadcast_audio_prepare(publication=publication).pk == audio.pk


def test_the_editor_corrects_the_script_before_synthesis(publication):
    audio = broadcast_audio_prepare(publication=publication)
    audio = broadcast_audio_edit_script(audio=audio, script="  Bà con chú ý.\nThông báo của xã.  ")
    assert audio.script == "Bà con chú ý.\nThông báo của xã."
    with pytest.raises(ValidationError) as caught:
        broadcast_audio_edit_script(audio=audio, script="   ")
    assert caught.value.message_dict == {"script": [ERR_SCRIPT_EMPTY]}


def test_synthesis_runs_as_a_background_task_with_progress(publication, django_capture_on_commit_callbacks):
    audio = broadcast_audio_prepare(publication=publication)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        audio = broadcast_audio_request(audio=audio, audio_format="ogg")
    assert audio.state == AudioState.PENDING
    assert len(callbacks) == 1  # the task is enqueued when the request commits
    with pytest.raises(ValidationError) as caught:
        broadcast_audio_edit_script(audio=audio, script="Sửa giữa chừng.")
    assert caught.value.message_dict == {"script": [ERR_BUSY]}
    callbacks[0]()  # the immediate task backend runs the synthesis now
    audio.refresh_from_db()
    assert audio.state == AudioState.READY
    assert audio.progress == 100
    assert audio.file.name.endswith(".ogg")
    assert audio.file.read(4) == b"OggS"
    assert audio.duration_seconds is not None
    assert audio.duration_seconds > 5
    assert audio.backend == "espeak-ng"
    assert not audio.is_stale
    broadcast_audio_edit_script(audio=audio, script="Bản đọc mới.")
    audio.refresh_from_db()
    assert audio.is_stale


def test_a_failed_synthesis_keeps_the_script_and_says_why(settings, publication):
    settings.SPEECH_BACKEND = "hosted"
    settings.SPEECH_API_KEY = ""
    audio = broadcast_audio_prepare(publication=publication)
    BroadcastAudio.objects.filter(pk=audio.pk).update(state=AudioState.PENDING)
    assert broadcast_audio_synthesise(audio_id=audio.pk) == "failed"
    audio.refresh_from_db()
    assert audio.state == AudioState.FAILED
    assert audio.error == ERR_HOSTED_KEY  # the official is told to call the administrator, no setting named
    assert audio.script


@pytest.mark.time_machine(EARLY, tick=True)
def test_delivery_waits_for_the_audio_then_schedules_morning_and_evening_slots(
    loudspeaker, north, publication, schedule
):
    delivery = schedule(publication, loudspeaker, options={"days": 2})
    assert delivery_run(delivery_id=delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.reason == ERR_AUDIO_PENDING
    audio = BroadcastAudio.objects.get(publication=publication)
    assert audio.state == AudioState.PENDING
    assert broadcast_audio_synthesise(audio_id=audio.pk) == "ready"
    type(delivery).objects.filter(pk=delivery.pk).update(not_before=timezone.now())
    assert delivery_run(delivery_id=delivery.pk) == "sent"
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT
    assert delivery.reach == 1200
    slots = BroadcastSlot.objects.filter(audio=audio).order_by("starts_at")
    assert [(s.slot, s.group_id) for s in slots] == [("morning", north.pk), ("evening", north.pk)] * 2
    first = timezone.localtime(slots[0].starts_at)
    assert (first.day, first.hour, first.minute) == (7, 6, 0)


def test_without_village_groups_the_delivery_stops_with_a_reason(loudspeaker, publication, schedule):
    audio = broadcast_audio_prepare(publication=publication)
    BroadcastAudio.objects.filter(pk=audio.pk).update(state=AudioState.PENDING)
    broadcast_audio_synthesise(audio_id=audio.pk)
    delivery = schedule(publication, loudspeaker)
    assert delivery_run(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.reason == ERR_NO_GROUPS


# Before dawn and late at night (23:43, when a new user's run once found 1 event): two slots ahead either way.
@pytest.mark.parametrize(
    "moment", [EARLY, dt.datetime(2026, 12, 7, 23, 43, tzinfo=HANOI)], ids=["at-05-00", "at-23-43"]
)
def test_the_schedule_is_a_playlist_and_a_calendar(
    client, commune, loudspeaker, north, publication, schedule, time_machine, moment
):
    time_machine.move_to(moment, tick=True)
    audio = broadcast_audio_prepare(publication=publication)
    BroadcastAudio.objects.filter(pk=audio.pk).update(state=AudioState.PENDING)
    broadcast_audio_synthesise(audio_id=audio.pk)
    delivery = schedule(publication, loudspeaker, publish_at=timezone.now() + dt.timedelta(minutes=5))
    type(delivery).objects.filter(pk=delivery.pk).update(not_before=timezone.now())
    assert delivery_run(delivery_id=delivery.pk) == "sent"
    audio.refresh_from_db()

    m3u = client.get(reverse("channels_broadcast_playlist", args=[commune.pk]))
    assert m3u.status_code == 200
    assert m3u["Content-Type"].startswith("audio/x-mpegurl")
    lines = m3u.content.decode().splitlines()
    assert lines[0] == "#EXTM3U"
    assert lines[2].startswith(f"#EXTINF:{round(audio.duration_seconds or 0)},")
    assert "Cụm loa phía Bắc" in lines[2]
    assert lines[3].endswith(audio.file.url)

    ics = client.get(reverse("channels_broadcast_calendar", args=[commune.pk]) + f"?cum={north.pk}")
    text = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Phát thanh: Xã Hoàng Văn Thụ triển khai Kế hoạch 33/KH-UBND" in unfolded
    assert "Thôn Nà Pàn" in unfolded

    assert client.get(reverse("channels_broadcast_calendar", args=[99999])).status_code == 404
    assert client.get(reverse("channels_broadcast_playlist", args=[commune.pk]) + "?cum=x").status_code == 404
