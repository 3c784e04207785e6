"""A programme plan (Kế hoạch): identity, purposes, targets with yearly milestones,
tasks in groups with lead and coordinating units, funding, responsibilities,
reporting duty and recipients. The seed plan 33/KH-UBND is one instance.

Plan, Target and Task keep revisions (who changed what, when); their small parts
(legal bases, milestones, task units...) travel inside the parent's revision.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin

from xaso.units.models import OrgUnit
from xaso.vi.citations import citation

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Plan(RevisionMixin, ClusterableModel):
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name="xã",
        on_delete=models.PROTECT,
        related_name="plans",
        limit_choices_to={"kind": "commune"},
    )
    code = models.CharField("số, ký hiệu", max_length=64, help_text="Ví dụ: 33/KH-UBND.")
    document_type = models.CharField("loại văn bản", max_length=64, default="KẾ HOẠCH")
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    issuer_header = models.TextField(
        "tên cơ quan ở góc trái", help_text="Mỗi dòng một dòng chữ in hoa, ví dụ: ỦY BAN NHÂN DÂN / XÃ HOÀNG VĂN THỤ."
    )
    place = models.CharField("địa danh", max_length=128, help_text="Địa danh ghi trước ngày tháng văn bản.")
    issued_on = models.DateField("ngày ban hành")
    title = models.TextField("trích yếu")
    start_year = models.PositiveSmallIntegerField("từ năm", validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField("đến năm", validators=YEAR_VALIDATORS)
    signer_authority = models.CharField("quyền hạn ký", max_length=64, blank=True, help_text="Ví dụ: KT. CHỦ TỊCH.")
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True, help_text="Ví dụ: PHÓ CHỦ TỊCH.")
    signer_name = models.CharField("họ và tên người ký", max_length=128, blank=True)
    preamble = models.TextField("phần mở đầu", blank=True, help_text="Mỗi đoạn một dòng.")
    objectives_heading = models.CharField("tiêu đề phần mục tiêu", max_length=255, default="MỤC TIÊU CHƯƠNG TRÌNH")
    general_objective = models.TextField("mục tiêu chung")
    funding_text = models.TextField("kinh phí")
    reporting_text = models.TextField("chế độ báo cáo", help_text="Nguyên văn yêu cầu báo cáo của kế hoạch.")
    reporting_ad_hoc = models.BooleanField("có báo cáo đột xuất khi được yêu cầu", default=True)
    reporting_via = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị tổng hợp báo cáo",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reporting_recipient = models.ForeignKey(
        OrgUnit,
        verbose_name="cơ quan nhận báo cáo",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    closing = models.TextField("đoạn kết", blank=True)
    is_active = models.BooleanField("đang thực hiện", default=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issued_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="plans_plan_code_unique"),
            models.CheckConstraint(condition=models.Q(start_year__lte=models.F("end_year")), name="plans_plan_years"),
        ]

    def __str__(self) -> str:
        return f"Kế hoạch số {self.code}"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.start_year > self.end_year:
            raise ValidationError({"end_year": "Năm kết thúc không được trước năm bắt đầu."})

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def issuer_header_lines(self) -> list[str]:
        return [line for line in self.issuer_header.splitlines() if line.strip()]

    @property
    def preamble_paragraphs(self) -> list[str]:
        return [line for line in self.preamble.splitlines() if line.strip()]


class LegalBasis(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    code = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    summary = models.TextField("trích yếu")

    class Meta(Orderable.Meta):
        verbose_name = "căn cứ"
        verbose_name_plural = "căn cứ"

    def __str__(self) -> str:
        return self.code

    @property
    def citation(self) -> str:
        """The basis as a document cites it: "Quyết định số 1169/QĐ-TTg"."""
        return citation(self.code)


class Purpose(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="purposes")
    text = models.TextField("nội dung")

    class Meta(Orderable.Meta):
        verbose_name = "mục đích, yêu cầu"
        verbose_name_plural = "mục đích, yêu cầu"

    def __str__(self) -> str:
        return self.text[:80]


class FundingKind(models.TextChoices):
    STATE_BUDGET = "state_budget", "Ngân sách nhà nước cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    INTEGRATED = "integrated", "Lồng ghép chương trình, đề án, kế hoạch khác"
    SOCIALISED = "socialised", "Xã hội hóa và nguồn hợp pháp khác"


class FundingSource(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField("loại nguồn", max_length=16, choices=FundingKind.choices)
    text = models.TextField("nội dung")

    class Meta(Orderable.Meta):
        verbose_name = "nguồn kinh phí"
        verbose_name_plural = "nguồn kinh phí"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in FundingKind]), name="plans_funding_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ResponsibilityKind(models.TextChoices):
    OFFICE = "office", "Một phòng, đơn vị"
    OFFICES = "offices", "Các phòng chuyên môn, đơn vị thuộc UBND xã"
    SCHOOLS = "schools", "Các trường học"
    VILLAGES = "villages", "Các thôn"


class Responsibility(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="responsibilities")
    heading = models.CharField("tiêu đề", max_length=255)
    unit_kind = models.CharField("đối tượng", max_length=16, choices=ResponsibilityKind.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Khi trách nhiệm giao cho một đơn vị cụ thể.",
    )
    items = models.TextField("nhiệm vụ", help_text="Mỗi nhiệm vụ một dòng.")

    class Meta(Orderable.Meta):
        verbose_name = "trách nhiệm thực hiện"
        verbose_name_plural = "trách nhiệm thực hiện"

    def __str__(self) -> str:
        return self.heading

    @property
    def item_list(self) -> list[str]:
        return [line for line in self.items.splitlines() if line.strip()]


class ReportingDeadline(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="reporting_deadlines")
    month = models.PositiveSmallIntegerField("tháng", validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField("trước ngày", validators=[MinValueValidator(1), MaxValueValidator(31)])
    label = models.CharField("tên kỳ báo cáo", max_length=128)

    class Meta(Orderable.Meta):
        verbose_name = "hạn báo cáo định kỳ"
        verbose_name_plural = "hạn báo cáo định kỳ"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="plans_deadline_date_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} (trước ngày {self.day:02d}/{self.month:02d})"


class Recipient(Orderable):
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField("nơi nhận", max_length=255)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = "nơi nhận"
        verbose_name_plural = "nơi nhận"

    def __str__(self) -> str:
        return self.text


class IndicatorKey(models.TextChoices):
    """The measurable meaning of each target; indicators compute these (see the indicators app)."""

    SECTION_MAINTAINED = "section_maintained", "Kế hoạch ban hành, chuyên mục được duy trì"
    OFFICIALS_INFORMED_PCT = (
        "officials_informed_pct",
        "Tỷ lệ cán bộ, công chức, viên chức, người lao động được phổ biến",
    )
    GUIDING_DOCUMENTS_PCT = "guiding_documents_pct", "Tỷ lệ văn bản chỉ đạo được cung cấp trên nền tảng số"
    HONOUR_ACTIVITIES = "honour_activities", "Số hoạt động ghi nhận, tôn vinh"
    QUALITY_MAINTAINED = "quality_maintained", "Duy trì, nâng cao chất lượng truyền thông"
    TRAINING_ACTIVITIES = "training_activities", "Số chương trình đào tạo, bồi dưỡng"
    STATE_TASKS_COMMUNICATED_PCT = (
        "state_tasks_communicated_pct",
        "Tỷ lệ nhiệm vụ KH&CN sử dụng ngân sách nhà nước được truyền thông",
    )
    RESIDENTS_REACHED_PCT = "residents_reached_pct", "Tỷ lệ người dân tiếp cận qua hệ thống thông tin cơ sở"
    OFFICERS_TRAINED_PCT = "officers_trained_pct", "Tỷ lệ cán bộ chuyên trách truyền thông được đào tạo chuyên sâu"


class Target(RevisionMixin, ClusterableModel):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="targets")
    code = models.CharField("mã", max_length=32, help_text="Ví dụ: MT-2025-1.")
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    period_start = models.PositiveSmallIntegerField("từ năm", validators=YEAR_VALIDATORS)
    period_end = models.PositiveSmallIntegerField("đến năm", validators=YEAR_VALIDATORS)
    text = models.TextField("nội dung chỉ tiêu")
    indicator = models.CharField("chỉ số đo", max_length=40, choices=IndicatorKey.choices)

    class Meta:
        verbose_name = "mục tiêu cụ thể"
        verbose_name_plural = "mục tiêu cụ thể"
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_target_code_unique"),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")), name="plans_target_period"
            ),
            models.CheckConstraint(
                condition=models.Q(indicator__in=[k.value for k in IndicatorKey]), name="plans_target_indicator_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": "Năm kết thúc không được trước năm bắt đầu."})

    def milestones_summary(self) -> str:
        return "; ".join(f"{m.year}: {m.label}" for m in self.milestones.all())

    milestones_summary.short_description = "Mốc"  # type: ignore[attr-defined]

    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return f"Năm {self.period_start}"
        return f"Năm {self.period_start} đến năm {self.period_end}"

    period_label.short_description = "Giai đoạn"  # type: ignore[attr-defined]

    @property
    def period_key(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}-{self.period_end}"


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", "Ít nhất (≥)"
    AT_MOST = "at_most", "Nhiều nhất (≤)"
    EQUAL = "equal", "Bằng (=)"
    DONE = "done", "Hoàn thành (định tính)"


class Milestone(Orderable):
    target = ParentalKey(Target, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField("năm", validators=YEAR_VALIDATORS)
    value = models.DecimalField(
        "giá trị", max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField("đơn vị tính", max_length=32, blank=True, help_text="Ví dụ: %, hoạt động, khóa học.")
    comparison = models.CharField("so sánh", max_length=16, choices=Comparison.choices, default=Comparison.AT_LEAST)

    class Meta(Orderable.Meta):
        verbose_name = "mốc hằng năm"
        verbose_name_plural = "mốc hằng năm"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="plans_milestone_year_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(comparison="done", value__isnull=True)
                    | models.Q(~models.Q(comparison="done"), value__isnull=False)
                ),
                name="plans_milestone_value_matches_comparison",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0), name="plans_milestone_value_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.label}"

    def clean(self) -> None:
        if self.comparison == Comparison.DONE and self.value is not None:
            raise ValidationError({"value": "Chỉ tiêu định tính không có giá trị số."})
        if self.comparison != Comparison.DONE and self.value is None:
            raise ValidationError({"value": "Cần nhập giá trị cho chỉ tiêu định lượng."})

    @property
    def label(self) -> str:
        """ "100%", "ít nhất 80%", "ít nhất 1 hoạt động", "hoàn thành"."""
        if self.comparison == Comparison.DONE or self.value is None:
            return "hoàn thành"
        number = f"{self.value.normalize():f}".replace(".", ",")
        amount = f"{number}%" if self.unit == "%" else f"{number} {self.unit}".strip()
        if self.comparison == Comparison.AT_LEAST and not (self.unit == "%" and self.value >= 100):
            return f"ít nhất {amount}"
        if self.comparison == Comparison.AT_MOST:
            return f"không quá {amount}"
        return amount


class TaskGroupKey(models.TextChoices):
    MASS_MEDIA = "mass_media", "Phương tiện thông tin đại chúng, thông tin cơ sở, mạng xã hội"
    SCHOOLS = "schools", "Trường học"
    ENTERPRISES = "enterprises", "Doanh nghiệp"


class TaskGroup(RevisionMixin, models.Model):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="task_groups")
    number = models.PositiveSmallIntegerField("số thứ tự")
    key = models.CharField("nhóm", max_length=16, choices=TaskGroupKey.choices)
    title = models.TextField("tên nhóm nhiệm vụ")

    class Meta:
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plans_taskgroup_number_unique"),
            models.UniqueConstraint(fields=["plan", "key"], name="plans_taskgroup_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.get_key_display()}"


class Recurrence(models.TextChoices):
    ONCE = "once", "Một lần"
    CONTINUOUS = "continuous", "Thường xuyên"
    ANNUAL = "annual", "Hằng năm"
    SEMIANNUAL = "semiannual", "6 tháng một lần"
    QUARTERLY = "quarterly", "Hằng quý"
    MONTHLY = "monthly", "Hằng tháng"


class Task(RevisionMixin, ClusterableModel):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="tasks")
    # RESTRICT, not PROTECT: a group cannot be deleted while it has tasks, but deleting the
    # whole plan removes groups and tasks together.
    group = models.ForeignKey(TaskGroup, verbose_name="nhóm nhiệm vụ", on_delete=models.RESTRICT, related_name="tasks")
    code = models.CharField("mã", max_length=32, help_text="Ví dụ: NV-1.1.")
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung nhiệm vụ, giải pháp")
    recurrence = models.CharField("tần suất", max_length=16, choices=Recurrence.choices, default=Recurrence.CONTINUOUS)
    deadline = models.DateField("thời hạn", null=True, blank=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "group__number", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_task_code_unique"),
            models.CheckConstraint(
                condition=models.Q(recurrence__in=[k.value for k in Recurrence]), name="plans_task_recurrence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    def clean(self) -> None:
        if self.group_id and self.plan_id and self.group.plan_id != self.plan_id:
            raise ValidationError({"group": "Nhóm nhiệm vụ thuộc kế hoạch khác."})

    def lead_summary(self) -> str:
        return ", ".join(unit.short_name or unit.name for unit in self.lead_units)

    lead_summary.short_description = "Chủ trì"  # type: ignore[attr-defined]

    def units_with_role(self, role: str) -> list[OrgUnit]:
        return [link.unit for link in self.task_units.all() if link.role == role]

    @property
    def lead_units(self) -> list[OrgUnit]:
        return self.units_with_role(TaskUnitRole.LEAD)

    @property
    def coordinating_units(self) -> list[OrgUnit]:
        return self.units_with_role(TaskUnitRole.COORDINATING)


class TaskUnitRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COORDINATING = "coordinating", "Phối hợp"


class TaskUnit(Orderable):
    task = ParentalKey(Task, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="task_links")
    role = models.CharField("vai trò", max_length=16, choices=TaskUnitRole.choices)

    class Meta(Orderable.Meta):
        verbose_name = "đơn vị thực hiện"
        verbose_name_plural = "đơn vị thực hiện"
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="plans_taskunit_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=[k.value for k in TaskUnitRole]), name="plans_taskunit_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"
