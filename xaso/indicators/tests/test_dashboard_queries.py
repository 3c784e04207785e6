"""The dashboard and the province overview run a fixed number of queries, whatever the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_save, spending_save
from xaso.indicators.periods import programme
from xaso.indicators.selectors import indicator_detail, programme_dashboard, province_overview
from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent
from xaso.outreach.services import club_save, club_session_save, enterprise_session_save, school_event_save
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


def grow_outreach_and_funding(demo, round_):
    """A new school with a club, its sessions and a contest; enterprise sessions; a budget line spent."""
    hvt = OrgUnit.objects.get(code="ls-hvt")
    school = OrgUnitFactory.create(
        code=f"ls-hvt-truong-{round_}", name=f"Trường Mới {round_}", kind="school", parent=hvt
    )
    club = club_save(club=Club(unit=school, name="Câu lạc bộ Tin học", members_count=20))
    for month in range(1, 6):
        club_session_save(session=ClubSession(club=club, date=dt.date(2026, month, 8), topic="Tin học", pupils=18))
    school_event_save(
        event=SchoolEvent(unit=school, kind="forum", title="Diễn đàn", date_start=dt.date(2026, 3, 3), pupils=90)
    )
    enterprise_session_save(
        session=EnterpriseSession(
            unit=OrgUnit.objects.get(code="ls-hvt-kt"),
            title=f"Phổ biến chính sách lần {round_}",
            date=dt.date(2026, 4, round_),
            enterprises=5,
            participants=9,
        )
    )
    line = budget_line_save(
        line=BudgetLine(plan=demo.plan, year=2026, source="state_budget", title=f"Dự toán {round_}", amount=9_000_000)
    )
    for task in list(demo.plan.tasks.all())[:3]:
        spending_save(
            spending=Spending(line=line, task=task, date=dt.date(2026, 5, 4), amount=1_000_000, description="Chi")
        )


def test_the_dashboard_page_and_its_downloads_do_not_query_more_with_more_data(demo, client_for):
    """The whole page, with the panels other apps add (reporting, schools and enterprises, funding), and
    the XLSX with their tables: the same number of queries for three times the units and records."""
    client = client_for(demo.lan)
    school = OrgUnit.objects.get(code="ls-hvt-thcs")

    def counts():
        return (
            queries_of(lambda: client.get(reverse("indicators_dashboard"))),
            queries_of(lambda: client.get(reverse("indicators_export", args=["xlsx"]))),
            queries_of(lambda: client.get(reverse("indicators_dashboard"), {"don-vi": school.pk})),
        )

    grow(demo, 1)
    grow_outreach_and_funding(demo, 1)
    counts()
    small = counts()
    grow(demo, 2)
    grow_outreach_and_funding(demo, 2)
    grow_outreach_and_funding(demo, 3)
    assert counts() == small
