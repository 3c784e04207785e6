"""Vietnamese password rules wherever a password is set: the account page and the user forms."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from xaso.signin.passwords import (
    PASSWORD_COMMON,
    PASSWORD_NUMERIC,
    PASSWORD_SIMILAR,
    PASSWORD_TOO_SHORT,
    PASSWORD_UNIT_NAME,
)


def _messages(password, user=None):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=user)
    return refused.value.messages


def test_the_minimum_length_is_ten():
    assert settings.PASSWORD_MIN_LENGTH == 10
    assert PASSWORD_TOO_SHORT.format(min_length=10) in _messages("Ab#9xk2Q")


def test_digits_alone_are_refused():
    assert PASSWORD_NUMERIC in _messages("8305716249")


@pytest.mark.parametrize(
    "password", ["matkhau123", "123456789", "abc@123", "MatKhau@123", "Mật khẩu 123", "password123"]
)
def test_common_passwords_vietnamese_ones_included_are_refused(password):
    assert PASSWORD_COMMON in _messages(password)


def test_the_name_of_the_persons_commune_or_unit_is_refused(demo):
    assert PASSWORD_UNIT_NAME.format(name="Hoàng Văn Thụ") in _messages("HoangVanThu@2025", user=demo.mai)
    assert PASSWORD_UNIT_NAME.format(name="Nà Pàn") in _messages("Nà Pàn 2025!!", user=demo.son)


@pytest.mark.parametrize(
    ("password", "what"),
    [("pct.hung2025", "tên đăng nhập"), ("HoangVanHung@1", "họ tên"), ("Hoàng Văn Hùng 79", "họ tên")],
)
def test_a_password_like_the_persons_own_names_is_refused(demo, password, what):
    assert PASSWORD_SIMILAR.format(what=what) in _messages(password, user=demo.hung)


def test_a_good_password_passes(demo):
    validate_password("Trâu cày ruộng sớm 7 giờ", user=demo.hung)
    validate_password("gio-bac-thoi-qua-deo", user=demo.mai)


def test_the_account_page_refuses_a_weak_new_password_in_vietnamese(demo, client_for):
    client = client_for(demo.mai)
    answer = client.post(
        "/quan-tri/account/",
        {
            "password-old_password": "XaSo@2025",
            "password-new_password1": "matkhau123",
            "password-new_password2": "matkhau123",
            "name_email-first_name": "Mai",
            "name_email-last_name": "Lý Thị",
            "name_email-email": "thcs.mai@xaso.local",
            "locale-preferred_language": "vi",
            "locale-current_time_zone": "Asia/Ho_Chi_Minh",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert PASSWORD_COMMON in answer.content.decode()
    demo.mai.refresh_from_db()
    assert demo.mai.check_password("XaSo@2025")


def test_the_user_form_refuses_a_short_password_in_vietnamese(demo, client_for):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="quantri")
    client = client_for(admin)
    answer = client.post(
        "/quan-tri/users/new/",
        {
            "username": "nguoi.moi",
            "email": "nguoi.moi@xaso.local",
            "first_name": "Mới",
            "last_name": "Người",
            "password1": "Ab#9xk2Q",
            "password2": "Ab#9xk2Q",
        },
    )
    assert PASSWORD_TOO_SHORT.format(min_length=10) in answer.content.decode()
    assert not get_user_model().objects.filter(username="nguoi.moi").exists()
