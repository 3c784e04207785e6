"""The dashboard in the back office menu and its URLs; access follows the person's scope."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.indicators import views
from xaso.indicators.report import activity_sections
from xaso.units.selectors import scope_for


class DashboardMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return not scope_for(user=request.user).is_empty


class ProvinceMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        scope = scope_for(user=request.user)
        return scope.is_superuser or bool(scope.viewed_province_paths)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item() -> MenuItem:
    return DashboardMenuItem(
        "Tiến độ chương trình", reverse("indicators_dashboard"), name="bang-dieu-hanh", icon_name="view", order=90
    )


@hooks.register("register_admin_menu_item")
def province_menu_item() -> MenuItem:
    return ProvinceMenuItem(
        "Tổng hợp các xã", reverse("indicators_province"), name="tong-hop-cac-xa", icon_name="site", order=95
    )


@hooks.register("register_admin_urls")
def register_dashboard_urls() -> list[Any]:
    return [
        path("chuong-trinh/", views.DashboardView.as_view(), name="indicators_dashboard"),
        path("chuong-trinh/xuat.<str:fmt>", views.dashboard_export, name="indicators_export"),
        path("chuong-trinh/chi-so/<str:key>/", views.IndicatorDetailView.as_view(), name="indicators_detail"),
        path("chuong-trinh/cac-xa/", views.ProvinceView.as_view(), name="indicators_province"),
        path("chuong-trinh/cac-xa/xuat.<str:fmt>", views.province_export, name="indicators_province_export"),
    ]


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", activity_sections)
