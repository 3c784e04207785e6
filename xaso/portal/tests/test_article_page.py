"""A resident reads a published article; drafts and scheduled articles do not exist for them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xaso.testing.clock import pinned
from xaso.testing.factories import article

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned


def test_it_shows_a_published_article_with_its_lead_body_unit_and_audiences(portal, client):
    from xaso.portal.models import Audience

    page = article(
        portal.news,
        portal.linh,
        title="Thôn Nà Pàn học dùng VNeID",
        publish_as=portal.admin,
        audiences=Audience.objects.filter(slug="nguoi-dan"),
        author="Ban biên tập",
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Thôn Nà Pàn học dùng VNeID</h1>" in html
    assert "Tổ công nghệ số cộng đồng hướng dẫn bà con" in html
    assert "Phòng Văn hóa - Xã hội" in html
    assert "?doi-tuong=nguoi-dan" in html
    assert 'lang="vi"' in html
    assert 'href="#noi-dung"' in html  # the skip link


def test_a_draft_is_not_visible_to_the_public(portal, client):
    page = article(portal.news, portal.linh, title="Bản nháp chưa duyệt")
    assert client.get(page.url).status_code == 404
    assert "Bản nháp chưa duyệt" not in client.get(portal.news.url).content.decode()
    assert "Bản nháp chưa duyệt" not in client.get(portal.section.url).content.decode()
    assert "Bản nháp chưa duyệt" not in client.get(portal.home.url).content.decode()


def test_a_scheduled_article_stays_hidden_until_its_time(portal, client):
    go_live = timezone.now() + dt.timedelta(days=2)
    page = article(portal.news, portal.linh, title="Bài hẹn giờ đăng", go_live_at=go_live, publish_as=portal.admin)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    assert client.get(page.url).status_code == 404
    assert "Bài hẹn giờ đăng" not in client.get(portal.news.url).content.decode()


def test_changes_saved_as_draft_do_not_reach_the_public_copy(portal, client):
    page = article(portal.news, portal.linh, title="Tiêu đề đã đăng", publish_as=portal.admin)
    page.title = "Tiêu đề sửa nháp"
    page.save_revision(user=portal.linh)
    html = client.get(page.url).content.decode()
    assert "Tiêu đề đã đăng" in html
    assert "Tiêu đề sửa nháp" not in html


def test_a_demo_article_says_it_is_made_up(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin, is_demo=True)
    assert "Bài minh họa" in client.get(page.url).content.decode()
