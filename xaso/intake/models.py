"""A plan's document read in the background into a draft the programme owner checks and confirms."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator
from django.db import models

from xaso.units.models import OrgUnit


def private_storage() -> Storage:
    # A commune's draft plan is not public until confirmed: the uploaded document lives outside
    # MEDIA_ROOT and is downloaded only through a view that checks the person's scope.
    return storages["private"]


def source_path(draft: PlanDraft, filename: str) -> str:
    return f"ke-hoach-tu-van-ban/{draft.created_at:%Y}/{draft.pk}/{filename}"


class DraftStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang đọc văn bản"
    READY = "ready", "Chờ kiểm tra, xác nhận"
    FAILED = "failed", "Không đọc được"
    CONFIRMED = "confirmed", "Đã thành kế hoạch của xã"


class SourceKind(models.TextChoices):
    DOCX = "docx", "Văn bản Word (DOCX)"
    PDF = "pdf", "Tệp PDF"
    IMAGE = "image", "Ảnh chụp, bản quét"
    TEXT = "text", "Văn bản dán vào"


class PlanDraft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="plan_drafts")
    title = models.CharField("tên văn bản", max_length=255)
    source_kind = models.CharField("loại văn bản gốc", max_length=8, choices=SourceKind.choices)
    # Stored by draft_create once xaso/intake/sources.py has checked its content: never a form's field.
    source = models.FileField(
        "văn bản gốc", storage=private_storage, upload_to=source_path, max_length=255, blank=True, editable=False
    )
    source_size = models.PositiveIntegerField("dung lượng (byte)", default=0)
    # How the text was obtained ("docx", "pdf", "ocr", "text") and restored ("as_is", "plain", "ocr").
    extraction = models.CharField("cách lấy chữ", max_length=8, blank=True)
    text_mode = models.CharField("khôi phục dấu", max_length=8, blank=True)
    lines: Any = models.JSONField("các dòng văn bản", default=list, blank=True)
    restored_words: Any = models.JSONField("từ được khôi phục dấu", default=list, blank=True)
    draft: Any = models.JSONField("bản nháp kế hoạch", default=dict, blank=True)
    # Unit names as the document writes them -> {"units": [codes], "how": ..., "chosen": bool}.
    unit_map: Any = models.JSONField("khớp tên đơn vị", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=DraftStatus.choices, default=DraftStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0, validators=[MaxValueValidator(100)])
    step = models.CharField("bước đang làm", max_length=255, blank=True)
    error = models.TextField("lỗi", blank=True)
    attempt = models.PositiveIntegerField("lần chạy", default=0, editable=False)
    task_result_id = models.CharField("mã tác vụ nền", max_length=64, blank=True)
    # Every correction bumps it; a form based on an older version is refused (two tabs, two people).
    version = models.PositiveIntegerField("phiên bản", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu đọc lúc", null=True, blank=True)
    finished_at = models.DateTimeField("đọc xong lúc", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa gần nhất",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("sửa lúc", null=True, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name="kế hoạch đã xác nhận",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)

    class Meta:
        verbose_name = "kế hoạch từ văn bản"
        verbose_name_plural = "kế hoạch từ văn bản"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in DraftStatus]), name="intake_draft_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(source_kind__in=[s.value for s in SourceKind]), name="intake_draft_kind_valid"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="intake_draft_progress_max"),
            models.CheckConstraint(
                condition=~models.Q(status__in=[DraftStatus.READY, DraftStatus.CONFIRMED]) | models.Q(progress=100),
                name="intake_draft_ready_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(status=DraftStatus.CONFIRMED, confirmed_at__isnull=False)
                | (~models.Q(status=DraftStatus.CONFIRMED) & models.Q(confirmed_at__isnull=True)),
                name="intake_draft_confirmed_when",
            ),
        ]
        indexes = [models.Index(fields=["commune", "-created_at"], name="intake_draft_commune_created")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status not in (DraftStatus.QUEUED, DraftStatus.RUNNING)
