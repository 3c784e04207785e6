"""Writes: ask for a document rendering, run it (in the worker), retry a failed one."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from xaso.documents.builders import ERR_UNKNOWN_BUILDER, BuildError, Rendering, builder_exists, builder_for
from xaso.documents.models import RenderJob, RenderStatus
from xaso.documents.numbering import is_draft
from xaso.documents.pdf import PdfConversionError, docx_to_pdf
from xaso.documents.validation import DocumentError
from xaso.documents.writer import nd30_docx
from xaso.documents.xlsx import AnnexError, xlsx_annex
from xaso.operations.heartbeat import beating
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for
from xaso.vi.text import fold

logger = logging.getLogger(__name__)

ERR_NO_RIGHT = "Bạn không có quyền tạo văn bản cho {unit}."
ERR_PARAMS = "Tham số của văn bản phải ghi được dưới dạng JSON."
ERR_TITLE = "Thiếu tên văn bản."
ERR_NOT_RETRYABLE = "Chỉ tạo lại được văn bản đã không thành công, hoặc đang tạo mà tiến trình nền đã dừng."
ERR_WORKER_LOST = (
    "Tiến trình nền đang tạo văn bản này đã dừng giữa chừng (máy chủ khởi động lại hoặc hết bộ nhớ). Hãy bấm Tạo lại."
)
# A job whose worker died is put back in the queue by itself this many times in all.
AUTO_RETRY_ATTEMPTS = 2
ERR_UNEXPECTED = "Có lỗi ngoài dự kiến khi tạo văn bản; đã ghi lại để quản trị hệ thống kiểm tra. Hãy thử lại sau."
ERR_PDF_KEPT = "Đã tạo tệp DOCX{annex} nhưng chưa tạo được bản PDF: {reason}"

STEP_QUEUED = "Đang chờ đến lượt"
STEP_BUILD = "Đang tổng hợp nội dung"
STEP_DOCX = "Đang tạo văn bản DOCX"
STEP_XLSX = "Đang tạo phụ lục XLSX"
STEP_PDF = "Đang chuyển sang PDF"
STEP_DONE = "Đã xong"
STEP_FAILED = "Không thành công"


def may_request_for(*, user: UserLike, unit: OrgUnit) -> bool:
    """Who prepares documents of a unit: those who write its data, and the commune's leaders."""
    scope = scope_for(user=user)
    commune_id = unit.pk if unit.kind == UnitKind.COMMUNE else unit.commune_id
    return scope.can_write_unit(unit) or commune_id in scope.led_commune_ids or commune_id in scope.owned_commune_ids


@transaction.atomic
def render_job_request(
    *,
    builder: str,
    params: dict[str, Any],
    title: str,
    unit: OrgUnit,
    user: UserLike,
    want_pdf: bool = True,
) -> RenderJob:
    """Record the request and queue the rendering once the transaction commits."""
    if not builder_exists(builder):
        raise ValidationError({"builder": ERR_UNKNOWN_BUILDER.format(name=builder)})
    if not may_request_for(user=user, unit=unit):
        raise PermissionDenied(ERR_NO_RIGHT.format(unit=unit.name))
    try:
        json.dumps(params)
    except (TypeError, ValueError):
        raise ValidationError({"params": ERR_PARAMS}) from None
    if not title.strip():
        raise ValidationError({"title": ERR_TITLE})
    job = RenderJob(
        builder=builder,
        params=params,
        title=title.strip(),
        unit=unit,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        want_pdf=want_pdf,
        step=STEP_QUEUED,
    )
    job.full_clean()
    job.save()
    _enqueue_on_commit(job)
    return job


def _stalled_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.TASK_STALE_SECONDS)


def render_job_retryable(*, job: RenderJob) -> bool:
    """A failed job, or a running one whose worker died (restarted, killed for memory): a live
    worker writes the job's heartbeat every few seconds, even during a long PDF conversion."""
    if job.status == RenderStatus.FAILED:
        return True
    last_sign = job.heartbeat_at or job.started_at
    return job.status == RenderStatus.RUNNING and last_sign is not None and last_sign < _stalled_before()


def render_jobs_sweep() -> tuple[int, int]:
    """Run by the scheduler every few seconds: a running job silent for TASK_STALE_SECONDS is
    marked failed with what happened; it goes back to the queue by itself unless it already died
    AUTO_RETRY_ATTEMPTS times (then the person decides). Returns (failed, requeued)."""
    stalled = RenderJob.objects.filter(status=RenderStatus.RUNNING).filter(
        models.Q(heartbeat_at__lt=_stalled_before())
        | models.Q(heartbeat_at__isnull=True, started_at__lt=_stalled_before())
    )
    failed = requeued = 0
    for job_id in list(stalled.values_list("pk", flat=True)):
        with transaction.atomic():
            job = RenderJob.objects.select_for_update().filter(pk=job_id, status=RenderStatus.RUNNING).first()
            if job is None or not render_job_retryable(job=job):
                continue
            if job.attempt < AUTO_RETRY_ATTEMPTS:
                for field in ("docx", "pdf", "xlsx"):
                    getattr(job, field).delete(save=False)
                job.status, job.progress, job.step, job.error = RenderStatus.QUEUED, 0, STEP_QUEUED, ""
                job.started_at = job.finished_at = job.heartbeat_at = None
                job.save()
                _enqueue_on_commit(job)
                requeued += 1
            else:
                job.status, job.step, job.error = RenderStatus.FAILED, STEP_FAILED, ERR_WORKER_LOST
                job.finished_at = timezone.now()
                job.save()
            failed += 1
            logger.warning("Rendering %s lost its worker (attempt %s)", job.pk, job.attempt)
    return failed, requeued


@transaction.atomic
def render_job_retry(*, job: RenderJob, user: UserLike) -> RenderJob:
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if not may_request_for(user=user, unit=job.unit):
        raise PermissionDenied(ERR_NO_RIGHT.format(unit=job.unit.name))
    if not render_job_retryable(job=job):
        raise ValidationError(ERR_NOT_RETRYABLE)
    for field in ("docx", "pdf", "xlsx"):
        getattr(job, field).delete(save=False)
    job.status, job.progress, job.step, job.error = RenderStatus.QUEUED, 0, STEP_QUEUED, ""
    job.started_at = job.finished_at = job.heartbeat_at = None
    job.full_clean()
    job.save()
    _enqueue_on_commit(job)
    return job


def _enqueue_on_commit(job: RenderJob) -> None:
    from xaso.documents.tasks import render_document

    def enqueue() -> None:
        result = render_document.enqueue(str(job.pk))
        # The immediate backend has already run the task; don't overwrite its outcome.
        RenderJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])

    transaction.on_commit(enqueue)


def render_job_run(*, job_id: str) -> None:
    """Run a queued rendering (called by the task). Progress is written as it goes, each step in
    its own short transaction, so that the person waiting sees it. Whatever was made is kept."""
    claimed = RenderJob.objects.filter(pk=job_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RUNNING, started_at=timezone.now(), progress=5, step=STEP_BUILD, attempt=F("attempt") + 1
    )
    if not claimed:
        # Already taken by another worker, finished, or gone: running twice must not duplicate files.
        return
    job = RenderJob.objects.select_related("unit", "requested_by").get(pk=job_id)

    def beat() -> None:
        _mine(job).update(heartbeat_at=timezone.now())

    try:
        with beating(beat, every=settings.TASK_HEARTBEAT_SECONDS):
            _render(job)
    except (BuildError, DocumentError, AnnexError) as exc:
        _fail(job, str(exc))
    except Exception:
        logger.exception("Rendering %s (%s) failed", job.pk, job.builder)
        _fail(job, ERR_UNEXPECTED)


def _render(job: RenderJob) -> None:
    def progress(percent: int, step: str) -> None:
        # Builders report 0-100 of their own part, which is the first third of the whole.
        _progress(job, 5 + max(0, min(percent, 100)) * 25 // 100, step)

    rendering: Rendering = builder_for(job.builder)(params=job.params, user=job.requested_by, progress=progress)
    name = slugify(fold(rendering.filename))[:80] or "van-ban"
    _progress(job, 30, STEP_DOCX)
    docx_bytes = nd30_docx(rendering.document)
    job.docx.save(f"{name}.docx", ContentFile(docx_bytes), save=False)
    _mine(job).update(docx=job.docx.name, is_draft=is_draft(rendering.document))
    if rendering.annex:
        _progress(job, 45, STEP_XLSX)
        job.xlsx.save(f"{name}-phu-luc.xlsx", ContentFile(xlsx_annex(sheets=rendering.annex)), save=False)
        _mine(job).update(xlsx=job.xlsx.name)
    if job.want_pdf:
        _progress(job, 55, STEP_PDF)
        try:
            pdf_bytes = docx_to_pdf(docx_bytes)
        except PdfConversionError as exc:
            annex = " và phụ lục XLSX" if rendering.annex else ""
            _fail(job, ERR_PDF_KEPT.format(annex=annex, reason=exc))
            return
        job.pdf.save(f"{name}.pdf", ContentFile(pdf_bytes), save=False)
        _mine(job).update(pdf=job.pdf.name)
    _mine(job).update(status=RenderStatus.DONE, progress=100, step=STEP_DONE, error="", finished_at=timezone.now())


def _mine(job: RenderJob) -> QuerySet[RenderJob]:
    # A retried stalled job runs again under a new attempt number; if the old run wakes up, its
    # writes match nothing and cannot overwrite the new run's state.
    return RenderJob.objects.filter(pk=job.pk, attempt=job.attempt, status=RenderStatus.RUNNING)


def _progress(job: RenderJob, percent: int, step: str) -> None:
    _mine(job).update(progress=percent, step=step[:255])


def _fail(job: RenderJob, message: str) -> None:
    _mine(job).update(status=RenderStatus.FAILED, step=STEP_FAILED, error=message, finished_at=timezone.now())
