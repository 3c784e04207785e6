"""What schools and enterprises do for the programme (task groups 2 and 3 of the plan).

Schools: clubs (câu lạc bộ) with their members and sessions; contests, forums and
idea-sharing conferences. Enterprises: dissemination sessions on the Resolution and its
policies; showcased models and initiatives, each publishable as a draft article in the
portal's "typical models and initiatives" sub-section.

Every session, event and showcase is also an activity of its unit (source
"outreach.<kind>:<pk>"), recorded by outreach.services through activity_record, so the
dashboard, the reports and the reviews count it like any other delivery.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models

from xaso.activities.models import RecordedAsActivity, recorded_evidence_field
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_numeric

ERR_NEGATIVE = "Số lượng không được âm."


def _count(label: str, help_text: str = "") -> models.IntegerField:
    return models.IntegerField(label, default=0, validators=[MinValueValidator(0, ERR_NEGATIVE)], help_text=help_text)


class Club(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="trường",
        on_delete=models.PROTECT,
        related_name="clubs",
        limit_choices_to={"kind": "school"},
    )
    name = models.CharField("tên câu lạc bộ", max_length=200, help_text="Ví dụ: Câu lạc bộ Robotics và lập trình.")
    field = models.CharField(
        "lĩnh vực", max_length=200, blank=True, help_text="Ví dụ: lập trình, thiết kế 3D, nghiên cứu khoa học."
    )
    founded_on = models.DateField("ngày thành lập", null=True, blank=True)
    members_count = _count("số học sinh tham gia", "Số thành viên hiện nay; cập nhật khi có thay đổi.")
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "câu lạc bộ"
        verbose_name_plural = "câu lạc bộ"
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="outreach_club_name_unique"),
            models.CheckConstraint(condition=models.Q(members_count__gte=0), name="outreach_club_members"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit.short_name or self.unit.name})"


class Delivered(RecordedAsActivity):
    """What every recorded session, event and showcase shares: its commune, and what any record
    counted as an activity has (tasks, an evidence file, the activity, who recorded it)."""

    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    evidence = recorded_evidence_field(folder="truong-hoc-doanh-nghiep")

    class Meta:
        abstract = True


class ClubSession(Delivered):
    club = models.ForeignKey(Club, verbose_name="câu lạc bộ", on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField("ngày sinh hoạt")
    topic = models.CharField("chủ đề", max_length=255, help_text="Ví dụ: Lập trình robot dò đường.")
    pupils = _count("số học sinh tham dự")
    teachers = _count("số giáo viên, cán bộ")
    description = models.TextField("nội dung chính", blank=True)

    source_prefix = "outreach.club_session"

    class Meta:
        verbose_name = "buổi sinh hoạt câu lạc bộ"
        verbose_name_plural = "buổi sinh hoạt câu lạc bộ"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pupils__gte=0, teachers__gte=0), name="outreach_clubsession_counts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.club.name}: {self.topic} ({date_numeric(self.date)})"


class SchoolEventKind(models.TextChoices):
    CONTEST = "contest", "Cuộc thi, hội thi"
    FORUM = "forum", "Diễn đàn, tọa đàm"
    IDEAS = "ideas", "Hội nghị chia sẻ ý tưởng, sáng kiến"


class SchoolEvent(Delivered):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="trường",
        on_delete=models.PROTECT,
        related_name="school_events",
        limit_choices_to={"kind": "school"},
    )
    kind = models.CharField("loại", max_length=16, choices=SchoolEventKind.choices, default=SchoolEventKind.CONTEST)
    title = models.CharField("tên cuộc thi, sự kiện", max_length=255)
    date_start = models.DateField("ngày tổ chức")
    date_end = models.DateField("đến ngày", null=True, blank=True, help_text="Để trống nếu diễn ra trong một ngày.")
    pupils = _count("số học sinh tham gia")
    teachers = _count("số giáo viên, cán bộ")
    guests = _count("khách mời, phụ huynh", "Đại biểu, doanh nghiệp, phụ huynh tham dự.")
    entries = _count("số bài dự thi, ý tưởng, sáng kiến")
    awards = _count("số giải, sáng kiến được khen")
    partners = models.CharField(
        "đơn vị phối hợp",
        max_length=255,
        blank=True,
        help_text="Cơ quan, cơ sở nghiên cứu, doanh nghiệp cùng tổ chức, nếu có.",
    )
    description = models.TextField("nội dung chính", blank=True)

    source_prefix = "outreach.school_event"

    class Meta:
        verbose_name = "cuộc thi, diễn đàn trong trường học"
        verbose_name_plural = "cuộc thi, diễn đàn trong trường học"
        ordering = ["-date_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pupils__gte=0, teachers__gte=0, guests__gte=0, entries__gte=0, awards__gte=0),
                name="outreach_schoolevent_counts",
            ),
            models.CheckConstraint(
                condition=models.Q(awards__lte=models.F("entries")), name="outreach_schoolevent_awards_within_entries"
            ),
            models.CheckConstraint(
                condition=models.Q(date_end__isnull=True) | models.Q(date_end__gte=models.F("date_start")),
                name="outreach_schoolevent_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in SchoolEventKind]), name="outreach_schoolevent_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EnterpriseSession(Delivered):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị tổ chức",
        on_delete=models.PROTECT,
        related_name="enterprise_sessions",
        help_text="Phòng chuyên môn hoặc doanh nghiệp tổ chức buổi phổ biến.",
    )
    title = models.CharField("tên buổi phổ biến", max_length=255)
    date = models.DateField("ngày tổ chức")
    enterprises = _count("số doanh nghiệp, hợp tác xã, cơ sở tham dự")
    participants = _count("tổng số người tham dự")
    officials = _count("trong đó: cán bộ, công chức")
    content = models.TextField(
        "nội dung phổ biến", blank=True, help_text="Nghị quyết, cơ chế, chính sách, quy định được giới thiệu."
    )

    source_prefix = "outreach.enterprise_session"

    class Meta:
        verbose_name = "buổi phổ biến cho doanh nghiệp"
        verbose_name_plural = "buổi phổ biến cho doanh nghiệp"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enterprises__gte=0, participants__gte=0, officials__gte=0),
                name="outreach_enterprisesession_counts",
            ),
            models.CheckConstraint(
                condition=models.Q(participants__gte=models.F("officials")),
                name="outreach_enterprisesession_officials_within",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ShowcaseKind(models.TextChoices):
    MODEL = "model", "Mô hình điển hình"
    INITIATIVE = "initiative", "Sáng kiến kỹ thuật"
    PRODUCT = "product", "Sản phẩm đổi mới sáng tạo"
    PROCESS = "process", "Quy trình ứng dụng công nghệ mới"
    DIGITAL = "digital", "Kết quả chuyển đổi số"


class Showcase(Delivered):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị giới thiệu",
        on_delete=models.PROTECT,
        related_name="showcases",
        help_text="Đơn vị tổ chức giới thiệu (phòng chuyên môn, hoặc chính doanh nghiệp).",
    )
    enterprise = models.ForeignKey(
        OrgUnit,
        verbose_name="doanh nghiệp, hợp tác xã",
        on_delete=models.PROTECT,
        related_name="showcased",
        null=True,
        blank=True,
        limit_choices_to={"kind": "enterprise"},
        help_text="Nếu mô hình thuộc một doanh nghiệp, hợp tác xã có trong danh sách đơn vị của xã.",
    )
    owner_name = models.CharField(
        "chủ mô hình, sáng kiến",
        max_length=255,
        help_text="Tên doanh nghiệp, hợp tác xã, cơ sở sản xuất hoặc người có mô hình, sáng kiến.",
    )
    kind = models.CharField("loại", max_length=16, choices=ShowcaseKind.choices, default=ShowcaseKind.MODEL)
    title = models.CharField("tên mô hình, sáng kiến", max_length=255)
    summary = models.TextField(
        "tóm tắt", max_length=400, help_text="Hai ba câu: mô hình là gì, hiệu quả ra sao (dùng làm sa-pô bài viết)."
    )
    details = models.TextField(
        "nội dung chi tiết", blank=True, help_text="Cách làm, kết quả, bài học; mỗi đoạn một dòng."
    )
    date = models.DateField("ngày giới thiệu")
    channel = models.CharField(
        "hình thức giới thiệu",
        max_length=255,
        blank=True,
        help_text="Ví dụ: hội nghị chuyên đề, tham quan thực tế, bản tin truyền thanh.",
    )
    participants = _count("số người tham dự, theo dõi")
    article = models.ForeignKey(
        "portal.ArticlePage",
        verbose_name="bài viết trên trang thông tin",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    source_prefix = "outreach.showcase"

    class Meta:
        verbose_name = "mô hình, sáng kiến được giới thiệu"
        verbose_name_plural = "mô hình, sáng kiến được giới thiệu"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(participants__gte=0), name="outreach_showcase_participants"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ShowcaseKind]), name="outreach_showcase_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title
