"""Anonymous readers get cached pages; editors never do; publishing makes the cache fresh again."""

from __future__ import annotations

from xaso.testing.factories import article
from xaso.testing.second_factor import login_verified


def test_an_anonymous_reader_gets_the_stored_page_the_second_time(portal, client, cached):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    first = client.get(page.url)
    second = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert client.get(f"{portal.section.url}rss/")["X-Page-Cache"] == "miss"
    assert client.get(f"{portal.section.url}rss/")["X-Page-Cache"] == "hit"


def test_publishing_any_page_refreshes_the_cached_pages(portal, client, cached):
    client.get(portal.section.url)
    assert client.get(portal.section.url)["X-Page-Cache"] == "hit"
    article(portal.news, portal.linh, title="Tin mới vừa đăng", publish_as=portal.admin)
    response = client.get(portal.section.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Tin mới vừa đăng" in response.content.decode()


def test_unpublishing_refreshes_the_cached_pages(portal, client, cached):
    page = article(portal.news, portal.linh, title="Bài sẽ gỡ", publish_as=portal.admin)
    client.get(portal.section.url)
    page.unpublish(user=portal.admin)
    response = client.get(portal.section.url)
    assert "Bài sẽ gỡ" not in response.content.decode()
    assert client.get(page.url).status_code == 404


def test_signed_in_people_and_other_hosts_get_their_own_pages(portal, client, cached):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    client.get(page.url)
    login_verified(client, portal.linh)
    assert "X-Page-Cache" not in client.get(page.url)
    client.logout()
    assert client.get(page.url, HTTP_HOST="localhost")["X-Page-Cache"] == "miss"


def test_the_back_office_the_beacon_and_posts_are_never_stored(portal, client, cached):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/quan-tri/login/")
        assert "X-Page-Cache" not in client.get(f"/luot-doc/{page.pk}/")
        assert "X-Page-Cache" not in client.post(page.url)


def test_without_a_cache_every_page_is_fresh(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    assert "X-Page-Cache" not in client.get(page.url)
