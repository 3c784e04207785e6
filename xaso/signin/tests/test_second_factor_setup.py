"""Leaders, programme owners, province viewers and superusers set up an authenticator before the back office."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.signin.models import LoginEvent, LoginOutcome
from xaso.signin.views.second_factor import SETUP_WRONG_CODE, VERIFY_FIRST
from xaso.testing.second_factor import authenticator_for, totp_code

SETUP = "/quan-tri/xac-thuc/thiet-lap/"


@pytest.mark.parametrize("persona", ["hung", "lan", "quang"])
def test_the_roles_that_sign_and_follow_are_sent_to_set_up_first(demo, client, persona, post_login):
    user = getattr(demo, persona)
    answer = post_login(client, user.username)
    assert answer.status_code == 302
    home = client.get("/quan-tri/")
    assert home.status_code == 302
    assert home["Location"].startswith(SETUP)
    for address in ("/quan-tri/snippets/", "/quan-tri/pages/", "/quan-tri/bao-cao/"):
        assert client.get(address)["Location"].startswith(SETUP)


def test_a_superuser_is_sent_to_set_up_too(demo, client, post_login):
    post_login(client, "quantri")
    assert client.get("/quan-tri/")["Location"].startswith(SETUP)


def test_a_reporter_goes_straight_in(demo, client, post_login):
    post_login(client, demo.mai.username)
    assert client.get("/quan-tri/").status_code == 200


@override_settings(REQUIRE_2FA=False)
def test_with_the_requirement_off_a_leader_goes_straight_in(demo, client, post_login):
    post_login(client, demo.hung.username)
    assert client.get("/quan-tri/").status_code == 200


def test_the_set_up_page_shows_a_qr_code_and_the_key_in_letters(demo, client, post_login):
    post_login(client, demo.hung.username)
    page = client.get(SETUP).content.decode()
    assert "Bật xác thực hai bước" in page
    assert "Vai trò của bạn bắt buộc xác thực hai bước" in page
    assert re.search(r'<div class="signin-qr" id="otp-qr"[^>]*>\s*(<\?xml[^>]*>\s*)?<svg', page)
    device = TOTPDevice.objects.get(user=demo.hung, confirmed=False)
    found = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', page)
    assert found is not None
    secret = found.group(1)
    import base64

    assert base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == device.bin_key
    # The page is the same device on a second visit (the key scanned stays valid).
    assert client.get(SETUP).content.decode().count(secret) == 1
    assert TOTPDevice.objects.filter(user=demo.hung).count() == 1


def test_a_wrong_code_is_refused_in_vietnamese(demo, client, post_login):
    post_login(client, demo.hung.username)
    client.get(SETUP)
    page = client.post(SETUP, {"code": "000000"}).content.decode()
    assert SETUP_WRONG_CODE in page
    assert client.get("/quan-tri/")["Location"].startswith(SETUP)
    assert LoginEvent.objects.filter(user=demo.hung, outcome=LoginOutcome.OTP_FAILURE).count() == 1


def test_the_right_code_turns_it_on_and_shows_the_backup_codes_once(demo, client, post_login):
    post_login(client, demo.hung.username)
    client.get(f"{SETUP}?next=/quan-tri/bao-cao/")
    device = TOTPDevice.objects.get(user=demo.hung)
    answer = client.post(SETUP, {"code": totp_code(device), "next": "/quan-tri/bao-cao/"})
    assert unquote(answer["Location"]) == "/quan-tri/xac-thuc/ma-du-phong/?next=/quan-tri/bao-cao/"
    page = client.get(answer["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]{8})</code></li>", page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=demo.hung).values_list("token", flat=True))
    assert "Các mã chỉ hiện lần này" in page
    assert 'href="/quan-tri/bao-cao/"' in page
    # Once: the page no longer lists them.
    again = client.get("/quan-tri/xac-thuc/ma-du-phong/").content.decode()
    assert not any(code in again for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/quan-tri/").status_code == 200
    assert LoginEvent.objects.filter(user=demo.hung, outcome=LoginOutcome.OTP_SUCCESS).count() == 1


def test_a_stolen_password_cannot_enrol_another_phone(demo, client, post_login):
    authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    answer = client.get(SETUP, follow=True)
    assert answer.redirect_chain[-1][0].startswith("/quan-tri/xac-thuc/?")
    assert VERIFY_FIRST in answer.content.decode()
    assert TOTPDevice.objects.filter(user=demo.hung).count() == 1
    assert client.post(SETUP, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=demo.hung).count() == 1


def test_a_reporter_may_turn_it_on_from_the_account_page(demo, client, post_login):
    post_login(client, demo.mai.username)
    account = client.get("/quan-tri/account/").content.decode()
    assert "Bật xác thực hai bước" in account
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=demo.mai)
    client.post(SETUP, {"code": totp_code(device)})
    assert "Xác thực hai bước: đổi ứng dụng xác thực" in client.get("/quan-tri/account/").content.decode()
    # From now on she too is asked for the code after her password.
    client.logout()
    post_login(client, demo.mai.username)
    assert client.get("/quan-tri/")["Location"].startswith("/quan-tri/xac-thuc/?")
