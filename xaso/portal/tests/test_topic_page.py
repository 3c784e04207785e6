"""A sub-section lists its published articles, newest first, filtered by audience, page by page."""

from __future__ import annotations

from xaso.portal.models import Audience
from xaso.testing.factories import article


def test_it_lists_published_articles_newest_first(portal, client):
    article(portal.news, portal.linh, title="Bài thứ nhất", publish_as=portal.admin)
    article(portal.news, portal.linh, title="Bài thứ hai", publish_as=portal.admin)
    html = client.get(portal.news.url).content.decode()
    assert html.index("Bài thứ hai") < html.index("Bài thứ nhất")


def test_it_filters_by_audience(portal, client):
    pupils = Audience.objects.get(slug="hoc-sinh-giao-vien")
    article(portal.news, portal.linh, title="Dành cho học sinh", audiences=[pupils], publish_as=portal.admin)
    article(portal.news, portal.linh, title="Dành cho mọi người", publish_as=portal.admin)
    html = client.get(portal.news.url, {"doi-tuong": pupils.slug}).content.decode()
    assert "Dành cho học sinh" in html
    assert "Dành cho mọi người" not in html


def test_it_pages_long_lists(portal, client):
    for number in range(13):
        article(portal.news, portal.linh, title=f"Tin số {number}", slug=f"tin-so-{number}", publish_as=portal.admin)
    first = client.get(portal.news.url).content.decode()
    assert "Trang 1/2" in first
    assert "Tin số 0<" not in first
    assert "Tin số 0<" in client.get(portal.news.url, {"trang": 2}).content.decode()


def test_the_guiding_documents_list_shows_number_date_and_issuer(portal, client):
    import datetime as dt

    documents = portal.topics["van-ban-chi-dao"]
    article(
        documents,
        portal.linh,
        title="Nghị quyết số 57-NQ/TW",
        document_number="57-NQ/TW",
        document_date=dt.date(2024, 12, 22),
        document_issuer="Bộ Chính trị",
        publish_as=portal.admin,
    )
    html = client.get(documents.url).content.decode()
    assert "<td>57-NQ/TW</td>" in html
    assert "22/12/2024" in html
    assert "Bộ Chính trị" in html
