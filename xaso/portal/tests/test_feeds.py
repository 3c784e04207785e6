"""Each section and sub-section has RSS and Atom feeds of its published articles, with absolute links."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.conf import settings
from django.utils import timezone

from xaso.testing.clock import pinned
from xaso.testing.factories import article

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned

ATOM = "{http://www.w3.org/2005/Atom}"


def _rss_items(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    assert channel is not None
    return {item.findtext("title", ""): item.findtext("link", "") for item in channel.findall("item")}


def _atom_entries(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        entry.findtext(f"{ATOM}title", ""): (entry.find(f"{ATOM}link").get("href") or "")  # type: ignore[union-attr]
        for entry in feed.findall(f"{ATOM}entry")
    }


def test_the_section_rss_feed_lists_published_articles_with_absolute_links(portal, client):
    page = article(portal.news, portal.linh, title="Chuyển đổi số ở thôn Nà Pàn", publish_as=portal.admin)
    items = _rss_items(client, f"{portal.section.url}rss/")
    assert items["Chuyển đổi số ở thôn Nà Pàn"] == f"{settings.BASE_URL}{page.url}"
    assert items["Chuyển đổi số ở thôn Nà Pàn"].startswith(("http://", "https://"))


def test_the_sub_section_atom_feed_lists_its_own_articles(portal, client):
    other_topic = next(topic for slug, topic in portal.topics.items() if slug != "tin-tuc")
    article(portal.news, portal.linh, title="Tin ở mục tin tức", publish_as=portal.admin)
    article(other_topic, portal.linh, title="Bài ở mục khác", publish_as=portal.admin)
    entries = _atom_entries(client, f"{portal.news.url}atom/")
    assert "Tin ở mục tin tức" in entries
    assert "Bài ở mục khác" not in entries
    assert all(link.startswith(settings.BASE_URL) for link in entries.values())


def test_feeds_never_carry_drafts_or_scheduled_articles(portal, client):
    article(portal.news, portal.linh, title="Bản nháp chưa duyệt")
    article(
        portal.news,
        portal.linh,
        title="Bài hẹn giờ đăng",
        go_live_at=timezone.now() + dt.timedelta(days=2),
        publish_as=portal.admin,
    )
    article(portal.news, portal.linh, title="Bài đã đăng", publish_as=portal.admin)
    for url in (f"{portal.section.url}rss/", f"{portal.news.url}rss/"):
        titles = _rss_items(client, url)
        assert "Bài đã đăng" in titles
        assert "Bản nháp chưa duyệt" not in titles
        assert "Bài hẹn giờ đăng" not in titles
    titles = _atom_entries(client, f"{portal.section.url}atom/")
    assert "Bản nháp chưa duyệt" not in titles
    assert "Bài hẹn giờ đăng" not in titles


def test_an_unpublished_article_leaves_the_feed_and_a_draft_edit_does_not_show(portal, client):
    gone = article(portal.news, portal.linh, title="Bài sẽ gỡ", publish_as=portal.admin)
    kept = article(portal.news, portal.linh, title="Tiêu đề công khai", publish_as=portal.admin)
    gone.unpublish(user=portal.admin)
    kept.title = "Tiêu đề nháp chưa duyệt"
    kept.save_revision(user=portal.linh)
    titles = _rss_items(client, f"{portal.section.url}rss/")
    assert "Bài sẽ gỡ" not in titles
    assert "Tiêu đề công khai" in titles
    assert "Tiêu đề nháp chưa duyệt" not in titles


def test_sections_announce_their_feeds(portal, client):
    html = client.get(portal.section.url).content.decode()
    assert f'type="application/rss+xml" title="{portal.section.title} (RSS)" href="{portal.section.url}rss/"' in html
    assert f'href="{portal.section.url}atom/"' in html
