"""Who an article is written for: a short controlled list, so readers can filter by it.

A commune keeps its own list; entries with no commune are shared by every portal of the
deployment and only the platform's operators change them."""

from __future__ import annotations

from django.db import models


class Audience(models.Model):
    commune = models.ForeignKey(
        "units.OrgUnit",
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "commune"},
        help_text="Xã dùng danh mục này; để trống là danh mục chung của mọi xã (chỉ quản trị hệ thống sửa).",
    )
    name = models.CharField("tên đối tượng", max_length=120, help_text="Ví dụ: Học sinh, giáo viên.")
    slug = models.SlugField(
        "mã trên địa chỉ trang",
        max_length=64,
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
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="portal_audience_commune_slug_unique"),
            models.UniqueConstraint(fields=["commune", "name"], name="portal_audience_commune_name_unique"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(commune__isnull=True), name="portal_audience_shared_slug_unique"
            ),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(commune__isnull=True), name="portal_audience_shared_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
