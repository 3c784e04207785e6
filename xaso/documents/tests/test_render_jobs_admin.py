"""Back office › "Văn bản theo NĐ 30": ask for the sample report, follow renderings, retry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.documents import admin_views, forms, services
from xaso.documents.models import RenderJob, RenderStatus

pytestmark = pytest.mark.django_db
URL = "/quan-tri/van-ban/"


def form_data(demo, **changes):
    return {
        "plan": demo.plan.pk,
        "year": 2026,
        "period": "6 tháng đầu năm 2026",
        **changes,
    }


@pytest.mark.parametrize("persona", ["lan", "hung"])
def test_the_owner_and_the_leader_see_the_form(demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(URL)
    assert response.status_code == 200
    assert "Tạo báo cáo mẫu từ kế hoạch" in response.text
    assert reverse("documents_render_jobs") == URL


@pytest.mark.parametrize("persona", ["mai", "linh", "quang", "thu"])
def test_others_with_a_role_see_the_list_but_no_form(demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(URL)
    assert response.status_code == 200
    assert "Tạo báo cáo mẫu từ kế hoạch" not in response.text
    assert "Chưa có lượt tạo văn bản nào trong phạm vi của bạn." in response.text


def test_an_outsider_is_kept_out(demo, client_for):
    response = client_for(demo.outsider).get(URL)
    assert response.status_code in (302, 403)
    assert not RenderJob.objects.exists()


def test_asking_queues_the_rendering_and_lists_it(demo, client_for, django_capture_on_commit_callbacks, settings):
    settings.DOCUMENTS_SOFFICE = "soffice-khong-co"  # the PDF is another test's subject
    client = client_for(demo.lan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(demo))
    assert response.status_code == 302
    job = RenderJob.objects.get()
    assert job.params == {"plan_id": demo.plan.pk, "year": 2026, "period": "6 tháng đầu năm 2026"}
    assert job.requested_by == demo.lan
    page = client.get(URL).text
    assert job.title in page
    assert reverse("documents:file", args=[job.pk, "docx"]) in page
    assert reverse("documents:status", args=[job.pk]) in page
    assert "Tạo lại" in page  # the PDF failed: it may be retried


def test_the_province_viewer_sees_the_communes_renderings(demo, request_sample, client_for):
    job = request_sample(demo.lan, run=False)
    assert job.title in client_for(demo.quang).get(URL).text
    assert job.title not in client_for(demo.thu).get(URL).text


def test_a_year_outside_the_plan_is_refused_and_nothing_is_queued(demo, client_for):
    response = client_for(demo.lan).post(URL, form_data(demo, year=2031))
    assert response.status_code == 200
    assert forms.ERR_YEAR.format(start=2025, end=2030) in response.text
    assert not RenderJob.objects.exists()


def test_an_empty_period_is_refused(demo, client_for):
    response = client_for(demo.lan).post(URL, form_data(demo, period=""))
    assert response.status_code == 200
    assert not RenderJob.objects.exists()


def test_another_communes_plan_cannot_be_chosen(demo, client_for):
    response = client_for(demo.thu).post(URL, form_data(demo))
    assert response.status_code == 200
    assert not RenderJob.objects.exists()


def test_retrying_a_failed_rendering(demo, request_sample, client_for, django_capture_on_commit_callbacks):
    job = request_sample(demo.lan, run=False)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.FAILED, error="LibreOffice không chạy")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(demo.hung).post(URL, {"retry": str(job.pk)})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert admin_views.MSG_RETRIED.format(title=job.title) in client_for(demo.hung).get(URL).text


def test_nobody_retries_what_they_cannot_read(demo, request_sample, client_for):
    job = request_sample(demo.lan, run=False)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.FAILED)
    assert client_for(demo.thu).post(URL, {"retry": str(job.pk)}).status_code == 404
    assert client_for(demo.thu).post(URL, {"retry": "khong-phai-ma"}).status_code == 404
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED


def test_a_reader_who_may_not_prepare_documents_is_told_so(demo, request_sample, client_for):
    job = request_sample(demo.lan, run=False)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.FAILED)
    client = client_for(demo.quang)
    response = client.post(URL, {"retry": str(job.pk)}, follow=True)
    assert services.ERR_NO_RIGHT.format(unit="Xã Hoàng Văn Thụ") in response.text
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED


def test_a_rendering_that_did_not_fail_is_not_retried(demo, request_sample, client_for):
    job = request_sample(demo.lan, run=False)
    response = client_for(demo.lan).post(URL, {"retry": str(job.pk)}, follow=True)
    assert services.ERR_NOT_RETRYABLE in response.text
    job.refresh_from_db()
    assert job.status == RenderStatus.QUEUED
