"""Thông báo in the back office menu (with the number unread) and on the home page."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from xaso.notifications import admin_views
from xaso.notifications.selectors import notifications_for, notifications_unread_count
from xaso.units.selectors import scope_for

HOME_SHOWN = 5


class NotificationsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return not scope_for(user=request.user).is_empty

    def render_component(self, request: Any) -> Any:
        unread = notifications_unread_count(user=request.user)
        component = super().render_component(request)
        if unread:
            component.label = f"{self.label} ({unread} chưa đọc)"
        return component


class UnreadNotificationsPanel(Component):
    name = "unread_notifications"
    template_name = "notifications/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        unread = notifications_for(user=request.user).filter(read_at__isnull=True)
        return {"notifications": list(unread[:HOME_SHOWN]), "unread": unread.count()}


@hooks.register("register_admin_urls")
def register_notification_urls() -> list[Any]:
    return [
        path("thong-bao/", admin_views.NotificationsView.as_view(), name="notifications_list"),
        path("thong-bao/<int:pk>/", admin_views.notification_open, name="notifications_open"),
        path("thong-bao/da-doc/", admin_views.notifications_read_all, name="notifications_read_all"),
    ]


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item() -> MenuItem:
    return NotificationsMenuItem(
        "Thông báo", reverse("notifications_list"), name="thong-bao", icon_name="mail", order=80
    )


@hooks.register("construct_homepage_panels")
def add_unread_notifications_panel(request: Any, panels: list[Any]) -> None:
    panels.append(UnreadNotificationsPanel())
