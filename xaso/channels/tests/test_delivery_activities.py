"""Each delivery is recorded once as an activity; each played broadcast per village it covers."""

import datetime as dt

import pytest
from django.utils import timezone

from xaso.activities.models import Activity
from xaso.channels.activity import broadcast_slots_record
from xaso.channels.broadcast.models import AudioState, BroadcastAudio, BroadcastSlot, VillageGroup
from xaso.channels.broadcast.services import broadcast_audio_prepare, slot_airing_confirm
from xaso.channels.dispatch import delivery_run
from xaso.channels.fakes.facebook import error_reply
from xaso.registers.services import village_profile_set
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_a_facebook_post_is_a_social_post_activity_of_the_channels_unit(
    demo, facebook, facebook_account, publication, schedule
):
    delivery = schedule(publication, facebook_account)
    assert delivery_run(delivery_id=delivery.pk) == "sent"
    delivery.refresh_from_db()
    activity = Activity.objects.get(source=f"channel.facebook:delivery:{delivery.pk}")
    assert activity.kind == "social_post"
    assert activity.unit.code == "ls-hvt-vhxh"
    assert activity.title == f"Trang Facebook: {publication.title}"
    assert activity.url == delivery.remote_url
    assert activity.date_start == timezone.localdate()


def test_a_retried_delivery_is_still_one_activity(demo, facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(200))
    delivery = schedule(publication, facebook_account)
    assert delivery_run(delivery_id=delivery.pk) == "failed"
    assert not Activity.objects.exists()
    from xaso.channels.services import delivery_retry

    delivery_retry(delivery=delivery)
    assert delivery_run(delivery_id=delivery.pk) == "sent"
    from xaso.channels.activity import delivery_record_activity

    delivery.refresh_from_db()
    delivery_record_activity(delivery=delivery)
    assert Activity.objects.filter(kind="social_post").count() == 1


def test_a_broadcast_is_an_activity_only_of_the_villages_that_said_it_played(demo, commune, publication, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False)
    group = VillageGroup.objects.create(commune=commune, name="Cụm loa trung tâm")
    villages = list(OrgUnit.objects.filter(code__in=["ls-hvt-t-napan", "ls-hvt-t-naly"]).order_by("code"))
    group.villages.set(villages)
    village_profile_set(unit=villages[0], households=120, residents=480, has_loudspeaker=True)
    village_profile_set(unit=villages[1], households=80, residents=310, has_loudspeaker=True)
    audio = broadcast_audio_prepare(publication=publication)
    BroadcastAudio.objects.filter(pk=audio.pk).update(state=AudioState.READY, file="truyen-thanh/x.mp3")
    played_at = timezone.now() - dt.timedelta(hours=1)
    slot = BroadcastSlot.objects.create(
        audio=audio, group=group, date=timezone.localdate(played_at), slot="morning", starts_at=played_at
    )
    BroadcastSlot.objects.create(
        audio=audio,
        group=group,
        date=timezone.localdate(),
        slot="evening",
        starts_at=timezone.now() + dt.timedelta(hours=3),
    )
    assert broadcast_slots_record() == 0  # played, perhaps: no one has said so
    slot_airing_confirm(slot=slot, village=villages[0], aired=True, user=demo.lan)
    activities = Activity.objects.filter(kind="loudspeaker").order_by("unit__code")
    assert [(a.unit.code, a.participants, a.residents, a.reach) for a in activities] == [("ls-hvt-t-naly", 0, 0, 480)]
    assert activities[0].source == f"channel.broadcast:slot:{slot.pk}:village:{villages[0].pk}"
    assert broadcast_slots_record() == 0  # each airing is recorded once
    assert Activity.objects.filter(kind="loudspeaker").count() == 1
