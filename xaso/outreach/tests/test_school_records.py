"""Clubs, club sessions and school events: each session or event counted as an activity of the school."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.activities.models import Activity
from xaso.activities.rules import ERR_DATE_ORDER, ERR_DATE_OUTSIDE
from xaso.outreach.models import ERR_NEGATIVE, Club, ClubSession, SchoolEvent
from xaso.outreach.services import (
    ERR_AWARDS_OVER,
    ERR_CLUB_CLOSED,
    ERR_UNIT_KIND,
    club_save,
    club_session_save,
    delivered_delete,
    school_event_save,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def session(club, **fields):
    values = {
        "club": club,
        "date": dt.date(2026, 11, 6),
        "topic": "Lập trình robot dò đường",
        "pupils": 22,
        "teachers": 2,
    }
    values.update(fields)
    return ClubSession(**values)


def contest(unit, **fields):
    values = {
        "unit": unit,
        "kind": "contest",
        "title": "Cuộc thi sáng tạo thanh thiếu niên, nhi đồng cấp trường",
        "date_start": dt.date(2026, 3, 20),
        "pupils": 130,
        "teachers": 10,
        "guests": 6,
        "entries": 42,
        "awards": 9,
    }
    values.update(fields)
    return SchoolEvent(**values)


def test_a_club_session_is_a_club_activity_of_the_school(demo, units, robotics):
    tasks = demo.plan.tasks.filter(code="NV-2.5")
    saved = club_session_save(session=session(robotics), tasks=tasks, user=demo.mai)
    activity = Activity.objects.get(source=f"outreach.club_session:{saved.pk}")
    assert saved.activity == activity
    assert (activity.unit, activity.kind, activity.audience) == (units.thcs, "club", "schools")
    assert (activity.participants, activity.pupils, activity.officials) == (24, 22, 2)
    assert activity.serves_schools
    assert activity.title == "Sinh hoạt câu lạc bộ Robotics và lập trình: Lập trình robot dò đường"
    assert saved.commune == units.thcs.commune


def test_a_club_session_with_negative_pupils_is_refused_and_nothing_is_saved(demo, robotics):
    with pytest.raises(ValidationError) as error:
        club_session_save(session=session(robotics, pupils=-1))
    assert error.value.message_dict["pupils"] == [ERR_NEGATIVE]
    assert not ClubSession.objects.exists()
    assert not Activity.objects.filter(kind="club").exists()


def test_a_session_outside_the_programme_or_of_a_closed_club_is_refused(demo, robotics):
    with pytest.raises(ValidationError) as error:
        club_session_save(session=session(robotics, date=dt.date(2024, 12, 9)))
    assert error.value.message_dict["date"] == [ERR_DATE_OUTSIDE.format(date="09/12/2024", start=2025, end=2030)]
    robotics.is_active = False
    club_save(club=robotics)
    with pytest.raises(ValidationError) as error:
        club_session_save(session=session(robotics))
    assert error.value.message_dict["club"] == [ERR_CLUB_CLOSED.format(club=robotics.name)]


def test_a_club_belongs_to_a_school(demo, units):
    with pytest.raises(ValidationError) as error:
        club_save(club=Club(unit=units.kt, name="Câu lạc bộ tin học"))
    assert error.value.message_dict["unit"] == [ERR_UNIT_KIND.format(unit=units.kt, kinds="trường học")]


def test_a_contest_is_a_contest_activity_with_its_guests_among_the_participants(demo, units):
    event = school_event_save(event=contest(units.thcs), tasks=demo.plan.tasks.filter(code="NV-2.5"))
    activity = Activity.objects.get(source=event.source)
    assert (activity.kind, activity.participants, activity.pupils, activity.officials) == ("contest", 146, 130, 10)


def test_more_awards_than_entries_or_an_end_before_the_start_is_refused(demo, units):
    with pytest.raises(ValidationError) as error:
        school_event_save(event=contest(units.thcs, entries=5, awards=6))
    assert error.value.message_dict["awards"] == [ERR_AWARDS_OVER.format(awards=6, entries=5)]
    with pytest.raises(ValidationError) as error:
        school_event_save(event=contest(units.thcs, date_end=dt.date(2026, 3, 19)))
    assert error.value.message_dict["date_end"] == [ERR_DATE_ORDER]
    assert not SchoolEvent.objects.exists()


def test_deleting_a_session_removes_its_activity(demo, robotics):
    saved = club_session_save(session=session(robotics))
    source = saved.source
    delivered_delete(item=saved)
    assert not Activity.objects.filter(source=source).exists()
