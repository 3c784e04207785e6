"""Writes of the log-in: the record of each attempt, the second factor's devices, unlocking."""

from __future__ import annotations

import secrets
from typing import Any

import django_otp
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.signin.models import LoginEvent, LoginOutcome

TOTP_DEVICE_NAME = "Ứng dụng xác thực"
BACKUP_DEVICE_NAME = "Mã dự phòng"
BACKUP_CODE_COUNT = 10
# Letters and digits a person reads off paper without confusing (no 0/o, 1/l/i).
BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def client_address(request: HttpRequest) -> str | None:
    """The client's address, from where the deployment says it is (XASO_READER_IP_HEADER: REMOTE_ADDR,
    or HTTP_X_REAL_IP behind a reverse proxy). Axes counts wrong passwords per this address."""
    value = str(request.META.get(settings.READER_IP_HEADER) or request.META.get("REMOTE_ADDR") or "")
    # A proxy's X-Forwarded-For lists the client first.
    return value.split(",")[0].strip() or None


def login_record(*, request: HttpRequest | None, outcome: str, user: Any = None, username: str = "") -> LoginEvent:
    """Records one log-in attempt. `user` is the account when the name typed is one (even on failure)."""
    if user is None and username:
        user = get_user_model().objects.filter(username=username).first()
    meta = request.META if request is not None else {}
    return LoginEvent.objects.create(
        user=user,
        username=(username or getattr(user, "username", ""))[:150],
        address=client_address(request) if request is not None else None,
        user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:255],
        outcome=outcome,
    )


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed TOTP device, made on first visit, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the device if `token` is its current code: replaces any older authenticator and backup
    codes, marks this session verified, and returns the new backup codes (shown once). None if wrong."""
    if not device.verify_token(token.strip()):
        login_record(request=request, outcome=LoginOutcome.OTP_FAILURE, user=device.user)
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_issue(user=device.user)
    django_otp.login(request, device)
    login_record(request=request, outcome=LoginOutcome.OTP_SUCCESS, user=device.user)
    return codes


@transaction.atomic
def backup_codes_issue(*, user: Any) -> list[str]:
    """A new set of one-time backup codes; the previous set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = ["".join(secrets.choice(BACKUP_ALPHABET) for _ in range(8)) for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Checks a code from the authenticator (or a backup code, used up) and marks the session verified."""
    user = request.user
    cleaned = "".join(token.split()).lower()
    device = django_otp.match_token(user, cleaned) if cleaned else None
    if device is None:
        login_record(request=request, outcome=LoginOutcome.OTP_FAILURE, user=user)
        return False
    django_otp.login(request, device)
    login_record(request=request, outcome=LoginOutcome.OTP_SUCCESS, user=user)
    return True


def login_unlock(*, username: str = "", address: str = "") -> int:
    """Lifts a lock-out before its time: the failed attempts of that account and/or address are forgotten."""
    count = 0
    if username:
        count += axes_reset(username=username)
    if address:
        count += axes_reset(ip=address)
    return count
