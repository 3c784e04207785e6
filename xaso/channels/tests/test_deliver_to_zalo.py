"""Delivering an article to the Zalo OA: token refresh, article, broadcast, errors."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from xaso.channels.crypto import decrypt
from xaso.channels.dispatch import delivery_run
from xaso.channels.fakes.base import Reply
from xaso.channels.fakes.zalo import zalo_error
from xaso.channels.models import ChannelAccount, DeliveryState
from xaso.channels.testing import ZALO_REFRESH
from xaso.channels.zalo.client import ERR_REFRESH, ERR_REJECTED, ZaloClient
from xaso.channels.zalo.tokens import zalo_access_token
from xaso.channels.zalo.transport import ERR_BROADCAST_UNKNOWN

pytestmark = pytest.mark.django_db


def run(delivery):
    outcome = delivery_run(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return outcome


def test_it_refreshes_the_token_and_stores_the_new_single_use_refresh_token(zalo, zalo_account):
    token = zalo_access_token(account=zalo_account)
    (call,) = zalo.calls("POST /v4/oa/access_token")
    assert call.headers["secret_key"] == "ZaloSecretKeyHoangVanThu2025xyz"
    assert call.form == {"app_id": "4318652097531", "grant_type": "refresh_token", "refresh_token": ZALO_REFRESH}
    account = ChannelAccount.objects.get(pk=zalo_account.pk)
    stored = decrypt(account.credentials)
    assert stored["access_token"] == token
    assert stored["refresh_token"] == zalo.refresh_token != ZALO_REFRESH
    assert account.token_expires_at is not None
    assert account.token_expires_at > timezone.now() + dt.timedelta(hours=24)
    assert zalo_access_token(account=account) == token
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1


def test_a_worker_that_waited_uses_the_token_another_refreshed(zalo, zalo_account):
    stale = ChannelAccount.objects.get(pk=zalo_account.pk)  # read before the other worker refreshed
    fresh_token = zalo_access_token(account=zalo_account)
    assert zalo_access_token(account=stale) == fresh_token
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1


def test_a_rejected_token_is_refreshed_once_then_the_call_repeated(zalo, zalo_account, publication, schedule):
    zalo_access_token(account=zalo_account)
    zalo.access_tokens.clear()  # Zalo revoked the access token before its announced expiry
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "sent"
    assert len(zalo.calls("POST /v4/oa/access_token")) == 2
    assert len(zalo.articles) == 1


def test_a_spent_refresh_token_stops_with_a_request_to_reconnect(zalo, zalo_account, publication, schedule):
    zalo.refresh_token = "zr-someone-else-used-it"
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "failed"
    assert delivery.reason == ERR_REFRESH.format(message="Refresh token is invalid or has been used")


def test_it_creates_the_article_and_broadcasts_it_once(zalo, zalo_account, publication, schedule):
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "sent"
    (article,) = zalo.articles
    assert article["type"] == "normal"
    assert article["title"] == publication.title
    assert article["author"] == "Zalo OA xã Hoàng Văn Thụ"
    assert article["description"].startswith("Ngày 23/8/2025")
    assert article["cover"]["cover_type"] == "photo"
    assert article["body"][0] == {
        "type": "text",
        "content": "Đến năm 2030, ít nhất 80% người dân được tiếp cận thông tin.",
    }
    assert article["body"][-1]["content"].endswith(publication.link)
    (broadcast,) = zalo.broadcasts
    element = broadcast["message"]["attachment"]["payload"]["elements"][0]
    assert element == {"media_type": "article", "attachment_id": article["id"]}
    assert delivery.remote_id == article["id"]
    assert delivery.checkpoint["message_id"] == broadcast["message_id"]
    assert run(delivery) == "not-claimed"
    assert len(zalo.calls("POST /v2.0/article/create")) == 1


def test_a_throttled_broadcast_continues_from_the_created_article(zalo, zalo_account, publication, schedule):
    zalo.fail_next("POST /v2.0/oa/message", zalo_error(-32, "Exceeded the request limit"))
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "retry"
    assert delivery.checkpoint["article_id"] == zalo.articles[0]["id"]
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "sent"
    assert len(zalo.calls("POST /v2.0/article/create")) == 1
    assert len(zalo.broadcasts) == 1


def test_an_invalid_article_stops_with_zalos_reason(zalo, zalo_account, publication, schedule):
    zalo.fail_next("POST /v2.0/article/create", zalo_error(-201, "Parameters are invalid: cover"))
    delivery = schedule(publication, zalo_account)
    assert run(delivery) == "failed"
    assert delivery.reason == ERR_REJECTED.format(message="Parameters are invalid: cover", code="-201")
    assert delivery.state == DeliveryState.FAILED


def test_a_lost_article_answer_is_found_by_title_and_not_created_again(
    settings, zalo, zalo_account, publication, schedule
):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    release = zalo.stall_next("POST /v2.0/article/create")
    delivery = schedule(publication, zalo_account)
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "sent"
    assert len(zalo.calls("POST /v2.0/article/create")) == 1
    assert len(zalo.articles) == 1
    assert len(zalo.broadcasts) == 1


def test_a_lost_broadcast_answer_is_never_sent_twice_automatically(settings, zalo, zalo_account, publication, schedule):
    settings.CHANNEL_HTTP_TIMEOUT = 1
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
    from xaso.channels.errors import TemporaryError

    with pytest.raises(TemporaryError):
        ZaloClient(access_token=token).recent_articles()
