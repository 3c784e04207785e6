"""The community digital technology team (tổ công nghệ số cộng đồng) of each village.

- TeamMember: who is on the team — a name, a role in the team and, if the village wants it,
  a phone number. Nothing else about a person.
- SupportVisit: a visit of team members to help residents (sell online, pay without cash,
  use online public services); each visit is also recorded as an activity of the village.
- HouseholdSnapshot (+ PlatformCount): at the end of a month, how many households of the
  village sell on each e-commerce platform and how many pay without cash.
- Platform: the commune's short, editable list of e-commerce platforms (Postmart, Voso…).

Privacy: about households the village keeps counts only — never a name, an address, an ID
number, a bank account or a shop link. The plan asks the village to help households sell
online and pay without cash; counting them is all the programme needs to follow that, and
a list of who has money where is exactly what must not leak from a shared back office.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from xaso.activities.models import RecordedAsActivity, recorded_evidence_field
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_numeric

ERR_NEGATIVE = "Số hộ không được âm."


class Platform(models.Model):
    commune = models.ForeignKey(
        OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": "commune"}
    )
    name = models.CharField("tên sàn", max_length=64, help_text="Ví dụ: Postmart, Voso, Shopee.")
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang theo dõi", default=True, help_text="Bỏ chọn để thôi hỏi số hộ trên sàn này.")

    class Meta:
        verbose_name = "sàn thương mại điện tử"
        verbose_name_plural = "sàn thương mại điện tử"
        ordering = ["commune", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="villages_platform_name_unique")]

    def __str__(self) -> str:
        return self.name


class TeamRole(models.TextChoices):
    LEADER = "leader", "Tổ trưởng"
    DEPUTY = "deputy", "Tổ phó"
    MEMBER = "member", "Thành viên"


def role_rank() -> models.Case:
    """Leader, deputy, then members: the order a village lists its team."""
    return models.Case(
        *(models.When(role=role, then=models.Value(rank)) for rank, role in enumerate(TeamRole)),
        default=models.Value(len(TeamRole)),
        output_field=models.IntegerField(),
    )


class TeamMember(models.Model):
    # Denormalised from village.commune by the services: commune-wide lists are one equality.
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name="thôn",
        on_delete=models.PROTECT,
        related_name="team_members",
        limit_choices_to={"kind": "village"},
    )
    full_name = models.CharField("họ và tên", max_length=128)
    role = models.CharField("vai trò trong tổ", max_length=16, choices=TeamRole.choices, default=TeamRole.MEMBER)
    phone = models.CharField(
        "điện thoại",
        max_length=20,
        blank=True,
        help_text="Không bắt buộc; chỉ ghi khi thành viên đồng ý để bà con liên hệ.",
    )
    is_active = models.BooleanField("đang tham gia", default=True)

    class Meta:
        verbose_name = "thành viên tổ công nghệ số"
        verbose_name_plural = "thành viên tổ công nghệ số"
        ordering = ["village__path", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in TeamRole]), name="villages_member_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display().lower()})"


class SupportVisit(RecordedAsActivity):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name="thôn",
        on_delete=models.PROTECT,
        related_name="support_visits",
        limit_choices_to={"kind": "village"},
    )
    date = models.DateField("ngày hỗ trợ")
    members = models.ManyToManyField(TeamMember, verbose_name="thành viên đi hỗ trợ", related_name="visits")
    work = models.TextField("đã hỗ trợ việc gì", help_text="Ví dụ: hướng dẫn 6 hộ đăng bán măng khô trên Postmart.")
    helped_ecommerce = models.BooleanField("bán hàng trên sàn thương mại điện tử", default=False)
    helped_cashless = models.BooleanField("thanh toán không dùng tiền mặt", default=False)
    helped_online_services = models.BooleanField("dịch vụ công trực tuyến, VNeID", default=False)
    households_helped = models.IntegerField(
        "số hộ được hỗ trợ", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)], help_text="Chỉ ghi số hộ."
    )
    evidence = recorded_evidence_field(folder="to-cong-nghe-so")

    # Counted as an activity of the village (source "villages.visit:<pk>"), kept by the services.
    source_prefix = "villages.visit"

    class Meta:
        verbose_name = "buổi hỗ trợ của tổ công nghệ số"
        verbose_name_plural = "buổi hỗ trợ của tổ công nghệ số"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(households_helped__gte=0), name="villages_visit_households"),
        ]
        indexes = [models.Index(fields=["village", "date"], name="villages_visit_village_date")]

    def __str__(self) -> str:
        return f"{self.village} — {date_numeric(self.date)}"

    def helped_labels(self) -> list[str]:
        return [label for name, label in HELPED_WITH.items() if getattr(self, name)]


HELPED_WITH = {
    "helped_ecommerce": "Bán hàng trên sàn thương mại điện tử",
    "helped_cashless": "Thanh toán không dùng tiền mặt",
    "helped_online_services": "Dịch vụ công trực tuyến, VNeID",
}


class HouseholdSnapshot(models.Model):
    """Households of a village at the end of `month` (always the first day of that month)."""

    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name="thôn",
        on_delete=models.PROTECT,
        related_name="household_snapshots",
        limit_choices_to={"kind": "village"},
    )
    month = models.DateField("tháng")
    ecommerce_households = models.IntegerField(
        "số hộ bán hàng trên sàn thương mại điện tử",
        default=0,
        validators=[MinValueValidator(0, ERR_NEGATIVE)],
        help_text="Mỗi hộ tính một lần, dù bán trên nhiều sàn.",
    )
    cashless_households = models.IntegerField(
        "số hộ thanh toán không dùng tiền mặt",
        default=0,
        validators=[MinValueValidator(0, ERR_NEGATIVE)],
        help_text="Hộ có dùng chuyển khoản, quét mã QR hoặc ví điện tử để mua bán, trả tiền.",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "số hộ bán hàng trực tuyến, thanh toán không dùng tiền mặt"
        verbose_name_plural = "số hộ bán hàng trực tuyến, thanh toán không dùng tiền mặt"
        ordering = ["village__path", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["village", "month"], name="villages_snapshot_month_unique"),
            models.CheckConstraint(
                condition=models.Q(ecommerce_households__gte=0, cashless_households__gte=0),
                name="villages_snapshot_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} — tháng {self.month.month}/{self.month.year}"


class PlatformCount(models.Model):
    snapshot = models.ForeignKey(HouseholdSnapshot, on_delete=models.CASCADE, related_name="platform_counts")
    platform = models.ForeignKey(Platform, verbose_name="sàn", on_delete=models.PROTECT, related_name="counts")
    households = models.IntegerField("số hộ", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)])

    class Meta:
        verbose_name = "số hộ trên một sàn"
        verbose_name_plural = "số hộ trên từng sàn"
        ordering = ["platform__sort_order", "platform__name"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "platform"], name="villages_platformcount_unique"),
            models.CheckConstraint(condition=models.Q(households__gte=0), name="villages_platformcount_households"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}: {self.households}"
