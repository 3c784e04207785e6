"""The period page's consolidated report: the office or a leader asks for it, progress and files show;
the province reads and downloads; unit reporters do not see the commune's report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.documents.models import RenderJob, RenderStatus
from xaso.reporting import consolidated

pytestmark = pytest.mark.django_db


def page(period):
    return reverse("reporting_period", args=[period.pk])


@pytest.mark.parametrize("persona", ["lan", "hung"])
def test_the_office_and_the_leader_generate_it_and_download_the_files(
    demo, cycle, client_for, django_capture_on_commit_callbacks, persona
):
    client = client_for(getattr(demo, persona))
    assert "Tạo báo cáo tổng hợp" in client.get(page(cycle)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(cycle), {"action": "consolidate", "number": "12", "issued_on": "10/06/2026"})
    assert response.status_code == 302
    job = RenderJob.objects.get(builder=consolidated.BUILDER)
    assert job.params == {"period_id": cycle.pk, "number": 12, "issued_on": "2026-06-10"}
    assert job.status == RenderStatus.DONE
    html = client.get(page(cycle)).content.decode()
    assert "Báo cáo tổng hợp — Báo cáo 6 tháng đầu năm 2026 (số 12/BC-UBND)" in html
    for kind in ("docx", "pdf", "xlsx"):
        assert reverse("documents:file", args=[job.pk, kind]) in html
    assert "documents/render_jobs.js" in html


def test_nothing_approved_yet_is_said_plainly_and_nothing_is_queued(demo, half_year, client_for):
    response = client_for(demo.lan).post(page(half_year), {"action": "consolidate"})
    assert response.status_code == 400
    assert consolidated.ERR_NOTHING_APPROVED in response.content.decode()
    assert not RenderJob.objects.exists()


def test_a_wrong_date_is_refused_in_vietnamese(demo, cycle, client_for):
    response = client_for(demo.lan).post(page(cycle), {"action": "consolidate", "issued_on": "31/02/2026"})
    assert response.status_code == 400
    assert response.context["consolidate_form"].errors["issued_on"] == ["Nhập ngày hợp lệ."]
    assert not RenderJob.objects.exists()


def test_the_province_sees_and_downloads_but_cannot_generate(
    demo, cycle, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = consolidated.consolidation_request(period=cycle, user=demo.lan)
    job.refresh_from_db()
    client = client_for(demo.quang)
    html = client.get(page(cycle)).content.decode()
    assert "Tạo báo cáo tổng hợp" not in html
    assert reverse("documents:file", args=[job.pk, "docx"]) in html
    assert client.get(reverse("documents:file", args=[job.pk, "xlsx"])).status_code == 200
    assert client.post(page(cycle), {"action": "consolidate"}).status_code in (302, 403)  # Wagtail: to home
    assert RenderJob.objects.count() == 1


@pytest.mark.parametrize("persona", ["mai", "son"])
def test_unit_reporters_do_not_see_the_communes_report(demo, cycle, client_for, persona):
    consolidated.consolidation_request(period=cycle, user=demo.lan)
    client = client_for(getattr(demo, persona))
    html = client.get(page(cycle)).content.decode()
    assert "Báo cáo tổng hợp của xã" not in html
    assert client.post(page(cycle), {"action": "consolidate"}).status_code in (302, 403)
    assert RenderJob.objects.count() == 1
