"""Every way an activity is written keeps the monthly tally equal to a recount of the activities.

The XLSX import, the back office's edit, delete and bulk delete, and the apps that record
activities of their own (the village teams' visits) all go through activities.services.
"""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from xaso.activities.models import Activity, ActivityMonth
from xaso.activities.tally import tally_rebuild
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit
from xaso.villages.services import support_visit_delete, support_visit_record, team_member_add

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def snapshot():
    fields = [f.name for f in ActivityMonth._meta.fields if f.name != "id"]
    return {tuple(row) for row in ActivityMonth.objects.values_list(*fields)}


def assert_exact():
    kept = snapshot()
    tally_rebuild()
    assert kept == snapshot()


def tally(unit, month):
    row = ActivityMonth.objects.filter(unit=unit, month=month).first()
    return row.activities if row else 0


def test_an_xlsx_import_counts_every_row_it_records(demo, client_for):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    client = client_for(demo.mai)
    book = load_workbook(io.BytesIO(client.get(reverse("activities_template")).content))
    sheet = book["Hoạt động"]
    for day in (4, 18):
        sheet.append(
            [
                "ls-hvt-thcs",
                "Hoạt động ngoại khóa trong trường học",
                f"Ngày hội STEM {day}",
                dt.date(2026, 4, day),
                None,
                "NV-2.1",
                "Giáo viên và học sinh",
                120,
                20,
                100,
                0,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(reverse("activities_import"), {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue())})
    assert response.status_code == 302
    row = ActivityMonth.objects.get(unit=school, month=dt.date(2026, 4, 1))
    assert (row.activities, row.schools, row.participants) == (2, 2, 240)
    assert_exact()


def test_editing_in_the_back_office_moves_the_count_to_the_new_month_and_group(demo, client_for):
    village = OrgUnit.objects.get(code="ls-hvt-t-napan")
    meeting = activity(village, audience="residents", participants=30, officials=0, residents=30)
    assert tally(village, dt.date(2026, 3, 1)) == 1
    task = demo.plan.tasks.get(code="NV-2.1")
    data = {
        "unit": village.pk,
        "kind": "conference",
        "status": "recorded",
        "title": meeting.title,
        "date_start": "2026-06-02",
        "date_end": "",
        "audience": "residents",
        "participants": "30",
        "officials": "0",
        "pupils": "0",
        "residents": "30",
        "reach": "",
        "url": "",
        "tasks": [task.pk],
        "description": "",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    response = client_for(demo.lan).post(reverse("wagtailsnippets_activities_activity:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert tally(village, dt.date(2026, 3, 1)) == 0
    assert ActivityMonth.objects.get(unit=village, month=dt.date(2026, 6, 1)).schools == 1
    assert_exact()


def test_the_back_offices_delete_and_bulk_delete_take_the_activities_out(demo, client_for):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    first, second, third = (activity(school, date_start=dt.date(2026, 5, day)) for day in (4, 5, 6))
    client = client_for(demo.lan)
    response = client.post(reverse("wagtailsnippets_activities_activity:delete", args=[first.pk]))
    assert response.status_code == 302
    assert tally(school, dt.date(2026, 5, 1)) == 2
    url = (
        reverse("wagtail_bulk_action", args=("activities", "activity", "delete"))
        + f"?id={second.pk}&id={third.pk}&next=/quan-tri/"
    )
    response = client.post(url)
    assert response.status_code == 302
    assert not Activity.objects.filter(pk__in=[second.pk, third.pk]).exists()
    assert tally(school, dt.date(2026, 5, 1)) == 0
    assert_exact()


def test_a_village_teams_visit_counts_and_stops_counting_when_deleted(demo):
    village = OrgUnit.objects.get(code="ls-hvt-t-napan")
    member = team_member_add(village=village, full_name="Hoàng Văn Sơn", role="leader")
    visit = support_visit_record(
        village=village, date=dt.date(2026, 10, 3), members=[member], work="Hướng dẫn bán hàng", households_helped=4
    )
    row = ActivityMonth.objects.get(unit=village, month=dt.date(2026, 10, 1))
    assert (row.activities, row.residents) == (1, 4)
    support_visit_delete(visit=visit)
    assert tally(village, dt.date(2026, 10, 1)) == 0
    assert_exact()
