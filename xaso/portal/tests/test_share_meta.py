"""Links shared on Facebook and Zalo show the title, summary and picture (Open Graph, Twitter card)."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from typing import cast

from django.conf import settings
from PIL import Image as PILImage
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


def _picture(client, address: str) -> PILImage.Image:
    response = client.get(address.removeprefix(settings.BASE_URL))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]
    picture = PILImage.open(io.BytesIO(response.content))
    picture.load()
    return picture


def _rgb(picture: PILImage.Image, where: tuple[int, int]) -> tuple[int, int, int]:
    red, green, blue = cast(tuple[int, int, int], picture.getpixel(where))
    return red, green, blue


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
    assert meta["og:image"].startswith(f"{settings.BASE_URL}/anh-chia-se/{page.pk}.jpg?v=")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Bà con học dùng VNeID ở nhà văn hóa"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["article:published_time"].startswith(page.first_published_at.date().isoformat()[:4])
    picture = _picture(client, meta["og:image"])
    # Facebook and Zalo read JPEG, not AVIF; exactly 1200×630 (a 1200×631 crop is shown letterboxed).
    assert (picture.format, picture.size) == ("JPEG", (1200, 630))
    # The cover itself (Wagtail's test image is a flat colour), not a title card.
    with PILImage.open(image.file) as cover:
        expected = _rgb(cover.convert("RGB"), (cover.width // 2, cover.height // 2))
    assert all(abs(a - b) <= 8 for a, b in zip(_rgb(picture.convert("RGB"), (600, 315)), expected, strict=True))


def test_every_page_without_a_picture_shares_its_title_drawn_at_1200_by_630(portal, client):
    page = article(portal.news, portal.linh, title="Thông báo lịch tập huấn chuyển đổi số", publish_as=portal.admin)
    other = article(portal.news, portal.linh, title="Lịch tiếp công dân tháng 12", publish_as=portal.admin)
    for url in (page.url, other.url, portal.section.url, portal.home.url):
        meta = _meta(client, url)
        assert meta["twitter:card"] == "summary_large_image", url
        picture = _picture(client, meta["og:image"])
        assert (picture.format, picture.size) == ("JPEG", (1200, 630)), url
    first = _picture(client, _meta(client, page.url)["og:image"]).convert("RGB")
    second = _picture(client, _meta(client, other.url)["og:image"]).convert("RGB")
    assert first.tobytes() != second.tobytes()  # each title drawn, not one stock picture
    # White letters on the portal's red, between the margins, and the site's name under the gold rule.
    colours = {_rgb(first, (x, y)) for x in range(80, 1120, 4) for y in range(100, 500, 4)}
    assert any(min(c) > 200 for c in colours)
    assert any(c[0] > 120 and c[1] < 60 for c in colours)
    section = _meta(client, portal.section.url)
    assert section["og:type"] == "website"
    assert section["og:url"] == f"{settings.BASE_URL}{portal.section.url}"
    assert section["og:description"] == portal.section.intro[:200] or section["og:description"].endswith("…")


def test_a_draft_page_has_no_share_picture(portal, client):
    draft = article(portal.news, portal.linh, title="Bản nháp chưa đăng")
    assert client.get(f"/anh-chia-se/{draft.pk}.jpg").status_code == 404
    assert client.get("/anh-chia-se/999999.jpg").status_code == 404


def test_the_title_is_drawn_whole_words_in_a_font_with_every_vietnamese_letter():
    from PIL import ImageFont

    from xaso.documents.fonts import VIETNAMESE, missing_letters, serif_files
    from xaso.portal.share import MARGIN, SIZE, _wrapped

    assert not missing_letters(serif_files()["bold"])
    font = ImageFont.truetype(str(serif_files()["bold"]), 60)
    title = "Ủy ban nhân dân xã Hoàng Văn Thụ triển khai kế hoạch tuyên truyền chuyển đổi số, " + " ".join(
        VIETNAMESE[i : i + 5] for i in range(0, len(VIETNAMESE), 5)
    )
    lines = _wrapped(title, font, SIZE[0] - 2 * MARGIN)
    assert " ".join(lines) == title  # broken between words only
    assert all(font.getlength(line) <= SIZE[0] - 2 * MARGIN for line in lines)
