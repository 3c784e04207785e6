"""Connects Django's log-in signals to the log-in record (the logic is in services.login_record).

Django announces log-ins and failures only through these signals; `axes` is listed before this app, so
by the time a failure reaches us axes has counted it and set `request.axes_locked_out` when the account
or the address is (or just became) locked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from xaso.signin.models import LoginOutcome
from xaso.signin.services import login_record


@receiver(user_logged_in, dispatch_uid="xaso.signin.logged_in")
def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    login_record(request=request, outcome=LoginOutcome.SUCCESS, user=user)


@receiver(user_login_failed, dispatch_uid="xaso.signin.login_failed")
def record_login_failure(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    locked = bool(getattr(request, "axes_locked_out", False))
    login_record(
        request=request,
        outcome=LoginOutcome.LOCKED_OUT if locked else LoginOutcome.FAILURE,
        username=str(credentials.get("username", ""))[:150],
    )
