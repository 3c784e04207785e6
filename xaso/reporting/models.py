"""Reporting periods, which units owe which report, and each unit's report with its history.

Modelled on DHIS2's data sets: a period has a data range (from the day after the previous
cut-off to its own cut-off), a deadline after which a submission is late but still accepted
(`timelyDays`), and an optional expiry after which the form locks for units unless the office
grants an exception. Completion (the unit submits) is separate from approval (someone else
reviews it); an approved report is locked, and reopening it is recorded.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from xaso.plans.models import Plan
from xaso.units.models import OrgUnit

ERR_DAY = "Ngày {day}/{month} không có trong năm."
ERR_DATA_END = "Ngày chốt số liệu không được trước ngày bắt đầu."
ERR_DEADLINE = "Hạn gửi báo cáo không được trước ngày chốt số liệu."
ERR_EXPIRES = "Ngày khóa kỳ báo cáo không được trước hạn gửi."
ERR_REMINDER_DAYS = "Ghi các số ngày, cách nhau bằng dấu phẩy, ví dụ: 7, 1."

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
DAY = [MinValueValidator(1), MaxValueValidator(31)]


def _valid_day(month: int | None, day: int | None) -> bool:
    if month is None or day is None:
        return True
    try:
        dt.date(2025, month, day)  # a common year: 29/2 is no cut-off
    except ValueError:
        return False
    return True


def parse_days(text: str) -> list[int]:
    """ "7, 1" -> [7, 1]; raises ValueError on anything else."""
    days = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    if any(day < 0 or day > 365 for day in days):
        raise ValueError(text)
    return sorted(set(days), reverse=True)


class ReportingCalendar(models.Model):
    """A province's reporting calendar; without one, the commune's plan sets the deadlines."""

    province = models.OneToOneField(
        OrgUnit,
        verbose_name="tỉnh",
        on_delete=models.CASCADE,
        related_name="reporting_calendar",
        limit_choices_to={"kind": "province"},
    )
    half_cutoff_month = models.PositiveSmallIntegerField("6 tháng: tháng chốt số liệu", default=5, validators=MONTH)
    half_cutoff_day = models.PositiveSmallIntegerField("6 tháng: ngày chốt số liệu", default=31, validators=DAY)
    half_deadline_month = models.PositiveSmallIntegerField("6 tháng: tháng hạn gửi", default=6, validators=MONTH)
    half_deadline_day = models.PositiveSmallIntegerField("6 tháng: ngày hạn gửi", default=5, validators=DAY)
    year_cutoff_month = models.PositiveSmallIntegerField("năm: tháng chốt số liệu", default=12, validators=MONTH)
    year_cutoff_day = models.PositiveSmallIntegerField("năm: ngày chốt số liệu", default=31, validators=DAY)
    year_deadline_month = models.PositiveSmallIntegerField("năm: tháng hạn gửi", default=1, validators=MONTH)
    year_deadline_day = models.PositiveSmallIntegerField("năm: ngày hạn gửi", default=5, validators=DAY)
    expiry_days = models.PositiveSmallIntegerField(
        "khóa kỳ sau hạn (ngày)",
        default=30,
        validators=[MaxValueValidator(365)],
        help_text="Sau hạn gửi bao nhiêu ngày thì đơn vị không thể sửa hoặc gửi báo cáo nữa (0: không khóa).",
    )
    reminder_days = models.CharField(
        "nhắc trước hạn (ngày)",
        max_length=64,
        default="7, 1",
        help_text="Ví dụ: 7, 1 — nhắc trước hạn 7 ngày và 1 ngày.",
    )
    overdue_days = models.CharField(
        "nhắc khi quá hạn (ngày)",
        max_length=64,
        default="1, 7",
        help_text="Ví dụ: 1, 7 — nhắc sau hạn 1 ngày và 7 ngày.",
    )

    class Meta:
        verbose_name = "lịch báo cáo của tỉnh"
        verbose_name_plural = "lịch báo cáo của tỉnh"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    half_cutoff_month__gte=1,
                    half_cutoff_month__lte=12,
                    half_deadline_month__gte=1,
                    half_deadline_month__lte=12,
                    year_cutoff_month__gte=1,
                    year_cutoff_month__lte=12,
                    year_deadline_month__gte=1,
                    year_deadline_month__lte=12,
                    half_cutoff_day__gte=1,
                    half_cutoff_day__lte=31,
                    half_deadline_day__gte=1,
                    half_deadline_day__lte=31,
                    year_cutoff_day__gte=1,
                    year_cutoff_day__lte=31,
                    year_deadline_day__gte=1,
                    year_deadline_day__lte=31,
                ),
                name="reporting_calendar_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Lịch báo cáo — {self.province}"

    def clean(self) -> None:
        problems = {}
        for prefix in ("half_cutoff", "half_deadline", "year_cutoff", "year_deadline"):
            month, day = getattr(self, f"{prefix}_month"), getattr(self, f"{prefix}_day")
            if not _valid_day(month, day):
                problems[f"{prefix}_day"] = ERR_DAY.format(day=day, month=month)
        for name in ("reminder_days", "overdue_days"):
            try:
                parse_days(getattr(self, name))
            except ValueError:
                problems[name] = ERR_REMINDER_DAYS
        if problems:
            raise ValidationError(problems)


class PeriodKind(models.TextChoices):
    HALF_YEAR = "half_year", "Báo cáo 6 tháng đầu năm"
    YEAR = "year", "Báo cáo năm"
    AD_HOC = "ad_hoc", "Báo cáo đột xuất"


# The kind in the names of downloaded files: Vietnamese without marks, not the code's English.
KIND_IN_FILE_NAMES = {PeriodKind.HALF_YEAR: "6-thang-dau-nam", PeriodKind.YEAR: "nam", PeriodKind.AD_HOC: "dot-xuat"}


class ReportingPeriod(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="reporting_periods")
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="reporting_periods")
    kind = models.CharField("loại báo cáo", max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField("tên kỳ báo cáo", max_length=255)
    data_start = models.DateField("số liệu từ ngày")
    data_end = models.DateField("chốt số liệu đến ngày")
    deadline = models.DateField(
        "hạn gửi", help_text="Gửi đến hết ngày này là đúng hạn; sau đó vẫn gửi được nhưng muộn."
    )
    expires_on = models.DateField(
        "khóa kỳ từ sau ngày",
        null=True,
        blank=True,
        help_text="Sau ngày này đơn vị không thể sửa hoặc gửi báo cáo nữa.",
    )
    instructions = models.TextField("yêu cầu, hướng dẫn", blank=True)
    unit_kinds = models.JSONField("loại đơn vị phải báo cáo", default=list, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở kỳ", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField("mở lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi Sở lúc", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi Sở",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The consolidated report as sent: kept even if newer versions are made afterwards.
    sent_job = models.ForeignKey(
        "documents.RenderJob",
        verbose_name="báo cáo tổng hợp đã gửi Sở",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["-deadline", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in PeriodKind]), name="reporting_period_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(data_end__gte=models.F("data_start")), name="reporting_period_data_range"
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("data_end")), name="reporting_period_deadline_after_cutoff"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=models.F("deadline")),
                name="reporting_period_expires_after_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(sent_at__isnull=True, sent_job__isnull=True)
                | models.Q(sent_at__isnull=False, sent_job__isnull=False),
                name="reporting_period_sent_with_document",
            ),
            # One periodic report of each kind a year per commune; ad hoc requests are many.
            models.UniqueConstraint(
                fields=["commune", "kind", "year"],
                condition=~models.Q(kind="ad_hoc"),
                name="reporting_period_periodic_once",
            ),
        ]
        indexes = [models.Index(fields=["commune", "-deadline"], name="reporting_period_commune")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        problems = {}
        if self.data_start and self.data_end and self.data_end < self.data_start:
            problems["data_end"] = ERR_DATA_END
        if self.data_end and self.deadline and self.deadline < self.data_end:
            problems["deadline"] = ERR_DEADLINE
        if self.deadline and self.expires_on and self.expires_on < self.deadline:
            problems["expires_on"] = ERR_EXPIRES
        if problems:
            raise ValidationError(problems)

    @property
    def is_ad_hoc(self) -> bool:
        return self.kind == PeriodKind.AD_HOC

    @property
    def timely_days(self) -> int:
        """DHIS2's timelyDays: how long after the cut-off a submission still counts as on time."""
        return (self.deadline - self.data_end).days

    def is_expired(self, today: dt.date) -> bool:
        return self.expires_on is not None and today > self.expires_on


class ReportQuestion(models.Model):
    """A question of an ad hoc request; every assigned unit answers it."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.TextField("câu hỏi")
    required = models.BooleanField("bắt buộc trả lời", default=True)

    class Meta:
        verbose_name = "câu hỏi của yêu cầu báo cáo"
        verbose_name_plural = "câu hỏi của yêu cầu báo cáo"
        ordering = ["period", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ReportState(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa bắt đầu"
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    RETURNED = "returned", "Trả lại để sửa"
    APPROVED = "approved", "Đã duyệt"


# A report is complete (DHIS2: the form is marked complete) while submitted or approved;
# a returned report is incomplete again until the unit sends it back.
COMPLETE_STATES = (ReportState.SUBMITTED, ReportState.APPROVED)
EDITABLE_STATES = (ReportState.NOT_STARTED, ReportState.DRAFT, ReportState.RETURNED)


class UnitReport(models.Model):
    """What one unit owes for one period: its assignment, its text, its state and timeliness."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name="kỳ báo cáo", on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="unit_reports")
    state = models.CharField("trạng thái", max_length=16, choices=ReportState.choices, default=ReportState.NOT_STARTED)
    # Optimistic concurrency: every write bumps it, and a write based on an older one is refused.
    version = models.PositiveIntegerField("phiên bản", default=0)
    results = models.TextField("kết quả thực hiện", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    commendations = models.TextField("đề xuất khen thưởng", blank=True)
    next_tasks = models.TextField("phương hướng, nhiệm vụ kỳ tới", blank=True)
    answers = models.JSONField("trả lời câu hỏi", default=dict, blank=True)
    # What the unit had logged in the period, frozen when it submits: the approved report
    # keeps the figures it was approved with even if activities change afterwards.
    figures = models.JSONField("số liệu khi gửi", null=True, blank=True)
    first_submitted_at = models.DateTimeField("gửi lần đầu lúc", null=True, blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    # Set once, at the first submission: DHIS2's "on time" (by the deadline), kept as a column
    # so that reporting and on-time rates are one grouped query over many periods and units.
    on_time = models.BooleanField("gửi đúng hạn", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("xem xét lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem xét",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField("ý kiến khi trả lại, mở lại", blank=True)
    unlocked_until = models.DateField("được sửa sau khóa đến ngày", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        ordering = ["period", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="reporting_report_once_per_unit"),
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in ReportState]), name="reporting_report_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=[s.value for s in COMPLETE_STATES])
                | models.Q(submitted_at__isnull=False, first_submitted_at__isnull=False),
                name="reporting_report_complete_has_submission",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ReportState.APPROVED) | models.Q(reviewed_at__isnull=False),
                name="reporting_report_approved_has_review",
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="reporting_report_state")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_locked(self) -> bool:
        return self.state == ReportState.APPROVED

    def may_be_edited_on(self, today: dt.date) -> bool:
        if not self.period.is_expired(today):
            return True
        return self.unlocked_until is not None and today <= self.unlocked_until


class EventAction(models.TextChoices):
    ASSIGNED = "assigned", "Giao báo cáo"
    SAVED = "saved", "Lưu bản nháp"
    SUBMITTED = "submitted", "Gửi báo cáo"
    RETURNED = "returned", "Trả lại để sửa"
    APPROVED = "approved", "Duyệt"
    REOPENED = "reopened", "Mở lại báo cáo đã duyệt"
    UNLOCKED = "unlocked", "Cho phép sửa sau khi khóa kỳ"


class ReportEvent(models.Model):
    """The history of a report: who did what, when, and why (returns and reopenings say why)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("việc", max_length=16, choices=EventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người làm", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("lúc")
    comment = models.TextField("ý kiến, lý do", blank=True)
    state = models.CharField("trạng thái sau đó", max_length=16, choices=ReportState.choices)
    version = models.PositiveIntegerField("phiên bản sau đó", default=0)

    class Meta:
        verbose_name = "lịch sử báo cáo"
        verbose_name_plural = "lịch sử báo cáo"
        ordering = ["report", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=[a.value for a in EventAction]), name="reporting_event_action_valid"
            ),
        ]
        indexes = [models.Index(fields=["report", "actor", "action"], name="reporting_event_actor")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.report}"


class ReminderChain(models.Model):
    """The daily reminder job: one row, naming the one chain of tasks allowed to continue.

    The job re-enqueues itself for the next morning; a run whose token is not this row's stops
    there, so starting the job twice (each `bin/run`, each demo load) never doubles the chain.
    """

    name = models.CharField("tên", max_length=64, unique=True)
    token = models.CharField("mã chuỗi", max_length=64)
    next_run_at = models.DateTimeField("lần chạy kế tiếp")
    last_run_at = models.DateTimeField("chạy gần nhất lúc", null=True, blank=True)
    last_sent = models.PositiveIntegerField("số lời nhắc lần gần nhất", default=0)

    class Meta:
        verbose_name = "lịch nhắc báo cáo"
        verbose_name_plural = "lịch nhắc báo cáo"

    def __str__(self) -> str:
        return self.name
