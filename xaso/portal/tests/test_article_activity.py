"""Each published article is recorded as a news activity of its unit, once, and removed when taken down."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction

from xaso.activities.models import Activity
from xaso.portal.services import article_activity_record
from xaso.testing.clock import pinned
from xaso.testing.factories import article

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned


def test_publishing_an_article_records_a_news_activity_of_its_unit(portal):
    page = article(portal.news, portal.linh, title="Tập huấn VNeID cho bà con", publish_as=portal.admin)
    activity = Activity.objects.get(source=f"portal.article:{page.pk}")
    assert activity.kind == "news_article"
    assert activity.unit == page.unit
    assert activity.commune_id == page.unit.commune_id
    assert activity.title == "Tập huấn VNeID cho bà con"
    assert activity.url == f"{settings.BASE_URL}{page.url}"
    assert activity.date_start == timezone.localdate(page.first_published_at)
    assert activity.reach == 0
    assert activity.status == "recorded"
    # The Resolution's section on the commune's page is task NV-1.1 of the seed plan.
    assert [task.code for task in activity.tasks.all()] == ["NV-1.1"]
    assert activity.serves_mass_media


def test_republishing_updates_the_same_activity(portal):
    page = article(portal.news, portal.linh, title="Tiêu đề cũ", publish_as=portal.admin)
    page.title = "Tiêu đề mới"
    page.save_revision(user=portal.linh).publish(user=portal.admin)
    activities = Activity.objects.filter(source=f"portal.article:{page.pk}")
    assert activities.count() == 1
    assert activities.get().title == "Tiêu đề mới"


def test_drafts_and_scheduled_articles_record_nothing_until_they_go_live(portal):
    draft = article(portal.news, portal.linh, title="Bản nháp")
    scheduled = article(
        portal.news,
        portal.linh,
        title="Bài hẹn giờ",
        go_live_at=timezone.now() + dt.timedelta(days=1),
        publish_as=portal.admin,
    )
    assert not Activity.objects.filter(source__in=[f"portal.article:{draft.pk}", f"portal.article:{scheduled.pk}"])


def test_unpublishing_removes_the_activity(portal):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    page.unpublish(user=portal.admin)
    assert not Activity.objects.filter(source=f"portal.article:{page.pk}").exists()


def test_an_activity_the_rules_refuse_does_not_stop_the_publication(portal):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    page.first_published_at = dt.datetime(2019, 5, 1, tzinfo=dt.UTC)  # before the programme's years
    assert article_activity_record(article=page) is None
    page.refresh_from_db()
    assert page.live


def test_deleting_a_live_article_removes_its_activity(portal):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    source = f"portal.article:{page.pk}"
    assert Activity.objects.filter(source=source).exists()
    DeletePageAction(page, user=portal.admin).execute()
    assert not Activity.objects.filter(source=source).exists()


def test_deleting_a_section_removes_the_activities_of_its_live_articles(portal):
    pages = [article(portal.news, portal.linh, title=f"Bài {n}", publish_as=portal.admin) for n in (1, 2)]
    DeletePageAction(portal.news, user=portal.admin).execute()
    assert not Activity.objects.filter(source__in=[f"portal.article:{p.pk}" for p in pages]).exists()
