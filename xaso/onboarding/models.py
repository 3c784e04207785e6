"""Bringing a commune on board: who created it, each spreadsheet of its units and people, and
the one-time links with which its people set their passwords."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models

from xaso.units.models import OrgUnit


def private_storage() -> Storage:
    # A list of names, e-mail addresses and roles: never under MEDIA_ROOT.
    return storages["private"]


def roster_path(roster: RosterImport, filename: str) -> str:
    return f"danh-sach-don-vi/{roster.commune_id}/{roster.created_at:%Y%m%d-%H%M%S}-{filename}"


class OnboardedCommune(models.Model):
    """A commune a province officer created, with its code in the national list when it has one."""

    commune = models.OneToOneField(
        OrgUnit, verbose_name="xã", on_delete=models.CASCADE, related_name="onboarding", primary_key=True
    )
    official_code = models.PositiveIntegerField(
        "mã đơn vị hành chính", null=True, blank=True, unique=True, help_text="Mã của Cục Thống kê (sau 01/7/2025)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "xã được đưa lên Xã số"
        verbose_name_plural = "xã được đưa lên Xã số"

    def __str__(self) -> str:
        return str(self.commune)


class RosterImport(models.Model):
    """One spreadsheet of a commune's units and people, imported whole."""

    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="roster_imports")
    filename = models.CharField("tên tệp", max_length=255)
    # Stored by the import once xaso/onboarding/roster.py has checked the workbook: never a form's field.
    file = models.FileField(
        "tệp", storage=private_storage, upload_to=roster_path, max_length=255, blank=True, editable=False
    )
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    units_created = models.PositiveIntegerField("đơn vị mới", default=0)
    units_updated = models.PositiveIntegerField("đơn vị cập nhật", default=0)
    people_created = models.PositiveIntegerField("người dùng mới", default=0)
    roles_granted = models.PositiveIntegerField("vai trò được giao", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lượt nhập đơn vị, người dùng"
        verbose_name_plural = "lượt nhập đơn vị, người dùng"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.commune})"


class Delivery(models.TextChoices):
    EMAIL = "email", "Thư điện tử"
    PRINT = "print", "Phiếu in có mã QR"


class SetupLink(models.Model):
    """A one-time link that lets a person set their password. Only the SHA-256 of its secret is
    kept: the link itself exists in the e-mail or on the printed sheet, nowhere else."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="setup_links"
    )
    # The unit the person was brought in for: who may see and re-issue the link follows it.
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="setup_links")
    token_hash = models.CharField("mã băm", max_length=64, unique=True, editable=False)
    delivery = models.CharField("gửi bằng", max_length=8, choices=Delivery.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đường dẫn thiết lập mật khẩu"
        verbose_name_plural = "đường dẫn thiết lập mật khẩu"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delivery__in=[k.value for k in Delivery]), name="onboarding_setuplink_delivery"
            ),
            models.CheckConstraint(
                condition=models.Q(used_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="onboarding_setuplink_used_or_revoked",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="onboarding_link_user_created")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_delivery_display()})"
