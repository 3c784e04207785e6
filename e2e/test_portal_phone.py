"""A resident opens an article on a phone: light, nothing from other hosts, usable with the keyboard,
counted once as a reader (no cookie), and the printed notice's QR code opens the same article."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Response, expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from xaso.portal.demo import load_home, load_section
from xaso.portal.models import ArticleReach, TopicPage
from xaso.testing.factories import article

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)
LIMIT = 100 * 1024


def _quiet(_: str) -> None:
    return None


def _readers(page_id: int) -> int:
    return sum(ArticleReach.objects.filter(article_id=page_id).values_list("readers", flat=True))


def test_an_article_on_a_phone_is_light_local_keyboard_friendly_and_counted_once(
    demo, wagtail_roots, browser: Browser, live_server
):
    home = load_home(_quiet)
    section = load_section(_quiet)
    news = TopicPage.objects.child_of(section).get(slug="tin-tuc")
    image = Image.objects.create(
        title="Lớp học", file=get_test_image_file(size=(1200, 800)), collection=home.collection
    )
    admin = type(demo.hung).objects.get(username="quantri")
    page = article(
        news,
        demo.linh,
        title="Bà con Nà Pàn học dùng VNeID",
        cover=image,
        cover_alt="Bà con học dùng VNeID ở nhà văn hóa",
        publish_as=admin,
    )

    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        user_agent=PHONE_UA,
    )
    context.set_default_timeout(15_000)
    phone = context.new_page()
    outside: list[str] = []
    weights: dict[str, int] = {}
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))

    def weigh(response: Response) -> None:
        if response.request.resource_type in ("document", "stylesheet", "script") and response.ok:
            weights[response.url] = len(response.body())

    phone.on("response", weigh)
    with phone.expect_request(lambda r: "/luot-doc/" in r.url and r.method == "POST"):
        phone.goto(page.url)
    expect(phone.locator("h1")).to_have_text("Bà con Nà Pàn học dùng VNeID")
    phone.wait_for_load_state("networkidle")

    assert outside == []
    assert sum(weights.values()) < LIMIT, weights
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # The picture the phone chose is a modern format at a phone's width.
    chosen = phone.evaluate("document.querySelector('.cover img').currentSrc")
    assert ".avif" in chosen or ".webp" in chosen

    # Keyboard: the first Tab shows the skip link, Enter goes to the content.
    phone.keyboard.press("Tab")
    skip = phone.locator("a.skip")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["y"] >= 0
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#noi-dung"

    # Counted once, with no cookie, however often the resident comes back today.
    deadline = time.monotonic() + 10
    while _readers(page.pk) < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    phone.reload()
    phone.wait_for_load_state("networkidle")
    time.sleep(0.5)
    assert _readers(page.pk) == 1
    assert context.cookies() == []

    # The printable notice for the village board carries the QR code of this page.
    phone.goto(f"{page.url}thong-bao-in/")
    expect(phone.locator(".qr svg")).to_be_visible()
    expect(phone.locator(".address")).to_contain_text(page.url)
    context.close()
