"""Báo cáo in the back office: periods, unit reports, opening a period; the province's calendar."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.reporting import admin_periods, admin_province, admin_reports
from xaso.reporting.report import target_sections
from xaso.units.selectors import scope_for


class ReportingMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("reporting.view_unitreport")) and not scope_for(user=request.user).is_empty


@hooks.register("register_admin_urls")
def register_reporting_urls() -> list[Any]:
    return [
        path("bao-cao/", admin_periods.ReportingHomeView.as_view(), name="reporting_home"),
        path("bao-cao/cac-xa/", admin_province.ProvinceView.as_view(), name="reporting_province"),
        path("bao-cao/mo-ky/", admin_periods.PeriodOpenView.as_view(), name="reporting_open"),
        path("bao-cao/ky/<int:pk>/", admin_periods.PeriodView.as_view(), name="reporting_period"),
        path("bao-cao/don-vi/<int:pk>/", admin_reports.ReportView.as_view(), name="reporting_report"),
    ]


@hooks.register("register_admin_menu_item")
def register_reporting_menu_item() -> MenuItem:
    return ReportingMenuItem(
        "Báo cáo định kỳ", reverse("reporting_home"), name="bao-cao", icon_name="doc-full", order=250
    )


@hooks.register("programme_dashboard_panels")
def reporting_rates_panel(*, request: Any, dashboard: Any) -> dict[str, Any] | None:
    """Reporting and on-time rates on the programme dashboard: of the commune, or of the unit shown."""
    from django.utils import timezone

    from xaso.reporting.selectors import assignments_readable, rates_total, reporting_rates

    reports = assignments_readable(user=request.user).filter(period__commune=dashboard.commune)
    if not dashboard.is_commune:
        reports = reports.filter(unit=dashboard.unit)
    rates = reporting_rates(reports=reports, by="period", today=timezone.localdate())
    if not rates:
        return None
    periods = {p.pk: p for p in dashboard.commune.reporting_periods.filter(pk__in=list(rates))}
    rows = sorted(((periods[pk], r) for pk, r in rates.items()), key=lambda row: row[0].deadline, reverse=True)
    return {
        "template": "reporting/admin/_dashboard_rates.html",
        "is_commune": dashboard.is_commune,
        "total": rates_total(rates),
        "rows": rows[:6],
    }


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", target_sections)
