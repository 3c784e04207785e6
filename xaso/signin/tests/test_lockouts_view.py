"""Back office › Khóa đăng nhập: a superuser sees who is locked until when and unlocks; no one else can."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client

from xaso.demo.loaders import DEMO_PASSWORD

URL = "/quan-tri/khoa-dang-nhap/"


def _lock(post_login, username="thcs.mai", address="10.0.0.1"):
    for _ in range(30):
        post_login(Client(), username, "sai-mat-khau", address)


def test_a_superuser_sees_the_lock_and_unlocks_the_account(demo, client_for, post_login):
    from django.contrib.auth import get_user_model

    _lock(post_login)
    admin = get_user_model().objects.get(username="quantri")
    client = client_for(admin)
    page = client.get(URL).content.decode()
    assert "Tài khoản, địa chỉ bị khóa đăng nhập" in page
    assert "thcs.mai" in page
    assert "10.0.0.1" in page
    answer = client.post(URL, {"username": "thcs.mai"}, follow=True)
    assert "Đã mở khóa tài khoản thcs.mai." in answer.content.decode()
    # The address is still locked; from elsewhere the account logs in again.
    assert post_login(Client(), "thcs.mai", DEMO_PASSWORD, "10.0.0.2").status_code == 302
    client.post(URL, {"address": "10.0.0.1"})
    assert post_login(Client(), "thcs.mai", DEMO_PASSWORD, "10.0.0.1").status_code == 302


def test_nobody_else_reaches_the_screen(demo, client_for, post_login):
    _lock(post_login)
    for person in (demo.lan, demo.hung, demo.quang, demo.mai):
        answer = client_for(person).get(URL)
        # Wagtail answers a refused admin view by sending the person back to the dashboard.
        assert (answer.status_code, answer["Location"]) == (302, "/quan-tri/")


def test_the_command_lists_and_unlocks(demo, post_login, capsys):
    _lock(post_login)
    call_command("login_unlock")
    assert "tài khoản thcs.mai: 30 lần sai" in capsys.readouterr().out
    call_command("login_unlock", "thcs.mai", address="10.0.0.1")
    assert "Đã mở khóa" in capsys.readouterr().out
    assert post_login(Client(), "thcs.mai", DEMO_PASSWORD, "10.0.0.1").status_code == 302
