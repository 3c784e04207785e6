"""Nhật ký thao tác in the back office menu, for those who audit a commune."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.audit.selectors import audit_communes_readable
from xaso.audit.views import AuditLogView


class AuditMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return audit_communes_readable(user=request.user).exists()


@hooks.register("register_admin_urls")
def audit_urls() -> list[Any]:
    return [path("nhat-ky/", AuditLogView.as_view(), name="audit_log")]


@hooks.register("register_admin_menu_item")
def audit_menu_item() -> MenuItem:
    return AuditMenuItem("Nhật ký thao tác", reverse("audit_log"), name="audit", icon_name="history", order=950)
