"""The daily check of the channels' credentials: a Zalo OA's refresh token renewed before its 3
months end, a lost refresh answer told apart and explained, a Page token flagged before it expires."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from xaso.channels.errors import TokenError, UncertainError
from xaso.channels.fakes.base import Reply
from xaso.channels.models import ChannelAccount
from xaso.channels.services import channel_account_set_credentials
from xaso.channels.tests.conftest import run_until_settled
from xaso.channels.tokencheck import FB_EXPIRED, FB_SOON, FB_SUBJECT, ZALO_SUBJECT, tokens_check
from xaso.channels.zalo.tokens import ERR_RECONNECT, zalo_access_token
from xaso.notifications.models import Notification

pytestmark = pytest.mark.django_db

HOME = "wagtailadmin_home"


def account_of(account):
    return ChannelAccount.objects.get(pk=account.pk)


def test_an_idle_oa_gets_a_new_refresh_token_before_its_3_months_end(clock, zalo, zalo_account):
    zalo_access_token(account=zalo_account)  # the OA's last delivery, on 15/09/2025
    clock.shift(dt.timedelta(days=45))
    assert tokens_check().refreshed == 0  # 45 days left: nothing to do yet
    clock.shift(dt.timedelta(days=20))
    assert tokens_check().refreshed == 1  # 25 days left, fewer than 30: renewed
    account = account_of(zalo_account)
    assert account.refresh_expires_at is not None
    assert abs(account.refresh_expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(seconds=5)
    assert account.credential_status == "Còn 90 ngày (đến 17/02/2026)"
    clock.shift(dt.timedelta(days=60))  # 125 days after the last delivery, still connected
    assert zalo_access_token(account=account_of(zalo_account)) in zalo.access_tokens
    assert account_of(zalo_account).problem == ""


def test_without_the_check_an_idle_oa_loses_its_refresh_token_after_3_months(clock, zalo, zalo_account):
    zalo_access_token(account=zalo_account)
    clock.shift(dt.timedelta(days=91))
    with pytest.raises(TokenError):
        zalo_access_token(account=account_of(zalo_account))
    problem = account_of(zalo_account).problem
    assert "Refresh token has expired" in problem
    assert "Các bước kết nối lại" in problem


def test_a_refresh_token_typed_in_by_hand_is_refreshed_at_the_next_check(clock, zalo, zalo_account):
    assert zalo_account.refresh_expires_at is None  # its age is unknown
    assert zalo_account.credential_status == "Không rõ hạn"
    assert tokens_check().refreshed == 1
    assert account_of(zalo_account).refresh_expires_at is not None


def test_a_lost_refresh_answer_is_detected_and_the_account_says_how_to_reconnect(
    settings, demo, zalo, zalo_account, publication, schedule, django_capture_on_commit_callbacks
):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    release = zalo.stall_next("POST /v4/oa/access_token")
    try:
        with pytest.raises(UncertainError):
            zalo_access_token(account=zalo_account)
    finally:
        release.set()
    assert account_of(zalo_account).refresh_uncertain_since is not None
    # Zalo carried the refresh out: the refresh token Xã số holds is spent, the new pair is lost.
    with django_capture_on_commit_callbacks(execute=True):
        result = tokens_check()
    assert result.failed == 1
    account = account_of(zalo_account)
    assert account.problem.startswith("Mã làm mới của Zalo OA đã mất hiệu lực: lần làm mới lúc")
    assert "bị mất câu trả lời" in account.problem
    assert "Kênh truyền thông › Tài khoản kênh › Zalo OA xã Hoàng Văn Thụ › Sửa" in account.problem
    notice = Notification.objects.get(user=demo.lan, key__startswith="channels.reconnect:")
    assert notice.subject == ZALO_SUBJECT.format(name=account.name)
    assert notice.body == account.problem
    assert [m.to for m in mail.outbox] == [[demo.lan.email]]

    delivery = schedule(publication, zalo_account)
    assert run_until_settled(delivery) == ["failed"]
    assert delivery.reason == ERR_RECONNECT.format(name=account.name, lost=" (câu trả lời lần làm mới trước bị mất)")

    # The OA admin gets a new pair from Zalo and pastes it in: the account works again.
    zalo.give_refresh_token("zr-from-the-api-explorer-0123456789")
    channel_account_set_credentials(account=account, values={"refresh_token": "zr-from-the-api-explorer-0123456789"})
    account = account_of(zalo_account)
    assert account.problem == ""
    assert account.refresh_uncertain_since is None
    from xaso.channels.services import delivery_retry

    delivery_retry(delivery=delivery)
    assert run_until_settled(delivery)[-1] == "sent"


def test_a_refresh_request_lost_before_zalo_acted_is_simply_repeated(settings, zalo, zalo_account):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    zalo.fail_next("POST /v4/oa/access_token", Reply(status=502, body=b"", content_type="text/plain"))
    release = zalo.stall_next("POST /v4/oa/access_token")
    try:
        with pytest.raises(UncertainError):
            zalo_access_token(account=zalo_account)
    finally:
        release.set()
    token = zalo_access_token(account=account_of(zalo_account))
    assert token in zalo.access_tokens
    account = account_of(zalo_account)
    assert account.refresh_uncertain_since is None
    assert account.problem == ""


def test_a_page_token_nearing_expiry_is_flagged_and_the_owners_told_once(
    clock, demo, client_for, facebook_account, django_capture_on_commit_callbacks
):
    expiry = timezone.now() + dt.timedelta(days=20)
    ChannelAccount.objects.filter(pk=facebook_account.pk).update(token_expires_at=expiry)
    assert tokens_check().warned == 0
    assert "Kênh truyền thông cần xử lý" not in client_for(demo.lan).get(reverse(HOME)).text

    clock.shift(dt.timedelta(days=14))  # six days left
    with django_capture_on_commit_callbacks(execute=True):
        assert tokens_check().warned == 1
    account = account_of(facebook_account)
    assert account.problem == FB_SOON.format(day="05/10/2025", name=account.name)
    notice = Notification.objects.get(user=demo.lan, key__startswith="channels.expiry:")
    assert notice.subject == FB_SUBJECT.format(name=account.name, day="05/10/2025")
    assert [m.to for m in mail.outbox] == [[demo.lan.email]]
    with django_capture_on_commit_callbacks(execute=True):
        tokens_check()  # the next morning's run tells nobody again
    assert Notification.objects.filter(user=demo.lan, key__startswith="channels.expiry:").count() == 1

    home = client_for(demo.lan).get(reverse(HOME)).text
    assert "Kênh truyền thông cần xử lý" in home
    assert "Còn 6 ngày (đến 05/10/2025)" in home
    assert "Graph API Explorer" in home
    for persona in (demo.mai, demo.outsider):
        assert "Kênh truyền thông cần xử lý" not in client_for(persona).get(reverse(HOME)).text

    clock.shift(dt.timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        tokens_check()
    assert account_of(facebook_account).problem == FB_EXPIRED.format(day="05/10/2025", name=account.name)
    assert Notification.objects.filter(user=demo.lan, key__startswith="channels.expiry:").count() == 2

    # Reconnected: a new token with a new expiry, and the warning is gone.
    channel_account_set_credentials(
        account=account,
        values={"page_access_token": "EAAPageTokenNewAfterReconnect0123456789"},
        token_expires_at=timezone.now() + dt.timedelta(days=60),
    )
    assert account_of(facebook_account).problem == ""
    assert "Kênh truyền thông cần xử lý" not in client_for(demo.lan).get(reverse(HOME)).text


def test_a_refused_page_token_is_not_hidden_by_the_expiry_warning(clock, facebook_account):
    ChannelAccount.objects.filter(pk=facebook_account.pk).update(
        token_expires_at=timezone.now() + dt.timedelta(days=3), problem="Quản trị viên Trang đã đổi mật khẩu."
    )
    tokens_check()
    assert account_of(facebook_account).problem == "Quản trị viên Trang đã đổi mật khẩu."
