"""The audit crawl: every back-office and portal page each persona can reach, opened in Debian's chromium
on a phone (390×844) and on a desktop (1366×900), must show no sideways scroll, no serious or critical
axe-core violation (WCAG 2.1 A/AA), no English left visible, and a title that says where the person is,
unique among the screens that person reaches.

The pages are derived, not listed: the permission matrix's walker (xaso/access/tests/crawl.py) makes
every URL pattern concrete with the objects of two communes (world.py); the access policy
(xaso/access/policy.py VIEWS) says whether each persona may reach it; a test client then keeps, for
each persona and pattern, the first address that answers a whole HTML page (GET only). The portal's
live pages come from Wagtail's page tree. Every persona's titles are read from every page it reaches;
each screen (URL pattern) is opened in the browser, at both sizes, by the first persona that reaches it
(phone users first). Screenshots go to var/test/crawl/<size>/<persona>/.

A slow crawl runs once per CI run: it is marked `crawl`, and .ci/run deselects the mark in its
PostgreSQL pass (`-m "not crawl"`) — the pages are the same there, where the matrix and the journeys
already run. bin/test alone runs it on whatever database it is given.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections, transaction
from django.test import Client, override_settings
from django.test.testcases import LiveServerThread

from e2e.audit import audit_page, title_problem
from xaso.access.middleware import rule_for
from xaso.access.rules import Gate
from xaso.access.tests.conftest import load_demo_minimal
from xaso.access.tests.crawl import Pattern, concrete_requests, url_patterns
from xaso.access.tests.world import World, build_world, may_see_place
from xaso.testing.personas import PERSONAS

pytestmark = [pytest.mark.crawl, pytest.mark.e2e]

SIZES = {"dien-thoai": (390, 844), "may-tinh": (1366, 900)}
# Phone users first. What a screen holds depends on how far its reader sees (a unit's own rows, a
# whole commune's, a province's: longer lists, wider tables, other buttons), so a screen is opened in the
# browser once per reach, by the first persona of that reach; every persona's titles are read from the
# HTML of every page it reaches. The administrator, who reaches everything, comes last and opens only what
# nobody else could.
ORDER = ["son", "mai", "ha", "tuan", "lan", "hung", "linh", "quang", "thu", "outsider"]
CRAWL_PERSONAS = {**{name: PERSONAS[name] for name in ORDER}, **PERSONAS, "anonymous": "", "admin": "quantri"}
REACH = {
    **dict.fromkeys(("son", "mai", "ha", "tuan", "linh", "outsider"), "don-vi"),
    **dict.fromkeys(("lan", "hung", "thu"), "xa"),
    **dict.fromkeys(("quang", "hoa"), "tinh"),
    "anonymous": "cong",
}
# Not pages a person reads: the page that fails on purpose, log-out, catalogues and sprites, the
# back office's 404 catch-all, and Wagtail's previews (the portal page itself, checked as such).
SKIPPED = re.compile(
    r"^(wagtailadmin_error_test|wagtailadmin_logout|wagtailadmin_javascript_catalog|wagtailadmin_sprite"
    r"|route:quan-tri/\.\*/\$|route:quan-tri/test404/|wagtail_serve|.*preview.*|.*:view_draft)$"
)
# Screens that show another screen's page as it is (a revision of a portal page) may share its title.
SAME_TITLE_ALLOWED = re.compile(r"revisions_view|revisions_compare")
SHOTS = Path(settings.BASE_DIR) / "var" / "test" / "crawl"


# Static files answered from memory after their first request (they never change during the crawl):
# the live server serves one request at a time, and a back-office page asks for some twenty files.
_STATIC: dict[str, dict[str, Any]] = {}


def _static_from_memory(route: Any) -> None:
    url = route.request.url
    kept = _STATIC.get(url)
    if kept is None:
        response = route.fetch()
        kept = {"status": response.status, "headers": response.headers, "body": response.body()}
        if response.status == 200:
            _STATIC[url] = kept
    route.fulfill(**kept)


@dataclass(frozen=True)
class CrawlPage:
    key: str  # the URL pattern (or "portal:<page id>")
    url: str
    title: str = ""


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
# Screens already opened in the browser (by an earlier persona of the same reach), the URL patterns
# opened by anyone, and the count per persona.
_BROWSER_AUDITED: set[str] = set()
_PATTERNS_OPENED: set[str] = set()
COUNTS: dict[str, tuple[int, int]] = {}


def _title_of(response: Any) -> str:
    found = _TITLE.search(response.content)
    return " ".join(html.unescape(found.group(1).decode()).split()) if found else ""


class _OneAtATime:
    """The WSGI app serves one request at a time: the server threads share the test's in-memory SQLite
    connection, which must not run two requests' queries at once."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ: Any, start_response: Any) -> Any:
        with self.lock:
            return list(self.app(environ, start_response))


class _Server(LiveServerThread):
    def _create_server(self, connections_override: Any = None) -> Any:
        server = super()._create_server(connections_override=connections_override)  # type: ignore[misc]
        set_app = server.set_app
        server.set_app = lambda app: set_app(_OneAtATime(app))
        return server


@pytest.fixture(scope="module")
def crawl_world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[tuple[World, str]]:
    """The matrix's world, built inside a transaction rolled back after the module, served by a live
    server sharing the test's connection (so it sees the uncommitted world)."""
    files = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), PROTECTED_ROOT=tmp_path_factory.mktemp("protected")
    )
    with django_db_blocker.unblock(), files:
        atomic = transaction.atomic()
        atomic.__enter__()
        server = None
        try:
            load_demo_minimal()
            world = build_world()
            shared = connections["default"]
            shared.inc_thread_sharing()
            server = _Server("127.0.0.1", StaticFilesHandler, connections_override={"default": shared})
            server.daemon = True
            server.start()
            server.is_ready.wait()
            if server.error:
                raise server.error
            yield world, f"http://127.0.0.1:{server.port}"
        finally:
            if server is not None:
                server.terminate()
                connections["default"].dec_thread_sharing()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(persona: str) -> Client:
    from django.contrib.auth import get_user_model

    from xaso.testing.second_factor import login_verified

    client = Client(raise_request_exception=False)
    if CRAWL_PERSONAS[persona]:
        # Past the second factor for the roles that need one: the browser shares this session.
        login_verified(client, get_user_model().objects.get(username=CRAWL_PERSONAS[persona]))
    return client


def _allowed(pattern: Pattern, persona: str) -> bool:
    rule = rule_for(pattern.key)
    if rule is None or SKIPPED.match(pattern.key):
        return False
    # Public pages are the same for everyone: read once, as an anonymous reader.
    return (rule.gate == Gate.PUBLIC) == (persona == "anonymous")


def _is_html(response: Any) -> bool:
    return not getattr(response, "streaming", False) and response.get("Content-Type", "").startswith("text/html")


def _is_page(response: Any) -> bool:
    return response.status_code == 200 and _is_html(response) and b"<html" in response.content[:2000].lower()


# Addresses that answered a file or JSON (a download, a chooser's data, a feed) to an earlier reader: the
# same address is no page for the next one either, and is not asked again.
_NOT_A_PAGE: set[str] = set()


def reachable_pages(persona: str, world: World) -> list[CrawlPage]:
    """Every screen `persona` reaches: for each URL pattern, its first concrete address that answers
    a whole HTML page to this person; and every live page of the default site's portal."""
    from wagtail.models import Page, Site

    client = _client(persona)
    pages: list[CrawlPage] = []
    # A regex of pattern keys, to look at a few screens while fixing them: the others are not even asked for.
    only = re.compile(os.environ.get("XASO_CRAWL_ONLY", "") or ".")
    for pattern in url_patterns():
        if not _allowed(pattern, persona) or not only.search(pattern.key):
            continue
        for place, url in concrete_requests(pattern, world):
            # Only the places the persona works on: another commune's objects are the matrix's business.
            if place is not None and not may_see_place(persona, place):
                continue
            if url in _NOT_A_PAGE:
                continue
            response = client.get(url)
            if _is_page(response):
                pages.append(CrawlPage(pattern.key, url, _title_of(response)))
                break
            if response.status_code == 200 and not _is_html(response):
                _NOT_A_PAGE.add(url)
    if persona != "anonymous":
        return pages
    site = Site.objects.get(is_default_site=True)
    for page in Page.objects.live().descendant_of(site.root_page, inclusive=True).specific():
        url = page.relative_url(site)
        if not url:
            continue
        for suffix in ("", *(("thong-bao-in/",) if page.specific_class.__name__ == "ArticlePage" else ())):
            if not only.search(f"portal:{page.pk}{suffix}"):
                continue
            response = client.get(url + suffix)
            if _is_page(response):
                pages.append(CrawlPage(f"portal:{page.pk}{suffix}", url + suffix, _title_of(response)))
    return pages


def test_every_page_reads_well_on_a_phone_and_a_desktop(crawl_world, browser, record_property, db):
    """One test, one browser: the screens opened are shared between the personas (and stay in one
    process when the suite runs in two)."""
    world, base_url = crawl_world
    problems: list[str] = []
    started = time.monotonic()
    for persona in CRAWL_PERSONAS:
        problems.extend(f"{persona}: {problem}" for problem in _crawl(persona, world, base_url, browser))
    pages = sum(count for count, _ in COUNTS.values())
    record_property("pages", pages)
    record_property("screens", len(_BROWSER_AUDITED))
    print(
        f"\n[crawl] {len(CRAWL_PERSONAS)} người, {pages} trang, {len(_BROWSER_AUDITED)} màn hình × {len(SIZES)} "
        f"cỡ màn hình, {time.monotonic() - started:.0f} s"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "van-de.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")  # the artefact's list
    known = set(KNOWN.read_text(encoding="utf-8").splitlines()) if KNOWN.exists() else set()
    found = {signature(problem) for problem in problems}
    new = sorted(problem for problem in problems if signature(problem) not in known)
    fixed = sorted(known - found - {""})
    if fixed:
        print(f"[crawl] {len(fixed)} vấn đề đã biết không còn (xóa khỏi {KNOWN.name}):\n" + "\n".join(fixed))
    print(f"[crawl] {len(found & known)} vấn đề đã biết còn lại, {len(new)} vấn đề mới")
    assert new == [], f"{len(new)} vấn đề mới (tất cả: {SHOTS / 'van-de.txt'}):\n" + "\n".join(new)


# Problems found by the first full crawl and not yet fixed, one signature a line (persona, screen size,
# URL pattern, kind of problem): the crawl fails on any other. Listed in the closing note of issue 15;
# remove a line once fixed (the crawl prints the lines that no longer occur).
KNOWN = Path(__file__).with_name("crawl_known_problems.txt")


def signature(problem: str) -> str:
    """What stays the same between runs: who, which size, which screen, which kind of problem."""
    persona, _, rest = problem.partition(": ")
    if rest.startswith("tiêu đề trùng"):
        return f"{persona} tiêu đề trùng {rest.partition('»: ')[2]}"  # the title may name a generated object
    words = rest.split(" ")
    size = words.pop(0) if words and words[0] in SIZES else ""
    words.pop(0)  # the address: its ids may differ between runs
    key = words.pop(0) if words and words[0].startswith("[") else ""
    tail = " ".join(words)
    kind = " ".join(words[:3]).rstrip(":") if tail.startswith("axe ") else re.split(r"[:«\[]", tail)[0].strip()
    return " ".join(part for part in (persona, size, key, kind) if part)


def _crawl(persona: str, world: World, base_url: str, browser: Any) -> list[str]:
    started = time.monotonic()
    pages = reachable_pages(persona, world)
    found = time.monotonic() - started
    if not pages:
        # The account with no role is kept out of everything: nothing to read is what it must get.
        # (Or, with XASO_CRAWL_ONLY, none of the screens looked at is this person's.)
        if persona == "outsider" or os.environ.get("XASO_CRAWL_ONLY"):
            return []
        return [f"{persona} không vào được trang nào"]
    cookies = []
    client = _client(persona)
    if settings.SESSION_COOKIE_NAME in client.cookies:
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
        )
    problems: list[str] = []
    titles: dict[str, set[str]] = defaultdict(set)
    for item in pages:
        titles[item.title].add(item.key)
        problem = title_problem(item.title, is_home=item.url in ("/", "/quan-tri/"))
        if problem:
            problems.append(f"{item.url} [{item.key}] {problem}")
    if persona in REACH:
        to_open = [item for item in pages if f"{REACH[persona]}:{item.key}" not in _BROWSER_AUDITED]
    else:
        to_open = [item for item in pages if item.key not in _PATTERNS_OPENED]
    _BROWSER_AUDITED.update(f"{REACH.get(persona, persona)}:{item.key}" for item in to_open)
    _PATTERNS_OPENED.update(item.key for item in to_open)
    COUNTS[persona] = (len(pages), len(to_open))
    timing: dict[str, float] = defaultdict(float)
    for size, (width, height) in SIZES.items():
        if not to_open:
            break
        phone = width < 600
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": height},
            is_mobile=phone,
            has_touch=phone,
            locale="vi-VN",
        )
        context.set_default_timeout(20_000)
        context.add_cookies([{**cookie, "url": base_url} for cookie in cookies])
        context.route("**/static/**", _static_from_memory)
        tab = context.new_page()
        shots = SHOTS / size / persona
        shutil.rmtree(shots, ignore_errors=True)
        shots.mkdir(parents=True)
        for number, item in enumerate(to_open, start=1):
            tick = time.monotonic()
            response = tab.goto(item.url, wait_until="load")
            timing["goto"] += time.monotonic() - tick
            if response is None or response.status >= 400:
                problems.append(f"{size} {item.url}: HTTP {response.status if response else '?'}")
                continue
            tick = time.monotonic()
            audit = audit_page(tab, item.url, is_home=item.url in ("/", "/quan-tri/"), axe=True, titles=False)
            timing["audit"] += time.monotonic() - tick
            problems.extend(f"{size} {item.url} [{item.key}] {problem}" for problem in audit.problems)
            name = re.sub(r"[^a-z0-9]+", "-", item.key.lower()).strip("-")[:80]
            tick = time.monotonic()
            tab.screenshot(path=str(shots / f"{number:03d}-{name}.jpg"), type="jpeg", quality=55)
            timing["shot"] += time.monotonic() - tick
        context.close()
    for title, keys in titles.items():
        distinct = {key for key in keys if not SAME_TITLE_ALLOWED.search(key)}
        if len(distinct) > 1:
            problems.append(f"tiêu đề trùng «{title}»: {sorted(distinct)}")
    seconds = time.monotonic() - started
    print(
        f"\n[crawl] {persona}: {len(pages)} trang, {len(to_open)} mở trong trình duyệt × {len(SIZES)} cỡ màn hình, "
        f"{seconds:.0f} s (tìm trang {found:.0f} s) {dict(timing)}; đến nay {len(_BROWSER_AUDITED)} màn hình"
    )
    return problems
