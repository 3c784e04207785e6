"""One-time set-up links: sent by e-mail (the secret only in the e-mail), they set the password with
Django's validators and Vietnamese messages, then send the person to log in; they work once, expire
after XASO_SETUP_LINK_DAYS days, and a newer link replaces the older one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from xaso.onboarding.models import SetupLink
from xaso.onboarding.services import setup_link_email
from xaso.onboarding.tests.rosters import workbook

START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(START + dt.timedelta(hours=1), tick=False)]
User = get_user_model()


@pytest.fixture
def imported(demo, tan_tien, post_roster, django_capture_on_commit_callbacks):
    units = [[f"{tan_tien.code}-vhxh", "Phòng Văn hóa - Xã hội", "", "Phòng, đơn vị thuộc UBND xã", ""]]
    people = [
        ["Nguyễn Thị Hằng", "tt.hang", "hang@xa.example", "Phòng Văn hóa - Xã hội", "Chủ trì chương trình", ""],
        ["Vi Văn Hải", "tt.hai", "", "Phòng Văn hóa - Xã hội", "Cán bộ báo cáo", ""],
    ]
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert post_roster(tan_tien, workbook(units, people)).status_code == 302
    return User.objects.get(username="tt.hang")


def link_in(message) -> str:
    found = re.search(r"http://\S+/thiet-lap/\S+/", message.body)
    assert found is not None
    return found.group(0)


def path_of(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_email_tells_who_where_and_how_long(demo, imported):
    (message,) = mail.outbox
    assert message.to == ["hang@xa.example"]
    assert message.subject == "[Xã số] Đặt mật khẩu cho tài khoản của bạn"
    body = message.body
    assert "Chào Nguyễn Thị Hằng," in body
    assert "Đặng Thị Hoa đã tạo cho bạn tài khoản Xã số của Xã Tân Tiến" in body
    assert "- Tên đăng nhập: tt.hang" in body
    assert "Phòng Văn hóa - Xã hội — chủ trì chương trình" in body
    assert "(chỉ dùng được một lần, đến hết 09:00 ngày 09/03/2026)" in body
    assert "lần đăng nhập đầu tiên Xã số sẽ hướng dẫn bạn cài ứng dụng xác thực" in body
    # only a digest of the secret is kept
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert not SetupLink.objects.filter(token_hash=token).exists()
    assert len(token) >= 40


def test_the_link_sets_the_password_once_then_sends_to_log_in(demo, imported, client):
    path = path_of(link_in(mail.outbox[0]))
    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert 'Tên đăng nhập của bạn là <strong id="ten-dang-nhap">tt.hang</strong>' in page.content.decode()
    response = client.post(path, {"new_password1": "Truyen-thong-57!", "new_password2": "Truyen-thong-57!"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    imported.refresh_from_db()
    assert imported.check_password("Truyen-thong-57!")
    # the ordinary log-in takes it, then asks this programme owner to set up the second factor
    login = client.post(reverse("wagtailadmin_login"), {"username": "tt.hang", "password": "Truyen-thong-57!"})
    assert login.status_code == 302
    home = client.get(login["Location"])
    assert home.status_code == 302
    assert "/quan-tri/xac-thuc/" in home["Location"]
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "Đường dẫn này đã được dùng để đặt mật khẩu lúc" in again.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678901", "Mật khẩu không được chỉ gồm chữ số."),
        ("ngắn", "Mật khẩu quá ngắn"),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("tt.hang2026", "Mật khẩu quá giống"),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(demo, imported, client, password, message):
    path = path_of(link_in(mail.outbox[0]))
    response = client.post(path, {"new_password1": password, "new_password2": password})
    assert response.status_code == 400
    assert message in response.content.decode()
    imported.refresh_from_db()
    assert not imported.has_usable_password()


def test_two_different_passwords_are_refused(demo, imported, client):
    path = path_of(link_in(mail.outbox[0]))
    response = client.post(path, {"new_password1": "Truyen-thong-57!", "new_password2": "Truyen-thong-58!"})
    assert response.status_code == 400
    assert "Hai mật khẩu không khớp nhau." in response.content.decode()


def test_the_link_expires_after_the_documented_days(demo, imported, client, settings):
    path = path_of(link_in(mail.outbox[0]))
    assert settings.SETUP_LINK_DAYS == 7
    with time_machine.travel(START + dt.timedelta(days=7, seconds=1), tick=False):
        response = client.get(path)
    assert response.status_code == 410
    assert "Đường dẫn này đã hết hạn từ 09:00 ngày 09/03/2026" in response.content.decode()
    with time_machine.travel(START + dt.timedelta(days=6, hours=23), tick=False):
        assert client.get(path).status_code == 200


def test_a_newer_link_replaces_the_older_one(demo, imported, client, django_capture_on_commit_callbacks):
    old = path_of(link_in(mail.outbox[0]))
    with django_capture_on_commit_callbacks(execute=True):
        setup_link_email(person=imported, user=demo.hoa)
    new = path_of(link_in(mail.outbox[1]))
    assert client.get(old).status_code == 410
    assert "đã được thay bằng một đường dẫn mới hơn" in client.get(old).content.decode()
    assert client.get(new).status_code == 200


def test_an_unknown_link_says_so(demo, client):
    response = client.get(reverse("onboarding:setup", args=["khong-co-duong-dan-nay"]))
    assert response.status_code == 404
    assert "Đường dẫn đặt mật khẩu không đúng" in response.content.decode()


def test_a_person_without_email_gets_no_email(demo, imported):
    from django.core.exceptions import ValidationError

    hai = User.objects.get(username="tt.hai")
    with pytest.raises(ValidationError) as caught:
        setup_link_email(person=hai, user=demo.hoa)
    assert caught.value.messages == ["Vi Văn Hải chưa có thư điện tử; hãy in phiếu có mã QR cho người này."]
