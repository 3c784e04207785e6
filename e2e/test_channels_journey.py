"""An editor sends an approved article to Facebook, Zalo and the loudspeakers, and follows it.

The fake Facebook answers the first post with a throttling error; each fake service ends
with exactly one post; the bulletin's script reads figures as words and its audio plays."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from xaso.channels.demo import load_channels
from xaso.channels.dispatch import delivery_run
from xaso.channels.fakes.facebook import error_reply, usage_headers
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.testing import FB_PAGE_ID, fake_facebook, fake_zalo
from xaso.portal.services import article_draft_create, page_publish
from xaso.portal.tests.conftest import portal  # noqa: F401 - the portal of the demo commune
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def migration_rows(db):
    """An earlier browser test flushed the database, rows made by migrations included: put back
    what the portal and the bulletin need (Wagtail's root page, locale and collection, the shared
    reading dictionary)."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    from xaso.vi.models import Abbreviation
    from xaso.vi.seed_abbreviations import ABBREVIATIONS

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Gốc", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Gốc")
    for text, expansion in ABBREVIATIONS.items():
        Abbreviation.objects.get_or_create(text=text, commune=None, defaults={"expansion": expansion})


@pytest.fixture
def fakes(settings):
    with fake_facebook(version=settings.FACEBOOK_GRAPH_VERSION) as facebook, fake_zalo() as zalo:
        settings.FACEBOOK_GRAPH_URL = facebook.url
        settings.ZALO_OAUTH_URL = settings.ZALO_API_URL = zalo.url
        # Zalo fetches the cover from the portal's public address (the test server's is local).
        settings.CHANNEL_PUBLIC_URL = "https://hoangvanthu.xaso.example"
        yield facebook, zalo


def due_now(delivery: Delivery) -> None:
    """Time passes: the delivery's back-off and the Page's pause are over."""
    Delivery.objects.filter(pk=delivery.pk).update(not_before=timezone.now() - dt.timedelta(seconds=1))
    ChannelAccount.objects.filter(pk=delivery.account_id).update(throttled_until=None)


def test_an_article_goes_to_every_channel_once(portal, fakes, page: Page, login_as):  # noqa: F811
    facebook, zalo = fakes
    load_channels(lambda _: None)
    article = article_draft_create(
        topic=portal.news,
        title="Xã tổ chức hội nghị triển khai Kế hoạch 33/KH-UBND",
        intro="Ngày 23/8/2025, 100% cán bộ xã dự hội nghị về KH&CN và CĐS.",
        body=[{"type": "paragraph", "value": "<p>Đến năm 2030, ít nhất 80% người dân được tiếp cận.</p>"}],
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        user=portal.admin,
    )
    page_publish(page=article, user=portal.admin)
    facebook.fail_next("POST feed", error_reply(4, headers=usage_headers(percent=100, regain_minutes=1)))

    login_as(page, portal.linh)
    page.goto(reverse("channels_page_panel", args=[article.pk]))
    for name in (
        "Trang Facebook UBND xã Hoàng Văn Thụ",
        "Zalo OA xã Hoàng Văn Thụ",
        "Đài Truyền thanh xã Hoàng Văn Thụ",
    ):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã xếp lịch gửi lên 3 kênh")

    panel = page.locator("#channel-panel")
    # Zalo answered the creation with a token and is still processing the article.
    expect(panel.locator("[data-channel=zalo]")).to_contain_text("Zalo đang xử lý bài viết")
    expect(panel.locator("[data-channel=facebook]")).to_contain_text("Chờ gửi lại")
    expect(panel.locator("[data-channel=facebook]")).to_contain_text("Facebook yêu cầu giảm tần suất gửi")
    script = page.locator("textarea[name=script]")
    expect(script).to_contain_text("Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm")
    expect(script).to_contain_text("tám mươi phần trăm")
    expect(script).to_contain_text("Kế hoạch ba mươi ba kế hoạch Ủy ban nhân dân")

    zalo.finish_processing()
    for delivery in Delivery.objects.exclude(state="sent"):
        due_now(delivery)
        assert delivery_run(delivery_id=delivery.pk) == "sent"
    page.reload()
    expect(panel.locator("[data-channel=zalo]")).to_contain_text("Đã gửi")
    expect(panel.locator("[data-channel=facebook]")).to_contain_text("Đã gửi")
    expect(panel.locator("[data-channel=loudspeaker]")).to_contain_text("Đã gửi")
    post_link = panel.locator("[data-channel=facebook] a", has_text="Mở")
    expect(post_link).to_have_attribute("href", re.compile(rf"https://www\.facebook\.com/{FB_PAGE_ID}_\d+"))

    assert len(facebook.posts(FB_PAGE_ID)) == 1
    assert len(zalo.articles) == 1
    assert len(zalo.broadcasts) == 1

    audio = page.locator("audio")
    expect(audio).to_have_count(1)
    duration = page.evaluate(
        """async () => {
            const el = document.querySelector('audio');
            el.muted = true;
            await el.play();
            await new Promise((resolve) => setTimeout(resolve, 300));
            return [el.duration, el.currentTime, el.error];
        }"""
    )
    assert duration[0] > 3
    assert duration[1] > 0
    assert duration[2] is None
    expect(page.locator("main")).to_contain_text("Lịch phát")
