"""Public pages are usable by everyone: one h1 and no skipped heading level, text alternatives for
pictures, labelled fields, a skip link to the content, visible keyboard focus and enough contrast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from xaso.testing.factories import article

CSS = Path(settings.BASE_DIR) / "xaso" / "static" / "xaso" / "css" / "site.css"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.inputs: list[str] = []
        self.labels: set[str] = set()
        self.first_link: dict[str, str | None] | None = None
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "html":
            self.lang = values.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(values)
        if tag == "a" and self.first_link is None:
            self.first_link = values
        if tag in ("input", "select", "textarea") and values.get("type") not in ("hidden", "submit"):
            self.inputs.append(values.get("id") or "")
        if tag == "label" and values.get("for"):
            self.labels.add(values["for"] or "")


def _parse(client, url: str) -> _Page:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Page()
    parser.feed(response.content.decode())
    return parser


def _pages(portal) -> list[str]:
    image = Image.objects.create(title="Ảnh", file=get_test_image_file(), collection=portal.home.collection)
    page = article(portal.news, portal.linh, cover=image, cover_alt="Bà con học dùng VNeID")
    page.body = [
        {"type": "paragraph", "value": "<p>Mở đầu.</p>"},
        {"type": "heading", "value": {"text": "Kết quả", "level": "h2"}},
        {"type": "heading", "value": {"text": "Ở thôn Nà Pàn", "level": "h3"}},
        {"type": "photo", "value": {"image": image.pk, "alt": "Lớp học buổi tối", "caption": "Lớp học"}},
    ]
    page.save_revision(user=portal.admin).publish(user=portal.admin)
    article(portal.news, portal.linh, title="Bài liên quan", cover=image, cover_alt="Ảnh", publish_as=portal.admin)
    return [
        portal.home.url,
        portal.section.url,
        portal.news.url,
        page.url,
        f"{page.url}thong-bao-in/",
        portal.plan_page.url,
        "/tim-kiem/?q=chuyen+doi+so",
    ]


def test_every_page_has_one_h1_and_no_skipped_heading_level(portal, client):
    for url in _pages(portal):
        levels = _parse(client, url).headings
        assert levels[0] == 1, (url, levels)
        assert levels.count(1) == 1, (url, levels)
        skipped = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert skipped == [], (url, levels)


def test_every_picture_has_a_text_alternative(portal, client):
    for url in _pages(portal):
        for image in _parse(client, url).images:
            assert image.get("alt") is not None, (url, image)
            # Only decorative pictures (thumbnails beside a linked title, the readers' beacon) are silent.
            if image.get("alt") == "":
                assert image.get("class") == "beacon" or image.get("loading") == "lazy", (url, image)


def test_every_field_has_a_label_and_the_page_says_it_is_vietnamese(portal, client):
    for url in _pages(portal):
        parsed = _parse(client, url)
        assert parsed.lang == "vi"
        assert set(parsed.inputs) <= parsed.labels, url


@pytest.mark.parametrize("url_name", ["home", "article"])
def test_the_first_link_skips_to_the_main_content(portal, client, url_name):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    parsed = _parse(client, portal.home.url if url_name == "home" else page.url)
    assert parsed.first_link is not None
    assert parsed.first_link.get("class") == "skip"
    assert parsed.first_link.get("href") == "#noi-dung"
    assert "noi-dung" in parsed.ids


# -- colours -------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colours() -> dict[str, str]:
    css = CSS.read_text()
    names = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{3,6})", css))

    def rule(selector: str, prop: str) -> str:
        block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
        assert block, selector
        value = re.search(rf"(?:^|;|\s){prop}:\s*([^;]+)", block.group(1))
        assert value, (selector, prop)
        found = value.group(1).strip().split()[-1] if prop == "outline" else value.group(1).strip()
        return names[found[6:-1]] if found.startswith("var(--") else found

    return {
        **names,
        "link": rule("a", "color"),
        "header_link": rule(".site-header a", "color"),
        "focus_bg": rule("a:focus-visible", "background"),
        "focus_text": rule("a:focus-visible", "color"),
        "focus_outline": rule("a:focus-visible", "outline"),
        "demo_note_bg": rule(".demo-note", "background"),
        "mark_bg": rule("mark", "background"),
    }


def test_text_colours_reach_wcag_aa_contrast():
    c = _colours()
    pairs = {
        "text on page": (c["ink"], c["bg"]),
        "secondary text on page": (c["muted"], c["bg"]),
        "secondary text on grey": (c["muted"], c["soft"]),
        "links on page": (c["link"], c["bg"]),
        "links on grey": (c["link"], c["soft"]),
        "links in search matches": (c["link"], c["mark_bg"]),
        "header text": (c["header_link"], c["accent"]),
        "demo notice": (c["ink"], c["demo_note_bg"]),
        "focused link": (c["focus_text"], c["focus_bg"]),
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert low == {}


def test_keyboard_focus_stands_out_on_the_page_and_on_the_header():
    c = _colours()
    # WCAG 2.2 (1.4.11, 2.4.13): the focus indicator contrasts 3:1 with what surrounds it.
    assert contrast(c["focus_outline"], c["bg"]) >= 3
    assert contrast(c["focus_bg"], c["accent"]) >= 3
    assert ":focus-visible" in CSS.read_text()
