"""Readers on slow lines get pages compressed when their browser accepts it; pictures, sound and PDFs
are left alone; a cached page serves both kinds of reader."""

from __future__ import annotations

import gzip

import pytest
from django.http import HttpResponse

from xaso.compression import TextGZipMiddleware
from xaso.testing.factories import article

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_an_article_page_comes_compressed_to_a_browser_that_accepts_it(portal, client):
    page = article(portal.news, portal.linh, title="Tập huấn VNeID cho bà con", publish_as=portal.admin)
    plain = client.get(page.url)
    packed = client.get(page.url, **GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Tập huấn VNeID cho bà con" in html
    assert len(packed.content) * 2 < len(plain.content)
    assert not plain.has_header("Content-Encoding")


def test_feeds_are_compressed_too(portal, client):
    response = client.get(f"{portal.section.url}rss/", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"<?xml")


def test_the_cached_page_serves_readers_with_and_without_compression(portal, client, cached):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    packed = client.get(page.url, **GZIP)
    plain = client.get(page.url)
    assert plain["X-Page-Cache"] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(packed.content) == plain.content


def test_the_svg_qr_code_is_compressed(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    qr = client.get(f"{page.url}ma-qr/", **GZIP)
    assert qr["Content-Encoding"] == "gzip"
    assert gzip.decompress(qr.content).lstrip().startswith(b"<")


@pytest.mark.parametrize("content_type", ["image/jpeg", "image/avif", "audio/mpeg", "application/pdf"])
def test_pictures_sound_and_pdf_are_not_compressed_again(rf, content_type):
    body = bytes(range(256)) * 8
    served = HttpResponse(body, content_type=content_type)
    response = TextGZipMiddleware(lambda request: served).process_response(rf.get("/media/anh", **GZIP), served)
    assert response is served
    assert not served.has_header("Content-Encoding")
    assert served.content == body
