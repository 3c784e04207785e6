"""Who hears about a report, and what they are told (in the back office, and by e-mail)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from xaso.notifications.models import Notification
from xaso.notifications.services import notifications_email_on_commit, notify
from xaso.reporting.models import ReportingPeriod, UnitReport
from xaso.units.models import Membership, OrgUnit, Role
from xaso.vi.dates import date_numeric

ASSIGNED = "Kỳ báo cáo mới: {title}"
ASSIGNED_BODY = (
    "{unit} cần gửi “{title}” (số liệu từ {start} đến {end}) chậm nhất ngày {deadline}. "
    "Báo cáo đã có sẵn số liệu đơn vị ghi nhận trong kỳ; hãy bổ sung kết quả, khó khăn, đề xuất rồi gửi."
)
SUBMITTED = "{unit} đã gửi “{title}”"
SUBMITTED_BODY = "{who} đã gửi báo cáo của {unit} lúc {time}. Báo cáo đang chờ duyệt."
AWAITING = "Chờ anh/chị duyệt: “{title}” của {unit}"
AWAITING_BODY = (
    "{who} đã gửi báo cáo của {unit} lúc {time}. Báo cáo đang chờ duyệt: mở báo cáo để duyệt, "
    "hoặc trả lại kèm ý kiến để đơn vị sửa."
)
RETURNED = "Báo cáo bị trả lại để sửa: {title}"
RETURNED_BODY = "{who} trả lại báo cáo của {unit} với ý kiến: {comment}\nHãy sửa rồi gửi lại."
APPROVED = "Báo cáo đã được duyệt: {title}"
APPROVED_BODY = "{who} đã duyệt báo cáo của {unit}. Báo cáo đã khóa."
REOPENED = "Báo cáo đã duyệt được mở lại: {title}"
REOPENED_BODY = "{who} mở lại báo cáo của {unit} để sửa, lý do: {reason}\nHãy sửa rồi gửi lại."
DUE = "Sắp đến hạn: {title} (còn {days} ngày)"
DUE_TODAY = "Hôm nay là hạn cuối: {title}"
DUE_BODY = "{unit} chưa gửi “{title}”. Hạn gửi: hết ngày {deadline}."
OVERDUE = "Quá hạn {days} ngày: {title}"
OVERDUE_BODY = (
    "{unit} chưa gửi “{title}”; hạn gửi là hết ngày {deadline} (đã quá {days} ngày). Báo cáo gửi muộn vẫn được nhận."
)


def report_url(report: UnitReport) -> str:
    return reverse("reporting_report", args=[report.pk])


def reporters_of(unit_ids: Iterable[int]) -> dict[int, list[Any]]:
    """unit id -> the active people who report for it."""
    people: dict[int, list[Any]] = {}
    rows = Membership.objects.filter(role=Role.REPORTER, unit_id__in=list(unit_ids), user__is_active=True)
    for membership in rows.select_related("user").order_by("pk"):
        people.setdefault(membership.unit_id, []).append(membership.user)
    return people


def office_of(commune_id: int) -> list[Any]:
    """The Culture–Social office: the people who own the commune's programme."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True, memberships__role=Role.PROGRAMME_OWNER, memberships__unit__commune_id=commune_id
        )
        .distinct()
    )


def leaders_of(commune_id: int) -> list[Any]:
    """The commune's leaders, who approve the units' reports."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, memberships__role=Role.LEADER, memberships__unit__commune_id=commune_id)
        .distinct()
        .order_by("pk")
    )


def province_officers_of(commune: OrgUnit) -> list[Any]:
    """The province's officers who follow this commune: a province viewer anywhere in its province
    (the Department is a unit of the province) follows every commune of it, as in xaso.units.selectors."""
    province_path = commune.path[: OrgUnit.steplen]
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.PROVINCE_VIEWER,
            memberships__unit__path__startswith=province_path,
        )
        .distinct()
        .order_by("pk")
    )


def send_notices(
    users: Iterable[Any], *, key: str, subject: str, body: str, url: str, email: bool
) -> list[Notification]:
    created = [notify(user=user, key=key, subject=subject, body=body, url=url, email=email) for user in users]
    sent = [n for n in created if n is not None]
    if email:
        notifications_email_on_commit(sent)
    return sent


def _names(report: UnitReport) -> dict[str, str]:
    return {"unit": report.unit.name, "title": report.period.title}


def tell_assigned(period: ReportingPeriod, reports: list[UnitReport]) -> None:
    people = reporters_of([r.unit_id for r in reports])
    for report in reports:
        send_notices(
            people.get(report.unit_id, []),
            key=f"reporting.report:{report.pk}:assigned",
            subject=ASSIGNED.format(title=period.title),
            body=ASSIGNED_BODY.format(
                unit=report.unit.name,
                title=period.title,
                start=date_numeric(period.data_start),
                end=date_numeric(period.data_end),
                deadline=date_numeric(period.deadline),
            ),
            url=report_url(report),
            email=True,
        )


def tell_submitted(report: UnitReport, *, who: str, time: str) -> None:
    send_notices(
        [u for u in office_of(report.period.commune_id) if u.pk != report.submitted_by_id],
        key=f"reporting.report:{report.pk}:submitted:{report.version}",
        subject=SUBMITTED.format(**_names(report)),
        body=SUBMITTED_BODY.format(who=who, time=time, **_names(report)),
        url=report_url(report),
        email=False,
    )
    # The leaders approve: they are told in the back office and by e-mail, since they seldom open it.
    send_notices(
        [u for u in leaders_of(report.period.commune_id) if u.pk != report.submitted_by_id],
        key=f"reporting.report:{report.pk}:awaiting:{report.version}",
        subject=AWAITING.format(**_names(report)),
        body=AWAITING_BODY.format(who=who, time=time, **_names(report)),
        url=report_url(report),
        email=True,
    )


def tell_reporters(report: UnitReport, *, event: str, subject: str, body: str, email: bool) -> None:
    send_notices(
        reporters_of([report.unit_id]).get(report.unit_id, []),
        key=f"reporting.report:{report.pk}:{event}:{report.version}",
        subject=subject,
        body=body,
        url=report_url(report),
        email=email,
    )


def tell_reminder(report: UnitReport, *, kind: str, threshold: int, days: int) -> int:
    """A reminder to the unit's reporters, once per report and threshold; returns how many were new."""
    period = report.period
    names = {"unit": report.unit.name, "title": period.title, "deadline": date_numeric(period.deadline)}
    if kind == "due":
        subject = DUE.format(days=days, **names) if days else DUE_TODAY.format(**names)
        body = DUE_BODY.format(**names)
    else:
        subject, body = OVERDUE.format(days=days, **names), OVERDUE_BODY.format(days=days, **names)
    sent = send_notices(
        reporters_of([report.unit_id]).get(report.unit_id, []),
        key=f"reporting.report:{report.pk}:{kind}:{threshold}",
        subject=subject,
        body=body,
        url=report_url(report),
        email=True,
    )
    return len(sent)
