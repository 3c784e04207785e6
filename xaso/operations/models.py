"""What operations keeps in the database: the last sign of life of each background process."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """One row per long-running process kind (the scheduler), updated each round; /healthz reads it."""

    name = models.CharField("tiến trình", max_length=64, unique=True)
    beat_at = models.DateTimeField("lần cuối còn chạy")

    class Meta:
        verbose_name = "nhịp tiến trình nền"
        verbose_name_plural = "nhịp tiến trình nền"

    def __str__(self) -> str:
        return self.name
