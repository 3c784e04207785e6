"""Each person's first attendance, training and acknowledgement follow every way the records change."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.activities.services import activity_delete
from xaso.registers.models import Acknowledgement, Person
from xaso.registers.services import acknowledgement_record, person_create
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def person(demo):
    return person_create(unit=OrgUnit.objects.get(code="ls-hvt-vp"), full_name="Vi Văn Thắng", category="civil_servant")


def dates(person):
    person = Person.objects.get(pk=person.pk)
    return person.first_attended_on, person.first_trained_on, person.first_acknowledged_on


def test_attending_training_and_signing_set_the_dates(demo, person):
    office = OrgUnit.objects.get(code="ls-hvt-vp")
    activity(office, date_start=dt.date(2026, 5, 4), attendees=[person], participants=1, officials=1)
    activity(office, kind="training", date_start=dt.date(2026, 7, 1), attendees=[person], participants=1, officials=1)
    acknowledgement_record(person=person, date=dt.date(2025, 12, 1))
    assert dates(person) == (dt.date(2026, 5, 4), dt.date(2026, 7, 1), dt.date(2025, 12, 1))


def test_a_draft_or_a_removed_attendee_does_not_count(demo, person):
    office = OrgUnit.objects.get(code="ls-hvt-vp")
    meeting = activity(office, attendees=[person], participants=1, officials=1, source="test:1")
    activity(office, attendees=[person], participants=1, officials=1, source="test:1", status="draft")
    assert dates(person)[0] is None
    activity(office, attendees=[], participants=1, officials=1, source="test:1")
    assert dates(person)[0] is None
    activity(office, attendees=[person], participants=1, officials=1, source="test:1")
    activity_delete(activity=meeting)
    assert dates(person)[0] is None


def test_deleting_in_the_back_office_recomputes_the_dates(demo, person, client_for):
    office = OrgUnit.objects.get(code="ls-hvt-vp")
    meeting = activity(office, attendees=[person], participants=1, officials=1)
    response = client_for(demo.lan).post(reverse("wagtailsnippets_activities_activity:delete", args=[meeting.pk]))
    assert response.status_code == 302
    assert dates(person)[0] is None
    acknowledgement = acknowledgement_record(person=person, date=dt.date(2025, 12, 1))
    response = client_for(demo.lan).post(
        reverse("wagtailsnippets_registers_acknowledgement:delete", args=[acknowledgement.pk])
    )
    assert response.status_code == 302
    assert not Acknowledgement.objects.exists()
    assert dates(person)[2] is None
