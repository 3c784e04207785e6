"""Funding of the programme (section IV of the plan): budget lines per year and source, and the
spending charged to them, each for a task of the plan and, where there is one, an activity.

A budget line keeps the running total of what was spent from it (`spent`), changed only by
funding.services in the same transaction as the spending, with one UPDATE … SET spent = spent + x.
The database refuses `spent > amount` (a check constraint), so two spendings saved at the same
moment can never together pass the line, whatever the application believed when it checked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xaso.plans.models import FundingKind, Plan, Task
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_numeric


def dong(value: int) -> str:
    """12500000 -> "12.500.000 đồng"."""
    return f"{value:,}".replace(",", ".") + " đồng"


class BudgetLine(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="budget_lines")
    year = models.PositiveSmallIntegerField("năm")
    source = models.CharField("nguồn kinh phí", max_length=16, choices=FundingKind.choices)
    title = models.CharField(
        "tên khoản dự toán", max_length=255, help_text="Ví dụ: Kinh phí sự nghiệp khoa học và công nghệ năm 2026."
    )
    amount = models.BigIntegerField("dự toán (đồng)", help_text="Số tiền được giao, tính bằng đồng.")
    spent = models.BigIntegerField("đã chi (đồng)", default=0, editable=False)
    basis = models.CharField(
        "căn cứ giao dự toán",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Quyết định số 12/QĐ-UBND ngày 10/01/2026 của UBND xã.",
    )
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "khoản dự toán"
        verbose_name_plural = "dự toán kinh phí"
        ordering = ["-year", "source", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "title"], name="funding_line_title_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_line_amount_not_negative"),
            models.CheckConstraint(condition=models.Q(spent__gte=0), name="funding_line_spent_not_negative"),
            # The guard against spending beyond the line: holds under concurrent writes.
            models.CheckConstraint(
                condition=models.Q(spent__lte=models.F("amount")), name="funding_line_within_amount"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=[k.value for k in FundingKind]), name="funding_line_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def remaining(self) -> int:
        return self.amount - self.spent

    def amount_label(self) -> str:
        return dong(self.amount)

    amount_label.short_description = "Dự toán"  # type: ignore[attr-defined]

    def spent_label(self) -> str:
        return dong(self.spent)

    spent_label.short_description = "Đã chi"  # type: ignore[attr-defined]

    def remaining_label(self) -> str:
        return dong(self.remaining)

    remaining_label.short_description = "Còn lại"  # type: ignore[attr-defined]


class Spending(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    line = models.ForeignKey(
        BudgetLine, verbose_name="khoản dự toán", on_delete=models.PROTECT, related_name="spendings"
    )
    task = models.ForeignKey(
        Task,
        verbose_name="nhiệm vụ của kế hoạch",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Nhiệm vụ mà khoản chi phục vụ; tổng hợp theo nhóm nhiệm vụ lấy từ đây.",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name="hoạt động",
        # An activity deleted with what it recorded (a session entered by mistake) leaves the spending,
        # still charged to its line and task, without the link.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Hoạt động đã ghi nhận mà khoản chi dùng cho, nếu có.",
    )
    date = models.DateField("ngày chi")
    amount = models.BigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung chi", max_length=255)
    voucher = models.CharField("số chứng từ", max_length=64, blank=True, help_text="Số phiếu chi, hóa đơn, nếu có.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "khoản chi"
        verbose_name_plural = "khoản chi"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_spending_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({date_numeric(self.date)})"

    def amount_label(self) -> str:
        return dong(self.amount)

    amount_label.short_description = "Số tiền"  # type: ignore[attr-defined]
