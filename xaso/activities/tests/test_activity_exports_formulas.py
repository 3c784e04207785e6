"""The activities' downloads — the XLSX import template and the list's CSV and XLSX — write a unit,
a task or an activity title typed like a formula as text."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.plans.models import Task
from xaso.testing.exports import CMD, HYPERLINK, MINUS, assert_csv_inert, assert_xlsx_inert
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

LIST = "wagtailsnippets_activities_activity:list"


@pytest.fixture
def hostile(demo):
    OrgUnit.objects.filter(code="ls-hvt-t-napan").update(name=HYPERLINK)
    Task.objects.filter(plan=demo.plan, code="NV-1.3").update(text=MINUS)
    activity(OrgUnit.objects.get(code="ls-hvt-t-napan"), kind="conference", title=CMD, date_start=dt.date(2026, 3, 2))
    return demo


def test_the_import_template_lists_units_and_tasks_as_text(hostile, client_for):
    response = client_for(hostile.lan).get(reverse("activities_template"))
    assert response.status_code == 200
    assert_xlsx_inert(response.content, [HYPERLINK, MINUS])


def test_the_lists_csv_download_quotes_formula_looking_cells(hostile, client_for):
    response = client_for(hostile.lan).get(reverse(LIST), {"export": "csv"})
    assert response.status_code == 200
    assert_csv_inert(b"".join(response.streaming_content).decode("utf-8"), [CMD, HYPERLINK])


def test_the_lists_xlsx_download_has_no_formula(hostile, client_for):
    response = client_for(hostile.lan).get(reverse(LIST), {"export": "xlsx"})
    assert response.status_code == 200
    assert_xlsx_inert(b"".join(response.streaming_content), [CMD, HYPERLINK])
