"""Indicators computed from activities and registries, for the commune and for one unit at once."""

import datetime as dt
from decimal import Decimal

import pytest

from xaso.indicators import queries
from xaso.indicators.definitions import INDICATORS
from xaso.indicators.elements import Context, compute, value_of
from xaso.indicators.periods import half, year
from xaso.indicators.queries import Where
from xaso.registers.services import (
    acknowledgement_record,
    guiding_document_put,
    person_create,
    science_task_put,
    village_profile_set,
)
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

TODAY = dt.date(2026, 11, 20)


def unit(code):
    return OrgUnit.objects.get(code=code)


def elements(scope, period, plan):
    commune = scope if scope.kind == "commune" else scope.commune
    where = Where(commune_ids=(commune.pk,), unit_id=None if scope.kind == "commune" else scope.pk)
    context = Context(issued_on={commune.pk: plan.issued_on}, commune_of={}, today=TODAY)
    return compute(where, periods=[period], context=context)[commune.pk][0]


def value(key, scope, period, plan):
    return value_of(INDICATORS[key], elements(scope, period, plan))


@pytest.fixture
def staff(demo):
    school, office = unit("ls-hvt-thcs"), unit("ls-hvt-vp")
    teachers = [person_create(unit=school, full_name=f"Giáo viên {n}", category="public_employee") for n in range(10)]
    officials = [person_create(unit=office, full_name=f"Công chức {n}", category="civil_servant") for n in range(5)]
    return teachers, officials


def test_a_school_reporters_activity_changes_the_schools_and_the_communes_indicators_at_once(demo, staff):
    teachers, _ = staff
    school, commune, period = unit("ls-hvt-thcs"), unit("ls-hvt"), year(2026)
    assert value("officials_informed_pct", school, period, demo.plan).value == Decimal(0)
    assert value("officials_informed_pct", commune, period, demo.plan).value == Decimal(0)

    activity(
        school,
        kind="extracurricular",
        title="Sinh hoạt chuyên đề Nghị quyết 57 cho giáo viên",
        audience="schools",
        participants=4,
        officials=4,
        attendees=teachers[:4],
        tasks=demo.plan.tasks.filter(code="NV-2.1"),
        user=demo.mai,
    )

    assert value("officials_informed_pct", school, period, demo.plan).value == Decimal("40.0")
    informed = value("officials_informed_pct", commune, period, demo.plan)
    assert (informed.numerator, informed.denominator, informed.value) == (4, 15, Decimal("26.7"))
    assert value("activities_schools", school, period, demo.plan).value == 1
    assert value("activities_schools", commune, period, demo.plan).value == 1
    assert value("activities", unit("ls-hvt-th"), period, demo.plan).value == 0


def test_an_acknowledgement_informs_a_person_and_drafts_count_for_nothing(demo, staff):
    _, officials = staff
    acknowledgement_record(person=officials[0], date=dt.date(2025, 12, 1))
    activity(unit("ls-hvt-vp"), status="draft", attendees=officials[1:3], participants=2, officials=2)
    informed = value("officials_informed_pct", unit("ls-hvt"), year(2025), demo.plan)
    assert (informed.numerator, informed.denominator) == (1, 15)
    assert value("activities", unit("ls-hvt"), year(2026), demo.plan).value == 0


def test_being_informed_lasts_but_counts_only_from_when_it_happened(demo, staff):
    _, officials = staff
    activity(unit("ls-hvt-vp"), date_start=dt.date(2026, 8, 5), attendees=officials, participants=5, officials=5)
    assert value("officials_informed_pct", unit("ls-hvt-vp"), half(2026, 1), demo.plan).value == Decimal(0)
    assert value("officials_informed_pct", unit("ls-hvt-vp"), half(2026, 2), demo.plan).value == Decimal(100)


def test_honours_and_trainings_are_counted_in_their_period(demo):
    office = unit("ls-hvt-vhxh")
    activity(office, kind="commendation", date_start=dt.date(2026, 1, 20), title="Biểu dương tập thể tiêu biểu")
    activity(office, kind="training", date_start=dt.date(2025, 11, 3), title="Bồi dưỡng kỹ năng truyền thông số")
    assert value("honour_activities", unit("ls-hvt"), year(2026), demo.plan).value == 1
    assert value("honour_activities", unit("ls-hvt"), year(2025), demo.plan).value == 0
    assert value("training_activities", unit("ls-hvt"), year(2025), demo.plan).value == 1


def test_officers_trained_counts_communication_officers_who_attended_a_training(demo):
    office = unit("ls-hvt-vhxh")
    officers = [
        person_create(
            unit=office, full_name=f"Cán bộ truyền thông {n}", category="civil_servant", is_communication_officer=True
        )
        for n in range(4)
    ]
    other = person_create(unit=office, full_name="Công chức khác", category="civil_servant")
    activity(office, kind="training", attendees=[*officers[:3], other], participants=4, officials=4)
    activity(office, kind="conference", attendees=[officers[3]], participants=1, officials=1)
    trained = value("officers_trained_pct", unit("ls-hvt"), year(2026), demo.plan)
    assert (trained.numerator, trained.denominator, trained.value) == (3, 4, Decimal("75.0"))


def test_guiding_documents_count_when_a_publication_provided_them(demo):
    commune, office = unit("ls-hvt"), unit("ls-hvt-vhxh")
    first = guiding_document_put(
        commune=commune, code="57-NQ/TW", issued_on=dt.date(2024, 12, 22), issuer="Bộ Chính trị", title="Nghị quyết"
    )
    guiding_document_put(
        commune=commune, code="03/NQ-CP", issued_on=dt.date(2025, 1, 9), issuer="Chính phủ", title="Chương trình"
    )
    guiding_document_put(
        commune=commune, code="SAU/2027", issued_on=dt.date(2027, 3, 1), issuer="Chính phủ", title="Chưa ban hành"
    )
    activity(office, kind="news_article", guiding_documents=[first], participants=0, officials=0)
    # A conference is not a publication on the platforms: it does not provide the document.
    activity(office, kind="conference", guiding_documents=[first], date_start=dt.date(2025, 10, 1))
    provided = value("guiding_documents_pct", commune, year(2026), demo.plan)
    assert (provided.numerator, provided.denominator, provided.value) == (1, 2, Decimal("50.0"))
    assert value("guiding_documents_pct", commune, year(2025), demo.plan).numerator == 0
    assert value("guiding_documents_pct", unit("ls-hvt-thcs"), year(2026), demo.plan).numerator == 0


def test_state_funded_science_tasks_exclude_state_secrets(demo):
    commune = unit("ls-hvt")
    shown = science_task_put(commune=commune, code="A", title="Nhiệm vụ A", start_year=2026, end_year=2027)
    science_task_put(commune=commune, code="B", title="Nhiệm vụ B", start_year=2026, end_year=2027)
    science_task_put(commune=commune, code="M", title="Mật", start_year=2026, end_year=2027, is_state_secret=True)
    activity(unit("ls-hvt-dtt"), kind="loudspeaker", science_tasks=[shown], participants=0, officials=0, reach=900)
    communicated = value("state_tasks_communicated_pct", commune, year(2026), demo.plan)
    assert (communicated.numerator, communicated.denominator) == (1, 2)


def test_residents_reached_by_regular_broadcasts_and_by_village_meetings(demo):
    napan, khuoinhan = unit("ls-hvt-t-napan"), unit("ls-hvt-t-khuoinhan")
    village_profile_set(unit=napan, households=100, residents=400, has_loudspeaker=True)
    village_profile_set(unit=khuoinhan, households=60, residents=250, has_loudspeaker=False)
    activity(khuoinhan, kind="conference", audience="residents", participants=90, officials=0, residents=90)
    radio = unit("ls-hvt-dtt")
    # Broadcasts in three quarters of 2026 out of four elapsed: not yet regular.
    for month in (2, 5, 8):
        activity(radio, kind="loudspeaker", date_start=dt.date(2026, month, 3), participants=0, officials=0)
    reached = value("residents_reached_pct", unit("ls-hvt"), year(2026), demo.plan)
    assert (reached.numerator, reached.denominator) == (90, 650)
    activity(radio, kind="loudspeaker", date_start=dt.date(2026, 11, 3), participants=0, officials=0)
    reached = value("residents_reached_pct", unit("ls-hvt"), year(2026), demo.plan)
    assert (reached.numerator, reached.denominator, reached.value) == (490, 650, Decimal("75.4"))
    assert value("residents_reached_pct", napan, year(2026), demo.plan).value == Decimal(100)
    assert value("residents_reached_pct", unit("ls-hvt-thcs"), year(2026), demo.plan).value is None


def test_the_section_is_maintained_when_every_month_since_the_plan_has_a_publication(demo):
    office = unit("ls-hvt-vhxh")
    for month in (8, 9, 10, 11):
        activity(office, kind="news_article", date_start=dt.date(2025, month, 28), participants=0, officials=0)
    section = value("section_maintained", unit("ls-hvt"), year(2025), demo.plan)
    # The plan was issued on 23/8/2025: August to December are due; December had nothing.
    assert (section.numerator, section.denominator, section.value) == (4, 5, Decimal("80.0"))


def test_quality_is_three_checks_against_the_previous_period(demo):
    office, school, kt = unit("ls-hvt-vhxh"), unit("ls-hvt-thcs"), unit("ls-hvt-kt")
    tasks = {t.code: t for t in demo.plan.tasks.all()}
    for month in range(1, 13):
        activity(office, kind="news_article", date_start=dt.date(2025, month, 2), tasks=[tasks["NV-1.1"]])
    for month in range(1, 12):
        activity(office, kind="social_post", date_start=dt.date(2026, month, 2), tasks=[tasks["NV-1.4"]])
    activity(school, kind="club", date_start=dt.date(2026, 3, 2), tasks=[tasks["NV-2.5"]])
    figures = elements(unit("ls-hvt"), year(2026), demo.plan)
    # 12 activities in 2026 so far against 12 in all 2025; groups 1 and 2 only; the section every month.
    assert (figures["quality_check_volume"], figures["quality_check_groups"], figures["quality_check_section"]) == (
        1,
        0,
        1,
    )
    activity(kt, kind="enterprise_session", date_start=dt.date(2026, 4, 2), tasks=[tasks["NV-3.1"]])
    assert value("quality_maintained", unit("ls-hvt"), year(2026), demo.plan).value == Decimal(100)


@pytest.mark.django_db
def test_no_commune_at_all_reads_no_figures_rather_than_failing():
    nobody = Where(commune_ids=())
    year_2026 = year(2026)
    assert queries.activity_months(nobody, start=year_2026.start, end=year_2026.end) == {}
    assert queries.people(nobody, ends=[year_2026.end]) == {}
    assert queries.documents(nobody, ends=[year_2026.end], commune_of={}) == {}
