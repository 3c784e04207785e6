"""Báo cáo in the back office: periods, unit reports, opening a period; the province's calendar."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.reporting import admin_periods, admin_province, admin_reports
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
    return ReportingMenuItem("Báo cáo", reverse("reporting_home"), name="bao-cao", icon_name="doc-full", order=250)
