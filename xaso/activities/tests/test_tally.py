"""The monthly tally the dashboards read stays equal to a recount of the activities, whatever the writes."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.activities.models import ActivityMonth
from xaso.activities.services import activity_delete
from xaso.activities.tally import tally_rebuild
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def snapshot():
    fields = [f.name for f in ActivityMonth._meta.fields if f.name != "id"]
    return {tuple(row) for row in ActivityMonth.objects.values_list(*fields)}


def assert_exact():
    kept = snapshot()
    tally_rebuild()
    assert kept == snapshot()


def test_the_tally_follows_creation_moves_drafts_and_deletion(demo, client_for):
    school, village = OrgUnit.objects.get(code="ls-hvt-thcs"), OrgUnit.objects.get(code="ls-hvt-t-napan")
    tasks = demo.plan.tasks.filter(code__in=["NV-1.3", "NV-2.1"])
    first = activity(school, kind="training", tasks=tasks, source="t:1", date_start=dt.date(2026, 3, 2))
    activity(school, kind="news_article", participants=0, officials=0, reach=300, date_start=dt.date(2026, 3, 9))
    assert_exact()
    assert ActivityMonth.objects.get(unit=school, month=dt.date(2026, 3, 1)).activities == 2
    # Moved to another unit and month, then turned into a draft.
    activity(village, kind="training", source="t:1", date_start=dt.date(2026, 4, 2))
    assert_exact()
    assert ActivityMonth.objects.get(unit=school, month=dt.date(2026, 3, 1)).activities == 1
    activity(village, kind="training", source="t:1", date_start=dt.date(2026, 4, 2), status="draft")
    assert_exact()
    assert not ActivityMonth.objects.filter(unit=village).exists()
    activity_delete(activity=first)
    assert_exact()
    other = activity(school, date_start=dt.date(2026, 5, 5))
    client_for(demo.lan).post(reverse("wagtailsnippets_activities_activity:delete", args=[other.pk]))
    assert_exact()
    assert not ActivityMonth.objects.filter(month=dt.date(2026, 5, 1)).exists()
