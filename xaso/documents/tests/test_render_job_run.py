"""render_job_run (the background task): progress, files, failures that keep what was made."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from xaso.documents import builders, services
from xaso.documents.models import RenderStatus
from xaso.documents.services import render_job_request, render_job_retry, render_job_run
from xaso.documents.tests.reading import body_paragraphs, read, texts
from xaso.testing.clock import pinned

pytestmark = [pytest.mark.django_db, pinned]


def test_it_renders_docx_xlsx_and_pdf_to_private_storage(demo, request_sample, settings):
    job = request_sample(demo.lan)
    assert job.status == RenderStatus.DONE, job.error
    assert (job.progress, job.step, job.error) == (100, services.STEP_DONE, "")
    assert job.started_at <= job.finished_at
    assert job.task_result_id
    assert job.docx.name.endswith("/bao-cao-6-thang-dau-nam-2026.docx")
    assert job.docx.path.startswith(str(settings.PRIVATE_ROOT))
    assert not job.docx.path.startswith(str(settings.MEDIA_ROOT))
    with job.docx.open("rb") as f:
        assert "BÁO CÁO" in texts(body_paragraphs(read(f.read())))
    with job.pdf.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    with job.xlsx.open("rb") as f:
        assert load_workbook(io.BytesIO(f.read())).sheetnames == [
            "Hoạt động",
            "Nhiệm vụ",
            "Tổ công nghệ số",
            "Chỉ tiêu",
            "Kinh phí",
        ]


def test_running_a_job_twice_does_nothing_the_second_time(demo, request_sample):
    job = request_sample(demo.lan)
    files = (job.docx.name, job.pdf.name, job.xlsx.name)
    render_job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert (job.docx.name, job.pdf.name, job.xlsx.name) == files
    assert job.status == RenderStatus.DONE


def test_a_builder_problem_fails_the_job_with_its_message(demo, request_sample):
    demo.hung.memberships.all().delete()
    job = request_sample(demo.lan)
    assert job.status == RenderStatus.FAILED
    assert job.step == services.STEP_FAILED
    assert job.error == "Thiếu họ và tên người ký."
    assert not job.docx
    assert job.finished_at


def test_a_pdf_failure_keeps_the_docx_and_the_annex(demo, request_sample, settings):
    settings.DOCUMENTS_SOFFICE = "soffice-khong-co"
    job = request_sample(demo.lan)
    assert job.status == RenderStatus.FAILED
    assert job.error.startswith(
        "Đã tạo tệp DOCX và phụ lục XLSX nhưng chưa tạo được bản PDF: Máy chủ chưa sẵn sàng tạo tệp PDF"
    )
    assert job.docx
    assert job.xlsx
    assert not job.pdf


def test_a_failed_job_can_be_retried(demo, request_sample, settings, django_capture_on_commit_callbacks):
    settings.DOCUMENTS_SOFFICE = "soffice-khong-co"
    job = request_sample(demo.lan)
    settings.DOCUMENTS_SOFFICE = "soffice"
    with django_capture_on_commit_callbacks(execute=True):
        render_job_retry(job=job, user=demo.lan)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.pdf


def test_only_a_failed_job_can_be_retried(demo, request_sample):
    job = request_sample(demo.lan, run=False)
    with pytest.raises(services.ValidationError) as error:
        render_job_retry(job=job, user=demo.lan)
    assert error.value.messages == [services.ERR_NOT_RETRYABLE]


def broken_builder(*, params, user, progress):
    progress(50, "Đang tổng hợp")
    return 1 / 0


def test_an_unexpected_error_is_logged_and_the_person_gets_a_plain_message(
    demo, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    monkeypatch.setitem(builders._builders, "tests.broken", broken_builder)
    with django_capture_on_commit_callbacks(execute=True):
        job = render_job_request(
            builder="tests.broken", params={}, title="Báo cáo", unit=demo.plan.commune, user=demo.lan
        )
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.error == services.ERR_UNEXPECTED
    assert "ZeroDivisionError" in caplog.text


def test_a_job_stalled_by_a_dead_worker_can_be_retried_and_the_old_run_cannot_overwrite_it(
    demo, request_sample, django_capture_on_commit_callbacks
):
    job = request_sample(demo.lan, run=False, want_pdf=False)
    render_job = services.RenderJob.objects
    # The worker claimed it (attempt 1) and died; half an hour later it still says "running".
    render_job.filter(pk=job.pk).update(
        status=RenderStatus.RUNNING, attempt=1, started_at=timezone.now() - dt.timedelta(minutes=31)
    )
    stale = render_job.get(pk=job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        render_job_retry(job=stale, user=demo.hung)
    job.refresh_from_db()
    assert (job.status, job.attempt) == (RenderStatus.DONE, 2)
    services._fail(stale, "Lỗi từ lần chạy cũ")  # the old run waking up
    job.refresh_from_db()
    assert (job.status, job.error) == (RenderStatus.DONE, "")


def test_a_job_running_for_a_short_while_is_not_retried(demo, request_sample):
    job = request_sample(demo.lan, run=False)
    services.RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.RUNNING, started_at=timezone.now())
    job.refresh_from_db()
    with pytest.raises(services.ValidationError):
        render_job_retry(job=job, user=demo.lan)


def test_a_draft_is_recorded_as_such(demo, request_sample):
    # The quick report leaves the difficulties to the office: a draft, which the list shows as one.
    job = request_sample(demo.lan, want_pdf=False)
    assert job.status == RenderStatus.DONE, job.error
    assert job.is_draft is True
