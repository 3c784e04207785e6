"""Completing a learning course counts: the Resolution 57 course informs an official, the in-depth
course trains a communication officer; a course that stops counting stops feeding the indicator."""

import datetime as dt

import pytest

from xaso.indicators.selectors import indicator_detail
from xaso.learning.demo import OFFICERS_COURSE, RESOLUTION_COURSE, load_courses, pass_lessons
from xaso.learning.models import Course
from xaso.learning.services import course_save, enrolment_create, learner_create
from xaso.plans.models import IndicatorKey
from xaso.registers.models import Person
from xaso.registers.services import person_create
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def office(demo):
    load_courses(lambda _: None, with_media=False)
    return OrgUnit.objects.get(code="ls-hvt-vp")


def complete(person, slug):
    course = Course.objects.get(slug=slug)
    learner = learner_create(commune=course.commune, name=person.full_name, unit=person.unit, person=person)
    enrolment = enrolment_create(learner=learner, course=course)
    pass_lessons(enrolment, course.lessons.count())
    return course


def elements(demo, unit, key):
    detail = indicator_detail(user=demo.lan, unit=unit, key=key, period=None, today=TODAY)
    assert detail is not None
    return detail.elements


def test_an_official_who_completes_the_resolution_course_is_informed(demo, office):
    official = person_create(unit=office, full_name="Lộc Văn Tài", category="civil_servant")
    person_create(unit=office, full_name="Hà Thị Lan", category="civil_servant")
    before = elements(demo, office, IndicatorKey.OFFICIALS_INFORMED_PCT)
    complete(official, RESOLUTION_COURSE)
    after = elements(demo, office, IndicatorKey.OFFICIALS_INFORMED_PCT)
    assert after["officials_informed"] == before["officials_informed"] + 1
    assert after["officials_registered"] == before["officials_registered"]
    assert Person.objects.get(pk=official.pk).first_course_informed_on == TODAY
    # The commune's figure moves at once too.
    commune = elements(demo, office.commune, IndicatorKey.OFFICIALS_INFORMED_PCT)
    assert commune["officials_informed"] >= 1


def test_a_communication_officer_who_completes_the_in_depth_course_is_trained(demo, office):
    officer = person_create(
        unit=office, full_name="Nông Văn Hải", category="civil_servant", is_communication_officer=True
    )
    before = elements(demo, office, IndicatorKey.OFFICERS_TRAINED_PCT)
    complete(officer, OFFICERS_COURSE)
    after = elements(demo, office, IndicatorKey.OFFICERS_TRAINED_PCT)
    assert after["officers_trained"] == before["officers_trained"] + 1
    # The in-depth course is not the Resolution course: it does not count as "informed" by itself.
    assert Person.objects.get(pk=officer.pk).first_course_informed_on is None


def test_a_course_that_stops_counting_takes_its_graduates_out(demo, office):
    official = person_create(unit=office, full_name="Lộc Văn Tài", category="civil_servant")
    course = complete(official, RESOLUTION_COURSE)
    course.counts_towards = ""
    course_save(course=course)
    assert Person.objects.get(pk=official.pk).first_course_informed_on is None
    course.counts_towards = "officials_informed"
    course_save(course=course)
    assert Person.objects.get(pk=official.pk).first_course_informed_on == TODAY


def test_a_resident_learner_changes_no_official_figure(demo, office):
    before = elements(demo, office.commune, IndicatorKey.OFFICIALS_INFORMED_PCT)
    course = Course.objects.get(slug=RESOLUTION_COURSE)
    learner = learner_create(commune=course.commune, name="Hoàng Thị Mến")
    pass_lessons(enrolment_create(learner=learner, course=course), course.lessons.count())
    assert elements(demo, office.commune, IndicatorKey.OFFICIALS_INFORMED_PCT) == before
