"""The lists a commune keeps and the programme's indicators are computed against.

- Person: the officials, civil servants, public employees and workers of each unit
  (the denominator of "100% được tuyên truyền, phổ biến"), with a flag for the officers
  who specialise in communication and grassroots information.
- Acknowledgement: a person's signed confirmation that they were briefed on the
  Resolution outside any logged activity (attendance at an activity is recorded on the
  activity itself).
- VillageProfile: residents and loudspeaker coverage of a village (the denominator of
  "80% người dân tiếp cận").
- GuidingDocument: the Resolution's guiding viewpoints and related documents the commune
  must provide on its platforms.
- ScienceTask: the state-funded science and technology tasks carried out in the commune.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from xaso.units.models import OrgUnit
from xaso.vi.citations import citation

ERR_NEGATIVE = "Số lượng không được âm."


class PersonCategory(models.TextChoices):
    CADRE = "cadre", "Cán bộ"
    CIVIL_SERVANT = "civil_servant", "Công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    WORKER = "worker", "Người lao động"


class Person(models.Model):
    # Denormalised from unit.commune so that commune-wide counts are one indexed equality.
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField("họ và tên", max_length=128)
    category = models.CharField("ngạch, loại", max_length=16, choices=PersonCategory.choices)
    position = models.CharField("chức vụ", max_length=128, blank=True)
    is_communication_officer = models.BooleanField(
        "chuyên trách truyền thông, thông tin cơ sở",
        default=False,
        help_text="Cán bộ, công chức chuyên trách làm công tác truyền thông, thông tin cơ sở (chỉ tiêu 2028–2030).",
    )
    is_active = models.BooleanField("đang công tác", default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the person was first informed, kept by the services (activities.services for
    # attendance, registers.services for acknowledgements) so that "% informed" for a whole
    # province is one scan of this table rather than a join over every attendance record.
    first_attended_on = models.DateField("lần đầu dự hoạt động", null=True, blank=True, editable=False)
    first_trained_on = models.DateField("lần đầu dự đào tạo, bồi dưỡng", null=True, blank=True, editable=False)
    first_acknowledged_on = models.DateField("lần đầu ký xác nhận", null=True, blank=True, editable=False)
    # Kept by learning.services: the first completion of a course counting towards each indicator.
    first_course_informed_on = models.DateField(
        "hoàn thành khóa học về Nghị quyết 57", null=True, blank=True, editable=False
    )
    first_course_trained_on = models.DateField(
        "hoàn thành khóa đào tạo chuyên sâu", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "cán bộ, công chức, viên chức, người lao động"
        verbose_name_plural = "cán bộ, công chức, viên chức, người lao động"
        ordering = ["unit__path", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=[c.value for c in PersonCategory]), name="registers_person_category"
            ),
        ]
        indexes = [models.Index(fields=["commune", "unit"], name="registers_person_scope")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.unit.short_name or self.unit.name})"


class Acknowledgement(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="người xác nhận", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    date = models.DateField("ngày xác nhận")
    document = models.ForeignKey(
        "GuidingDocument",
        verbose_name="văn bản được phổ biến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True, help_text="Ví dụ: ký sổ tiếp nhận văn bản.")

    class Meta:
        verbose_name = "xác nhận đã được phổ biến"
        verbose_name_plural = "xác nhận đã được phổ biến"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.date:%d/%m/%Y}"


class VillageProfile(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.OneToOneField(
        OrgUnit,
        verbose_name="thôn",
        on_delete=models.CASCADE,
        related_name="village_profile",
        limit_choices_to={"kind": "village"},
    )
    households = models.IntegerField("số hộ", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)])
    residents = models.IntegerField("số nhân khẩu", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)])
    has_loudspeaker = models.BooleanField(
        "có cụm loa truyền thanh", default=True, help_text="Cụm loa của Đài Truyền thanh xã phủ sóng thôn."
    )

    class Meta:
        verbose_name = "dân số, truyền thanh của thôn"
        verbose_name_plural = "dân số, truyền thanh của thôn"
        ordering = ["unit__path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(households__gte=0, residents__gte=0), name="registers_village_counts"
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)


class GuidingDocument(models.Model):
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name="xã",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "commune"},
    )
    code = models.CharField("số, ký hiệu", max_length=64, help_text="Ví dụ: 57-NQ/TW.")
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    title = models.TextField("trích yếu")
    url = models.URLField("đường dẫn toàn văn", blank=True)

    class Meta:
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"
        ordering = ["commune", "issued_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="registers_guidingdocument_code"),
        ]

    def __str__(self) -> str:
        return f"{citation(self.code)} ngày {self.issued_on:%d/%m/%Y}"


class ScienceTask(models.Model):
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name="xã",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "commune"},
    )
    code = models.CharField("mã số", max_length=64)
    title = models.TextField("tên nhiệm vụ")
    host = models.CharField("tổ chức chủ trì", max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    is_state_secret = models.BooleanField(
        "thuộc bí mật nhà nước",
        default=False,
        help_text="Nhiệm vụ thuộc bí mật nhà nước không tính vào chỉ tiêu truyền thông.",
    )

    class Meta:
        verbose_name = "nhiệm vụ KH&CN sử dụng ngân sách nhà nước"
        verbose_name_plural = "nhiệm vụ KH&CN sử dụng ngân sách nhà nước"
        ordering = ["commune", "start_year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="registers_sciencetask_code"),
            models.CheckConstraint(
                condition=models.Q(start_year__lte=models.F("end_year")), name="registers_sciencetask_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title[:60]}"
