"""The people registry in the back office: each unit keeps its own list."""

import pytest
from django.urls import reverse

from xaso.registers.models import Person
from xaso.registers.services import person_create
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_registers_person:list"
ADD = "wagtailsnippets_registers_person:add"
EDIT = "wagtailsnippets_registers_person:edit"


@pytest.fixture
def people(demo):
    return {
        "thcs": person_create(
            unit=OrgUnit.objects.get(code="ls-hvt-thcs"), full_name="Hà Văn Đức", category="public_employee"
        ),
        "th": person_create(
            unit=OrgUnit.objects.get(code="ls-hvt-th"), full_name="Lộc Thị Nga", category="public_employee"
        ),
    }


def test_a_school_reporter_adds_a_teacher_to_her_school(demo, client_for):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    response = client_for(demo.mai).post(
        reverse(ADD),
        {
            "unit": school.pk,
            "category": "public_employee",
            "full_name": "Nông Thị Hằng",
            "position": "Giáo viên",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Nông Thị Hằng")
    assert person.commune.code == "ls-hvt"


def test_a_reporter_lists_only_her_units_people(demo, people, client_for):
    response = client_for(demo.mai).get(reverse(LIST))
    assert "Hà Văn Đức" in response.text
    assert "Lộc Thị Nga" not in response.text


def test_another_schools_person_answers_not_found(demo, people, client_for):
    assert client_for(demo.mai).get(reverse(EDIT, args=[people["th"].pk])).status_code == 404


def test_the_office_sees_every_unit_and_the_other_commune_sees_none(demo, people, client_for):
    text = client_for(demo.lan).get(reverse(LIST)).text
    assert "Hà Văn Đức" in text
    assert "Lộc Thị Nga" in text
    text = client_for(demo.thu).get(reverse(LIST)).text
    assert "Hà Văn Đức" not in text


def test_the_outsider_cannot_open_the_registry(demo, people, client_for):
    assert client_for(demo.outsider).get(reverse(LIST)).status_code == 302
