"""Short courses ("Bình dân học vụ số", bồi dưỡng cán bộ): lessons in order, quizzes, progress, certificates.

- Course: a commune's course for one audience; `counts_towards` says which indicator its
  completions feed (officials informed about the Resolution, officers trained in depth).
- Lesson: reading, an optional audio or video served by the project, a quiz and its pass mark.
- Learner: the smallest record that lets a person learn and receive a certificate: a name,
  optionally their unit or their line in the officials registry, and a secret learner code
  that opens their progress on any phone without a password.
- Enrolment, Attempt, LessonPass, Completion: progress, kept by database constraints so that
  a quiz submitted twice at once records one result (see learning.services.quiz_submit).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from xaso.learning.blocks import QuizBlock
from xaso.learning.codes import certificate_display, learner_display
from xaso.learning.media import MEDIA_HELP, validate_lesson_media
from xaso.registers.models import Person
from xaso.units.models import OrgUnit

ERR_MIN_SCORE = "Điểm đạt phải từ 1 đến 100 (%)."


class CourseAudience(models.TextChoices):
    OFFICIALS = "officials", "Cán bộ, công chức, viên chức, người lao động"
    OFFICERS = "officers", "Cán bộ chuyên trách truyền thông, thông tin cơ sở"
    RESIDENTS = "residents", "Người dân, học sinh"


class CountsTowards(models.TextChoices):
    NONE = "", "Không tính vào chỉ tiêu"
    OFFICIALS_INFORMED = "officials_informed", "Cán bộ, công chức được tuyên truyền, phổ biến Nghị quyết 57"
    OFFICERS_TRAINED = "officers_trained", "Cán bộ chuyên trách được đào tạo chuyên sâu"


class Course(ClusterableModel):
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name="xã",
        on_delete=models.PROTECT,
        related_name="courses",
        limit_choices_to={"kind": "commune"},
        help_text="Xã tổ chức khóa học; cấp giấy chứng nhận mang tên Ủy ban nhân dân xã này.",
    )
    slug = models.SlugField(
        "địa chỉ",
        max_length=80,
        unique=True,
        help_text="Phần cuối địa chỉ trang khóa học, không dấu, ví dụ nq57-co-ban.",
    )
    title = models.CharField("tên khóa học", max_length=200)
    summary = models.TextField("giới thiệu ngắn", help_text="Hai ba câu: khóa học dành cho ai, học xong biết gì.")
    audience = models.CharField("đối tượng", max_length=16, choices=CourseAudience.choices)
    counts_towards = models.CharField(
        "tính vào chỉ tiêu",
        max_length=24,
        choices=CountsTowards.choices,
        default=CountsTowards.NONE,
        blank=True,
        help_text="Người trong danh sách cán bộ hoàn thành khóa học này được tính vào chỉ tiêu đã chọn.",
    )
    open_enrolment = models.BooleanField(
        "cho tự ghi danh",
        default=False,
        help_text="Người dân, học sinh tự ghi danh trên trang thông tin bằng họ tên, không cần tài khoản.",
    )
    is_published = models.BooleanField("đang mở", default=False, help_text="Chỉ khóa học đang mở hiện cho người học.")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "khóa học"
        verbose_name_plural = "khóa học"
        ordering = ["commune", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience__in=[a.value for a in CourseAudience]), name="learning_course_audience"
            ),
            models.CheckConstraint(
                condition=models.Q(counts_towards__in=[c.value for c in CountsTowards]),
                name="learning_course_counts_towards",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(Orderable):
    course = ParentalKey(Course, verbose_name="khóa học", on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField("tên bài", max_length=200)
    reading = RichTextField(
        "bài đọc",
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text="Nội dung bài học; câu hỏi kiểm tra chỉ hỏi điều có trong bài đọc.",
    )
    media = models.FileField(
        "âm thanh hoặc video",
        upload_to="hoc-tap/%Y/%m/",
        blank=True,
        validators=[validate_lesson_media],
        help_text=MEDIA_HELP,
    )
    media_transcript = models.TextField(
        "lời thuyết minh", blank=True, help_text="Tóm tắt lời của âm thanh, video cho người không nghe được."
    )
    quiz = StreamField(QuizBlock(), verbose_name="bài kiểm tra", help_text="Câu hỏi một hoặc nhiều lựa chọn.")
    pass_mark = models.PositiveSmallIntegerField(
        "điểm đạt (%)",
        default=80,
        validators=[MinValueValidator(1, ERR_MIN_SCORE), MaxValueValidator(100, ERR_MIN_SCORE)],
        help_text="Tỷ lệ câu đúng tối thiểu để qua bài và mở bài sau.",
    )

    class Meta(Orderable.Meta):
        verbose_name = "bài học"
        verbose_name_plural = "bài học"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100), name="learning_lesson_pass_mark"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def media_kind(self) -> str:
        name = self.media.name.lower() if self.media else ""
        return "video" if name.endswith((".mp4", ".webm")) else ("audio" if name else "")


class Learner(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("họ và tên", max_length=100, help_text="Ghi trên giấy chứng nhận.")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị, thôn, trường",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learners",
    )
    person = models.OneToOneField(
        Person,
        verbose_name="trong danh sách cán bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learner",
    )
    # The only key to a learner's progress: random, never shown to anyone but the learner
    # and whoever enrolled them (learning.codes).
    code = models.CharField("mã học viên", max_length=16, unique=True, editable=False)
    created_at = models.DateTimeField("ghi danh lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = "học viên"
        verbose_name_plural = "học viên"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def code_display(self) -> str:
        return learner_display(self.code)


class Enrolment(models.Model):
    learner = models.ForeignKey(Learner, verbose_name="học viên", on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, verbose_name="khóa học", on_delete=models.PROTECT, related_name="enrolments")
    enrolled_at = models.DateTimeField("ghi danh lúc", auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = "ghi danh"
        verbose_name_plural = "ghi danh"
        ordering = ["-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="learning_enrolment_once")]

    def __str__(self) -> str:
        return f"{self.learner} — {self.course}"


class Attempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="attempts")
    # Which attempt of this lesson the form was opened for: two tabs or a double click carry
    # the same number, and the unique constraint lets only the first one in.
    number = models.PositiveIntegerField("lần làm")
    answers = models.JSONField("câu trả lời", default=dict)
    correct = models.PositiveSmallIntegerField("số câu đúng")
    total = models.PositiveSmallIntegerField("số câu hỏi")
    passed = models.BooleanField("đạt")
    submitted_at = models.DateTimeField("nộp lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lần làm bài kiểm tra"
        verbose_name_plural = "lần làm bài kiểm tra"
        ordering = ["enrolment", "lesson", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "number"], name="learning_attempt_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, correct__lte=models.F("total")), name="learning_attempt_counts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.lesson} — lần {self.number}"

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 100


class LessonPass(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="passes")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="passes")
    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="lesson_pass")
    passed_at = models.DateTimeField("đạt lúc")

    class Meta:
        verbose_name = "bài đã đạt"
        verbose_name_plural = "bài đã đạt"
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_lesson_pass_once")]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.lesson}"


class Completion(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="completion")
    completed_on = models.DateField("ngày hoàn thành")
    # Printed on the certificate and in its QR code; random so that codes cannot be walked.
    certificate_code = models.CharField("mã giấy chứng nhận", max_length=16, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hoàn thành khóa học"
        verbose_name_plural = "hoàn thành khóa học"
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.certificate_display}"

    @property
    def certificate_display(self) -> str:
        return certificate_display(self.certificate_code)
