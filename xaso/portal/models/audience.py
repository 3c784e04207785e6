"""Who an article is written for: a short controlled list, so readers can filter by it."""

from __future__ import annotations

from django.db import models


class Audience(models.Model):
    name = models.CharField("tên đối tượng", max_length=120, unique=True, help_text="Ví dụ: Học sinh, giáo viên.")
    slug = models.SlugField(
        "mã trên địa chỉ trang",
        max_length=64,
        unique=True,
        help_text="Chữ không dấu, nối bằng gạch ngang, dùng trong địa chỉ lọc bài, ví dụ: hoc-sinh-giao-vien.",
    )
    description = models.CharField(
        "mô tả", max_length=255, blank=True, help_text="Ai thuộc đối tượng này (không bắt buộc)."
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước.")

    class Meta:
        verbose_name = "đối tượng bạn đọc"
        verbose_name_plural = "đối tượng bạn đọc"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
