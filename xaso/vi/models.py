"""The reading dictionary: how each abbreviation is said aloud on the loudspeakers.

Shared entries (no commune) are seeded with common administrative abbreviations; a commune
adds or overrides its own (a village's name, a local organisation) without touching others.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from xaso.units.models import OrgUnit


class Abbreviation(models.Model):
    text = models.CharField(
        "chữ viết tắt",
        max_length=32,
        help_text="Đúng như viết trong bài, phân biệt chữ hoa, chữ thường. Ví dụ: UBND, KH&CN, TTg.",
    )
    expansion = models.CharField(
        "đọc là", max_length=255, help_text="Cách phát thanh viên đọc, ví dụ: Ủy ban nhân dân."
    )
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "commune"},
        help_text="Để trống: dùng chung cho mọi xã.",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "chữ viết tắt (cách đọc)"
        verbose_name_plural = "từ điển đọc chữ viết tắt"
        ordering = ["text"]
        constraints = [
            models.UniqueConstraint(fields=["text"], condition=Q(commune__isnull=True), name="vi_abbr_shared_unique"),
            models.UniqueConstraint(
                fields=["text", "commune"], condition=Q(commune__isnull=False), name="vi_abbr_commune_unique"
            ),
            models.CheckConstraint(condition=~Q(text="") & ~Q(expansion=""), name="vi_abbr_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.expansion}"
