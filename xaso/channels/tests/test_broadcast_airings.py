"""Broadcast truth: a bulletin goes only into slots still ahead; a village's loudspeaker activity is
recorded only once its slot has passed and the village's operator (or the loudspeaker system) said it
played, reaching the village's registered residents; a missed or cancelled slot counts nothing.
Every test runs on a pinned clock (Hà Nội time)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse

from xaso.activities.models import Activity
from xaso.channels.activity import broadcast_slots_record
from xaso.channels.broadcast import services
from xaso.channels.broadcast.models import AiringStatus, AudioState, BroadcastAudio, BroadcastSlot, VillageGroup
from xaso.channels.broadcast.services import (
    broadcast_audio_prepare,
    broadcast_slot_cancel,
    broadcast_slots_schedule,
    slot_airing_confirm,
)
from xaso.channels.broadcast.views import ERR_TOKEN
from xaso.channels.dispatch import delivery_run
from xaso.channels.models import ChannelKind
from xaso.channels.services import channel_account_create
from xaso.registers.services import village_profile_set
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DEVICE_TOKEN = "ma-loa-thong-minh-hoang-van-thu"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of December 2026 in Hà Nội."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=HANOI)


@pytest.fixture
def villages(demo):
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=["ls-hvt-t-napan", "ls-hvt-t-banthang"])}
    village_profile_set(unit=found["ls-hvt-t-napan"], households=98, residents=412, has_loudspeaker=True)
    village_profile_set(unit=found["ls-hvt-t-banthang"], households=84, residents=356, has_loudspeaker=True)
    return found


@pytest.fixture
def north(demo, villages):
    group = VillageGroup.objects.create(commune=demo.plan.commune, name="Cụm loa phía Bắc")
    group.villages.set(villages.values())
    return group


@pytest.fixture
def loudspeaker(demo):
    return channel_account_create(
        commune=demo.plan.commune,
        kind=ChannelKind.LOUDSPEAKER,
        name="Đài Truyền thanh xã Hoàng Văn Thụ",
        unit=OrgUnit.objects.get(code="ls-hvt-dtt"),
        credentials={"device_token": DEVICE_TOKEN},
    )


@pytest.fixture
def audio(demo, publication):
    made = broadcast_audio_prepare(publication=publication)
    # Read aloud already (synthesis is another test's subject).
    BroadcastAudio.objects.filter(pk=made.pk).update(
        state=AudioState.READY, file="truyen-thanh/ban-tin.mp3", synthesised_script=F("script")
    )
    made.refresh_from_db()
    return made


def local(slot: BroadcastSlot) -> tuple[int, int, int]:
    moment = slot.starts_at.astimezone(HANOI)
    return moment.day, moment.hour, moment.minute


def test_a_bulletin_sent_at_23_08_plays_the_next_morning_and_evening(audio, north, loudspeaker, schedule):
    with time_machine.travel(at(7, 23, 8), tick=False):
        delivery = schedule(audio.publication, loudspeaker, options={"days": 1})
        assert delivery_run(delivery_id=delivery.pk) == "sent"
    slots = list(BroadcastSlot.objects.filter(audio=audio).order_by("starts_at"))
    assert [local(s) for s in slots] == [(8, 6, 0), (8, 17, 30)]
    assert not Activity.objects.filter(kind="loudspeaker").exists()


def test_a_bulletin_sent_at_noon_takes_the_evening_then_the_next_morning(audio, north):
    with time_machine.travel(at(7, 12, 0), tick=False):
        slots = broadcast_slots_schedule(
            audio=audio, groups=[north], first_day=dt.date(2026, 12, 7), days=1, slots=["morning", "evening"]
        )
    assert [local(s) for s in slots] == [(7, 17, 30), (8, 6, 0)]


def test_a_slot_too_close_to_load_is_skipped_and_a_retry_finds_the_same_slots(audio, north):
    with time_machine.travel(at(7, 5, 50), tick=False):  # 06:00 is ten minutes away
        first = broadcast_slots_schedule(
            audio=audio, groups=[north], first_day=dt.date(2026, 12, 7), days=1, slots=["morning"]
        )
    assert [local(s) for s in first] == [(8, 6, 0)]
    with time_machine.travel(at(8, 7, 0), tick=False):
        again = broadcast_slots_schedule(
            audio=audio, groups=[north], first_day=dt.date(2026, 12, 7), days=1, slots=["morning"]
        )
    assert [s.pk for s in again] == [s.pk for s in first]


def played_slot(audio, north) -> BroadcastSlot:
    with time_machine.travel(at(7, 20, 0), tick=False):
        (slot,) = broadcast_slots_schedule(
            audio=audio, groups=[north], first_day=dt.date(2026, 12, 8), days=1, slots=["morning"]
        )
    return slot


def test_nothing_counts_before_the_slot_has_passed_and_the_village_said_it_played(demo, audio, north, villages):
    slot = played_slot(audio, north)
    napan, banthang = villages["ls-hvt-t-napan"], villages["ls-hvt-t-banthang"]
    with time_machine.travel(at(8, 5, 30), tick=False):
        with pytest.raises(ValidationError) as early:
            slot_airing_confirm(slot=slot, village=napan, aired=True, user=demo.son)
        assert early.value.messages == [services.ERR_CONFIRM_EARLY.format(time="06:00 08/12/2026")]
    with time_machine.travel(at(8, 9, 0), tick=False):
        assert broadcast_slots_record() == 0  # the slot has passed, but no one said it played
        assert not Activity.objects.filter(kind="loudspeaker").exists()

        airing = slot_airing_confirm(slot=slot, village=napan, aired=True, user=demo.son)
        missed = slot_airing_confirm(slot=slot, village=banthang, aired=False, user=demo.lan, note="Mất điện")
    assert (airing.status, airing.record_error) == (AiringStatus.AIRED, "")
    assert (missed.status, missed.note) == (AiringStatus.MISSED, "Mất điện")
    (activity,) = Activity.objects.filter(kind="loudspeaker")
    # The village's registered residents are reached; nobody "took part".
    assert (activity.unit, activity.reach, activity.participants, activity.residents) == (napan, 412, 0, 0)
    assert activity.date_start == dt.date(2026, 12, 8)
    assert activity.source == airing.source

    with time_machine.travel(at(8, 10, 0), tick=False):
        slot_airing_confirm(slot=slot, village=napan, aired=False, user=demo.son, note="Nhầm, loa hỏng")
        assert broadcast_slots_record() == 0
    assert not Activity.objects.filter(kind="loudspeaker").exists()


def test_a_cancelled_slot_leaves_the_schedule_and_counts_nothing(client, demo, audio, north, villages):
    slot = played_slot(audio, north)
    with time_machine.travel(at(7, 21, 0), tick=False):
        broadcast_slot_cancel(slot=slot, user=demo.lan)
        listing = client.get(reverse("channels_broadcast_playlist", args=[demo.plan.commune.pk])).content.decode()
    assert audio.file.url not in listing
    with time_machine.travel(at(8, 9, 0), tick=False):
        with pytest.raises(ValidationError) as refused:
            slot_airing_confirm(slot=slot, village=villages["ls-hvt-t-napan"], aired=True, user=demo.son)
        assert refused.value.messages == [services.ERR_CONFIRM_CANCELLED]
        with pytest.raises(ValidationError) as past:
            broadcast_slot_cancel(slot=played_slot_after(audio, north), user=demo.lan)
        assert past.value.messages == [services.ERR_CANCEL_PAST]
    assert not Activity.objects.filter(kind="loudspeaker").exists()


def played_slot_after(audio, north) -> BroadcastSlot:
    return BroadcastSlot.objects.create(
        audio=audio, group=north, date=dt.date(2026, 12, 8), slot="evening", starts_at=at(8, 6, 30)
    )


def test_the_loudspeaker_system_confirms_with_the_communes_token(client, demo, audio, north, villages, loudspeaker):
    slot = played_slot(audio, north)
    url = reverse("channels_broadcast_confirm", args=[demo.plan.commune.pk])
    data = {"slot": slot.pk, "village": villages["ls-hvt-t-banthang"].pk, "status": "aired"}
    with time_machine.travel(at(8, 6, 20), tick=False):
        wrong = client.post(url, data, HTTP_AUTHORIZATION="Bearer doan-mo")
        assert (wrong.status_code, wrong.json()) == (401, {"loi": ERR_TOKEN})
        other = client.post(
            reverse("channels_broadcast_confirm", args=[99999]), data, HTTP_AUTHORIZATION=f"Bearer {DEVICE_TOKEN}"
        )
        assert other.status_code == 401
        assert client.get(url).status_code == 405
        right = client.post(url, data, HTTP_AUTHORIZATION=f"Bearer {DEVICE_TOKEN}")
    assert (right.status_code, right.json()) == (200, {"trang_thai": "aired", "ghi_nhan": True})
    (activity,) = Activity.objects.filter(kind="loudspeaker")
    assert (activity.unit.code, activity.reach) == ("ls-hvt-t-banthang", 356)
    tan_thanh = OrgUnit.objects.get(code="ls-tt-t-nacan")
    stray = client.post(url, {**data, "village": tan_thanh.pk}, HTTP_AUTHORIZATION=f"Bearer {DEVICE_TOKEN}")
    assert stray.status_code == 404


def test_the_village_head_confirms_on_his_phone_for_his_village_only(client_for, demo, audio, north, villages):
    slot = played_slot(audio, north)
    napan, banthang = villages["ls-hvt-t-napan"], villages["ls-hvt-t-banthang"]
    url = reverse("channels_airings")
    with time_machine.travel(at(8, 8, 0), tick=False):
        client = client_for(demo.son)
        page = client.get(url)
        assert page.status_code == 200
        rows = page.context["rows"]
        assert [(row.village, row.state) for row in rows] == [(napan, "Chờ xác nhận")]
        assert "Đã phát" in page.content.decode()
        refused = client.post(url, {"slot": slot.pk, "village": banthang.pk, "status": "aired"})
        assert refused.status_code == 404
        done = client.post(url, {"slot": slot.pk, "village": napan.pk, "status": "aired"}, follow=True)
    assert "Đã ghi: Thôn Nà Pàn" in done.content.decode()
    assert Activity.objects.get(kind="loudspeaker").unit == napan
    with time_machine.travel(at(8, 8, 5), tick=False):
        school = client_for(demo.mai).get(url)
    assert school.status_code in (200, 403)
    if school.status_code == 200:
        assert school.context["rows"] == []


def test_an_activity_recorded_before_anyone_confirmed_is_removed(demo, audio, north, villages):
    # What an older version did: the slot's activity, recorded a minute after the slot, unconfirmed.
    slot = played_slot(audio, north)
    from xaso.activities.services import activity_record

    with time_machine.travel(at(8, 6, 1), tick=False):
        activity_record(
            unit=villages["ls-hvt-t-napan"],
            kind="loudspeaker",
            title="Phát thanh",
            date_start=dt.date(2026, 12, 8),
            participants=412,
            residents=412,
            reach=412,
            source=f"channel.broadcast:slot:{slot.pk}:village:{villages['ls-hvt-t-napan'].pk}",
        )
        assert broadcast_slots_record() == 1
    assert not Activity.objects.filter(kind="loudspeaker").exists()
