"""An article page is light (HTML + CSS + JS under 100 KB without images) and asks no other host for anything."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from xaso.testing.factories import article

LIMIT = 100 * 1024


class _Resources(HTMLParser):
    """Every URL the browser fetches by itself while loading the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.stylesheets: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
            self.urls.append(values["href"] or "")
            if values.get("rel") == "stylesheet":
                self.stylesheets.append(values["href"] or "")
        for name in ("src", "poster"):
            if tag in ("img", "script", "source", "video", "audio", "iframe") and values.get(name):
                self.urls.append(values[name] or "")
        if tag in ("img", "source") and values.get("srcset"):
            self.urls.extend(part.strip().split(" ")[0] for part in (values["srcset"] or "").split(","))


def _rich_article(portal):
    image = Image.objects.create(title="Ảnh", file=get_test_image_file(), collection=portal.home.collection)
    audio = Document.objects.create(title="Bản tin", file=ContentFile(b"OggS", name="ban-tin.ogg"))
    body = [
        {"type": "paragraph", "value": "<p>" + "Bà con thôn Nà Pàn học dùng dịch vụ công trực tuyến. " * 40 + "</p>"},
        {"type": "heading", "value": {"text": "Kết quả", "level": "h2"}},
        {"type": "photo", "value": {"image": image.pk, "alt": "Bà con học dùng VNeID", "caption": "Lớp học"}},
        {
            "type": "infographic",
            "value": {"image": image.pk, "alt": "Biểu đồ", "description": "80% người dân.", "caption": ""},
        },
        {"type": "audio", "value": {"file": audio.pk, "title": "Bản tin số 1", "transcript": "Lời đọc."}},
        {"type": "downloads", "value": {"heading": "Tài liệu", "items": [{"document": audio.pk, "label": "Bản tin"}]}},
        {"type": "quote", "value": {"text": "Lấy người dân làm trung tâm.", "attribution": "Quyết định 1169/QĐ-TTg"}},
    ]
    return article(portal.news, portal.linh, publish_as=portal.admin, cover=image, cover_alt="Lớp học VNeID"), body


def test_an_article_page_weighs_less_than_100_kb_without_images(portal, client):
    page, body = _rich_article(portal)
    page.body = body
    page.save_revision(user=portal.admin).publish(user=portal.admin)
    html = client.get(page.url).content
    parser = _Resources()
    parser.feed(html.decode())
    css = sum(
        (Path(settings.BASE_DIR) / "xaso" / "static" / url.removeprefix(settings.STATIC_URL)).stat().st_size
        for url in parser.stylesheets
    )
    scripts = [url for url in parser.urls if url.endswith(".js")]
    assert scripts == []  # any script is inline and already counted in the HTML
    assert len(html) + css < LIMIT, f"HTML {len(html)} B + CSS {css} B"


def test_an_article_page_requests_nothing_from_another_host(portal, client):
    page, body = _rich_article(portal)
    page.body = body
    page.save_revision(user=portal.admin).publish(user=portal.admin)
    parser = _Resources()
    parser.feed(client.get(page.url).content.decode())
    assert parser.urls
    foreign = [url for url in parser.urls if re.match(r"^(https?:)?//", url)]
    assert foreign == []
    assert any(".avif" in url for url in parser.urls)
    assert any(".webp" in url for url in parser.urls)


def _weight(client, url: str) -> tuple[int, list[str], list[str]]:
    html = client.get(url).content
    parser = _Resources()
    parser.feed(html.decode())
    css = sum(
        (Path(settings.BASE_DIR) / "xaso" / "static" / url.removeprefix(settings.STATIC_URL)).stat().st_size
        for url in parser.stylesheets
    )
    return len(html) + css, parser.urls, parser.stylesheets


def test_the_printable_notice_with_its_qr_code_is_light_and_self_contained(portal, client):
    page, _ = _rich_article(portal)
    weight, urls, stylesheets = _weight(client, f"{page.url}thong-bao-in/")
    assert weight < 30 * 1024  # the QR code is inline SVG: nothing more to fetch before printing
    assert [url for url in urls if url not in stylesheets] == []


def test_the_stylesheets_fetch_nothing_from_another_host():
    for css in (Path(settings.BASE_DIR) / "xaso" / "static").rglob("*.css"):
        if "vendor" in css.parts:
            continue
        text = css.read_text()
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), css


def test_the_share_tags_and_the_beacon_keep_the_article_under_the_limit(portal, client):
    page, body = _rich_article(portal)
    page.body = body
    page.save_revision(user=portal.admin).publish(user=portal.admin)
    weight, urls, _ = _weight(client, page.url)
    html = client.get(page.url).content.decode()
    assert 'property="og:image"' in html
    assert f"/luot-doc/{page.pk}/" in urls  # the <noscript> beacon: our own server
    assert weight < LIMIT
