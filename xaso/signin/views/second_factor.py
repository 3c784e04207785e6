"""Back office › the second factor: set up an authenticator (QR code drawn on the server and the secret
in letters), the one-time backup codes, and the code asked after the password."""

from __future__ import annotations

import base64
import math
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.portal.qr import qr_svg
from xaso.signin.forms import CodeForm
from xaso.signin.selectors import second_factor_required, second_factor_set_up
from xaso.signin.services import backup_codes_issue, second_factor_verify, totp_device_confirm, totp_device_pending

SETUP_WRONG_CODE = (
    "Mã chưa đúng. Hãy nhập mã đang hiện trên ứng dụng (mã đổi sau mỗi 30 giây) và kiểm tra giờ của điện thoại."
)
VERIFY_WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng, hoặc một mã dự phòng."
SETUP_DONE = "Đã bật xác thực hai bước. Từ nay, sau mật khẩu, hãy nhập mã trên ứng dụng xác thực."
VERIFY_FIRST = "Tài khoản đã có ứng dụng xác thực: hãy nhập mã của nó trước khi thay bằng ứng dụng khác."
THROTTLED = "Đã nhập sai mã nhiều lần: hãy đợi {seconds} giây rồi nhập mã mới."
BACKUP_CODES_KEY = "xaso_backup_codes"


def _throttled(device: TOTPDevice | None) -> str | None:
    """django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s…): say how long, in Vietnamese."""
    if device is None:
        return None
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return None
    seconds = max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))
    return THROTTLED.format(seconds=seconds)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def _secret_in_groups(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Replacing an authenticator needs the current one: a stolen password must not enrol a new phone.
    if second_factor_set_up(user=user) and not user.is_verified():  # type: ignore[union-attr]
        messages.warning(request, VERIFY_FIRST)
        return HttpResponseRedirect(_with_next("signin_otp_verify", reverse("signin_otp_setup")))
    device = totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _throttled(device)
        codes = None if wait else totp_device_confirm(request=request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            request.session[BACKUP_CODES_KEY] = codes
            messages.success(request, SETUP_DONE)
            return HttpResponseRedirect(_with_next("signin_backup_codes", _next_url(request)))
        form.add_error("code", wait or SETUP_WRONG_CODE)
    context = {
        "form": form,
        "qr_svg": qr_svg(device.config_url),
        "secret": _secret_in_groups(device),
        "required": second_factor_required(user=user),
        "replacing": second_factor_set_up(user=user),
        "next": _next_url(request),
    }
    return render(request, "signin/setup.html", context)


@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, shown once right after they are made; a verified person may make a new set."""
    if request.method == "POST" and request.user.is_verified():  # type: ignore[union-attr]
        request.session[BACKUP_CODES_KEY] = backup_codes_issue(user=request.user)
        return HttpResponseRedirect(reverse("signin_backup_codes"))
    codes = request.session.pop(BACKUP_CODES_KEY, None)
    return render(request, "signin/backup_codes.html", {"codes": codes, "next": _next_url(request)})


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not second_factor_set_up(user=user):
        return HttpResponseRedirect(_with_next("signin_otp_setup", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_verify(request=request, token=form.cleaned_data["code"]):
            return HttpResponseRedirect(_next_url(request))
        # A backup code still works while the authenticator's codes are held back.
        wait = _throttled(TOTPDevice.objects.filter(user=user, confirmed=True).first())
        form.add_error("code", f"{VERIFY_WRONG_CODE} {wait}" if wait else VERIFY_WRONG_CODE)
    return render(request, "signin/verify.html", {"form": form, "next": _next_url(request)})


def backup_codes_menu_item(request: HttpRequest) -> dict[str, Any] | None:
    if not second_factor_set_up(user=request.user):
        return None
    return {
        "url": reverse("signin_backup_codes"),
        "label": "Tạo bộ mã dự phòng mới",
        "help_text": "Mỗi mã dùng được một lần khi không có điện thoại; bộ mới thay bộ cũ.",
    }


def account_menu_item(request: HttpRequest) -> dict[str, Any]:
    """The account page's entry: set up (or replace) the authenticator, new backup codes."""
    if second_factor_set_up(user=request.user):
        return {
            "url": reverse("signin_otp_setup"),
            "label": "Xác thực hai bước: đổi ứng dụng xác thực",
            "help_text": "Đã bật. Dùng khi đổi điện thoại; tạo bộ mã dự phòng mới ở trang mã dự phòng.",
        }
    return {
        "url": reverse("signin_otp_setup"),
        "label": "Bật xác thực hai bước",
        "help_text": "Sau mật khẩu, nhập thêm mã trên điện thoại: kẻ lấy được mật khẩu cũng không vào được.",
    }
