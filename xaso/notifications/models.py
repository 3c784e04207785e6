"""A message to one person in the back office, optionally also sent by e-mail.

`key` names what the message is about ("reporting.report:7:due:3"): one person gets one
message per key, whatever the number of times a job runs, so a reminder is never repeated.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField("khóa", max_length=200, help_text="Điều thông báo nói tới; mỗi người một lần cho mỗi khóa.")
    subject = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung")
    url = models.CharField("đường dẫn", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc gửi", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    # E-mail goes out after the row is committed; a row whose e-mail failed keeps
    # emailed_at empty and is retried by the next run (the row itself is never re-created).
    wants_email = models.BooleanField("gửi kèm thư điện tử", default=False)
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notifications_once_per_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="notifications_user_unread")]

    def __str__(self) -> str:
        return self.subject
