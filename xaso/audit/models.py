"""The audit trail: who did what to which row, when, in which commune — every write.
(Log-ins are xaso/signin's record, shown beside it.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "Thêm"
    CHANGE = "change", "Sửa"
    DELETE = "delete", "Xóa"
    IMPORT = "import", "Nhập từ tệp"


class AuditEntry(models.Model):
    at = models.DateTimeField("lúc", db_index=True)
    action = models.CharField("thao tác", max_length=16, choices=AuditAction.choices)
    # Who: kept as text too, so that the entry outlives the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField("người thực hiện", max_length=200, blank=True)
    address = models.GenericIPAddressField("địa chỉ máy", null=True, blank=True)
    # What: the kind of row, its id and its title at the time.
    model = models.CharField("loại dữ liệu", max_length=100, blank=True)
    object_id = models.CharField("mã", max_length=64, blank=True)
    title = models.CharField("nội dung", max_length=255, blank=True)
    # Where: the commune (and unit) the row belongs to, as the access declaration says.
    commune = models.ForeignKey(
        "units.OrgUnit", verbose_name="xã", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "units.OrgUnit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField("chi tiết", default=dict, blank=True)

    class Meta:
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký thao tác"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["commune", "-at"], name="audit_commune_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=[a.value for a in AuditAction]), name="audit_auditentry_action_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.title}".strip()
