"""Writes: open a period and assign it, save and submit a unit's report, return, approve, reopen.

Every service checks who may do it (the rules are the workflow itself, not only screens),
takes the row under lock and compares the version the person started from, so two people
editing one draft cannot overwrite each other: the second gets ReportConflictError and keeps their
text. `now` is for tests and the demo; it defaults to the present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xaso.plans.models import Plan
from xaso.reporting import notices
from xaso.reporting.models import (
    EventAction,
    PeriodKind,
    ReportEvent,
    ReportingPeriod,
    ReportQuestion,
    ReportState,
    UnitReport,
)
from xaso.reporting.prefill import live_figures
from xaso.reporting.schedule import calendar_for, periodic_dates
from xaso.reporting.selectors import may_manage_commune, may_review_commune, reports_writable
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike
from xaso.vi.dates import date_numeric

ERR_NOT_MANAGER = "Chỉ Phòng Văn hóa - Xã hội của xã mới mở kỳ báo cáo, giao báo cáo và tổng hợp báo cáo."
ERR_NOT_WRITER = "Bạn không được soạn báo cáo của {unit}."
ERR_NOT_REVIEWER = "Chỉ Phòng Văn hóa - Xã hội hoặc lãnh đạo xã mới trả lại, duyệt hoặc mở lại báo cáo."
ERR_LOCKED = (
    "Báo cáo đã được duyệt nên đã khóa, không sửa được. Nếu cần sửa, đề nghị Phòng Văn hóa - Xã hội "
    "hoặc lãnh đạo xã mở lại báo cáo (có ghi lý do)."
)
ERR_SUBMITTED = "Báo cáo đã gửi và đang chờ duyệt nên không sửa được. Nếu cần sửa, đề nghị người duyệt trả lại báo cáo."
ERR_EXPIRED = (
    "Kỳ báo cáo đã khóa từ sau ngày {date}: đơn vị không thể sửa hoặc gửi báo cáo nữa. "
    "Đề nghị Phòng Văn hóa - Xã hội cho phép đơn vị sửa sau khóa."
)
ERR_CONFLICT = (
    "{who} đã lưu báo cáo này lúc {time}, sau khi bạn mở nó. Nội dung bạn vừa nhập CHƯA được lưu và vẫn còn "
    "trong các ô dưới đây để bạn sao chép; bản {who} đã lưu hiện ngay bên dưới. Hãy sao chép phần của bạn, "
    "tải lại trang rồi bổ sung vào bản mới nhất."
)
ERR_SECTION_MISSING = "Chưa có phần “{section}”: phần này bắt buộc phải có trước khi gửi báo cáo."
ERR_ANSWER_MISSING = "Chưa trả lời câu hỏi {number}: “{question}”."
ERR_NOT_WAITING = "Chỉ trả lại hoặc duyệt được báo cáo đã gửi, đang chờ duyệt (báo cáo này: {state})."
ERR_OWN_REPORT = (
    "Bạn không thể tự duyệt báo cáo do chính mình soạn hoặc gửi. Cần một người khác "
    "(lãnh đạo xã hoặc cán bộ khác của Phòng Văn hóa - Xã hội) duyệt."
)
ERR_COMMENT_REQUIRED = "Cần ghi rõ đơn vị phải sửa, bổ sung điều gì khi trả lại báo cáo."
ERR_REASON_REQUIRED = "Cần ghi lý do mở lại báo cáo đã duyệt."
ERR_NOT_APPROVED = "Chỉ mở lại được báo cáo đã duyệt."
ERR_NO_PLAN = "Xã chưa có kế hoạch đang thực hiện nên chưa mở được kỳ báo cáo."
ERR_YEAR = "Năm báo cáo phải trong thời gian của kế hoạch ({start}–{end})."
ERR_PERIOD_EXISTS = "“{title}” của xã đã được mở rồi."
ERR_NO_UNITS = "Chưa có đơn vị nào phải báo cáo: chọn loại đơn vị hoặc từng đơn vị."
ERR_UNIT_OUTSIDE = "{unit} không thuộc xã này."
ERR_AD_HOC_TITLE = "Cần ghi tên, nội dung của yêu cầu báo cáo đột xuất."
ERR_AD_HOC_DEADLINE = "Cần ghi hạn gửi của báo cáo đột xuất."
ERR_OPENED_LATE = (
    "Hạn gửi “{title}” theo lịch là hết ngày {deadline}, đã qua: mở như vậy thì mọi đơn vị đều bị tính "
    "gửi muộn{locked}. Hãy chọn: đặt một hạn gửi mới cho mọi đơn vị, hoặc giữ hạn theo lịch."
)
ERR_OPENED_LATE_LOCKED = " và kỳ báo cáo khóa ngay (lịch khóa kỳ sau ngày {expires})"
ERR_NEW_DEADLINE = "Hạn gửi mới phải từ hôm nay trở đi."
ERR_NEW_DEADLINE_MISSING = "Cần ghi hạn gửi mới cho mọi đơn vị."
# What the office chose for a periodic report opened after its calendar deadline.
LATE_NEW_DEADLINE = "new_deadline"
LATE_KEEP = "keep"
ERR_AD_HOC_QUESTIONS = "Yêu cầu báo cáo đột xuất cần ít nhất một câu hỏi hoặc một đoạn hướng dẫn."
ERR_UNASSIGN_STARTED = "{unit} đã bắt đầu soạn báo cáo nên không bỏ giao được."
ERR_NOT_EXPIRED = "Kỳ báo cáo chưa khóa nên đơn vị vẫn sửa và gửi báo cáo được; không cần cho phép riêng."
ERR_UNLOCK_UNTIL = "Ngày được sửa đến phải từ hôm nay trở đi."

REPORTING_KINDS = (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)
# The narrative the plan asks of every unit; the first three are needed before submitting.
SECTIONS = {
    "results": "Kết quả thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "commendations": "Đề xuất khen thưởng",
    "next_tasks": "Phương hướng, nhiệm vụ kỳ tới",
}
REQUIRED_SECTIONS = ("results", "difficulties", "proposals")


class ReportConflictError(ValidationError):
    """Someone saved the report after the person opened it; `current` is what they saved."""

    def __init__(self, current: UnitReport):
        who = current.updated_by.get_full_name() if current.updated_by else "Người khác"
        time = timezone.localtime(current.updated_at).strftime("%H:%M ngày %d/%m/%Y")
        super().__init__(ERR_CONFLICT.format(who=who, time=time), code="conflict")
        self.current = current


@dataclass(frozen=True, kw_only=True)
class ReportText:
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    commendations: str = ""
    next_tasks: str = ""
    answers: dict[str, str] = field(default_factory=dict)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _event(report: UnitReport, action: str, user: UserLike, at: dt.datetime, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report,
        action=action,
        actor=user if getattr(user, "is_authenticated", False) else None,
        at=at,
        comment=comment,
        state=report.state,
        version=report.version,
    )


def _locked(report: UnitReport) -> UnitReport:
    return (
        UnitReport.objects.select_for_update(of=("self",))
        .select_related("period", "unit", "updated_by")
        .get(pk=report.pk)
    )


# -- periods and assignments -----------------------------------------------------------------------


def _active_plan(commune: OrgUnit) -> Plan:
    plan = Plan.objects.filter(commune=commune, is_active=True).order_by("-issued_on", "-pk").first()
    if plan is None:
        raise ValidationError(ERR_NO_PLAN)
    return plan


def _assigned_units(commune: OrgUnit, unit_kinds: Sequence[str], units: Iterable[OrgUnit]) -> list[OrgUnit]:
    chosen = {u.pk: u for u in OrgUnit.objects.filter(commune=commune, is_active=True, kind__in=list(unit_kinds))}
    for unit in units:
        if unit.commune_id != commune.pk or unit.pk == commune.pk:
            raise ValidationError({"units": ERR_UNIT_OUTSIDE.format(unit=unit.name)})
        chosen[unit.pk] = unit
    chosen.pop(commune.pk, None)
    return sorted(chosen.values(), key=lambda u: u.path)


@transaction.atomic
def period_open(
    *,
    commune: OrgUnit,
    kind: str,
    year: int,
    user: UserLike,
    unit_kinds: Sequence[str] = REPORTING_KINDS,
    units: Iterable[OrgUnit] = (),
    title: str = "",
    data_start: dt.date | None = None,
    data_end: dt.date | None = None,
    deadline: dt.date | None = None,
    instructions: str = "",
    questions: Sequence[str] = (),
    late: str = "",
    now: dt.datetime | None = None,
) -> ReportingPeriod:
    """Open a periodic report (dates from the calendar) or an ad hoc request, and assign it.

    A periodic report opened after its calendar deadline would count every unit late (and be locked at
    once after the expiry): the office must choose, `late=LATE_NEW_DEADLINE` with a `deadline` for
    every unit (the lock moves by as many days), or `late=LATE_KEEP` for the calendar's dates."""
    if not may_manage_commune(user=user, commune_id=commune.pk):
        raise PermissionDenied(ERR_NOT_MANAGER)
    plan = _active_plan(commune)
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError({"year": ERR_YEAR.format(start=plan.start_year, end=plan.end_year)})
    kind = PeriodKind(kind)
    today = timezone.localdate(_now(now))
    if kind == PeriodKind.AD_HOC:
        problems = {}
        if not title.strip():
            problems["title"] = ERR_AD_HOC_TITLE
        if deadline is None:
            problems["deadline"] = ERR_AD_HOC_DEADLINE
        if not [q for q in questions if q.strip()] and not instructions.strip():
            problems["questions"] = ERR_AD_HOC_QUESTIONS
        if problems:
            raise ValidationError(problems)
        assert deadline is not None
        period = ReportingPeriod(
            title=title.strip(),
            data_start=data_start or dt.date(year, 1, 1),
            data_end=data_end or min(today, deadline),
            deadline=deadline,
            expires_on=None,
        )
    else:
        dates = periodic_dates(calendar=calendar_for(commune=commune, plan=plan), kind=kind, year=year)
        if ReportingPeriod.objects.filter(commune=commune, kind=kind, year=year).exists():
            raise ValidationError(ERR_PERIOD_EXISTS.format(title=dates.title))
        expires_on = dates.expires_on if deadline is None else None
        if today > dates.deadline and late != LATE_KEEP:
            if late != LATE_NEW_DEADLINE:
                locked = (
                    ERR_OPENED_LATE_LOCKED.format(expires=date_numeric(dates.expires_on))
                    if dates.expires_on and today > dates.expires_on
                    else ""
                )
                message = ERR_OPENED_LATE.format(
                    title=dates.title, deadline=date_numeric(dates.deadline), locked=locked
                )
                raise ValidationError({"late": message})
            if deadline is None:
                raise ValidationError({"deadline": ERR_NEW_DEADLINE_MISSING})
            if deadline < today:
                raise ValidationError({"deadline": ERR_NEW_DEADLINE})
            if dates.expires_on:
                expires_on = deadline + (dates.expires_on - dates.deadline)
        period = ReportingPeriod(
            title=dates.title,
            data_start=data_start or dates.data_start,
            data_end=data_end or dates.data_end,
            deadline=deadline or dates.deadline,
            expires_on=expires_on,
        )
    period.commune, period.plan, period.kind, period.year = commune, plan, kind, year
    period.instructions = instructions.strip()
    period.unit_kinds = [UnitKind(k).value for k in unit_kinds]
    period.opened_by = user if getattr(user, "is_authenticated", False) else None
    assigned = _assigned_units(commune, unit_kinds, units)
    if not assigned:
        raise ValidationError({"unit_kinds": ERR_NO_UNITS})
    period.full_clean()
    period.save()
    ReportQuestion.objects.bulk_create(
        ReportQuestion(period=period, sort_order=n, text=text.strip())
        for n, text in enumerate((q for q in questions if q.strip()), start=1)
    )
    _assign(period, assigned, user=user, at=_now(now))
    return period


def _assign(period: ReportingPeriod, units: list[OrgUnit], *, user: UserLike, at: dt.datetime) -> list[UnitReport]:
    UnitReport.objects.bulk_create(UnitReport(period=period, unit=unit) for unit in units)
    reports = list(UnitReport.objects.filter(period=period, unit__in=units).select_related("unit", "period"))
    actor = user if getattr(user, "is_authenticated", False) else None
    ReportEvent.objects.bulk_create(
        ReportEvent(report=r, action=EventAction.ASSIGNED, actor=actor, at=at, state=r.state) for r in reports
    )
    notices.tell_assigned(period, reports)
    return reports


@transaction.atomic
def period_assign(
    *, period: ReportingPeriod, units: Iterable[OrgUnit], user: UserLike, now: dt.datetime | None = None
) -> list[UnitReport]:
    """Add units to a period (those already assigned are left as they are)."""
    if not may_manage_commune(user=user, commune_id=period.commune_id):
        raise PermissionDenied(ERR_NOT_MANAGER)
    wanted = _assigned_units(period.commune, (), units)
    present = set(period.reports.values_list("unit_id", flat=True))
    return _assign(period, [u for u in wanted if u.pk not in present], user=user, at=_now(now))


@transaction.atomic
def period_unassign(*, report: UnitReport, user: UserLike) -> None:
    report = _locked(report)
    if not may_manage_commune(user=user, commune_id=report.period.commune_id):
        raise PermissionDenied(ERR_NOT_MANAGER)
    if report.state != ReportState.NOT_STARTED:
        raise ValidationError(ERR_UNASSIGN_STARTED.format(unit=report.unit.name))
    report.delete()


# -- a unit's report ------------------------------------------------------------------------------


def _check_writer(user: UserLike, report: UnitReport) -> None:
    if not reports_writable(user=user).filter(pk=report.pk).exists():
        raise PermissionDenied(ERR_NOT_WRITER.format(unit=report.unit.name))


def _check_editable(report: UnitReport, today: dt.date) -> None:
    if report.state == ReportState.APPROVED:
        raise ValidationError(ERR_LOCKED, code="locked")
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(ERR_SUBMITTED, code="submitted")
    if not report.may_be_edited_on(today):
        assert report.period.expires_on is not None
        raise ValidationError(ERR_EXPIRED.format(date=date_numeric(report.period.expires_on)), code="expired")


def _answers(report: UnitReport, answers: dict[str, str]) -> dict[str, str]:
    ids = {str(pk) for pk in report.period.questions.values_list("pk", flat=True)}
    return {key: value.strip() for key, value in answers.items() if key in ids and value.strip()}


@transaction.atomic
def report_save(
    *, report: UnitReport, user: UserLike, version: int, text: ReportText, now: dt.datetime | None = None
) -> UnitReport:
    """Save the draft (a returned report stays returned until it is sent again)."""
    at = _now(now)
    current = _locked(report)
    _check_writer(user, current)
    _check_editable(current, timezone.localdate(at))
    if current.version != version:
        raise ReportConflictError(current)
    for name in SECTIONS:
        setattr(current, name, getattr(text, name).strip())
    current.answers = _answers(current, text.answers)
    if current.state == ReportState.NOT_STARTED:
        current.state = ReportState.DRAFT
    current.version += 1
    current.updated_by, current.updated_at = user, at
    current.full_clean()
    current.save()
    _event(current, EventAction.SAVED, user, at)
    return current


def missing_sections(report: UnitReport) -> dict[str, str]:
    """What blocks submission, by form field, in Vietnamese."""
    problems: dict[str, str] = {}
    if not report.period.is_ad_hoc:
        for name in REQUIRED_SECTIONS:
            if not getattr(report, name).strip():
                problems[name] = ERR_SECTION_MISSING.format(section=SECTIONS[name])
    for number, question in enumerate(report.period.questions.all(), start=1):
        if question.required and not str(report.answers.get(str(question.pk), "")).strip():
            problems[f"answer_{question.pk}"] = ERR_ANSWER_MISSING.format(number=number, question=question.text)
    return problems


@transaction.atomic
def report_submit(*, report: UnitReport, user: UserLike, version: int, now: dt.datetime | None = None) -> UnitReport:
    """Send the saved report for review; its figures are frozen as they are now."""
    at = _now(now)
    current = _locked(report)
    _check_writer(user, current)
    _check_editable(current, timezone.localdate(at))
    if current.version != version:
        raise ReportConflictError(current)
    problems = missing_sections(current)
    if problems:
        raise ValidationError(problems, code="missing")
    figures = live_figures(period=current.period, unit_ids=[current.unit_id])[current.unit_id]
    current.figures = figures.to_json()
    current.state = ReportState.SUBMITTED
    current.submitted_at, current.submitted_by = at, user
    if current.first_submitted_at is None:
        current.first_submitted_at = at
        current.on_time = timezone.localdate(at) <= current.period.deadline
    current.version += 1
    current.updated_by, current.updated_at = user, at
    current.full_clean()
    current.save()
    _event(current, EventAction.SUBMITTED, user, at)
    notices.tell_submitted(current, who=user.get_full_name(), time=timezone.localtime(at).strftime("%H:%M %d/%m/%Y"))
    return current


def _review(report: UnitReport, user: UserLike) -> UnitReport:
    current = _locked(report)
    if not may_review_commune(user=user, commune_id=current.period.commune_id):
        raise PermissionDenied(ERR_NOT_REVIEWER)
    return current


def is_author(*, report: UnitReport, user: UserLike) -> bool:
    """Whether the person wrote or sent the report (and so may not approve it)."""
    if report.submitted_by_id == user.pk:
        return True
    return report.events.filter(actor=user, action__in=[EventAction.SAVED, EventAction.SUBMITTED]).exists()


@transaction.atomic
def report_return(*, report: UnitReport, user: UserLike, comment: str, now: dt.datetime | None = None) -> UnitReport:
    at = _now(now)
    current = _review(report, user)
    if current.state != ReportState.SUBMITTED:
        raise ValidationError(ERR_NOT_WAITING.format(state=current.get_state_display().lower()))
    if not comment.strip():
        raise ValidationError({"comment": ERR_COMMENT_REQUIRED})
    current.state = ReportState.RETURNED
    current.reviewed_at, current.reviewed_by, current.review_comment = at, user, comment.strip()
    current.version += 1
    current.save()
    _event(current, EventAction.RETURNED, user, at, comment.strip())
    names = {"unit": current.unit.name, "title": current.period.title, "who": user.get_full_name()}
    notices.tell_reporters(
        current,
        event="returned",
        subject=notices.RETURNED.format(**names),
        body=notices.RETURNED_BODY.format(comment=current.review_comment, **names),
        email=True,
    )
    return current


@transaction.atomic
def report_approve(*, report: UnitReport, user: UserLike, now: dt.datetime | None = None) -> UnitReport:
    at = _now(now)
    current = _review(report, user)
    if current.state != ReportState.SUBMITTED:
        raise ValidationError(ERR_NOT_WAITING.format(state=current.get_state_display().lower()))
    if is_author(report=current, user=user):
        raise PermissionDenied(ERR_OWN_REPORT)
    current.state = ReportState.APPROVED
    current.reviewed_at, current.reviewed_by, current.review_comment = at, user, ""
    current.version += 1
    current.save()
    _event(current, EventAction.APPROVED, user, at)
    names = {"unit": current.unit.name, "title": current.period.title, "who": user.get_full_name()}
    notices.tell_reporters(
        current,
        event="approved",
        subject=notices.APPROVED.format(**names),
        body=notices.APPROVED_BODY.format(**names),
        email=False,
    )
    return current


@transaction.atomic
def report_reopen(*, report: UnitReport, user: UserLike, reason: str, now: dt.datetime | None = None) -> UnitReport:
    """Unlock an approved report for the unit to correct; who, when and why are kept."""
    at = _now(now)
    current = _review(report, user)
    if current.state != ReportState.APPROVED:
        raise ValidationError(ERR_NOT_APPROVED)
    if not reason.strip():
        raise ValidationError({"reason": ERR_REASON_REQUIRED})
    current.state = ReportState.RETURNED
    current.reviewed_at, current.reviewed_by, current.review_comment = at, user, reason.strip()
    current.version += 1
    current.save()
    _event(current, EventAction.REOPENED, user, at, reason.strip())
    names = {"unit": current.unit.name, "title": current.period.title, "who": user.get_full_name()}
    notices.tell_reporters(
        current,
        event="reopened",
        subject=notices.REOPENED.format(**names),
        body=notices.REOPENED_BODY.format(reason=current.review_comment, **names),
        email=True,
    )
    return current


@transaction.atomic
def report_unlock(
    *, report: UnitReport, user: UserLike, until: dt.date, reason: str = "", now: dt.datetime | None = None
) -> UnitReport:
    """A lock exception (DHIS2): the unit may write after the period's expiry, until `until`."""
    at = _now(now)
    current = _locked(report)
    if not may_manage_commune(user=user, commune_id=current.period.commune_id):
        raise PermissionDenied(ERR_NOT_MANAGER)
    today = timezone.localdate(at)
    if not current.period.is_expired(today):
        raise ValidationError(ERR_NOT_EXPIRED)
    if until < today:
        raise ValidationError({"until": ERR_UNLOCK_UNTIL})
    current.unlocked_until = until
    current.save(update_fields=["unlocked_until"])
    _event(current, EventAction.UNLOCKED, user, at, reason.strip() or f"Được sửa đến hết ngày {date_numeric(until)}.")
    return current


def report_text_of(report: UnitReport) -> ReportText:
    return ReportText(
        results=report.results,
        difficulties=report.difficulties,
        proposals=report.proposals,
        commendations=report.commendations,
        next_tasks=report.next_tasks,
        answers={str(k): str(v) for k, v in (report.answers or {}).items()},
    )
