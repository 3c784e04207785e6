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
