"""The villages' teams in the back office: menu, screens, member and platform lists, a home panel."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.units.scoping import ScopedSnippetViewSet
from xaso.villages import selectors, views
from xaso.villages.forms import PlatformForm, TeamMemberForm
from xaso.villages.models import Platform, TeamMember
from xaso.villages.report import village_sections


class TeamMemberViewSet(ScopedSnippetViewSet):
    model = TeamMember
    icon = "user"
    menu_label = "Thành viên tổ"
    menu_name = "team_members"
    url_prefix = "to-cong-nghe-so/thanh-vien"
    list_display = ["full_name", "village", "role", "phone", "is_active"]
    list_filter = ["village", "role", "is_active"]
    search_fields = ["full_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("village", widget=forms.Select), FieldPanel("role")]),
            FieldRowPanel([FieldPanel("full_name"), FieldPanel("phone")]),
            FieldPanel("is_active"),
        ],
        base_form_class=TeamMemberForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("village")


class PlatformViewSet(ScopedSnippetViewSet):
    model = Platform
    icon = "link"
    menu_label = "Sàn thương mại điện tử"
    menu_name = "platforms"
    url_prefix = "to-cong-nghe-so/san"
    list_display = ["name", "commune", "sort_order", "is_active"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune", widget=forms.Select),
            FieldRowPanel([FieldPanel("name"), FieldPanel("sort_order"), FieldPanel("is_active")]),
        ],
        base_form_class=PlatformForm,
    )


class VillagesMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return selectors.villages_readable(user=request.user).exists()


class VillagesGroup(SnippetViewSetGroup):
    items = (TeamMemberViewSet, PlatformViewSet)
    menu_icon = "group"
    menu_label = "Tổ công nghệ số"
    menu_name = "to-cong-nghe-so"
    menu_order = 160

    def get_submenu_items(self) -> list[MenuItem]:
        return [
            VillagesMenuItem("Số liệu các thôn", reverse("villages_index"), name="villages-figures", icon_name="view"),
            *super().get_submenu_items(),
        ]


register_snippet(VillagesGroup)


@hooks.register("register_admin_urls")
def register_village_urls() -> list[Any]:
    return [
        path("to-cong-nghe-so/", views.VillagesIndexView.as_view(), name="villages_index"),
        path("to-cong-nghe-so/<int:pk>/", views.VillageDashboardView.as_view(), name="villages_village"),
        path("to-cong-nghe-so/<int:pk>/ho-tro/", views.VisitFormView.as_view(), name="villages_visit_add"),
        path("to-cong-nghe-so/<int:pk>/so-ho/", views.SnapshotView.as_view(), name="villages_snapshot"),
        path("to-cong-nghe-so/ho-tro/<int:visit>/", views.VisitFormView.as_view(), name="villages_visit_edit"),
        path("to-cong-nghe-so/ho-tro/<int:visit>/xoa/", views.VisitDeleteView.as_view(), name="villages_visit_delete"),
    ]


class VillageHeadPanel(Component):
    """On the back office's home page, a village head finds his two quick forms first."""

    name = "villages"
    order = 50
    template_name = "villages/admin/home_panel.html"

    def __init__(self, villages: list[Any]):
        self.villages = villages

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"villages": self.villages}


@hooks.register("construct_homepage_panels")
def village_head_panel(request: HttpRequest, panels: list[Any]) -> None:
    villages = list(selectors.villages_writable(user=request.user).order_by("path")[:6])
    # The office writes every village of the commune: its way in is the menu, not six panels.
    if villages and len(villages) <= 2:
        panels.append(VillageHeadPanel(villages))


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", village_sections)
