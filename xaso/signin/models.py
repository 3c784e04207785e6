from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginOutcome(models.TextChoices):
    SUCCESS = "success", "Đăng nhập thành công"
    FAILURE = "failure", "Sai tên đăng nhập hoặc mật khẩu"
    LOCKED_OUT = "locked_out", "Bị khóa do nhập sai nhiều lần"
    OTP_SUCCESS = "otp_success", "Xác thực hai bước thành công"
    OTP_FAILURE = "otp_failure", "Sai mã xác thực hai bước"


class LoginEvent(models.Model):
    """One log-in attempt: who (the account, if the name exists), when, from which address, and how it ended."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="login_events",
    )
    username = models.CharField("tên đăng nhập đã gõ", max_length=150, blank=True)
    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=255, blank=True)
    outcome = models.CharField("kết quả", max_length=16, choices=LoginOutcome.choices)

    class Meta:
        verbose_name = "lần đăng nhập"
        verbose_name_plural = "nhật ký đăng nhập"
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=[o.value for o in LoginOutcome]), name="signin_loginevent_outcome_valid"
            ),
        ]
        indexes = [models.Index(fields=["user", "-at"], name="signin_login_user_at")]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d/%m/%Y %H:%M} {self.get_outcome_display()}"
