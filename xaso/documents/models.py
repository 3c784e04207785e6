"""A document rendering that runs in the background: what was asked, how far it is, its files."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator
from django.db import models

from xaso.units.models import OrgUnit


def private_storage() -> Storage:
    # Reports are not public: they live outside MEDIA_ROOT (which Django serves to anyone in a
    # one-machine deployment) and are downloaded through a view that checks the person's scope.
    return storages["private"]


def job_file_path(job: RenderJob, filename: str) -> str:
    return f"van-ban/{job.created_at:%Y}/{job.pk}/{filename}"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thành công"


class FileKind(models.TextChoices):
    DOCX = "docx", "Văn bản Word (DOCX)"
    PDF = "pdf", "Bản PDF"
    XLSX = "xlsx", "Phụ lục số liệu (XLSX)"


class RenderJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    builder = models.CharField("loại văn bản", max_length=100, help_text="Tên bộ dựng nội dung đã đăng ký.")
    params: Any = models.JSONField("tham số", default=dict, blank=True)
    title = models.CharField("tên văn bản", max_length=255)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="render_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người yêu cầu",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    want_pdf = models.BooleanField("tạo bản PDF", default=True)
    status = models.CharField("trạng thái", max_length=16, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0, validators=[MaxValueValidator(100)])
    step = models.CharField("bước đang làm", max_length=255, blank=True)
    error = models.TextField("lỗi", blank=True)
    docx = models.FileField("tệp DOCX", storage=private_storage, upload_to=job_file_path, blank=True, max_length=255)
    pdf = models.FileField("tệp PDF", storage=private_storage, upload_to=job_file_path, blank=True, max_length=255)
    xlsx = models.FileField("tệp XLSX", storage=private_storage, upload_to=job_file_path, blank=True, max_length=255)
    attempt = models.PositiveIntegerField("lần chạy", default=0, editable=False)
    # Still waiting for the office's own text (documents.numbering.is_draft): never numbered nor sent.
    is_draft = models.BooleanField("dự thảo", default=False, editable=False)
    task_result_id = models.CharField("mã tác vụ nền", max_length=64, blank=True)
    created_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    # Written every few seconds by the worker running it: a silent running job lost its worker.
    heartbeat_at = models.DateTimeField("lần cuối tiến trình còn chạy", null=True, blank=True, editable=False)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lượt tạo văn bản"
        verbose_name_plural = "lượt tạo văn bản"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RenderStatus]), name="documents_renderjob_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="documents_renderjob_progress_max"),
            models.CheckConstraint(
                condition=~models.Q(status=RenderStatus.DONE) | models.Q(progress=100),
                name="documents_renderjob_done_complete",
            ),
        ]
        indexes = [models.Index(fields=["unit", "-created_at"], name="documents_job_unit_created")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (RenderStatus.DONE, RenderStatus.FAILED)

    def file_for(self, kind: str) -> Any:
        """The FieldFile of `kind` ("docx", "pdf", "xlsx"), empty if it was not made."""
        return getattr(self, FileKind(kind).value)
