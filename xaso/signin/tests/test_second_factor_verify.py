"""After the password, a person with an authenticator enters its code (or a backup code) to go on."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import time_machine
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from xaso.signin.services import backup_codes_issue
from xaso.signin.views.second_factor import VERIFY_WRONG_CODE
from xaso.testing.second_factor import authenticator_for, totp_code

VERIFY = "/quan-tri/xac-thuc/"


def test_the_code_is_asked_after_the_password_and_opens_the_page_asked_for(demo, client, post_login):
    device = authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    asked = client.get("/quan-tri/bao-cao/")
    assert asked["Location"] == "/quan-tri/xac-thuc/?next=%2Fquan-tri%2Fbao-cao%2F"
    page = client.get(asked["Location"]).content.decode()
    assert "Nhập mã xác thực" in page
    answer = client.post(VERIFY, {"code": totp_code(device), "next": "/quan-tri/bao-cao/"})
    assert answer["Location"] == "/quan-tri/bao-cao/"
    assert client.get("/quan-tri/").status_code == 200


def test_a_wrong_code_is_refused_in_vietnamese(demo, client, post_login):
    authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    page = client.post(VERIFY, {"code": "000000"}).content.decode()
    assert VERIFY_WRONG_CODE in page
    assert client.post(VERIFY, {"code": ""}).content.decode().count("Hãy nhập mã gồm 6 chữ số") == 1
    assert client.get("/quan-tri/").status_code == 302


def test_a_backup_code_works_once(demo, client, post_login):
    authenticator_for(demo.hung)
    codes = backup_codes_issue(user=demo.hung)
    post_login(client, demo.hung.username)
    assert client.post(VERIFY, {"code": codes[0].upper()})["Location"] == "/quan-tri/"
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.logout()
    post_login(client, demo.hung.username)
    assert VERIFY_WRONG_CODE in client.post(VERIFY, {"code": codes[0]}).content.decode()


def test_a_foreign_next_address_is_not_followed(demo, client, post_login):
    device = authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    answer = client.post(VERIFY, {"code": totp_code(device), "next": "https://ke-gian.example/"})
    assert answer["Location"] == "/quan-tri/"


def test_until_verified_other_addresses_see_an_anonymous_reader(demo, client, post_login):
    authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    # A private download (login_required) sends him to log in, as it does anyone signed out.
    address = f"/van-ban/{uuid4()}/"
    assert client.get(address)["Location"].startswith("/quan-tri/login/")
    client.post(VERIFY, {"code": totp_code(authenticator_for(demo.hung))})
    assert client.get(address).status_code == 404


def test_log_out_works_before_the_code(demo, client, post_login):
    authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    client.post("/quan-tri/logout/")
    assert "_auth_user_id" not in client.session


def test_after_a_wrong_code_the_next_try_waits_and_says_how_long(demo, client, post_login):
    device = authenticator_for(demo.hung)
    post_login(client, demo.hung.username)
    client.post(VERIFY, {"code": "000000"})
    # Straight after: even the right code waits (django-otp's throttle), and the page says so.
    page = client.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert "Đã nhập sai mã nhiều lần: hãy đợi 1 giây rồi nhập mã mới." in page
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == "/quan-tri/"
