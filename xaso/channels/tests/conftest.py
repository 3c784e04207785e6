"""Fixtures: the fake Facebook and Zalo servers on localhost, and the demo commune's channels."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from xaso.channels.dispatch import delivery_run
from xaso.channels.models import ChannelKind, Delivery, DeliveryState
from xaso.channels.services import channel_account_create, deliveries_schedule, publication_create
from xaso.channels.testing import (
    FB_PAGE_ID,
    FB_PAGE_TOKEN,
    ZALO_APP_ID,
    ZALO_OA_ID,
    ZALO_REFRESH,
    ZALO_SECRET,
    fake_facebook,
    fake_zalo,
)
from xaso.portal.tests.conftest import portal  # noqa: F401 - the portal's demo commune, reused
from xaso.units.models import OrgUnit


@pytest.fixture
def facebook(settings):
    with fake_facebook(version=settings.FACEBOOK_GRAPH_VERSION) as fake:
        settings.FACEBOOK_GRAPH_URL = fake.url
        yield fake


# The portal's public address, from which Zalo fetches covers (the test server itself is local).
PUBLIC_URL = "https://hoangvanthu.xaso.example"


@pytest.fixture
def zalo(settings):
    with fake_zalo() as fake:
        settings.ZALO_OAUTH_URL = fake.url
        settings.ZALO_API_URL = fake.url
        settings.CHANNEL_PUBLIC_URL = PUBLIC_URL
        yield fake


@pytest.fixture
def commune(db):
    from xaso.demo.loaders import load_organisation

    load_organisation(lambda _: None)
    return OrgUnit.objects.get(code="ls-hvt")


@pytest.fixture
def facebook_account(commune):
    return channel_account_create(
        commune=commune,
        kind=ChannelKind.FACEBOOK,
        name="Trang Facebook xã Hoàng Văn Thụ",
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        remote_id=FB_PAGE_ID,
        credentials={"page_access_token": FB_PAGE_TOKEN},
    )


@pytest.fixture
def zalo_account(commune):
    return channel_account_create(
        commune=commune,
        kind=ChannelKind.ZALO,
        name="Zalo OA xã Hoàng Văn Thụ",
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        remote_id=ZALO_OA_ID,
        credentials={"app_id": ZALO_APP_ID, "secret_key": ZALO_SECRET, "refresh_token": ZALO_REFRESH},
    )


@pytest.fixture
def publication(commune):
    return publication_create(
        commune=commune,
        title="Xã Hoàng Văn Thụ triển khai Kế hoạch 33/KH-UBND",
        summary="Ngày 23/8/2025, UBND xã ban hành kế hoạch truyền thông về KH&CN, ĐMST và CĐS.",
        body_html="<p>Đến năm 2030, ít nhất 80% người dân được tiếp cận thông tin.</p>",
        link="http://127.0.0.1:8000/tin-tuc/trien-khai-ke-hoach-33/",
    )


@pytest.fixture
def schedule():
    def make(publication, account, **kwargs):
        (delivery,) = deliveries_schedule(publication=publication, accounts=[account], **kwargs)
        return delivery

    return make


def later(seconds: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)


# A fixed moment for the tests that touch expiry or schedules (never the hour the test runs).
PINNED = dt.datetime(2025, 9, 15, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def clock():
    """The clock pinned at PINNED (ticking, so that timeouts still work). Request it before the
    fakes, so that the tokens they issue are dated from the pinned moment too."""
    with time_machine.travel(PINNED, tick=True) as traveller:
        yield traveller


def run_until_settled(delivery: Delivery, *, rounds: int = 20) -> list[str]:
    """Run a delivery as the task queue would: whenever it is due later (it waits for Zalo to
    process an article, or backs off), the clock moves to its due time and it runs again, until
    it is sent or fails. Returns every outcome."""
    outcomes: list[str] = []
    traveller = None
    try:
        for _ in range(rounds):
            delivery.refresh_from_db()
            if delivery.state not in (DeliveryState.QUEUED, DeliveryState.SENDING):
                break
            if delivery.state == DeliveryState.QUEUED and delivery.not_before > timezone.now():
                if traveller is not None:
                    traveller.stop()
                traveller = time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True)
                traveller.start()
            outcomes.append(delivery_run(delivery_id=delivery.pk))
    finally:
        if traveller is not None:
            traveller.stop()
        delivery.refresh_from_db()
    return outcomes
