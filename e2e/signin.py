"""Logging in through the real forms, as a person does: the password, then (for the people who need
one) the code their authenticator shows."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from xaso.demo.loaders import DEMO_PASSWORD
from xaso.testing.second_factor import authenticator_for, needs_second_factor, totp_code


def type_second_factor(page: Page, user: Any) -> None:
    """On the second factor's page: type the code the person's authenticator shows now."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = authenticator_for(user)
    # One code opens one log-in (django-otp refuses a code twice); a journey logs the same person in
    # more than once within 30 seconds, as a person with the app would wait for the next code.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    page.wait_for_url("**/quan-tri/xac-thuc/**")
    page.fill("input[name=code]", totp_code(device))
    page.click("form.signin-form button[type=submit]")


def log_in(page: Page, user: Any, password: str = DEMO_PASSWORD) -> Page:
    page.goto("/quan-tri/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    second_factor = needs_second_factor(user)
    if second_factor:
        authenticator_for(user)  # set up before, as the person did on a first log-in
    page.click("button[type=submit]")
    if second_factor:
        type_second_factor(page, user)
    page.wait_for_url("**/quan-tri/")
    return page
