"""Test helpers for the second factor: a confirmed authenticator for a person, the code it shows now,
and a test client session marked verified exactly as django-otp marks it after a good code."""

from __future__ import annotations

import time
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.signin.selectors import second_factor_required


def authenticator_for(user: Any) -> TOTPDevice:
    """The person's confirmed TOTP device, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    return device


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The six digits the authenticator app shows at `at` (now by default, the clock time-machine may pin)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def needs_second_factor(user: Any) -> bool:
    return second_factor_required(user=user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_session(client: Any, user: Any) -> None:
    """Marks the client's (already logged-in) session as past the second factor."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()


def login_verified(client: Any, user: Any) -> Any:
    """force_login, plus the second factor for the people who need it: the back office opens at once."""
    client.force_login(user)
    if needs_second_factor(user):
        verify_session(client, user)
    return client
