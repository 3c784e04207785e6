"""Browser journeys: Playwright driving Debian's chromium against a live test server.

Each test gets a fresh browser context (no cookies) on a phone-sized or desktop
viewport, and `login_as(page, user)` signs in through the real login form (and, for the
people who need one, the second factor's form with the code their authenticator shows).
Every page of every journey runs under the project's Content-Security-Policy: a violation
reported by the browser fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from e2e.csp import no_csp_violations, watch_csp
from e2e.signin import log_in

CHROMIUM = os.environ.get("XASO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM guard would
# otherwise refuse the test's own database calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium không có tại {CHROMIUM}: chạy bin/setup để cài gói chromium của Debian.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """The CSP violations the browser reported so far in this test (the page fixtures fail on any)."""
    return []


@pytest.fixture
def page(browser: Browser, live_server: Any, csp_violations: list[str]) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(15_000)
    watched = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    csp_violations.extend(watched)
    no_csp_violations(watched)


@pytest.fixture
def phone(browser: Browser, live_server: Any, csp_violations: list[str]) -> Iterator[Page]:
    """A phone-sized browser (360×740, touch) as most residents use."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    context.set_default_timeout(15_000)
    watched = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    csp_violations.extend(watched)
    no_csp_violations(watched)


@pytest.fixture
def outside_requests(page: Page, live_server: Any) -> list[str]:
    """Every request the page makes to a host other than the project's own server."""
    urls: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else urls.append(request.url))
    return urls


@pytest.fixture
def login_as() -> Any:
    return log_in


@pytest.fixture
def portal(demo: Any) -> Any:
    """The demo commune's portal (home page, Resolution 57 section and sub-sections).

    An earlier browser test flushed the database, and with it Wagtail's root page, root collection and
    default locale (made by its migrations): they are put back first, as the migrations made them."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    from xaso.portal.demo import load_home, load_section

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Gốc", slug="root", locale=Locale.objects.get()))
    if not Collection.objects.exists():
        Collection.add_root(name="Gốc")

    def quiet(_: str) -> None:
        return None

    load_home(quiet)
    return load_section(quiet)


@pytest.fixture
def wagtail_roots(transactional_db: Any) -> None:
    """Wagtail's root page, root collection and locale: its migrations make them (portal 0008 names the
    roots "Gốc"), and the flush after each browser test (transactional database) removes them."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Gốc", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Gốc")
