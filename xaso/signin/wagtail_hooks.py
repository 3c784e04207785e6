"""Back-office addresses and menu items of the log-in: the second factor, the log-in record, lock-outs."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.signin.selectors import logins_visible
from xaso.signin.views import second_factor
from xaso.signin.views.lockout import LockoutsView
from xaso.signin.views.logins import LoginLogView


@hooks.register("register_admin_urls")
def register_signin_urls() -> list[Any]:
    return [
        path("xac-thuc/", second_factor.verify, name="signin_otp_verify"),
        path("xac-thuc/thiet-lap/", second_factor.setup, name="signin_otp_setup"),
        path("xac-thuc/ma-du-phong/", second_factor.backup_codes, name="signin_backup_codes"),
        path("nhat-ky-dang-nhap/", LoginLogView.as_view(), name="signin_logins"),
        path("khoa-dang-nhap/", LockoutsView.as_view(), name="signin_lockouts"),
    ]


class LoginLogMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return logins_visible(user=request.user)


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.is_superuser)


@hooks.register("register_settings_menu_item")
def register_login_log_menu_item() -> MenuItem:
    return LoginLogMenuItem(
        "Nhật ký đăng nhập", reverse("signin_logins"), name="nhat-ky-dang-nhap", icon_name="history"
    )


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item() -> MenuItem:
    return SuperuserMenuItem("Khóa đăng nhập", reverse("signin_lockouts"), name="khoa-dang-nhap", icon_name="lock")


hooks.register("register_account_menu_item", second_factor.account_menu_item)
hooks.register("register_account_menu_item", second_factor.backup_codes_menu_item)
