"""support_visit_record / support_visit_save: a visit of the village team, counted as an activity."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.activities.models import Activity
from xaso.activities.rules import ERR_DATE_FUTURE, ERR_DATE_OUTSIDE
from xaso.registers.services import village_profile_set
from xaso.villages import rules
from xaso.villages.models import ERR_NEGATIVE, SupportVisit
from xaso.villages.services import support_visit_delete, support_visit_record, team_member_add

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def visit(village, members, **fields):
    defaults: dict = {
        "date": dt.date(2026, 11, 12),
        "work": "Hướng dẫn 6 hộ đăng bán măng khô trên Postmart",
        "households_helped": 6,
        "helped_ecommerce": True,
    }
    defaults.update(fields)
    return support_visit_record(village=village, members=members, **defaults)


def test_it_records_the_visit_as_a_digital_support_activity_of_the_village(demo, napan, team):
    tasks = demo.plan.tasks.filter(code="NV-1.3")
    recorded = visit(napan, team, tasks=tasks, user=demo.son)
    activity = Activity.objects.get(source=f"villages.visit:{recorded.pk}")
    assert recorded.activity == activity
    assert (activity.unit, activity.kind, activity.audience) == (napan, "digital_support", "residents")
    assert (activity.participants, activity.residents, activity.officials) == (6, 6, 0)
    assert activity.date_start == dt.date(2026, 11, 12)
    assert activity.serves_mass_media
    assert "bán hàng trên sàn thương mại điện tử" in activity.title
    assert activity.created_by == demo.son
    assert recorded.commune == napan.commune


def test_editing_the_visit_updates_its_activity_in_place(demo, napan, team):
    recorded = visit(napan, team)
    recorded.households_helped = 9
    recorded.date = dt.date(2026, 11, 14)
    from xaso.villages.services import support_visit_save

    support_visit_save(visit=recorded, members=team[:1], tasks=[])
    activity = Activity.objects.get(source=recorded.source)
    assert (activity.participants, activity.date_start) == (9, dt.date(2026, 11, 14))
    assert Activity.objects.filter(kind="digital_support").count() == 1
    assert list(recorded.members.all()) == team[:1]


def test_it_refuses_a_negative_household_count_and_saves_nothing(demo, napan, team):
    with pytest.raises(ValidationError) as error:
        visit(napan, team, households_helped=-3)
    assert error.value.message_dict["households_helped"] == [ERR_NEGATIVE]
    assert not SupportVisit.objects.exists()
    assert not Activity.objects.filter(kind="digital_support").exists()


def test_it_refuses_a_date_outside_the_programme(demo, napan, team):
    with pytest.raises(ValidationError) as error:
        visit(napan, team, date=dt.date(2024, 12, 31))
    assert error.value.message_dict["date"] == [ERR_DATE_OUTSIDE.format(date="31/12/2024", start=2025, end=2030)]
    assert not SupportVisit.objects.exists()


def test_it_refuses_a_visit_that_has_not_happened_yet(demo, napan, team):
    with pytest.raises(ValidationError) as error:
        visit(napan, team, date=dt.date(2026, 12, 1))
    assert error.value.message_dict["date"] == [ERR_DATE_FUTURE.format(date="01/12/2026")]


def test_it_refuses_members_of_another_village_and_a_visit_without_members(demo, napan, banthang, team):
    stranger = team_member_add(village=banthang, full_name="Vi Văn Thắng", role="leader")
    with pytest.raises(ValidationError) as error:
        visit(napan, [team[0], stranger])
    assert error.value.message_dict["members"] == [rules.ERR_MEMBER_OTHER_VILLAGE.format(name="Vi Văn Thắng")]
    with pytest.raises(ValidationError) as error:
        visit(napan, [])
    assert error.value.message_dict["members"] == [rules.ERR_NO_MEMBER]
    assert not SupportVisit.objects.exists()


def test_it_refuses_more_households_than_the_village_has(demo, napan, team):
    village_profile_set(unit=napan, households=40, residents=160, has_loudspeaker=True)
    with pytest.raises(ValidationError) as error:
        visit(napan, team, households_helped=41)
    assert error.value.message_dict["households_helped"] == [
        rules.ERR_OVER_VILLAGE.format(what=rules.HOUSEHOLDS_HELPED, count=41, households=40)
    ]


def test_it_refuses_a_unit_that_is_not_a_village(demo, team):
    from xaso.units.models import OrgUnit

    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    with pytest.raises(ValidationError) as error:
        visit(school, team)
    assert error.value.message_dict["village"] == [rules.ERR_NOT_VILLAGE.format(unit=school)]


def test_deleting_a_visit_removes_its_activity(demo, napan, team):
    recorded = visit(napan, team)
    source = recorded.source
    support_visit_delete(visit=recorded)
    assert not SupportVisit.objects.exists()
    assert not Activity.objects.filter(source=source).exists()
