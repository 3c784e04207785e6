"""The demo's channels: accounts on the local fakes, loudspeaker groups, one article on every channel."""

import pytest

from xaso.channels.demo import DEMO_TITLE, load_channels, load_deliveries
from xaso.channels.dispatch import delivery_run
from xaso.channels.facebook.transport import ERR_NOT_CONNECTED
from xaso.channels.models import ChannelAccount, Delivery, DeliveryState, VillageGroup
from xaso.channels.tests.conftest import run_until_settled

pytestmark = pytest.mark.django_db


def test_loading_twice_adds_nothing_and_keeps_edits():
    load_channels(lambda _: None)
    load_deliveries(lambda _: None)
    ChannelAccount.objects.filter(kind="zalo").update(name="Zalo OA (đã đổi tên)")
    counts = (ChannelAccount.objects.count(), VillageGroup.objects.count(), Delivery.objects.count())
    load_channels(lambda _: None)
    load_deliveries(lambda _: None)
    assert (ChannelAccount.objects.count(), VillageGroup.objects.count(), Delivery.objects.count()) == counts
    assert ChannelAccount.objects.get(kind="zalo").name == "Zalo OA (đã đổi tên)"
    assert counts == (4, 2, 4)
    from xaso.registers.models import VillageProfile

    assert VillageProfile.objects.get(unit__code="ls-hvt-t-napan").residents == 412


def test_the_unconfigured_channel_fails_with_a_clear_message():
    load_channels(lambda _: None)
    load_deliveries(lambda _: None)
    delivery = Delivery.objects.get(publication__title=DEMO_TITLE, account__remote_id="", account__kind="facebook")
    assert delivery_run(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.reason == ERR_NOT_CONNECTED


def test_the_demo_article_reaches_the_fakes_once(facebook, zalo):
    load_channels(lambda _: None)
    load_deliveries(lambda _: None)
    for delivery in Delivery.objects.filter(account__kind__in=["facebook", "zalo"]).exclude(account__remote_id=""):
        assert run_until_settled(delivery)[-1] == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert len(zalo.articles) == 1
    assert len(zalo.broadcasts) == 1


def test_with_the_portals_demo_content_the_demo_article_is_the_one_sent(portal):
    from xaso.portal.demo import load_demo_articles

    load_demo_articles(lambda _: None)
    load_channels(lambda _: None)
    load_deliveries(lambda _: None)
    publication = Delivery.objects.select_related("publication__page")[0].publication
    assert publication.page is not None
    assert publication.page.slug == "xa-ra-mat-chuyen-muc-nghi-quyet-57"
    assert publication.link.startswith("http")
