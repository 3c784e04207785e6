"""Logging an activity in the back office: a unit's own form, evidence files, and bad inputs refused."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from xaso.activities.evidence import ERR_EVIDENCE_CONTENT, ERR_EVIDENCE_SIZE, ERR_EVIDENCE_TYPE
from xaso.activities.models import ERR_NEGATIVE, Activity, Evidence
from xaso.activities.rules import ERR_DATE_OUTSIDE, ERR_SUBCOUNTS
from xaso.testing import factories
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

ADD = "wagtailsnippets_activities_activity:add"


def photo(name="hop-thon.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def form_data(demo, unit_code="ls-hvt-t-napan", evidence=None, **fields):
    data = {
        "unit": OrgUnit.objects.get(code=unit_code).pk,
        "kind": "conference",
        "status": "recorded",
        "title": "Họp thôn phổ biến về chuyển đổi số",
        "date_start": "2026-10-12",
        "date_end": "",
        "audience": "residents",
        "participants": "46",
        "officials": "2",
        "pupils": "0",
        "residents": "44",
        "reach": "",
        "url": "",
        "tasks": [demo.plan.tasks.get(code="NV-1.3").pk],
        "description": "Hướng dẫn người dân cài ứng dụng VNeID.",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    if evidence is not None:
        data.update(
            {
                "evidence-TOTAL_FORMS": "1",
                "evidence-0-file": evidence,
                "evidence-0-kind": "photo",
                "evidence-0-caption": "Quang cảnh buổi họp",
                "evidence-0-ORDER": "1",
                "evidence-0-id": "",
                "evidence-0-DELETE": "",
            }
        )
    data.update(fields)
    return data


def test_a_village_head_logs_an_activity_with_a_photo(demo, client_for):
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, evidence=photo()))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    activity = Activity.objects.get()
    assert activity.unit.code == "ls-hvt-t-napan"
    assert activity.commune.code == "ls-hvt"
    assert activity.serves_mass_media
    assert activity.created_by == demo.son
    evidence = activity.evidence.get()
    assert evidence.caption == "Quang cảnh buổi họp"
    assert evidence.size > 0
    assert evidence.file.name.endswith(".jpg")


def test_the_form_offers_a_reporter_only_her_own_unit(demo, client_for):
    response = client_for(demo.son).get(reverse(ADD))
    units = list(response.context["form"].fields["unit"].queryset.values_list("code", flat=True))
    assert units == ["ls-hvt-t-napan"]
    assert response.context["form"].initial["unit"] == OrgUnit.objects.get(code="ls-hvt-t-napan").pk


def test_a_reporter_cannot_log_for_another_village(demo, client_for):
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, unit_code="ls-hvt-t-banthang"))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Activity.objects.exists()


def errors_of(response):
    form = response.context["form"]
    messages = [message for errors in form.errors.values() for message in errors]
    for formset in form.formsets.values():
        for child in formset.forms:
            messages += [message for errors in child.errors.values() for message in errors]
    return messages


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_saved(demo, client_for):
    script = SimpleUploadedFile("danh-sach.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, evidence=script))
    assert response.status_code == 200
    assert ERR_EVIDENCE_TYPE.format(name="danh-sach.exe") in errors_of(response)
    assert not Activity.objects.exists()
    assert not Evidence.objects.exists()


def test_a_file_whose_content_is_not_its_extension_is_refused(demo, client_for):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not really a photo")
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, evidence=fake))
    assert ERR_EVIDENCE_CONTENT.format(name="anh.jpg", ext="jpg", family="ảnh") in errors_of(response)
    assert not Activity.objects.exists()


def test_an_oversized_photo_is_refused(demo, client_for):
    big = SimpleUploadedFile("anh-lon.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (11 * 1024 * 1024))
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, evidence=big))
    assert ERR_EVIDENCE_SIZE.format(name="anh-lon.jpg", size="11,0 MB", limit="10,0 MB", family="ảnh") in errors_of(
        response
    )
    assert not Activity.objects.exists()


def test_negative_counts_are_refused(demo, client_for):
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, participants="-3", residents="0", officials="0"))
    assert response.status_code == 200
    assert ERR_NEGATIVE in errors_of(response)
    assert not Activity.objects.exists()


def test_sub_counts_above_the_participants_are_refused(demo, client_for):
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, participants="10"))
    assert ERR_SUBCOUNTS.format(total=46, participants=10) in errors_of(response)
    assert not Activity.objects.exists()


def test_a_date_outside_the_programme_is_refused(demo, client_for):
    response = client_for(demo.son).post(reverse(ADD), form_data(demo, date_start="2024-06-01", evidence=photo()))
    assert ERR_DATE_OUTSIDE.format(date="01/06/2024", start=2025, end=2030) in errors_of(response)
    assert not Activity.objects.exists()
    assert not Evidence.objects.exists()


def test_the_dates_are_the_phones_own_date_inputs_showing_the_stored_dates(demo, client_for):
    # Wagtail's JavaScript picker stayed open over the evidence button on a phone; the phone's own
    # picker closes once a date is chosen. It sends and shows ISO values, whatever the language.
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    stored = factories.activity(napan, date_start=dt.date(2026, 10, 12), date_end=dt.date(2026, 10, 13))
    edit = reverse("wagtailsnippets_activities_activity:edit", args=[stored.pk])
    html = client_for(demo.son).get(edit).content.decode()
    for name, value in (("date_start", "2026-10-12"), ("date_end", "2026-10-13")):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag is not None, name
        assert 'type="date"' in tag.group(0)
        assert f'value="{value}"' in tag.group(0)
