"""activity_record: how the portal, the channels and imports record what a unit did."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from xaso.activities.models import ERR_NEGATIVE, Activity
from xaso.activities.rules import (
    ERR_ATTENDEES_OVER,
    ERR_DATE_FUTURE,
    ERR_DATE_ORDER,
    ERR_DATE_OUTSIDE,
    ERR_NO_COMMUNE,
    ERR_PERSON_OTHER_COMMUNE,
    ERR_SUBCOUNTS,
    ERR_TASK_OTHER_COMMUNE,
)
from xaso.activities.services import activity_delete_by_source, activity_record
from xaso.registers.services import person_create
from xaso.testing.factories import activity, small_plan
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def unit(code):
    return OrgUnit.objects.get(code=code)


def messages(error, field):
    return error.value.message_dict[field]


def test_it_records_the_commune_and_the_task_groups_served(demo):
    tasks = demo.plan.tasks.filter(code__in=["NV-1.3", "NV-2.1"])
    recorded = activity(unit("ls-hvt-thcs"), kind="extracurricular", audience="schools", tasks=tasks, user=demo.mai)
    assert recorded.commune == unit("ls-hvt")
    assert (recorded.serves_mass_media, recorded.serves_schools, recorded.serves_enterprises) == (True, True, False)
    assert set(recorded.tasks.values_list("code", flat=True)) == {"NV-1.3", "NV-2.1"}
    assert recorded.created_by == demo.mai


def test_it_updates_in_place_when_the_same_source_comes_again(demo):
    article = "portal.article:42"
    first = activity(unit("ls-hvt-vhxh"), kind="news_article", source=article, reach=10, participants=0, officials=0)
    again = activity(
        unit("ls-hvt-vhxh"),
        kind="news_article",
        source=article,
        title="Tin đã sửa",
        reach=250,
        participants=0,
        officials=0,
        tasks=demo.plan.tasks.filter(code="NV-1.5"),
    )
    assert again.pk == first.pk
    assert Activity.objects.filter(source=article).count() == 1
    stored = Activity.objects.get(source=article)
    assert (stored.title, stored.reach, stored.serves_mass_media) == ("Tin đã sửa", 250, True)


def test_it_refuses_negative_counts_and_saves_nothing(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), participants=-5, officials=0)
    assert messages(error, "participants") == [ERR_NEGATIVE]
    assert not Activity.objects.exists()


def test_it_refuses_sub_counts_above_the_participants(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), participants=30, officials=20, pupils=15)
    assert messages(error, "participants") == [ERR_SUBCOUNTS.format(total=35, participants=30)]
    assert not Activity.objects.exists()


def test_it_refuses_an_end_before_the_start(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), date_start=dt.date(2026, 3, 10), date_end=dt.date(2026, 3, 9))
    assert messages(error, "date_end") == [ERR_DATE_ORDER]


def test_it_refuses_a_date_outside_the_programme_years(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), date_start=dt.date(2024, 12, 31))
    assert messages(error, "date_start") == [ERR_DATE_OUTSIDE.format(date="31/12/2024", start=2025, end=2030)]


def test_it_refuses_an_activity_that_has_not_happened_yet(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), date_start=dt.date(2026, 12, 1))
    assert messages(error, "date_start") == [ERR_DATE_FUTURE.format(date="01/12/2026")]


def test_it_refuses_a_task_of_another_communes_plan(demo):
    other = small_plan(unit("ls-tt"))
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), tasks=other.tasks.filter(code="NV-2.1"))
    assert messages(error, "tasks") == [ERR_TASK_OTHER_COMMUNE.format(code="NV-2.1")]
    assert not Activity.objects.exists()


def test_it_refuses_attendees_from_another_commune_or_beyond_the_officials_count(demo):
    outsider = person_create(unit=unit("ls-tt-th"), full_name="Nông Văn Bình", category="public_employee")
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), attendees=[outsider])
    assert messages(error, "attendees") == [ERR_PERSON_OTHER_COMMUNE.format(name="Nông Văn Bình")]
    teacher = person_create(unit=unit("ls-hvt-thcs"), full_name="Lý Thị Mai", category="public_employee")
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-hvt-thcs"), participants=10, officials=0, residents=10, attendees=[teacher])
    assert messages(error, "attendees") == [ERR_ATTENDEES_OVER.format(count=1, officials=0)]


def test_it_refuses_a_unit_outside_any_commune(demo):
    with pytest.raises(ValidationError) as error:
        activity(unit("ls-sokhcn"))
    assert messages(error, "unit") == [ERR_NO_COMMUNE.format(unit="Sở Khoa học và Công nghệ tỉnh Lạng Sơn")]


def test_the_database_itself_refuses_broken_counts_and_dates(demo):
    recorded = activity(unit("ls-hvt-thcs"))
    for change in ({"participants": -1}, {"officials": 41}, {"date_end": dt.date(2026, 1, 1)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Activity.objects.filter(pk=recorded.pk).update(**change)


def test_another_app_removes_what_it_recorded(demo):
    activity_record(
        unit=unit("ls-hvt-dtt"),
        kind="loudspeaker",
        title="Bản tin truyền thanh về chuyển đổi số",
        date_start=dt.date(2026, 5, 4),
        reach=1200,
        source="channel.broadcast:delivery:7",
    )
    assert activity_delete_by_source(source="channel.broadcast:delivery:7")
    assert not activity_delete_by_source(source="channel.broadcast:delivery:7")
    assert not Activity.objects.exists()
