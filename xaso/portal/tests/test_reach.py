"""Daily unique readers per article, counted without cookies and without keeping any address."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection

from xaso.activities.models import Activity
from xaso.portal.models import ArticleReach, ReachSalt, ReaderMark
from xaso.portal.reach import article_readers, reader_count
from xaso.testing.factories import article

PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
OTHER_PHONE = "Mozilla/5.0 (Linux; Android 12; Redmi 10C) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
IP = "113.160.24.7"


def _read(client, page, *, ip: str = IP, ua: str = PHONE, method: str = "post"):
    return getattr(client, method)(f"/luot-doc/{page.pk}/", REMOTE_ADDR=ip, HTTP_USER_AGENT=ua)


def _readers_today(page) -> int:
    return sum(ArticleReach.objects.filter(article=page).values_list("readers", flat=True))


def test_a_reader_counts_once_a_day_however_often_they_come_back(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    for _ in range(3):
        assert _read(client, page).status_code == 204
    _read(client, page, method="get")
    assert _readers_today(page) == 1


def test_different_readers_count_separately(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    _read(client, page)
    _read(client, page, ua=OTHER_PHONE)  # another phone behind the same village Wi-Fi
    _read(client, page, ip="14.232.1.9")
    assert _readers_today(page) == 3


def test_one_reader_of_two_articles_counts_for_each(portal, client):
    first = article(portal.news, portal.linh, title="Bài một", publish_as=portal.admin)
    second = article(portal.news, portal.linh, title="Bài hai", publish_as=portal.admin)
    _read(client, first)
    _read(client, second)
    assert (_readers_today(first), _readers_today(second)) == (1, 1)


def test_the_beacon_neither_reads_nor_sets_a_cookie_and_is_never_cached(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    response = _read(client, page, method="get")
    assert response["Content-Type"] == "image/gif"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    client.cookies["tracking"] = "x"
    assert not _read(client, page).cookies


def test_no_address_or_browser_is_stored_anywhere(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    _read(client, page)
    stored = []
    with connection.cursor() as cursor:
        for model in (ReaderMark, ArticleReach, ReachSalt):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 — table names of our models
            stored += [str(value) for row in cursor.fetchall() for value in row]
    text = " ".join(stored)
    assert IP not in text
    assert "Android" not in text
    assert ReaderMark.objects.count() == 1
    assert len(ReaderMark.objects.get().digest) == 64


def test_the_salt_and_the_digests_are_discarded_when_the_day_changes(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        _read(client, page)
        first_salt = ReachSalt.objects.get().salt
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC), tick=False):
        _read(client, page)
        assert ReachSalt.objects.count() == 1
        assert ReachSalt.objects.get().salt != first_salt
        assert list(ReaderMark.objects.values_list("day", flat=True)) == [dt.date(2026, 11, 21)]
    by_day = dict(ArticleReach.objects.filter(article=page).values_list("day", "readers"))
    assert by_day == {dt.date(2026, 11, 20): 1, dt.date(2026, 11, 21): 1}
    assert article_readers(article_id=page.pk) == 2


def test_robots_drafts_and_unknown_pages_are_not_counted(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    draft = article(portal.news, portal.linh, title="Bản nháp")
    _read(client, page, ua="facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")
    _read(client, page, ua="Mozilla/5.0 (compatible; Googlebot/2.1)")
    _read(client, page, ua="")
    assert _read(client, draft).status_code == 204
    assert _read(client, page, method="get") is not None
    assert not reader_count(article_id=999_999, ip=IP, user_agent=PHONE)
    assert _readers_today(page) == 1
    assert not ArticleReach.objects.filter(article=draft).exists()


def test_the_beacon_is_on_the_article_page(portal, client):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    html = client.get(page.url).content.decode()
    assert (
        f'<script data-url="/luot-doc/{page.pk}/">navigator.sendBeacon&&navigator.sendBeacon(document.currentScript.dataset.url)</script>'
        in html
    )
    assert f'<img class="beacon" src="/luot-doc/{page.pk}/" alt=""' in html


def test_a_finished_day_carries_its_readers_into_the_article_activity(
    portal, client, django_capture_on_commit_callbacks
):
    with time_machine.travel(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False):
        page = article(portal.news, portal.linh, publish_as=portal.admin)
        with django_capture_on_commit_callbacks(execute=True):
            _read(client, page)
            _read(client, page, ip="14.232.1.9")
    source = f"portal.article:{page.pk}"
    assert Activity.objects.get(source=source).reach == 0
    with (
        time_machine.travel(dt.datetime(2026, 11, 21, 2, 0, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _read(client, page)  # the first reading of the new day closes the day before
    # Yesterday's two readers, and the reader of today who closed that day.
    assert Activity.objects.get(source=source).reach == 3
