"""On a phone the breadcrumb trail is all the header shows: on the project's own back-office screens it
ends with the screen's name (a long one shortened with an ellipsis, as backoffice/phone.css does, never
cut), and the screen does not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = (
    ("audit_log", "Nhật ký thao tác"),
    ("reviews_request", None),
    ("signin_logins", None),
    ("signin_lockouts", None),
    ("activities_import", None),
    ("funding_summary", None),
    ("onboarding_province", None),
    ("onboarding_commune_new", None),
    ("intake_drafts", None),
)


@pytest.fixture
def phone(browser: Browser, live_server: Any) -> Any:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_each_screen_names_itself_in_its_breadcrumbs_on_a_phone(demo, phone: Page, login_as):
    login_as(phone, get_user_model().objects.get(username="quantri"))
    for name, expected in SCREENS:
        phone.goto(reverse(name))
        last = phone.locator(".w-breadcrumbs li").last
        label = last.inner_text().strip()
        assert label, name
        assert label != "Trang chủ", name
        if expected:
            assert label == expected
        readable = last.evaluate(
            "el => { const r = el.getBoundingClientRect(); const a = el.querySelector('a, div') || el;"
            " const whole = a.scrollWidth <= a.clientWidth + 1;"
            " const ellipsis = getComputedStyle(a).textOverflow === 'ellipsis';"
            " return r.right <= document.documentElement.clientWidth + 1 && (whole || ellipsis); }"
        )
        assert readable, f"{name}: “{label}” is cut at the phone's edge"
        width = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{name}: {width[0]} px of content on a {width[1]} px screen"


def test_the_programme_dashboard_s_named_groups_fit_a_phone(demo, phone: Page, login_as):
    login_as(phone, demo.lan)
    phone.goto(reverse("indicators_dashboard"))
    card = phone.locator("#don-vi tbody tr").first.locator("td[data-label='Nhóm 1 (truyền thông)']")
    assert card.count() == 1
    width = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{width[0]} px of content on a {width[1]} px screen"
