"""Delivering an article to the Zalo OA: token refresh, asynchronous article, broadcast, errors."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from xaso.channels.crypto import decrypt
from xaso.channels.dispatch import delivery_run
from xaso.channels.errors import TemporaryError
from xaso.channels.fakes.base import Reply
from xaso.channels.fakes.zalo import zalo_error
from xaso.channels.models import ChannelAccount, DeliveryState
from xaso.channels.testing import ZALO_REFRESH
from xaso.channels.tests.conftest import PUBLIC_URL, run_until_settled
from xaso.channels.zalo.client import ERR_REJECTED, ZaloClient
from xaso.channels.zalo.tokens import ERR_RECONNECT, zalo_access_token
from xaso.channels.zalo.transport import ERR_BROADCAST_UNKNOWN, MSG_PROCESSING

pytestmark = pytest.mark.django_db


def run(delivery):
    outcome = delivery_run(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return outcome


def test_it_refreshes_the_token_and_stores_the_new_single_use_refresh_token(clock, zalo, zalo_account):
    token = zalo_access_token(account=zalo_account)
    (call,) = zalo.calls("POST /v4/oa/access_token")
    assert call.headers["secret_key"] == "ZaloSecretKeyHoangVanThu2025xyz"
    assert call.form == {"app_id": "4318652097531", "grant_type": "refresh_token", "refresh_token": ZALO_REFRESH}
    account = ChannelAccount.objects.get(pk=zalo_account.pk)
    stored = decrypt(account.credentials)
    assert stored["access_token"] == token
    assert stored["refresh_token"] == zalo.refresh_token != ZALO_REFRESH
    # Zalo's expires_in (25 hours) and the refresh token's documented 3 months.
    assert account.token_expires_at is not None
    assert account.refresh_expires_at is not None
    assert abs(account.token_expires_at - (timezone.now() + dt.timedelta(hours=25))) < dt.timedelta(seconds=5)
    assert abs(account.refresh_expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(seconds=5)
    assert zalo_access_token(account=account) == token
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1


def test_an_access_token_past_its_25_hours_is_refreshed_before_use(clock, zalo, zalo_account):
    first = zalo_access_token(account=zalo_account)
    clock.shift(dt.timedelta(hours=25, minutes=1))
    account = ChannelAccount.objects.get(pk=zalo_account.pk)
    assert zalo_access_token(account=account) != first
    assert len(zalo.calls("POST /v4/oa/access_token")) == 2


def test_a_worker_that_waited_uses_the_token_another_refreshed(zalo, zalo_account):
    stale = ChannelAccount.objects.get(pk=zalo_account.pk)  # read before the other worker refreshed
    fresh_token = zalo_access_token(account=zalo_account)
    assert zalo_access_token(account=stale) == fresh_token
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1


def test_a_rejected_token_is_refreshed_once_then_the_call_repeated(zalo, zalo_account, publication, schedule):
    zalo_access_token(account=zalo_account)
    zalo.revoke_access_tokens()  # Zalo revoked the access token before its announced expiry
    delivery = schedule(publication, zalo_account)
    assert run_until_settled(delivery)[-1] == "sent"
    assert len(zalo.calls("POST /v4/oa/access_token")) == 2
    assert len(zalo.articles) == 1


def test_a_spent_refresh_token_stops_and_flags_the_account_with_the_steps_to_reconnect(
    zalo, zalo_account, publication, schedule
):
    zalo.refresh_tokens[ZALO_REFRESH].used = True  # someone else refreshed with it
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "failed"
    assert delivery.reason == ERR_RECONNECT.format(name=zalo_account.name, lost="")
    account = ChannelAccount.objects.get(pk=zalo_account.pk)
    assert "Refresh token is invalid or has been used" in account.problem
    assert "Các bước kết nối lại" in account.problem
    assert not zalo.articles


def test_it_creates_the_article_waits_for_zalo_then_broadcasts_it_once(zalo, zalo_account, publication, schedule):
    delivery = schedule(publication, zalo_account)
    # Zalo answers the creation with a token; the id comes only once Zalo has processed the article.
    assert run(delivery) == "waiting"
    assert delivery.state == DeliveryState.QUEUED
    assert delivery.reason == MSG_PROCESSING.format(seconds=15)
    assert delivery.attempts == 0  # waiting for Zalo is not a failed attempt
    assert delivery.not_before >= timezone.now() + dt.timedelta(seconds=10)
    assert not zalo.broadcasts
    assert run_until_settled(delivery)[-1] == "sent"
    (article,) = zalo.articles
    assert article["type"] == "normal"
    assert article["title"] == publication.title
    assert article["author"] == "Zalo OA xã Hoàng Văn Thụ"
    assert article["description"].startswith("Ngày 23/8/2025")
    assert article["cover"] == {
        "cover_type": "photo",
        "photo_url": f"{PUBLIC_URL}/static/channels/cover.png",
        "status": "show",
    }
    assert article["body"][0] == {
        "type": "text",
        "content": "Đến năm 2030, ít nhất 80% người dân được tiếp cận thông tin.",
    }
    assert article["body"][-1]["content"] == f"Xem bài đầy đủ: {PUBLIC_URL}/tin-tuc/trien-khai-ke-hoach-33/"
    (broadcast,) = zalo.broadcasts
    element = broadcast["message"]["attachment"]["payload"]["elements"][0]
    assert element == {"media_type": "article", "attachment_id": article["id"]}
    assert delivery.remote_id == article["id"]
    # The address is the article's link_view in the OA's list (verify does not give one).
    assert delivery.remote_url == article["link_view"]
    assert delivery.checkpoint["message_id"] == broadcast["message_id"]
    assert run(delivery) == "not-claimed"
    assert len(zalo.calls("POST /v2.0/article/create")) == 1
    assert [h.outcome for h in delivery.history.all()][-1] == "sent"


def test_a_cover_at_a_local_address_is_refused_with_what_to_set(settings, zalo, zalo_account, publication, schedule):
    settings.CHANNEL_PUBLIC_URL = settings.BASE_URL = "http://192.168.1.20:8000"
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "failed"
    assert "XASO_PUBLIC_BASE_URL" in delivery.reason
    assert "http://192.168.1.20:8000/static/channels/cover.png" in delivery.reason
    assert not zalo.calls("POST /v2.0/article/create")


def test_a_throttled_broadcast_continues_from_the_created_article(zalo, zalo_account, publication, schedule):
    zalo.fail_next("POST /v2.0/oa/message", zalo_error(-32, "Exceeded the request limit"))
    delivery = schedule(publication, zalo_account)
    outcomes = run_until_settled(delivery)
    assert "retry" in outcomes
    assert outcomes[-1] == "sent"
    assert len(zalo.calls("POST /v2.0/article/create")) == 1
    assert len(zalo.broadcasts) == 1


def test_an_invalid_article_stops_with_zalos_reason(zalo, zalo_account, publication, schedule):
    zalo.fail_next("POST /v2.0/article/create", zalo_error(-201, "Parameters are invalid: cover"))
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "failed"
    assert delivery.reason == ERR_REJECTED.format(message="Parameters are invalid: cover", code="-201")
    assert delivery.state == DeliveryState.FAILED


def test_a_lost_article_answer_is_found_once_zalo_lists_it_and_not_created_again(
    settings, zalo, zalo_account, publication, schedule
):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    zalo.processing_seconds = 120  # listed only two minutes after the lost request
    release = zalo.stall_next("POST /v2.0/article/create")
    delivery = schedule(publication, zalo_account)
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    outcomes = run_until_settled(delivery, rounds=40)
    assert outcomes[-1] == "sent"
    assert "waiting" in outcomes  # not listed yet: looked again instead of creating a second article
    assert len(zalo.calls("POST /v2.0/article/create")) == 1
    (article,) = zalo.articles
    assert delivery.remote_id == article["id"]
    assert delivery.remote_url == article["link_view"]
    assert len(zalo.broadcasts) == 1


def test_an_article_never_created_is_created_after_the_settle_time(settings, zalo, zalo_account, publication, schedule):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    settings.ZALO_ARTICLE_SETTLE_SECONDS = 120
    # The request is lost before Zalo acts on it (a scripted answer replaces Zalo's work), and its
    # answer never arrives: Xã số cannot tell this from a lost answer to a creation that happened.
    zalo.fail_next("POST /v2.0/article/create", Reply(status=502, body=b"", content_type="text/plain"))
    release = zalo.stall_next("POST /v2.0/article/create")
    delivery = schedule(publication, zalo_account)
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    outcomes = run_until_settled(delivery, rounds=40)
    assert "waiting" in outcomes
    assert outcomes[-1] == "sent"
    assert len(zalo.articles) == 1
    assert len(zalo.calls("POST /v2.0/article/create")) == 2


def test_a_lost_broadcast_answer_is_never_sent_twice_automatically(settings, zalo, zalo_account, publication, schedule):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    zalo.processing_seconds = 0
    release = zalo.stall_next("POST /v2.0/oa/message")
    delivery = schedule(publication, zalo_account)
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "failed"
    assert delivery.reason == ERR_BROADCAST_UNKNOWN
    assert len(zalo.calls("POST /v2.0/oa/message")) == 1


def test_a_server_error_is_temporary(zalo, zalo_account):
    token = zalo_access_token(account=zalo_account)
    zalo.fail_next("GET /v2.0/article/getslice", Reply(status=502, body=b"Bad Gateway", content_type="text/html"))
    with pytest.raises(TemporaryError):
        ZaloClient(access_token=token).recent_articles()
