"""Links shared on Facebook and Zalo show the title, summary and picture (Open Graph, Twitter card)."""

from __future__ import annotations

from html.parser import HTMLParser

from django.conf import settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from xaso.testing.factories import article


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.values[key] = values.get("content") or ""


def _meta(client, url: str) -> dict[str, str]:
    parser = _Meta()
    parser.feed(client.get(url).content.decode())
    return parser.values


def test_an_article_shares_its_title_summary_picture_and_address(portal, client):
    image = Image.objects.create(
        title="Lớp học", file=get_test_image_file(size=(1600, 900)), collection=portal.home.collection
    )
    page = article(
        portal.news,
        portal.linh,
        title="Bà con Nà Pàn học dùng VNeID",
        intro="Tổ công nghệ số hướng dẫn 40 hộ.",
        cover=image,
        cover_alt="Bà con học dùng VNeID ở nhà văn hóa",
        publish_as=portal.admin,
    )
    meta = _meta(client, page.url)
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Bà con Nà Pàn học dùng VNeID"
    assert meta["og:description"] == "Tổ công nghệ số hướng dẫn 40 hộ."
    assert meta["og:url"] == f"{settings.BASE_URL}{page.url}"
    assert meta["og:locale"] == "vi_VN"
    assert meta["og:site_name"] == portal.home.title
    assert meta["og:image"].startswith(f"{settings.BASE_URL}/media/images/")
    assert meta["og:image"].endswith(".jpg")  # Facebook and Zalo do not read AVIF
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Bà con học dùng VNeID ở nhà văn hóa"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["article:published_time"].startswith(page.first_published_at.date().isoformat()[:4])
    rendition = image.renditions.get(filter_spec="fill-1200x630|format-jpeg")
    assert meta["og:image"] == f"{settings.BASE_URL}{rendition.url}"
    assert rendition.file.storage.exists(rendition.file.name)


def test_pages_without_a_picture_share_as_a_summary_card(portal, client):
    page = article(portal.news, portal.linh, title="Thông báo lịch tập huấn", publish_as=portal.admin)
    meta = _meta(client, page.url)
    assert "og:image" not in meta
    assert meta["twitter:card"] == "summary"
    section = _meta(client, portal.section.url)
    assert section["og:type"] == "website"
    assert section["og:url"] == f"{settings.BASE_URL}{portal.section.url}"
    assert section["og:description"] == portal.section.intro[:200] or section["og:description"].endswith("…")
