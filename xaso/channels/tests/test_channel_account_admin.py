"""Channel accounts in the back office: secrets encrypted at rest, masked, never logged."""

import datetime as dt
import logging

import pytest
from django.urls import reverse

from xaso.channels.crypto import MASK, decrypt
from xaso.channels.models import ChannelAccount
from xaso.channels.services import ERR_NEEDS_APP, channel_account_set_credentials
from xaso.channels.testing import (
    FB_APP_ID,
    FB_APP_SECRET,
    FB_PAGE_ID,
    FB_PAGE_TOKEN,
    FB_USER_TOKEN,
    ZALO_REFRESH,
    ZALO_SECRET,
)
from xaso.channels.tests.conftest import run_until_settled
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_channels_channelaccount:add"
EDIT = "wagtailsnippets_channels_channelaccount:edit"
LIST = "wagtailsnippets_channels_channelaccount:list"
INSPECT = "wagtailsnippets_channels_channelaccount:inspect"


def form(commune, **values):
    data = {
        "commune": commune.pk,
        "kind": "facebook",
        "unit": OrgUnit.objects.get(code="ls-hvt-vhxh").pk,
        "name": "Trang xã",
        "remote_id": FB_PAGE_ID,
        "is_active": "on",
    }
    data.update(values)
    return data


def test_credentials_are_encrypted_in_the_database(zalo_account):
    raw = ChannelAccount.objects.values_list("credentials", flat=True).get(pk=zalo_account.pk)
    assert ZALO_SECRET not in raw
    assert ZALO_REFRESH not in raw
    assert decrypt(raw)["secret_key"] == ZALO_SECRET


def test_the_owner_connects_the_page_and_gets_a_60_day_token_whose_expiry_is_shown(clock, demo, client_for, facebook):
    commune = OrgUnit.objects.get(code="ls-hvt")
    client = client_for(demo.lan)
    data = form(commune, facebook_user_token=FB_USER_TOKEN, app_id=FB_APP_ID, app_secret=FB_APP_SECRET)
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302
    account = ChannelAccount.objects.get(remote_id=FB_PAGE_ID)
    stored = decrypt(account.credentials)
    assert stored["app_id"] == FB_APP_ID
    assert stored["app_secret"] == FB_APP_SECRET
    issued = facebook.tokens[stored["page_access_token"]]
    assert issued.kind == "page"
    assert issued.long_lived  # obtained with the long-lived User token, not the one-hour one
    assert FB_USER_TOKEN not in account.credentials
    (exchange,) = facebook.calls("POST oauth")
    assert exchange.form["fb_exchange_token"] == FB_USER_TOKEN
    assert account.token_expires_at is not None
    assert abs(account.token_expires_at.timestamp() - issued.expires_at) < 5
    assert account.credential_status == "Còn 60 ngày (đến 14/11/2025)"
    assert "Còn 60 ngày (đến 14/11/2025)" in client.get(reverse(LIST)).text


def test_the_provinces_app_is_used_when_the_account_has_none_and_its_secret_not_stored(
    settings, demo, client_for, facebook
):
    settings.FACEBOOK_APP_ID, settings.FACEBOOK_APP_SECRET = FB_APP_ID, FB_APP_SECRET
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.lan).post(reverse(ADD), form(commune, facebook_user_token=FB_USER_TOKEN))
    assert response.status_code == 302
    stored = decrypt(ChannelAccount.objects.get(remote_id=FB_PAGE_ID).credentials)
    assert set(stored) == {"page_access_token"}
    assert facebook.tokens[stored["page_access_token"]].long_lived


def test_without_an_app_secret_a_short_token_is_refused_with_why(demo, client_for, facebook):
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.lan).post(reverse(ADD), form(commune, facebook_user_token=FB_USER_TOKEN))
    assert response.status_code == 200
    assert ERR_NEEDS_APP in response.text
    assert not ChannelAccount.objects.exists()
    assert not facebook.calls("GET accounts")


def test_a_short_token_older_than_an_hour_is_refused_with_what_to_do(clock, demo, client_for, facebook):
    clock.shift(dt.timedelta(hours=2))
    commune = OrgUnit.objects.get(code="ls-hvt")
    data = form(commune, facebook_user_token=FB_USER_TOKEN, app_id=FB_APP_ID, app_secret=FB_APP_SECRET)
    response = client_for(demo.lan).post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Không đổi được mã truy cập ngắn hạn lấy mã dài hạn" in response.text
    assert "khoảng 1 giờ" in response.text
    assert not ChannelAccount.objects.exists()


def test_the_edit_form_shows_secrets_masked_and_keeps_them_when_left_blank(demo, client_for, facebook_account):
    client = client_for(demo.lan)
    page = client.get(reverse(EDIT, args=[facebook_account.pk])).text
    assert FB_PAGE_TOKEN not in page
    assert MASK + FB_PAGE_TOKEN[-4:] in page
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client.post(
        reverse(EDIT, args=[facebook_account.pk]), form(commune, name="Trang mới", page_access_token="")
    )
    assert response.status_code == 302
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.name == "Trang mới"
    assert decrypt(account.credentials)["page_access_token"] == FB_PAGE_TOKEN


def test_a_wrong_user_token_is_refused_with_facebooks_reason(demo, client_for, facebook):
    commune = OrgUnit.objects.get(code="ls-hvt")
    data = form(commune, facebook_user_token="EAAnot-a-token", app_id=FB_APP_ID, app_secret=FB_APP_SECRET)
    response = client_for(demo.lan).post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Không đổi được mã truy cập ngắn hạn lấy mã dài hạn" in response.text
    assert "Mã truy cập Trang Facebook không còn dùng được" in response.text
    assert not ChannelAccount.objects.exists()


def test_a_wrong_app_secret_is_refused_and_nothing_is_saved(demo, client_for, facebook):
    commune = OrgUnit.objects.get(code="ls-hvt")
    data = form(commune, facebook_user_token=FB_USER_TOKEN, app_id=FB_APP_ID, app_secret="not-the-secret")
    response = client_for(demo.lan).post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Facebook không nhận mã ứng dụng hoặc khóa bí mật" in response.text
    assert not ChannelAccount.objects.exists()


def test_a_zalo_secret_on_a_facebook_account_is_refused(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.lan).post(reverse(ADD), form(commune, secret_key="x"))
    assert response.status_code == 200
    assert "Trường này chỉ dùng cho kênh" in response.text


def test_no_secret_reaches_the_logs_during_a_delivery(
    caplog, facebook, zalo, facebook_account, zalo_account, publication, schedule
):
    caplog.set_level(logging.DEBUG)
    channel_account_set_credentials(account=facebook_account, values={"app_id": FB_APP_ID, "app_secret": FB_APP_SECRET})
    for account in (facebook_account, zalo_account):
        delivery = schedule(publication, account)
        assert run_until_settled(delivery)[-1] == "sent"
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "urllib3" in {r.name.split(".")[0] for r in caplog.records}  # the HTTP layer did log
    for secret in (FB_PAGE_TOKEN, FB_APP_SECRET, ZALO_SECRET, ZALO_REFRESH, zalo.refresh_token, *zalo.access_tokens):
        assert secret not in text


@pytest.mark.parametrize("persona", ["mai", "son", "outsider", "thu"])
def test_other_people_do_not_see_the_communes_accounts(demo, client_for, facebook_account, persona):
    client = client_for(getattr(demo, persona))
    assert client.get(reverse(EDIT, args=[facebook_account.pk])).status_code in (302, 403, 404)
    listing = client.get(reverse(LIST))
    assert listing.status_code in (302, 403) or "Trang Facebook xã Hoàng Văn Thụ" not in listing.text


def test_the_leader_and_the_province_read_but_cannot_change(demo, client_for, facebook_account):
    for persona in (demo.hung, demo.quang):
        client = client_for(persona)
        assert "Trang Facebook xã Hoàng Văn Thụ" in client.get(reverse(LIST)).text
        commune = OrgUnit.objects.get(code="ls-hvt")
        client.post(reverse(EDIT, args=[facebook_account.pk]), form(commune, name="Đổi"))
        assert ChannelAccount.objects.get(pk=facebook_account.pk).name == "Trang Facebook xã Hoàng Văn Thụ"


def test_the_account_page_shows_its_expiry_and_what_to_fix(clock, demo, client_for, facebook_account):
    import datetime as dt

    from django.utils import timezone

    ChannelAccount.objects.filter(pk=facebook_account.pk).update(
        token_expires_at=timezone.now() + dt.timedelta(days=12), problem="Cần kết nối lại Trang."
    )
    page = client_for(demo.lan).get(reverse(INSPECT, args=[facebook_account.pk])).text
    assert "Hạn kết nối" in page
    assert "Còn 12 ngày (đến 27/09/2025)" in page
    assert "Cần kết nối lại Trang." in page
    assert "Còn 12 ngày (đến 27/09/2025)" in client_for(demo.lan).get(reverse(LIST)).text
