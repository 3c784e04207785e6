"""What units did for the programme: activities with their counts, tasks and evidence.

Counts live in the database with their rules (non-negative, sub-counts within the
participants, end after start) so that every writer — the back office, the XLSX
import, the portal and the channels through activities.services — obeys them.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from xaso.access.storage import RandomName, protected_storage
from xaso.activities.evidence import EVIDENCE_HELP, EvidenceKind, validate_evidence_file
from xaso.activities.rules import count_problems, date_problems, kind_problems, programme_years
from xaso.plans.models import Task
from xaso.registers.models import GuidingDocument, Person, ScienceTask
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_numeric

ERR_NEGATIVE = "Số lượng không được âm."


class ActivityKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "Tin, bài trên trang thông tin điện tử"
    SOCIAL_POST = "social_post", "Bài đăng mạng xã hội (Zalo, Facebook…)"
    LOUDSPEAKER = "loudspeaker", "Phát thanh trên hệ thống truyền thanh"
    CONFERENCE = "conference", "Hội nghị, tọa đàm"
    TRAINING = "training", "Đào tạo, bồi dưỡng"
    EXTRACURRICULAR = "extracurricular", "Hoạt động ngoại khóa trong trường học"
    CLUB = "club", "Sinh hoạt câu lạc bộ"
    CONTEST = "contest", "Cuộc thi, diễn đàn"
    ENTERPRISE_SESSION = "enterprise_session", "Phổ biến cho doanh nghiệp"
    SHOWCASE = "showcase", "Giới thiệu mô hình, sáng kiến"
    COMMENDATION = "commendation", "Ghi nhận, tôn vinh, khen thưởng"
    DIGITAL_SUPPORT = "digital_support", "Hỗ trợ thương mại điện tử, thanh toán không dùng tiền mặt (tổ công nghệ số)"
    OTHER = "other", "Hoạt động khác"


# Kinds that put content in front of the public: they count as "providing" a guiding
# document or a science task on the commune's platforms, media and social networks.
PUBLICATION_KINDS = frozenset({ActivityKind.NEWS_ARTICLE, ActivityKind.SOCIAL_POST, ActivityKind.LOUDSPEAKER})


class Audience(models.TextChoices):
    OFFICIALS = "officials", "Cán bộ, công chức, viên chức, người lao động"
    SCHOOLS = "schools", "Giáo viên và học sinh"
    ENTERPRISES = "enterprises", "Doanh nghiệp"
    RESIDENTS = "residents", "Người dân"


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", "Nháp (chưa tính vào chỉ tiêu)"
    RECORDED = "recorded", "Đã thực hiện (tính vào chỉ tiêu)"


def _counts(*names: str) -> models.Q:
    query = models.Q()
    for name in names:
        query &= models.Q(**{f"{name}__gte": 0})
    return query


class Activity(ClusterableModel):
    # Denormalised from unit.commune (set by activities.services) so that every
    # commune-wide aggregate is one indexed equality instead of a join on the tree.
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị thực hiện", on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField("loại hoạt động", max_length=24, choices=ActivityKind.choices)
    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=ActivityStatus.choices,
        default=ActivityStatus.RECORDED,
        help_text="Bản nháp chỉ đơn vị mình và Phòng Văn hóa - Xã hội thấy, chưa tính vào chỉ tiêu.",
    )
    title = models.CharField("tên hoạt động", max_length=255)
    description = models.TextField("mô tả ngắn", blank=True)
    date_start = models.DateField("ngày thực hiện", help_text="Ngày diễn ra, hoặc ngày bắt đầu nếu kéo dài nhiều ngày.")
    date_end = models.DateField("đến ngày", null=True, blank=True, help_text="Để trống nếu diễn ra trong một ngày.")
    audience = models.CharField("đối tượng chính", max_length=16, choices=Audience.choices)
    participants = models.IntegerField(
        "số người tham dự", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)], help_text="Tổng số người."
    )
    officials = models.IntegerField(
        "trong đó: cán bộ, công chức, viên chức, NLĐ", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)]
    )
    pupils = models.IntegerField("trong đó: học sinh", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)])
    residents = models.IntegerField("trong đó: người dân", default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)])
    reach = models.IntegerField(
        "lượt xem, lượt nghe",
        null=True,
        blank=True,
        validators=[MinValueValidator(0, ERR_NEGATIVE)],
        help_text="Nếu biết: lượt xem tin bài, bài đăng; ước tính lượt nghe truyền thanh.",
    )
    url = models.URLField("đường dẫn", blank=True, max_length=500, help_text="Tin bài, bài đăng, video trên mạng.")
    tasks = ParentalManyToManyField(Task, verbose_name="nhiệm vụ của kế hoạch", blank=True, related_name="activities")
    attendees = ParentalManyToManyField(
        Person,
        verbose_name="cán bộ tham dự (theo danh sách đơn vị)",
        blank=True,
        related_name="attended_activities",
        help_text="Đánh dấu người có tên trong danh sách cán bộ, công chức, viên chức, người lao động đã tham dự.",
    )
    guiding_documents = ParentalManyToManyField(
        GuidingDocument,
        verbose_name="văn bản chỉ đạo được đăng, phát",
        blank=True,
        related_name="publications",
    )
    science_tasks = ParentalManyToManyField(
        ScienceTask,
        verbose_name="nhiệm vụ KH&CN được giới thiệu",
        blank=True,
        related_name="publications",
    )
    # Which task groups of the plan the activity serves, derived from `tasks` by the
    # services: the dashboard counts per group in the same scan as every other count.
    serves_mass_media = models.BooleanField(default=False, editable=False)
    serves_schools = models.BooleanField(default=False, editable=False)
    serves_enterprises = models.BooleanField(default=False, editable=False)
    source = models.CharField(
        "nguồn",
        max_length=128,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Khóa ổn định khi hoạt động do hệ thống ghi nhận, ví dụ portal.article:42.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        ordering = ["-date_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_counts("participants", "officials", "pupils", "residents")
                & (models.Q(reach__isnull=True) | models.Q(reach__gte=0)),
                name="activities_counts_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    participants__gte=models.F("officials") + models.F("pupils") + models.F("residents")
                ),
                name="activities_subcounts_within_participants",
            ),
            models.CheckConstraint(
                condition=models.Q(date_end__isnull=True) | models.Q(date_end__gte=models.F("date_start")),
                name="activities_date_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ActivityKind]), name="activities_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=[a.value for a in Audience]), name="activities_audience_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ActivityStatus]), name="activities_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "date_start"], name="activities_commune_date"),
            models.Index(fields=["unit", "date_start"], name="activities_unit_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        problems = count_problems(
            participants=self.participants or 0,
            officials=self.officials or 0,
            pupils=self.pupils or 0,
            residents=self.residents or 0,
        )
        if self.unit_id and self.kind:
            problems.update(kind_problems(kind=self.kind, unit=self.unit.name, unit_kind=self.unit.kind))
        years = programme_years(commune_id=self.commune_id) if self.commune_id else None
        problems.update(
            date_problems(date_start=self.date_start, date_end=self.date_end, years=years, today=timezone.localdate())
        )
        if problems:
            raise ValidationError(problems)

    def date_label(self) -> str:
        if self.date_end and self.date_end != self.date_start:
            return f"{date_numeric(self.date_start)} – {date_numeric(self.date_end)}"
        return date_numeric(self.date_start)

    date_label.short_description = "Thời gian"  # type: ignore[attr-defined]

    def task_codes(self) -> str:
        return "; ".join(task.code for task in self.tasks.all())

    task_codes.short_description = "Nhiệm vụ"  # type: ignore[attr-defined]


class Evidence(Orderable):
    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        "tệp minh chứng",
        storage=protected_storage,
        upload_to=RandomName("minh-chung"),
        max_length=255,
        validators=[validate_evidence_file],
        help_text=EVIDENCE_HELP,
    )
    kind = models.CharField("loại minh chứng", max_length=16, choices=EvidenceKind.choices, default=EvidenceKind.PHOTO)
    caption = models.CharField("chú thích", max_length=255, blank=True)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in EvidenceKind]), name="activities_evidence_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        # The stored name is random (xaso/access/files.py): say what the file is instead.
        return self.caption or f"{self.get_kind_display()} {self.pk or ''}".strip()


def recorded_evidence_field(*, folder: str) -> models.FileField:
    """The one evidence file of a record counted as an activity, under its app's folder of the
    protected storage."""
    return models.FileField(
        "ảnh hoặc tài liệu minh chứng",
        storage=protected_storage,
        upload_to=RandomName(folder),
        max_length=255,
        blank=True,
        validators=[validate_evidence_file],
        help_text=EVIDENCE_HELP,
    )


class RecordedAsActivity(models.Model):
    """What another app's record that is also counted as an activity shares (a school's club
    session, a village team's support visit…): the plan's tasks it serves, one evidence file, the
    activity it is recorded as (source "<source_prefix>:<pk>", kept by the app's services through
    activity_record) and who recorded it when.

    A subclass keeps its files in its own folder by overriding `evidence` with
    `recorded_evidence_field(folder=…)`, and names its sources with `source_prefix`.
    """

    tasks = models.ManyToManyField(Task, verbose_name="nhiệm vụ của kế hoạch", related_name="+", blank=True)
    evidence = recorded_evidence_field(folder="minh-chung")
    activity = models.OneToOneField(
        "activities.Activity",
        verbose_name="hoạt động",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    source_prefix: ClassVar[str] = ""

    class Meta:
        abstract = True

    @property
    def source(self) -> str:
        return f"{self.source_prefix}:{self.pk}"


class ActivityMonth(models.Model):
    """Recorded activities of one unit in one month, counted: what dashboards read.

    Kept by activities.services on every write (and rebuilt by `tally_rebuild`), so that a
    province's figures sum a hundred thousand tallies instead of a million activities.
    """

    commune = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="tallies")
    month = models.DateField()
    activities = models.IntegerField(default=0)
    mass_media = models.IntegerField(default=0)
    schools = models.IntegerField(default=0)
    enterprises = models.IntegerField(default=0)
    commendations = models.IntegerField(default=0)
    trainings = models.IntegerField(default=0)
    section = models.IntegerField(default=0)
    broadcasts = models.IntegerField(default=0)
    publications = models.IntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    residents = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "tổng hợp hoạt động theo tháng"
        verbose_name_plural = "tổng hợp hoạt động theo tháng"
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="activities_month_unit_month"),
        ]
        indexes = [models.Index(fields=["commune", "month"], name="activities_month_commune")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m/%Y}"
