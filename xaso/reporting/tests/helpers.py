"""Helpers to move the demo commune's reports through the workflow at given moments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaso.reporting.models import ReportingPeriod, UnitReport
from xaso.reporting.services import ReportText, report_save, report_submit
from xaso.units.models import OrgUnit

HANOI = dt.timezone(dt.timedelta(hours=7))
# 20/5/2026, 09:00 in Hà Nội: the half-year period (data to 31/5, deadline 05/6) is running.
OPENED_AT = dt.datetime(2026, 5, 20, 2, 0, tzinfo=dt.UTC)
FULL_TEXT = ReportText(
    results="Tổ chức 2 buổi ngoại khóa về chuyển đổi số cho 320 học sinh.",
    difficulties="Phòng máy tính còn thiếu.",
    proposals="Đề nghị hỗ trợ 10 máy tính.",
    commendations="Đề nghị biểu dương em Nông Văn Bình.",
)


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def at(day: int, month: int = 6, hour: int = 9) -> dt.datetime:
    """A moment of 2026 in Hà Nội (UTC+7)."""
    return dt.datetime(2026, month, day, hour, 0, tzinfo=HANOI).astimezone(dt.UTC)


def report_of(period: ReportingPeriod, code: str) -> UnitReport:
    return UnitReport.objects.select_related("period", "unit").get(period=period, unit__code=code)


def write(
    report: UnitReport, user: Any, text: ReportText = FULL_TEXT, *, when: dt.datetime | None = None
) -> UnitReport:
    return report_save(report=report, user=user, version=report.version, text=text, now=when or at(1))


def send(report: UnitReport, user: Any, text: ReportText = FULL_TEXT, *, when: dt.datetime | None = None) -> UnitReport:
    saved = write(report, user, text, when=when)
    return report_submit(report=saved, user=user, version=saved.version, now=when or at(1))


PRIMARY_TEXT = ReportText(
    results="Tổ chức cuộc thi “Em yêu khoa học” cho 210 học sinh.\nLồng ghép nội dung chuyển đổi số vào tiết sinh hoạt lớp.",
    difficulties="Giáo viên tin học còn thiếu.",
    proposals="Đề nghị bổ sung 01 giáo viên tin học.",
    next_tasks="Tổ chức ngày hội STEM vào tháng 10.",
)
VILLAGE_TEXT = ReportText(
    results="Tổ công nghệ số hướng dẫn 45 hộ cài ứng dụng VNeID và thanh toán không dùng tiền mặt.",
    difficulties="Sóng điện thoại yếu ở khu Nà Pàn trên.",
    proposals="Không có.",
)
OFFICE_TEXT = ReportText(results="Phổ biến cho 3 doanh nghiệp.", difficulties="Không có.", proposals="Không có.")
RETURN_COMMENT = "Bổ sung số doanh nghiệp được phổ biến theo từng tháng."


def run_cycle(demo: Any, period: ReportingPeriod) -> None:
    """Activities logged, four units send (the primary school late), one returned, three approved."""
    from xaso.reporting.services import report_approve, report_return
    from xaso.testing.factories import activity

    tasks = period.plan.tasks.all()
    activity(
        unit("ls-hvt-thcs"),
        kind="extracurricular",
        audience="schools",
        participants=320,
        officials=0,
        pupils=300,
        tasks=tasks.filter(code="NV-2.1"),
    )
    activity(
        unit("ls-hvt-th"),
        kind="contest",
        audience="schools",
        participants=210,
        officials=0,
        pupils=210,
        tasks=tasks.filter(code="NV-2.1"),
    )
    activity(
        unit("ls-hvt-t-napan"),
        kind="digital_support",
        audience="residents",
        participants=45,
        officials=0,
        residents=45,
        tasks=tasks.filter(group__key="mass_media")[:1],
    )
    activity(unit("ls-hvt-kt"), kind="enterprise_session", audience="enterprises", participants=12, officials=0)
    send(report_of(period, "ls-hvt-thcs"), demo.mai, when=at(4))
    send(report_of(period, "ls-hvt-th"), demo.ha, PRIMARY_TEXT, when=at(8))
    send(report_of(period, "ls-hvt-t-napan"), demo.son, VILLAGE_TEXT, when=at(4, hour=16))  # the last day on time
    send(report_of(period, "ls-hvt-kt"), demo.tuan, OFFICE_TEXT, when=at(4))
    report_return(report=report_of(period, "ls-hvt-kt"), user=demo.lan, comment=RETURN_COMMENT, now=at(9))
    for code in ("ls-hvt-thcs", "ls-hvt-th", "ls-hvt-t-napan"):
        report_approve(report=report_of(period, code), user=demo.hung, now=at(9))
