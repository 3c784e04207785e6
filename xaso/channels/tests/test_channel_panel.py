"""The article's channel panel in the back office: send, follow, retry, prepare the bulletin."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from xaso.channels.broadcast.models import AudioState, BroadcastAudio
from xaso.channels.demo import load_channels
from xaso.channels.dispatch import delivery_run
from xaso.channels.fakes.facebook import error_reply
from xaso.channels.forms import ERR_NO_CHANNEL_CHOSEN
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.services import ERR_NOT_LIVE
from xaso.channels.tests.conftest import run_until_settled
from xaso.portal.services import article_draft_create, page_publish
from xaso.testing.clock import pinned
from xaso.units.models import OrgUnit

pytestmark = [pytest.mark.django_db, pinned]

PANEL = "channels_page_panel"


def make_article(portal, *, publish=True):
    article = article_draft_create(
        topic=portal.news,
        title="Xã tổ chức hội nghị triển khai Kế hoạch 33/KH-UBND",
        intro="Ngày 23/8/2025, 100% cán bộ xã dự hội nghị về KH&CN và CĐS.",
        body=[{"type": "paragraph", "value": "<p>Đến năm 2030, ít nhất 80% người dân được tiếp cận.</p>"}],
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        user=portal.admin,
    )
    if publish:
        page_publish(page=article, user=portal.admin)
    article.refresh_from_db()
    return article


@pytest.fixture
def channels(portal, facebook, zalo):
    load_channels(lambda _: None)
    return {account.kind: account for account in ChannelAccount.objects.filter(commune__code="ls-hvt")}


@pytest.fixture
def article(portal):
    return make_article(portal)


def send(client, article, chosen, **extra):
    data = {"action": "send", "accounts": [a.pk for a in chosen], "days": 1, "slots": ["morning", "evening"]}
    data.update(extra)
    return client.post(reverse(PANEL, args=[article.pk]), data)


def test_the_editor_sends_an_approved_article_to_every_channel(
    client_for, portal, channels, article, facebook, zalo, django_capture_on_commit_callbacks
):
    client = client_for(portal.linh)
    page = client.get(reverse(PANEL, args=[article.pk]))
    assert page.status_code == 200
    assert "Bài chưa được gửi lên kênh nào." in page.text
    with django_capture_on_commit_callbacks(execute=False):
        response = send(client, article, channels.values())
    assert response.status_code == 302
    deliveries = Delivery.objects.filter(publication__page=article)
    assert deliveries.count() == 3
    publication = deliveries[0].publication
    assert publication.title == article.title
    assert publication.summary == article.intro
    assert publication.link.endswith(article.url)
    assert "80% người dân" in publication.body_html
    for delivery in deliveries.exclude(account__kind="loudspeaker"):
        assert run_until_settled(delivery)[-1] == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert len(zalo.articles) == 1
    panel = client.get(reverse(PANEL, args=[article.pk])).text
    facebook_delivery = deliveries.get(account__kind="facebook")
    assert "Đã gửi" in panel
    assert facebook_delivery.remote_url in panel
    assert "Đang chờ gửi" in panel  # the loudspeakers wait for the bulletin's audio
    audio = BroadcastAudio.objects.get(publication=publication)
    assert "hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm" in audio.script
    assert "tám mươi phần trăm" in audio.script


def test_a_failure_shows_its_vietnamese_reason_and_can_be_retried(
    client_for, portal, channels, article, facebook, django_capture_on_commit_callbacks
):
    facebook.fail_next("POST feed", error_reply(200))
    client = client_for(portal.linh)
    with django_capture_on_commit_callbacks(execute=False):
        send(client, article, [channels["facebook"]])
    delivery = Delivery.objects.get(publication__page=article)
    assert delivery_run(delivery_id=delivery.pk) == "failed"
    panel = client.get(reverse(PANEL, args=[article.pk])).text
    assert "Không gửi được" in panel
    assert "Ứng dụng chưa được cấp quyền đăng bài lên Trang (mã lỗi 200)" in panel
    assert "Gửi lại" in panel
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse(PANEL, args=[article.pk]), {"action": "retry", "delivery": delivery.pk})
    assert response.status_code == 302
    assert delivery_run(delivery_id=delivery.pk) == "sent"
    assert len(facebook.posts(facebook.pages.__iter__().__next__())) == 1


def test_sending_twice_to_the_same_channel_keeps_one_delivery(
    client_for, portal, channels, article, django_capture_on_commit_callbacks
):
    client = client_for(portal.linh)
    with django_capture_on_commit_callbacks(execute=False):
        send(client, article, [channels["zalo"]])
        send(client, article, [channels["zalo"]])
    assert Delivery.objects.filter(publication__page=article).count() == 1


def test_a_draft_cannot_be_sent(client_for, portal, channels):
    draft = make_article(portal, publish=False)
    client = client_for(portal.linh)
    assert ERR_NOT_LIVE in client.get(reverse(PANEL, args=[draft.pk])).text
    response = send(client, draft, [channels["facebook"]])
    assert response.status_code in (400, 403)
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"accounts": []}, ERR_NO_CHANNEL_CHOSEN),
        ({"publish_at": "ngày mai"}, "Hãy nhập ngày giờ"),
        ({"days": 30}, "14"),
        ({"slots": []}, "Hãy chọn buổi sáng"),
    ],
)
def test_bad_choices_are_refused_in_vietnamese_and_nothing_is_sent(
    client_for, portal, channels, article, extra, message
):
    response = send(client_for(portal.linh), article, channels.values(), **extra)
    assert response.status_code == 400
    assert message in response.text
    assert not Delivery.objects.exists()


def test_a_later_time_is_kept(client_for, portal, channels, article, django_capture_on_commit_callbacks):
    when = timezone.localtime(timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=False):
        send(client_for(portal.linh), article, [channels["zalo"]], publish_at=when.strftime("%Y-%m-%dT%H:%M"))
    assert Delivery.objects.get().publish_at == when


def test_the_bulletin_script_is_edited_then_read_aloud_with_progress(
    client_for, portal, channels, article, django_capture_on_commit_callbacks
):
    client = client_for(portal.linh)
    with django_capture_on_commit_callbacks(execute=False):
        send(client, article, [channels["loudspeaker"]])
    audio = BroadcastAudio.objects.get(publication__page=article)
    response = client.post(
        reverse(PANEL, args=[article.pk]), {"action": "script", "script": "Bà con chú ý.\nXin cảm ơn."}
    )
    assert response.status_code == 302
    audio.refresh_from_db()
    assert audio.script == "Bà con chú ý.\nXin cảm ơn."
    assert client.post(reverse(PANEL, args=[article.pk]), {"action": "script", "script": "  "}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(PANEL, args=[article.pk]), {"action": "synthesise", "audio_format": "ogg"})
    progress = client.get(reverse("channels_audio_progress", args=[audio.pk])).json()
    assert progress["state"] == AudioState.READY
    assert progress["progress"] == 100
    assert progress["url"].endswith(".ogg")
    panel = client.get(reverse(PANEL, args=[article.pk])).text
    assert "<audio controls" in panel


def test_the_leader_and_the_province_follow_but_cannot_send(client_for, portal, channels, article):
    for person in (portal.hung, portal.quang):
        client = client_for(person)
        page = client.get(reverse(PANEL, args=[article.pk]))
        assert page.status_code == 200
        assert 'name="action" value="send"' not in page.text
        assert send(client, article, channels.values()).status_code in (302, 403)
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("persona", ["thu", "mai", "son", "outsider"])
def test_others_do_not_see_the_panel(client_for, portal, channels, article, persona):
    response = client_for(getattr(portal, persona)).get(reverse(PANEL, args=[article.pk]))
    assert response.status_code in (302, 403, 404)
    assert send(client_for(getattr(portal, persona)), article, channels.values()).status_code in (302, 403, 404)
    assert not Delivery.objects.exists()


def test_the_article_editor_links_to_the_panel(client_for, portal, channels, article):
    page = client_for(portal.linh).get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert page.status_code == 200
    assert reverse(PANEL, args=[article.pk]) in page.text


def test_the_schedule_shows_each_slot_as_played_missed_called_off_or_still_ahead(client_for, portal, channels, article):
    from xaso.channels.broadcast.models import BroadcastSlot
    from xaso.channels.demo import HISTORY_TITLE, load_broadcast_history
    from xaso.channels.models import Publication

    # The demo's bulletin of last week: played in most villages, missed in Pác Văn (a power cut), and
    # tomorrow evening's slot called off.
    load_broadcast_history(lambda _: None)
    Publication.objects.filter(title=HISTORY_TITLE).update(page=article)
    panel = client_for(portal.linh).get(reverse(PANEL, args=[article.pk])).text
    slots = BroadcastSlot.objects.filter(audio__publication__title=HISTORY_TITLE)
    assert panel.count("· <strong>đã hủy</strong>") == slots.filter(cancelled_at__isnull=False).count() == 1
    assert "Thôn Pác Văn: không phát được" in panel
    assert "Thôn Nà Pàn: đã phát" in panel
    assert "Mỗi buổi chỉ được tính khi người vận hành loa của thôn" in panel
