"""The back-office page "Văn bản theo Nghị định 30"."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.backoffice.menu import PermissionMenuItem
from xaso.documents.admin_views import RenderJobsView


@hooks.register("register_admin_urls")
def register_document_urls() -> list[Any]:
    return [path("van-ban/", RenderJobsView.as_view(), name="documents_render_jobs")]


@hooks.register("register_admin_menu_item")
def register_document_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Văn bản theo NĐ 30",
        reverse("documents_render_jobs"),
        permission="documents.view_renderjob",
        name="van-ban",
        icon_name="doc-full",
        order=260,
    )
