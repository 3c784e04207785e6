"""The demo teams: loaded once, never twice, never in the future, within each village's households."""

import datetime as dt

import pytest

from xaso.activities.models import Activity
from xaso.villages.demo import load_villages
from xaso.villages.models import HouseholdSnapshot, SupportVisit, TeamMember

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def counts():
    return (
        TeamMember.objects.count(),
        SupportVisit.objects.count(),
        HouseholdSnapshot.objects.count(),
        Activity.objects.filter(source__startswith="villages.visit:").count(),
    )


def test_the_demo_loads_once_and_a_second_run_changes_nothing(demo):
    load_villages(lambda _: None)
    first = counts()
    assert first[0] == 16
    assert first[1] > 40
    assert first[2] > 40
    assert first[3] == first[1]
    load_villages(lambda _: None)
    assert counts() == first
    assert not SupportVisit.objects.filter(date__gt=dt.date(2026, 11, 20)).exists()
    assert not HouseholdSnapshot.objects.filter(month__gte=dt.date(2026, 11, 1)).exists()
    assert not HouseholdSnapshot.objects.filter(village__code="ls-hvt-t-naly").exists()
