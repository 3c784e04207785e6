"""Back office: "Kế hoạch từ văn bản" (upload, review side by side, correct, confirm)."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.backoffice.menu import PermissionMenuItem
from xaso.intake import admin_views as views

PREFIX = "ke-hoach/tu-van-ban/"


@hooks.register("register_admin_urls")
def register_intake_urls() -> list[Any]:
    return [
        path(PREFIX, views.DraftListView.as_view(), name="intake_drafts"),
        path(f"{PREFIX}<uuid:pk>/", views.DraftView.as_view(), name="intake_draft"),
        path(f"{PREFIX}<uuid:pk>/trang-thai/", views.draft_status, name="intake_draft_status"),
        path(f"{PREFIX}<uuid:pk>/van-ban-goc/", views.draft_source, name="intake_draft_source"),
        path(f"{PREFIX}<uuid:pk>/sua/", views.DraftEditView.as_view(), name="intake_draft_edit"),
        path(f"{PREFIX}<uuid:pk>/don-vi/", views.DraftUnitsView.as_view(), name="intake_draft_units"),
        path(f"{PREFIX}<uuid:pk>/xac-nhan/", views.draft_confirm_view, name="intake_draft_confirm"),
    ]


@hooks.register("register_admin_menu_item")
def register_intake_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Kế hoạch từ văn bản",
        reverse("intake_drafts"),
        permission="intake.view_plandraft",
        name="ke-hoach-tu-van-ban",
        icon_name="doc-full",
        order=205,
    )
