"""The second factor's gate: a person who must use one reaches the back office only once verified.

A leader, programme owner, province viewer or superuser (selectors.second_factor_required), or anyone
who has set up an authenticator, is after the password only half signed in: back-office addresses send
them to set up (no device yet) or to verify (device), and every other address treats them as anonymous,
so private downloads and portal drafts stay closed too. Placed after django-otp's OTPMiddleware, which
reads the session's verified device."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from xaso.signin.selectors import second_factor_required, second_factor_set_up

# Back-office addresses a half-signed-in person may use: signing in and out, the second factor's own
# pages, and what those pages load (the translation catalogue, the icon sprite).
OPEN_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "signin_otp_setup",
    "signin_otp_verify",
    "signin_backup_codes",
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def open_paths(self) -> frozenset[str]:
        return frozenset(reverse(name) for name in OPEN_URL_NAMES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and request.path_info not in self.open_paths:  # type: ignore[attr-defined]
            has_device = second_factor_set_up(user=user)
            if has_device or second_factor_required(user=user):
                if request.path_info.startswith(self.admin_prefix):
                    target = reverse("signin_otp_verify" if has_device else "signin_otp_setup")
                    return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
                request.user = AnonymousUser()
        return self.get_response(request)
