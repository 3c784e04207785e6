"""The demo clubs, events, enterprise sessions and showcases: loaded once, never twice, never in the future."""

import datetime as dt

import pytest

from xaso.activities.models import Activity
from xaso.outreach.demo import load_outreach
from xaso.outreach.models import ClubSession, EnterpriseSession, SchoolEvent, Showcase

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def counts():
    return (
        ClubSession.objects.count(),
        SchoolEvent.objects.count(),
        EnterpriseSession.objects.count(),
        Showcase.objects.count(),
        Activity.objects.filter(source__startswith="outreach.").count(),
    )


def test_the_demo_loads_once_and_a_second_run_changes_nothing(demo, portal):
    load_outreach(lambda _: None)
    first = counts()
    assert first[0] > 10
    assert first[1] == 3
    assert first[2] == 5
    assert first[3] == 3
    assert first[4] == sum(first[:4])
    load_outreach(lambda _: None)
    assert counts() == first
    assert not ClubSession.objects.filter(date__gt=dt.date(2026, 11, 20)).exists()
    drafted = Showcase.objects.exclude(article=None).get()
    assert drafted.article is not None
    assert not drafted.article.live
