"""The dashboard and the province overview run a fixed number of queries, whatever the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaso.indicators.periods import programme
from xaso.indicators.selectors import indicator_detail, programme_dashboard, province_overview
from xaso.registers.services import guiding_document_put, person_create, science_task_put, village_profile_set
from xaso.testing.factories import OrgUnitFactory, activity, small_plan
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

TODAY = dt.date(2026, 11, 20)


def queries_of(call):
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def grow(demo, round_):
    """More units, people, list items and activities in both communes."""
    hvt = OrgUnit.objects.get(code="ls-hvt")
    tasks = list(demo.plan.tasks.all())
    for n in range(3):
        village = OrgUnitFactory.create(
            code=f"ls-hvt-t-moi-{round_}-{n}", name=f"Thôn Mới {round_}{n}", kind="village", parent=hvt
        )
        village_profile_set(unit=village, households=50, residents=200, has_loudspeaker=n % 2 == 0)
        people = [person_create(unit=village, full_name=f"Người {n}{k}", category="worker") for k in range(3)]
        for month in range(1, 11):
            activity(
                village,
                kind=("conference", "loudspeaker", "news_article", "training")[month % 4],
                date_start=dt.date(2026, month, 5),
                tasks=tasks[month % len(tasks) : month % len(tasks) + 2],
                attendees=people,
                participants=10,
                officials=3,
                residents=7,
            )
    guiding_document_put(
        commune=hvt, code=f"VB-{round_}", issued_on=dt.date(2025, 1, 1), issuer="Chính phủ", title="Văn bản"
    )
    science_task_put(commune=hvt, code=f"NV-{round_}", title="Nhiệm vụ", start_year=2026, end_year=2027)
    other = OrgUnitFactory.create(
        code=f"ls-xa-{round_}", name=f"Xã Mới {round_}", kind="commune", parent=OrgUnit.objects.get(code="ls")
    )
    small_plan(other)
    school = OrgUnitFactory.create(code=f"ls-xa-{round_}-th", name="Trường Tiểu học", kind="school", parent=other)
    activity(school, audience="schools", date_start=dt.date(2026, 2, 2))


def test_the_commune_dashboard_does_not_query_more_with_more_data(demo):
    hvt = OrgUnit.objects.get(code="ls-hvt")

    def run():
        return programme_dashboard(user=demo.lan, unit=hvt, period=None, today=TODAY)

    grow(demo, 1)
    run()
    small = queries_of(run)
    grow(demo, 2)
    grow(demo, 3)
    assert queries_of(run) == small
    assert small <= 16


def test_a_unit_dashboard_and_the_whole_programme_do_not_either(demo):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")

    def run():
        programme_dashboard(user=demo.lan, unit=school, period=programme(2025, 2030), today=TODAY)
        indicator_detail(user=demo.lan, unit=school.commune, key="residents_reached_pct", period=None, today=TODAY)

    grow(demo, 1)
    run()
    small = queries_of(run)
    grow(demo, 2)
    assert queries_of(run) == small


def test_the_province_overview_does_not_query_more_with_more_communes(demo):
    def run():
        return province_overview(user=demo.quang, year_value=2026, today=TODAY)

    grow(demo, 1)
    run()
    small = queries_of(run)
    grow(demo, 2)
    grow(demo, 3)
    assert len(run().rows) == 5
    assert queries_of(run) == small
