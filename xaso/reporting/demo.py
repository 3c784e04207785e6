"""Demo reporting (made up): the commune's annual report of the current year is open; the lower
secondary school's report is approved, Nà Pàn's is waiting for review, the Economic office's is a draft.

Idempotent: nothing is added when the period already exists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from xaso.plans.models import Plan
from xaso.reporting.models import PeriodKind, ReportingPeriod, UnitReport
from xaso.reporting.services import LATE_KEEP, ReportText, period_open, report_approve, report_save, report_submit

Log = Callable[[str], None]

TEXTS = {
    "ls-hvt-thcs": ReportText(
        results="Tổ chức 4 buổi ngoại khóa về chuyển đổi số, an toàn trên mạng cho học sinh khối 8, 9.",
        difficulties="Phòng máy tính còn thiếu, đường truyền chậm.",
        proposals="Đề nghị hỗ trợ 10 máy tính cho phòng tin học.",
        commendations="Đề nghị biểu dương Câu lạc bộ Tin học trẻ.",
        next_tasks="Tổ chức ngày hội STEM của trường.",
    ),
    "ls-hvt-t-napan": ReportText(
        results="Tổ công nghệ số cộng đồng hướng dẫn các hộ cài VNeID và thanh toán không dùng tiền mặt.",
        difficulties="Sóng điện thoại yếu ở khu trên.",
        proposals="Không có.",
    ),
    "ls-hvt-kt": ReportText(results="Phổ biến cho các hợp tác xã, doanh nghiệp về thương mại điện tử."),
}


def load_demo_reporting(log: Log) -> None:
    plan = Plan.objects.filter(code="33/KH-UBND", is_active=True).select_related("commune").first()
    if plan is None:
        return
    year = min(max(timezone.localdate().year, plan.start_year), plan.end_year)
    if ReportingPeriod.objects.filter(commune=plan.commune, kind=PeriodKind.YEAR, year=year).exists():
        return
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["vhxh.lan", "pct.hung", "thcs.mai", "thon.napan", "kinhte.tuan"]
        )
    }
    if len(users) < 5:
        return
    period = period_open(commune=plan.commune, kind=PeriodKind.YEAR, year=year, user=users["vhxh.lan"], late=LATE_KEEP)
    writers = {"ls-hvt-thcs": "thcs.mai", "ls-hvt-t-napan": "thon.napan", "ls-hvt-kt": "kinhte.tuan"}
    for code, username in writers.items():
        report = UnitReport.objects.get(period=period, unit__code=code)
        if not report.may_be_edited_on(timezone.localdate()):
            continue
        saved = report_save(report=report, user=users[username], version=report.version, text=TEXTS[code])
        if code != "ls-hvt-kt":
            saved = report_submit(report=saved, user=users[username], version=saved.version)
        if code == "ls-hvt-thcs":
            report_approve(report=saved, user=users["pct.hung"])
    log(f"Đã mở “{period.title}” (dữ liệu mẫu): 1 báo cáo đã duyệt, 1 chờ duyệt, 1 đang soạn.")
