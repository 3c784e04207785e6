"""Back office: "Đưa xã lên Xã số" for a province's officers."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.backoffice.menu import PermissionMenuItem
from xaso.onboarding import admin_views as views

PREFIX = "dua-xa-len/"


@hooks.register("register_admin_urls")
def register_onboarding_urls() -> list[Any]:
    return [
        path(PREFIX, views.ProvinceView.as_view(), name="onboarding_province"),
        path(f"{PREFIX}them-xa/", views.CommuneNewView.as_view(), name="onboarding_commune_new"),
        path(f"{PREFIX}<int:pk>/", views.CommuneView.as_view(), name="onboarding_commune"),
        path(f"{PREFIX}<int:pk>/mau.xlsx", views.roster_template, name="onboarding_template"),
        path(f"{PREFIX}<int:pk>/phieu/", views.setup_sheet, name="onboarding_sheet"),
    ]


@hooks.register("register_admin_menu_item")
def register_onboarding_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Đưa xã lên Xã số",
        reverse("onboarding_province"),
        permission="onboarding.view_rosterimport",
        name="dua-xa-len",
        icon_name="site",
        order=150,
    )
