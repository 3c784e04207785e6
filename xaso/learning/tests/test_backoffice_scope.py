"""Learning in the back office, per persona: who sees which learners, who enrols which unit, who edits courses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.learning.demo import pass_lessons
from xaso.learning.models import Completion, Enrolment
from xaso.learning.services import ERR_NO_PEOPLE, learner_create, self_enrol, unit_enrol
from xaso.registers.services import person_create
from xaso.units.models import OrgUnit


@pytest.fixture
def people(courses):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    office = OrgUnit.objects.get(code="ls-hvt-vhxh")
    person_create(unit=school, full_name="Lưu Thị Hoa", category="public_employee")
    person_create(unit=office, full_name="Mã Thị Thảo", category="civil_servant")
    person_create(unit=office, full_name="Chu Thị Linh", category="civil_servant", is_communication_officer=True)
    unit_enrol(course=courses["resolution"], unit=school)
    unit_enrol(course=courses["resolution"], unit=office)
    resident = learner_create(commune=courses["resolution"].commune, name="Hoàng Thị Mến")
    self_enrol(course=courses["resolution"], learner=resident)
    return {"school": school, "office": office}


def _names(client_for, user):
    response = client_for(user).get(reverse("learning_learners"))
    return response.status_code, response.content.decode()


def test_the_culture_social_office_sees_every_learner_of_the_commune(client_for, demo, people):
    status, page = _names(client_for, demo.lan)
    assert status == 200
    for name in ("Lưu Thị Hoa", "Mã Thị Thảo", "Hoàng Thị Mến"):
        assert name in page


def test_a_school_reporter_sees_only_her_school(client_for, demo, people):
    status, page = _names(client_for, demo.mai)
    assert status == 200
    assert "Lưu Thị Hoa" in page
    assert "Mã Thị Thảo" not in page
    assert "Hoàng Thị Mến" not in page


@pytest.mark.parametrize("persona", ["hung", "quang"])
def test_the_leader_and_the_province_read_every_learner(client_for, demo, people, persona):
    status, page = _names(client_for, getattr(demo, persona))
    assert status == 200
    assert "Hoàng Thị Mến" in page
    assert "Ghi danh theo đơn vị" not in page


def test_another_communes_office_sees_none_of_these_learners(client_for, demo, people):
    status, page = _names(client_for, demo.thu)
    assert status == 200
    assert "Lưu Thị Hoa" not in page
    assert "Hoàng Thị Mến" not in page


def test_an_outsider_is_kept_out(client_for, demo, people):
    response = client_for(demo.outsider).get(reverse("learning_learners"))
    assert response.status_code in (302, 403)


def test_a_reporter_cannot_enrol_another_unit(client_for, demo, people, courses):
    before = Enrolment.objects.count()
    client_for(demo.mai).post(
        reverse("learning_enrol_unit"), {"course": courses["officers"].pk, "unit": people["office"].pk}
    )
    assert Enrolment.objects.count() == before


def test_the_office_enrols_a_units_communication_officers_in_the_in_depth_course(client_for, demo, people, courses):
    response = client_for(demo.lan).post(
        reverse("learning_enrol_unit"), {"course": courses["officers"].pk, "unit": people["office"].pk}
    )
    assert response.status_code == 302
    names = set(Enrolment.objects.filter(course=courses["officers"]).values_list("learner__name", flat=True))
    assert names == {"Chu Thị Linh"}


def test_enrolling_a_unit_without_eligible_people_says_so(client_for, demo, people, courses):
    response = client_for(demo.lan).post(
        reverse("learning_enrol_unit"), {"course": courses["officers"].pk, "unit": people["school"].pk}, follow=True
    )
    assert ERR_NO_PEOPLE.format(unit=people["school"].name) in response.content.decode()


def test_a_reporter_reads_courses_but_cannot_edit_them(client_for, demo, courses):
    client = client_for(demo.mai)
    course = courses["resolution"]
    assert client.get(reverse("wagtailsnippets_learning_course:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_learning_course:edit", args=[course.pk])).status_code in (302, 403)


def test_another_commune_cannot_open_this_communes_course(client_for, demo, courses):
    url = reverse("wagtailsnippets_learning_course:edit", args=[courses["resolution"].pk])
    assert client_for(demo.thu).get(url).status_code == 404


def test_the_office_downloads_a_certificate_a_reporter_of_another_unit_cannot(client_for, demo, people, courses):
    enrolment = Enrolment.objects.get(learner__name="Mã Thị Thảo")
    pass_lessons(enrolment, 4)
    completion = Completion.objects.get(enrolment=enrolment)
    url = reverse("learning_certificate", args=[completion.pk])
    assert client_for(demo.lan).get(url).status_code == 200
    assert client_for(demo.mai).get(url).status_code == 404
